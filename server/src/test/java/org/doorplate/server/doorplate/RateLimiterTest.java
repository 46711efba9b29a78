package org.doorplate.server.doorplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies the token buckets that limit citizen reports. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RateLimiterTest {
    private final MutableClock clock = new MutableClock();

    @Test
    void aFloodIsRefusedWithATimeToWaitAndAdmittedAgainLater() {
        // GIVEN 3 reports per minute
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), clock);

        // WHEN 4 arrive at once
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire("10.0.0.1").isEmpty());
        }
        Duration wait = limiter.acquire("10.0.0.1").orElseThrow();

        // THEN the fourth waits about a third of the window, other keys are not affected,
        // and once that time has passed one more is admitted
        assertEquals(20, wait.toSeconds());
        assertTrue(limiter.acquire("10.0.0.2").isEmpty());
        clock.advance(Duration.ofSeconds(20));
        assertTrue(limiter.acquire("10.0.0.1").isEmpty());
        assertTrue(limiter.acquire("10.0.0.1").isPresent());
    }

    @Test
    void aReleasedTokenCanBeUsedAgain() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofHours(1), clock);
        assertTrue(limiter.acquire("plate").isEmpty());
        limiter.release("plate");
        assertTrue(limiter.acquire("plate").isEmpty());
        assertTrue(limiter.acquire("plate").isPresent());
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-06-01T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
