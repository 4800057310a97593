package com.example.csbs.stub.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Timestamps#format} writes by hand what the formatter of the pages' style writes. */
class TimestampsTest {

    private static final DateTimeFormatter PAGE_STYLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    @ParameterizedTest
    @ValueSource(strings = {"2016-12-06T21:20:29.898823Z", "2017-04-15T04:25:38Z", "1970-01-01T00:00:00.000001Z",
            "0001-01-01T00:00:00Z", "0000-06-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T09:05:07.000500Z"})
    void writesThePagesStyle(String instant) {
        assertEquals(formatter(Instant.parse(instant)), Timestamps.format(Instant.parse(instant)));
    }

    @Test
    void writesWhatTheFormatterWritesAcrossFourDigitYears() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 10_000; i++) {
            Instant time = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertEquals(formatter(time), Timestamps.format(time));
        }
    }

    @Test
    void leavesOtherYearsToTheFormatter() {
        Instant time = Instant.parse("+10000-01-01T00:00:00Z");
        assertEquals(formatter(time), Timestamps.format(time));
    }

    private static String formatter(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneOffset.UTC).format(PAGE_STYLE);
    }
}
