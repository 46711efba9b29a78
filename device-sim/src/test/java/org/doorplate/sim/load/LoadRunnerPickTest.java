package org.doorplate.sim.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LoadRunnerPickTest {
    @Test
    void busyDevicesAreSkippedInTurn() {
        AtomicIntegerArray inFlight = new AtomicIntegerArray(new int[] {1, 1, 0, 1});

        assertEquals(2, LoadRunner.pick(0, inFlight, 1));
        assertEquals(2, LoadRunner.pick(3, inFlight, 1));
        assertEquals(3, LoadRunner.pick(3, inFlight, 2));
        assertEquals(0, LoadRunner.pick(0, inFlight, 2));
    }

    @Test
    void allBusyGivesNone() {
        assertEquals(-1, LoadRunner.pick(1, new AtomicIntegerArray(new int[] {2, 2}), 2));
    }

    @Test
    void progressLineShowsBarAndFigures() {
        Progress.Snapshot s = new Progress.Snapshot(1000, 500, 490, 5, 5, 15, 30, 32.7, 4.25);

        String line = Progress.line(s);

        assertEquals("[############............]  50%  15.0s sent 500 ack 490 rej 5 err 5  33 msg/s  p99 4.3 ms",
            line);
        assertTrue(line.length() < 100);
    }
}
