package org.doorplate.sim.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VerificationTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void everyAcknowledgedMessageStoredOncePasses() {
        // GIVEN two devices whose acknowledged messages are all stored, plus one never acknowledged
        List<AckedMessage> acked = List.of(ack("a", 1), ack("a", 2), ack("b", 7));
        Map<String, StoredSequences> stored = Map.of(
            "a", new StoredSequences("a", List.of(1L, 2L, 3L), List.of()),
            "b", new StoredSequences("b", List.of(7L), List.of()));

        // WHEN compared
        Verification.Report report = Verification.compare(acked, stored);

        // THEN nothing is missing or doubled
        assertTrue(report.passed());
        assertEquals(3, report.acknowledged());
    }

    @Test
    void missingAndDoubledMessagesAreCountedPerDevice() {
        // GIVEN device a lost seq 2, device b stored seq 7 twice, device c stored nothing
        List<AckedMessage> acked = List.of(ack("a", 1), ack("a", 2), ack("b", 7), ack("b", 8), ack("c", 1));
        Map<String, StoredSequences> stored = Map.of(
            "a", new StoredSequences("a", List.of(1L), List.of()),
            "b", new StoredSequences("b", List.of(7L, 8L), List.of(7L, 99L)));

        // WHEN compared
        Verification.Report report = Verification.compare(acked, stored);

        // THEN the report names them; a duplicate that was never acknowledged does not count
        assertFalse(report.passed());
        assertEquals(Map.of("a", List.of(2L), "c", List.of(1L)), report.missing());
        assertEquals(Map.of("b", List.of(7L)), report.doubled());
        assertEquals(2, report.missingCount());
        assertEquals(1, report.doubledCount());
    }

    @Test
    void acknowledgementRecordedTwiceCountsOnce() {
        List<AckedMessage> acked = List.of(ack("a", 1), ack("a", 1));

        Verification.Report report = Verification.compare(acked,
            Map.of("a", new StoredSequences("a", List.of(1L), List.of())));

        assertEquals(1, report.acknowledged());
        assertTrue(report.passed());
    }

    @Test
    void windowsSpanEachDevicesTimesWithAMargin() {
        List<AckedMessage> acked = List.of(
            new AckedMessage("a", 1, T0.plusSeconds(10)),
            new AckedMessage("b", 1, T0),
            new AckedMessage("a", 2, T0.plusSeconds(5)),
            new AckedMessage("a", 3, T0.plusSeconds(30)));

        List<Verification.Window> windows = Verification.windows(acked, Duration.ofMinutes(1));

        assertEquals(List.of(
            new Verification.Window("a", T0.minusSeconds(55), T0.plusSeconds(90)),
            new Verification.Window("b", T0.minusSeconds(60), T0.plusSeconds(60))), windows);
    }

    private static AckedMessage ack(String device, long seq) {
        return new AckedMessage(device, seq, T0.plusSeconds(seq));
    }
}
