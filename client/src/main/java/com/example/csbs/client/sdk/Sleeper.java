package com.example.csbs.client.sdk;

import java.time.Duration;

/**
 * How the layer waits between retries and polls. {@link #real()} sleeps; a test passes one that moves
 * its clock (with the stub's, {@code StubOptions.withClock}), so that nothing really waits.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return duration -> {
            if (!duration.isZero() && !duration.isNegative()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
