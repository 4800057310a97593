package com.example.csbs.contract.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rate limit on a clock the test moves: what it waits, never how long a machine takes. */
class RateLimiterTest {

    private long now = 5_000_000_000L;
    private final List<Duration> waited = new ArrayList<>();
    private final RateLimiter tenPerSecond = new RateLimiter(10, () -> now, duration -> {
        waited.add(duration);
        now += duration.toNanos();
    });

    @Test
    void spacesRequestsEvenly() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            tenPerSecond.acquire();
        }

        assertThat(waited).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100));
    }

    @Test
    void waitsOnlyForWhatIsLeftOfTheInterval() throws InterruptedException {
        tenPerSecond.acquire();
        now += 30_000_000L;
        tenPerSecond.acquire();

        assertThat(waited).containsExactly(Duration.ofMillis(70));
    }

    @Test
    void doesNotSaveUpForABurstAfterAPause() throws InterruptedException {
        tenPerSecond.acquire();
        now += 10_000_000_000L;
        tenPerSecond.acquire();
        tenPerSecond.acquire();

        assertThat(waited).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void refusesARateThatIsNotPositive() {
        assertThatThrownBy(() -> new RateLimiter(0, System::nanoTime, duration -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a rate must be above 0, was 0.0");
    }
}
