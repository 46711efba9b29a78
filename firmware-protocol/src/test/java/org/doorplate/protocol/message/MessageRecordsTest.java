package org.doorplate.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.auth.DeviceKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Verifies that the records refuse values outside the protocol and say which field is wrong. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessageRecordsTest {
    private static void assertRejected(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(message),
            () -> "expected '" + message + "...' but was: " + e.getMessage());
    }

    @Test
    void headerRejectsBadDeviceSeqAndTime() {
        assertRejected("device: expected 1..64 characters", () -> new Header("a b", 1, Samples.TIME));
        assertRejected("device: expected", () -> new Header("", 1, Samples.TIME));
        assertRejected("seq: expected 0..9007199254740991, found -1", () -> new Header("d", -1, Samples.TIME));
        assertRejected("time (epoch seconds): expected 0..4294967295",
            () -> new Header("d", 1, Instant.parse("1969-12-31T23:59:59Z")));
    }

    @Test
    void headerTruncatesTimeToWholeSeconds() {
        Header header = new Header("d", 1, Samples.TIME.plusMillis(999));

        assertEquals(Samples.TIME, header.deviceTime());
    }

    @Test
    void fixRejectsOutOfRangeAndPositionWithoutFix() {
        assertRejected("lat: expected -900000000..900000000, found 900000001",
            () -> new GnssFix(900_000_001, 0, 0, 0, 0, FixType.FIX_3D));
        assertRejected("fix: with fix type none", () -> new GnssFix(1, 0, 0, 0, 0, FixType.NONE));
    }

    @Test
    void convenienceAccessorsConvertUnits() {
        MarkerReading reading = Samples.markerReading();

        assertEquals(40.8424123, reading.fix().latitudeDegrees(), 1e-9);
        assertEquals(1050.123, reading.fix().heightMetres(), 1e-9);
        assertEquals(1.25, reading.tiltDegrees(), 1e-9);
        assertEquals(23.5, reading.temperatureCelsius(), 1e-9);
        assertEquals(3.712, reading.batteryVolts(), 1e-9);
        assertTrue(reading.fix().hasPosition());
        assertFalse(GnssFix.none(0, 0).hasPosition());
    }

    @Test
    void batchRejectsForeignUnorderedOrLaterEntries() {
        MarkerReading first = Samples.markerReading(new Header(Samples.MARKER, 10, Samples.TIME));
        MarkerReading second = Samples.markerReading(new Header(Samples.MARKER, 11, Samples.TIME));
        MarkerReading foreign = Samples.markerReading(new Header("other", 12, Samples.TIME));

        assertRejected("entries[1].seq: sequence numbers must strictly ascend",
            () -> new ReadingBatch(new Header(Samples.MARKER, 20, Samples.TIME), List.of(second, first)));
        assertRejected("entries[1].device: expected '4501001A'",
            () -> new ReadingBatch(new Header(Samples.MARKER, 20, Samples.TIME), List.of(first, foreign)));
        assertRejected("seq: the batch's sequence number must exceed every entry's",
            () -> new ReadingBatch(new Header(Samples.MARKER, 11, Samples.TIME), List.of(first, second)));
        assertRejected("entries: expected at least one entry",
            () -> new ReadingBatch(new Header(Samples.MARKER, 11, Samples.TIME), List.of()));
    }

    @Test
    void commandRejectsEmptyThresholdsAndShortInterval() {
        assertRejected("set_thresholds: expected tilt_limit or low_battery_mv",
            () -> new CommandAction.SetThresholds(OptionalInt.empty(), OptionalInt.empty()));
        assertRejected("interval_s: expected 60..86400, found 59", () -> new CommandAction.SetReportInterval(59));
        assertRejected("id: expected 1..", () -> new Command(0, "d", Samples.TIME, new CommandAction.Reboot()));
    }

    @Test
    void nullIsRefusedWithTheFieldName() {
        NullPointerException e = assertThrows(NullPointerException.class,
            () -> new MarkerReading(null, Samples.markerFix(), 0, false, 0, 0, 0, 0));

        assertEquals("header: must not be null", e.getMessage());
    }

    @Test
    void macAndKeyCheckTheirLengthAndHideTheKey() {
        assertRejected("mac: expected 16 bytes, found 15", () -> Mac.of(new byte[15]));
        assertRejected("mac: expected hex digits only", () -> Mac.fromHex("zz".repeat(16)));
        assertRejected("device key: expected 64 hex digits", () -> DeviceKey.fromHex("00"));
        assertEquals("DeviceKey[redacted]", Samples.MARKER_KEY.toString());
        assertEquals(Samples.MARKER_KEY, DeviceKey.fromHex(Samples.MARKER_KEY.hex().toUpperCase()));
    }
}
