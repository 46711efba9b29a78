package org.doorplate.server.telemetry;

import java.util.ArrayList;
import java.util.List;

/** A batch turned into table rows once, so that retries after an outage write the same rows. */
record PreparedBatch(List<UplinkWrite> writes, List<RowKey> keys, List<TableRow> readings,
                     List<TableRow> events, DeviceStateUpsert state) {
    static PreparedBatch of(List<UplinkWrite> writes) {
        List<RowKey> keys = new ArrayList<>(writes.size());
        List<TableRow> readings = new ArrayList<>(writes.size());
        List<TableRow> events = new ArrayList<>();
        DeviceStateUpsert state = new DeviceStateUpsert();
        for (UplinkWrite write : writes) {
            List<TableRow> rows = UplinkRows.of(write.message(), write.receivedAt());
            keys.add(rows.get(0).key());
            short kind = UplinkRows.kindCode(write.kind());
            for (TableRow row : rows) {
                RowKey key = row.key();
                state.seen(key.deviceId(), kind, key.seq(), write.receivedAt());
                if (row.table() == TelemetryTable.READINGS) {
                    readings.add(row);
                    state.reading(row);
                } else {
                    events.add(row);
                }
            }
        }
        return new PreparedBatch(List.copyOf(writes), keys, readings, events, state);
    }
}
