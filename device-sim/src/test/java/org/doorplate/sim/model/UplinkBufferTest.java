package org.doorplate.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UplinkBufferTest {
    @Test
    void entriesComeOutOldestFirst() {
        UplinkBuffer<Integer> buffer = new UplinkBuffer<>(10);
        for (int i = 1; i <= 5; i++) {
            buffer.add(i);
        }

        assertEquals(List.of(1, 2, 3), buffer.take(3));
        assertEquals(List.of(4, 5), buffer.take(10));
        assertTrue(buffer.isEmpty());
    }

    @Test
    void fullBufferDropsTheOldest() {
        // GIVEN a buffer of three
        UplinkBuffer<Integer> buffer = new UplinkBuffer<>(3);

        // WHEN five arrive
        for (int i = 1; i <= 5; i++) {
            buffer.add(i);
        }

        // THEN the newest three remain and two were dropped
        assertEquals(List.of(3, 4, 5), buffer.take(10));
        assertEquals(2, buffer.dropped());
    }

    @Test
    void unsentEntriesGoBackInFrontInOrder() {
        UplinkBuffer<Integer> buffer = new UplinkBuffer<>(10);
        buffer.add(1);
        buffer.add(2);
        buffer.add(3);
        List<Integer> batch = buffer.take(2);
        buffer.add(4);

        buffer.putBack(batch);

        assertEquals(List.of(1, 2, 3, 4), buffer.take(10));
    }

    @Test
    void zeroCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UplinkBuffer<>(0));
    }
}
