package org.doorplate.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SequenceCounterTest {
    @Test
    void sequenceStaysMonotonicAcrossReboots() {
        // GIVEN a counter reserving 64 numbers per flash write
        SequenceCounter counter = new SequenceCounter(1, 64);
        long last = -1;

        // WHEN it counts and reboots at irregular points
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < round * 7 % 100; i++) {
                long seq = counter.next();
                // THEN every number exceeds the one before, reboot or not
                assertTrue(seq > last, seq + " after " + last);
                last = seq;
            }
            counter.reboot();
        }
        assertTrue(counter.next() > last);
    }

    @Test
    void rebootSkipsToTheReservedBound() {
        SequenceCounter counter = new SequenceCounter(0, 64);
        counter.next();
        counter.next();

        counter.reboot();

        assertEquals(64, counter.next());
        assertEquals(65, counter.peek());
    }

    @Test
    void flashIsWrittenOncePerBlock() {
        SequenceCounter counter = new SequenceCounter(0, 64);

        for (int i = 0; i < 640; i++) {
            counter.next();
        }

        assertEquals(10, counter.flashWrites());
    }

    @Test
    void badStartOrBlockIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SequenceCounter(-1, 64));
        assertThrows(IllegalArgumentException.class, () -> new SequenceCounter(0, 0));
    }
}
