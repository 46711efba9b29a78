package org.doorplate.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JitterTest {
    private static final Duration INTERVAL = Duration.ofMinutes(15);

    @Test
    void jitteredIntervalsStayWithinTheFraction() {
        // GIVEN a 10% jitter
        Jitter jitter = new Jitter(new SplittableRandom(7), 0.1);

        // WHEN many intervals are drawn
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long ms = jitter.apply(INTERVAL).toMillis();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
        }

        // THEN all lie within 90%..110% of the interval and the spread uses most of that range
        assertTrue(min >= INTERVAL.toMillis() * 0.9, "shortest " + min);
        assertTrue(max <= INTERVAL.toMillis() * 1.1, "longest " + max);
        assertTrue(max - min > INTERVAL.toMillis() * 0.19, "spread " + (max - min));
    }

    @Test
    void zeroJitterKeepsTheNominalInterval() {
        Jitter jitter = new Jitter(new SplittableRandom(7), 0);

        assertEquals(INTERVAL, jitter.apply(INTERVAL));
    }

    @Test
    void fractionOutsideItsRangeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new Jitter(new SplittableRandom(1), 0.7));

        assertTrue(e.getMessage().contains("0.7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Jitter(new SplittableRandom(1), -0.1));
        assertThrows(IllegalArgumentException.class, () -> new Jitter(new SplittableRandom(1), Double.NaN));
    }
}
