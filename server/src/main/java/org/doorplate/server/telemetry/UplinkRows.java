package org.doorplate.server.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.ReadingBatch;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.server.device.DeviceKind;

/** Turns protocol messages into table rows; a batch becomes its header row plus one per entry. */
final class UplinkRows {
    static final short DOORPLATE = 1;
    static final short MARKER = 2;
    static final String BATCH_KIND = "batch";
    static final String COMMAND_RESULT_KIND = "command_result";

    private UplinkRows() {
    }

    static short kindCode(DeviceKind kind) {
        return kind == DeviceKind.MARKER ? MARKER : DOORPLATE;
    }

    /** The idempotence key of an uplink's own row. */
    static RowKey key(Uplink uplink) {
        return new RowKey(uplink.deviceId(), uplink.seq(), uplink.deviceTime());
    }

    /** The rows of one uplink; the first is the uplink's own (its key decides Stored or Duplicate). */
    static List<TableRow> of(Uplink uplink, Instant received) {
        // PostgreSQL keeps microseconds; trimming here makes retried rows bit-identical.
        Instant receivedAt = received.truncatedTo(ChronoUnit.MICROS);
        if (uplink instanceof ReadingBatch batch) {
            List<TableRow> rows = new ArrayList<>(batch.entries().size() + 1);
            rows.add(event(batch, receivedAt, BATCH_KIND, (long) batch.entries().size(), null, null));
            for (BatchEntry entry : batch.entries()) {
                rows.add(entry(entry, receivedAt));
            }
            return rows;
        }
        if (uplink instanceof CommandResult result) {
            return List.of(event(result, receivedAt, COMMAND_RESULT_KIND, result.commandId(),
                (short) result.outcome().code(), result.detail().orElse(null)));
        }
        return List.of(entry((BatchEntry) uplink, receivedAt));
    }

    private static TableRow entry(BatchEntry entry, Instant receivedAt) {
        if (entry instanceof DoorplateReading reading) {
            return doorplate(reading, receivedAt);
        }
        if (entry instanceof MarkerReading reading) {
            return marker(reading, receivedAt);
        }
        DeviceEvent event = (DeviceEvent) entry;
        Long code = event.code().isPresent() ? event.code().getAsLong() : null;
        return event(event, receivedAt, event.kind().wireName(), code, null, event.text().orElse(null));
    }

    private static TableRow doorplate(DoorplateReading r, Instant receivedAt) {
        GnssFix fix = r.fix().orElse(null);
        return reading(r, receivedAt, DOORPLATE, r.batteryMv(), r.tamper(), (short) r.backlight().code(),
            r.ambientLux(), fix, null, null, null, null);
    }

    private static TableRow marker(MarkerReading r, Instant receivedAt) {
        return reading(r, receivedAt, MARKER, r.batteryMv(), r.tamper(), null, null, r.fix(),
            (short) r.tiltCentiDegrees(), r.solarMv(), (short) r.temperatureDeciC(), (short) r.signalDbm());
    }

    private static TableRow reading(Uplink u, Instant receivedAt, short kind, int batteryMv, boolean tamper,
                                    Short backlight, Integer lux, GnssFix fix, Short tilt, Integer solarMv,
                                    Short temperature, Short signal) {
        boolean position = fix != null && fix.hasPosition();
        return new TableRow(TelemetryTable.READINGS, new Object[] {
            u.deviceTime(), u.deviceId(), u.seq(), receivedAt, kind,
            batteryMv, tamper, backlight, lux,
            fix == null ? null : (short) fix.fixType().code(),
            position ? fix.latitudeE7() : null,
            position ? fix.longitudeE7() : null,
            position ? fix.heightMm() : null,
            fix == null ? null : (short) fix.hdopCenti(),
            fix == null ? null : (short) fix.satellites(),
            tilt, solarMv, temperature, signal});
    }

    private static TableRow event(Uplink u, Instant receivedAt, String kind, Long code, Short outcome,
                                  String detail) {
        return new TableRow(TelemetryTable.EVENTS, new Object[] {
            u.deviceTime(), u.deviceId(), u.seq(), receivedAt, kind, code, outcome, detail});
    }
}
