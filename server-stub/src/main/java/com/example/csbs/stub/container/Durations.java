package com.example.csbs.stub.container;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them ({@code 0}, {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}) or in ISO-8601 ({@code PT3S}). */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private Durations() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the value */
    public static Duration parse(String value) {
        String text = value.trim();
        Matcher simple = SIMPLE.matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = simple.group(2);
            if (unit == null && amount != 0) {
                throw new IllegalArgumentException("'" + value + "' needs a unit: ms, s, m or h");
            }
            return switch (unit == null ? "s" : unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(text);
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("'" + value + "' is negative");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a duration (0, 500ms, 3s, 2m or PT3S)");
        }
    }
}
