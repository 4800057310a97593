package com.example.csbs.stub.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** The pages' timestamp style: UTC without an offset, microseconds ({@code 2016-12-06T21:20:29.898823}). */
public final class Timestamps {

    private static final DateTimeFormatter PAGE_STYLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    // The spec's pattern for timestamps: seconds, then up to six fraction digits.
    private static final Pattern SPEC_PATTERN = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?");

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000};

    private Timestamps() {
    }

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 1 || time.getYear() > 9999) { // "yyyy" is the year of the era: year 0 is 1 BC
            return time.format(PAGE_STYLE);
        }
        // By hand for years of four digits: every answer has a few of these, and the formatter's general
        // machinery was over 1 % of a POST under load.
        StringBuilder text = new StringBuilder(26);
        digits(text, time.getYear(), 4).append('-');
        digits(text, time.getMonthValue(), 2).append('-');
        digits(text, time.getDayOfMonth(), 2).append('T');
        digits(text, time.getHour(), 2).append(':');
        digits(text, time.getMinute(), 2).append(':');
        digits(text, time.getSecond(), 2).append('.');
        return digits(text, time.getNano() / 1000, 6).toString();
    }

    // value has at most width digits here
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        for (int unit = POWERS_OF_TEN[width - 1]; unit > 0; unit /= 10) {
            text.append((char) ('0' + value / unit % 10));
        }
        return text;
    }

    /**
     * A query parameter's timestamp ({@code 2017-04-18T01:21:52.701973} or {@code 2017-04-15T04:25:38}).
     *
     * @throws CsbsException 400 CSBS.9001 naming the parameter when it is not one
     */
    public static Instant parse(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (SPEC_PATTERN.matcher(value).matches()) {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            // a well-formed but impossible date (month 13): the same answer as a malformed one
        }
        throw CsbsException.invalidParameter(parameter + " must be a UTC time like 2017-04-18T01:21:52.701973");
    }
}
