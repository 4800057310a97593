package com.example.csbs.contract.check;

import java.time.Duration;
import java.util.function.LongSupplier;

/** At most a given number of requests per second, evenly spaced; or no limit. */
final class RateLimiter {

    /** Waits; tests pass one that records instead. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long next = Long.MIN_VALUE;

    RateLimiter(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a rate must be above 0, was " + perSecond);
        }
        this.intervalNanos = Math.round(1e9 / perSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    static RateLimiter perSecond(double perSecond) {
        return new RateLimiter(perSecond, System::nanoTime, duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000));
    }

    static RateLimiter unlimited() {
        return new RateLimiter(Double.POSITIVE_INFINITY, System::nanoTime, duration -> { });
    }

    /** Returns when the next request may go: at once, or a whole interval after the one before. */
    synchronized void acquire() throws InterruptedException {
        if (intervalNanos == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        long slot = next == Long.MIN_VALUE ? now : Math.max(now, next);
        next = slot + intervalNanos;
        if (slot > now) {
            sleeper.sleep(Duration.ofNanos(slot - now));
        }
    }
}
