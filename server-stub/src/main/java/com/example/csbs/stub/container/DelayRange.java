package com.example.csbs.stub.container;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A response delay: fixed ({@code 200ms}) or drawn evenly from a range ({@code 100ms..800ms}) for each
 * request. At most {@link #MAX}: longer is not latency but a hang.
 */
public record DelayRange(Duration min, Duration max) {

    public static final Duration MAX = Duration.ofMinutes(1);
    public static final DelayRange NONE = new DelayRange(Duration.ZERO, Duration.ZERO);
    public static final String SYNTAX = "a duration like 800ms or a range like 100ms..800ms, at most 60s";

    public DelayRange {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("a delay range goes from its lower to its upper bound, was " + min + ".." + max);
        }
        if (max.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a delay is at most 60s, was " + max.toMillis() + "ms");
        }
    }

    /** {@code 200ms} or {@code 100ms..800ms}. @throws IllegalArgumentException naming what is wrong */
    public static DelayRange parse(String text) {
        int dots = text.indexOf("..");
        try {
            if (dots < 0) {
                Duration fixed = Durations.parse(text);
                return new DelayRange(fixed, fixed);
            }
            return new DelayRange(Durations.parse(text.substring(0, dots)), Durations.parse(text.substring(dots + 2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + SYNTAX + ": " + e.getMessage(), e);
        }
    }

    public boolean isNone() {
        return max.isZero();
    }

    /** This request's delay in milliseconds. */
    public long nextMillis() {
        long low = min.toMillis();
        long high = max.toMillis();
        return low == high ? low : ThreadLocalRandom.current().nextLong(low, high + 1);
    }

    @Override
    public String toString() {
        return min.equals(max) ? min.toMillis() + "ms" : min.toMillis() + "ms.." + max.toMillis() + "ms";
    }
}
