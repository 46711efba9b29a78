package org.doorplate.sim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadPlanTest {
    @Test
    void stepPlanSendsRateTimesDuration() {
        // GIVEN 200 msgs/s for 30 s without a ramp
        LoadPlan plan = new LoadPlan(200, Duration.ZERO, Duration.ofSeconds(30), Long.MAX_VALUE);

        // THEN 6000 messages, evenly 5 ms apart
        assertEquals(6000, plan.totalMessages());
        assertEquals(Duration.ofMillis(5), plan.dueAt(0));
        assertEquals(Duration.ofMillis(10), plan.dueAt(1));
        assertEquals(Duration.ofSeconds(30), plan.dueAt(5999));
        assertEquals(1000, plan.dueBy(Duration.ofSeconds(5)));
    }

    @Test
    void rampSendsHalfTheRateOverItsLength() {
        // GIVEN 100 msgs/s reached after a 10 s ramp, 20 s in all
        LoadPlan plan = new LoadPlan(100, Duration.ofSeconds(10), Duration.ofSeconds(20), Long.MAX_VALUE);

        // THEN the ramp carries 100 x 10 / 2 = 500 and the plateau 1000
        assertEquals(500, plan.dueBy(Duration.ofSeconds(10)));
        assertEquals(1500, plan.totalMessages());
        // a quarter of the way up the ramp: 100 x 2.5^2 / 20 = 31.25
        assertEquals(31, plan.dueBy(Duration.ofMillis(2500)));
        assertEquals(50, plan.rateAt(Duration.ofSeconds(5)), 1e-9);
        assertEquals(100, plan.rateAt(Duration.ofSeconds(15)), 1e-9);
    }

    @Test
    void dueTimesInvertTheDueCount() {
        LoadPlan plan = new LoadPlan(250, Duration.ofSeconds(4), Duration.ofSeconds(12), Long.MAX_VALUE);

        Duration previous = Duration.ZERO;
        for (long n = 0; n < plan.totalMessages(); n++) {
            Duration at = plan.dueAt(n);
            // message n is due exactly when the count reaches n + 1, and never before the last one
            assertEquals(n + 1, plan.dueBy(at.plusNanos(1)), "message " + n);
            assertTrue(at.compareTo(previous) >= 0, "message " + n + " is due before " + (n - 1));
            previous = at;
        }
    }

    @Test
    void countCapEndsThePlanEarly() {
        LoadPlan plan = new LoadPlan(1000, Duration.ZERO, Duration.ofSeconds(60), 250);

        assertEquals(250, plan.totalMessages());
        assertEquals(250, plan.dueBy(Duration.ofSeconds(59)));
        assertThrows(IllegalArgumentException.class, () -> plan.dueAt(250));
    }

    @Test
    void unboundedPlansAreRefused() {
        assertThrows(IllegalArgumentException.class,
            () -> new LoadPlan(0, Duration.ZERO, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class,
            () -> new LoadPlan(1e6, Duration.ZERO, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class,
            () -> new LoadPlan(10, Duration.ZERO, Duration.ofDays(2), 1));
        assertThrows(IllegalArgumentException.class,
            () -> new LoadPlan(10, Duration.ofSeconds(5), Duration.ofSeconds(2), 1));
        assertThrows(IllegalArgumentException.class,
            () -> new LoadPlan(10, Duration.ZERO, Duration.ofSeconds(2), 0));
    }
}
