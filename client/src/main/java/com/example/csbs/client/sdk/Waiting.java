package com.example.csbs.client.sdk;

import java.time.Duration;

/** How long a wait lasts at most, and how often it asks CSBS in the meantime. */
public record Waiting(Duration timeout, Duration pollEvery) {

    public Waiting {
        if (timeout.isNegative() || pollEvery.isNegative() || pollEvery.isZero()) {
            throw new IllegalArgumentException("timeout must not be negative, pollEvery must be positive");
        }
    }

    /** 30 minutes (CSBS's own bound for a deletion), polling every 10 s. */
    public static Waiting standard() {
        return new Waiting(Duration.ofMinutes(30), Duration.ofSeconds(10));
    }

    /** At most {@code timeout}, polling every 10 s. */
    public static Waiting atMost(Duration timeout) {
        return new Waiting(timeout, Duration.ofSeconds(10));
    }

    public Waiting pollingEvery(Duration pollEvery) {
        return new Waiting(timeout, pollEvery);
    }
}
