package org.doorplate.server.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Folds a batch into one state change per device and upserts them in one statement. The
 * latest values come from the reading with the latest device time, in the batch and in the
 * table alike, so a late batch of old readings never overwrites newer values.
 */
final class DeviceStateUpsert {
    private static final List<String> READING_COLUMNS = List.of("battery_mv", "tamper", "backlight",
        "ambient_lux", "tilt_centi_deg", "solar_mv", "temperature_deci_c", "signal_dbm");
    private static final List<String> POSITION_COLUMNS = List.of("fix_type", "latitude_e7", "longitude_e7",
        "height_mm", "hdop_centi", "satellites");
    private static final List<Column> COLUMNS = List.of(
        Column.text("device_id"), Column.smallint("kind"), Column.timestamp("last_seen"), Column.bigint("last_seq"),
        Column.timestamp("reading_time"), Column.integer("battery_mv"), Column.bool("tamper"),
        Column.smallint("backlight"), Column.integer("ambient_lux"), Column.smallint("tilt_centi_deg"),
        Column.integer("solar_mv"), Column.smallint("temperature_deci_c"), Column.smallint("signal_dbm"),
        Column.timestamp("position_time"), Column.smallint("fix_type"), Column.integer("latitude_e7"),
        Column.integer("longitude_e7"), Column.integer("height_mm"), Column.smallint("hdop_centi"),
        Column.smallint("satellites"));
    private static final String CONFLICT = conflictClause();

    private final Map<String, Change> changes = new LinkedHashMap<>();

    /** Notes an accepted uplink of a device (any table row: it counts for last seen and last seq). */
    void seen(String deviceId, short kind, long seq, Instant receivedAt) {
        Change change = changes.computeIfAbsent(deviceId, id -> new Change(id, kind));
        change.lastSeq = Math.max(change.lastSeq, seq);
        if (change.lastSeen == null || receivedAt.isAfter(change.lastSeen)) {
            change.lastSeen = receivedAt;
        }
    }

    /** Notes a readings row; it must belong to a device already {@link #seen}. */
    void reading(TableRow row) {
        Change change = changes.get((String) row.values()[1]);
        Instant time = (Instant) row.values()[0];
        if (change.reading == null || !time.isBefore((Instant) change.reading.values()[0])) {
            change.reading = row;
        }
        boolean hasPosition = row.values()[10] != null;
        if (hasPosition && (change.position == null || !time.isBefore((Instant) change.position.values()[0]))) {
            change.position = row;
        }
    }

    void apply(Connection connection) throws SQLException {
        List<Change> all = new ArrayList<>(changes.values());
        int perStatement = Jdbc.MAX_PARAMETERS / COLUMNS.size();
        for (int from = 0; from < all.size(); from += perStatement) {
            Collection<Change> chunk = all.subList(from, Math.min(all.size(), from + perStatement));
            String sql = "INSERT INTO device_state AS s (" + COLUMNS.stream().map(Column::name)
                .collect(Collectors.joining(", ")) + ") VALUES "
                + Jdbc.placeholders(chunk.size(), COLUMNS.size()) + CONFLICT;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (Change change : chunk) {
                    Object[] values = change.values();
                    for (int c = 0; c < values.length; c++) {
                        Jdbc.bind(statement, index++, COLUMNS.get(c), values[c]);
                    }
                }
                statement.executeUpdate();
            }
        }
    }

    private static String conflictClause() {
        String newerReading = "EXCLUDED.reading_time IS NOT NULL"
            + " AND (s.reading_time IS NULL OR EXCLUDED.reading_time >= s.reading_time)";
        String newerPosition = "EXCLUDED.position_time IS NOT NULL"
            + " AND (s.position_time IS NULL OR EXCLUDED.position_time >= s.position_time)";
        List<String> sets = new ArrayList<>();
        sets.add("kind = EXCLUDED.kind");
        sets.add("last_seen = GREATEST(s.last_seen, EXCLUDED.last_seen)");
        sets.add("last_seq = GREATEST(s.last_seq, EXCLUDED.last_seq)");
        sets.add(pick("reading_time", newerReading));
        READING_COLUMNS.forEach(c -> sets.add(pick(c, newerReading)));
        sets.add(pick("position_time", newerPosition));
        POSITION_COLUMNS.forEach(c -> sets.add(pick(c, newerPosition)));
        return " ON CONFLICT (device_id) DO UPDATE SET " + String.join(", ", sets);
    }

    private static String pick(String column, String condition) {
        return column + " = CASE WHEN " + condition + " THEN EXCLUDED." + column + " ELSE s." + column + " END";
    }

    private static final class Change {
        private final String deviceId;
        private final short kind;
        private long lastSeq = -1;
        private Instant lastSeen;
        private TableRow reading;
        private TableRow position;

        Change(String deviceId, short kind) {
            this.deviceId = deviceId;
            this.kind = kind;
        }

        /** Values in {@link #COLUMNS} order, taken from the readings row layout of {@link TelemetryTable}. */
        Object[] values() {
            Object[] r = reading == null ? new Object[TelemetryTable.READINGS.columns().size()] : reading.values();
            Object[] p = position == null ? new Object[TelemetryTable.READINGS.columns().size()] : position.values();
            return new Object[] {
                deviceId, kind, lastSeen, lastSeq,
                r[0], r[5], r[6], r[7], r[8], r[15], r[16], r[17], r[18],
                p[0], p[9], p[10], p[11], p[12], p[13], p[14]};
        }
    }
}
