package org.doorplate.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies the verdicts of the replay window. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReplayWindowTest {
    @Test
    void newSequenceNumbersAreAccepted() {
        ReplayWindow window = new ReplayWindow(64);

        assertEquals(ReplayVerdict.ACCEPT, window.accept(10));
        assertEquals(ReplayVerdict.ACCEPT, window.accept(11));
        assertEquals(ReplayVerdict.ACCEPT, window.accept(500));
    }

    @Test
    void replayedSequenceIsDuplicate() {
        // GIVEN a window that accepted 10
        ReplayWindow window = new ReplayWindow(64);
        window.accept(10);

        // WHEN 10 comes again THEN it is a duplicate, and stays one
        assertEquals(ReplayVerdict.DUPLICATE, window.check(10));
        assertEquals(ReplayVerdict.DUPLICATE, window.accept(10));
    }

    @Test
    void checkDoesNotChangeTheWindow() {
        ReplayWindow window = new ReplayWindow(64);

        window.check(10);

        assertEquals(ReplayVerdict.ACCEPT, window.accept(10));
    }

    @Test
    void sequenceBelowTheWindowIsStale() {
        // GIVEN a 64-wide window at 100
        ReplayWindow window = new ReplayWindow(64);
        window.accept(100);

        // THEN 37..99 are inside and unseen, 36 and below are stale
        assertEquals(ReplayVerdict.ACCEPT, window.check(37));
        assertEquals(ReplayVerdict.STALE, window.check(36));
        assertEquals(ReplayVerdict.STALE, window.accept(0));
    }

    @Test
    void lateBatchInsideTheWindowIsAccepted() {
        // GIVEN a device that sent 200 live after buffering 150..199 offline
        ReplayWindow window = new ReplayWindow(64);
        window.accept(149);
        window.accept(200);

        // WHEN the buffered batch arrives THEN each entry is accepted once
        for (long seq = 150; seq < 200; seq++) {
            assertEquals(ReplayVerdict.ACCEPT, window.accept(seq), "seq " + seq);
        }
        assertEquals(ReplayVerdict.DUPLICATE, window.check(175));
    }

    @Test
    void seededWindowReportsUnknownBelowTheSeed() {
        // GIVEN a window seeded with 1000 after a restart
        ReplayWindow window = ReplayWindow.seeded(1000, 64);

        // THEN the seed is a duplicate, above is new, inside is unknown, below is stale
        assertEquals(ReplayVerdict.DUPLICATE, window.check(1000));
        assertEquals(ReplayVerdict.ACCEPT, window.check(1001));
        assertEquals(ReplayVerdict.UNKNOWN, window.check(990));
        assertEquals(ReplayVerdict.STALE, window.check(936));

        // WHEN an unknown one is stored THEN it becomes a duplicate
        assertEquals(ReplayVerdict.UNKNOWN, window.accept(990));
        assertEquals(ReplayVerdict.DUPLICATE, window.check(990));
    }

    @Test
    void badWidthOrSequenceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(100));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(0));
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(64).check(-1));
    }
}
