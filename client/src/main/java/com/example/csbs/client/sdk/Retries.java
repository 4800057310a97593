package com.example.csbs.client.sdk;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How calls that the spec marks safe to repeat ({@code x-csbs-idempotent: true}) are retried after no
 * answer, 429 or 5xx: at most {@code maxAttempts} requests in all, none started after {@code totalTime}
 * from the first, waiting between them a random time up to {@code initialBackoff * 2^(retry-1)}, capped at
 * {@code maxBackoff} ("full jitter", so that many clients do not retry in step). A {@code Retry-After}
 * of the answer, in seconds, is waited at least. Other calls are sent once.
 */
public record Retries(int maxAttempts, Duration totalTime, Duration initialBackoff, Duration maxBackoff) {

    public Retries {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (totalTime.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("durations must not be negative and maxBackoff not under initialBackoff");
        }
    }

    /** 4 attempts within 30 s, backing off from 200 ms up to 5 s. */
    public static Retries standard() {
        return new Retries(4, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5));
    }

    /** Every call sent once. */
    public static Retries none() {
        return new Retries(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public Retries withMaxAttempts(int maxAttempts) {
        return new Retries(maxAttempts, totalTime, initialBackoff, maxBackoff);
    }

    public Retries withTotalTime(Duration totalTime) {
        return new Retries(maxAttempts, totalTime, initialBackoff, maxBackoff);
    }

    public Retries withBackoff(Duration initialBackoff, Duration maxBackoff) {
        return new Retries(maxAttempts, totalTime, initialBackoff, maxBackoff);
    }

    /** The wait before retry number {@code retry} (1 for the second attempt): full jitter. */
    Duration backoff(int retry, RandomGenerator random) {
        long ceiling = initialBackoff.toNanos();
        for (int i = 1; i < retry && ceiling < maxBackoff.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toNanos());
        return ceiling <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(ceiling + 1));
    }
}
