package org.doorplate.server.telemetry;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.FixType;
import org.doorplate.server.db.TimescaleFeatures;

/** Reads stored telemetry: raw readings, downsampled buckets and stored sequence numbers. */
@Singleton
public final class TelemetryQueries {
    /** Most sequence numbers one {@link #sequences} call answers. */
    static final int MAX_SEQUENCES = 1_000_000;

    /** Metric name, SQL expression in SI units. */
    private static final List<String[]> METRICS = List.of(
        new String[] {"batteryVolts", "battery_mv / 1000.0"},
        new String[] {"tiltDegrees", "tilt_centi_deg / 100.0"},
        new String[] {"temperatureCelsius", "temperature_deci_c / 10.0"},
        new String[] {"solarVolts", "solar_mv / 1000.0"},
        new String[] {"signalDbm", "signal_dbm::numeric"},
        new String[] {"ambientLux", "ambient_lux::numeric"});

    private final DataSource dataSource;
    private final boolean timescale;
    private final int maxRows;

    TelemetryQueries(DataSource dataSource, TimescaleFeatures features, TelemetryConfiguration config) {
        this.dataSource = dataSource;
        this.timescale = features.hasHypertables();
        this.maxRows = config.getQueryMaxRows();
    }

    /** Most rows or buckets one query answers. */
    public int maxRows() {
        return maxRows;
    }

    /** Raw readings in [from, to) by device time, oldest first, at most {@link #maxRows()} (+1 to tell truncation). */
    public List<TelemetryReading> readings(String deviceId, Instant from, Instant to) {
        String sql = "SELECT time, received_at, seq, battery_mv, tamper, backlight, ambient_lux, fix_type,"
            + " latitude_e7, longitude_e7, height_mm, hdop_centi, satellites, tilt_centi_deg, solar_mv,"
            + " temperature_deci_c, signal_dbm FROM readings WHERE device_id = ? AND time >= ? AND time < ?"
            + " ORDER BY time, seq LIMIT ?";
        return query(sql, deviceId, from, to, maxRows + 1, TelemetryQueries::reading);
    }

    /**
     * Readings in [from, to) folded into buckets of {@code bucket}: count, and avg / min / max /
     * last per metric. Buckets align as TimescaleDB's {@code time_bucket} aligns them.
     */
    public List<TelemetryBucket> buckets(String deviceId, Instant from, Instant to, Duration bucket) {
        StringBuilder sql = new StringBuilder("SELECT ");
        // time_bucket and date_bin (plain PostgreSQL 14+) agree with this origin, a Monday.
        sql.append(timescale ? "time_bucket(?::interval, time)" : "date_bin(?::interval, time, "
            + "TIMESTAMPTZ '2000-01-03 00:00:00+00')").append(" AS bucket, count(*) AS readings");
        for (String[] metric : METRICS) {
            String expression = metric[1];
            String last = timescale
                ? "last(" + expression + ", time)"
                : "(array_agg(" + expression + " ORDER BY time DESC) FILTER (WHERE " + expression
                    + " IS NOT NULL))[1]";
            sql.append(", avg(").append(expression).append("), min(").append(expression).append("), max(")
                .append(expression).append("), ").append(last);
        }
        sql.append(" FROM readings WHERE device_id = ? AND time >= ? AND time < ?"
            + " GROUP BY bucket ORDER BY bucket LIMIT ?");
        String interval = bucket.toSeconds() + " seconds";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setString(1, interval);
            statement.setString(2, deviceId);
            statement.setObject(3, utc(from));
            statement.setObject(4, utc(to));
            statement.setInt(5, maxRows + 1);
            List<TelemetryBucket> buckets = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    buckets.add(bucket(rows));
                }
            }
            return buckets;
        } catch (SQLException e) {
            throw new TelemetryUnavailableException("cannot read telemetry", e);
        }
    }

    /** Stored sequence numbers of a device's uplinks with device time in [from, to), and those stored twice. */
    public StoredSequences sequences(String deviceId, Instant from, Instant to) {
        String sql = "SELECT seq, count(*) FROM (SELECT seq FROM readings WHERE device_id = ? AND time >= ?"
            + " AND time < ? UNION ALL SELECT seq FROM device_events WHERE device_id = ? AND time >= ?"
            + " AND time < ?) AS stored GROUP BY seq ORDER BY seq LIMIT ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < 2; i++) {
                statement.setString(1 + 3 * i, deviceId);
                statement.setObject(2 + 3 * i, utc(from));
                statement.setObject(3 + 3 * i, utc(to));
            }
            statement.setInt(7, MAX_SEQUENCES + 1);
            List<Long> sequences = new ArrayList<>();
            List<Long> duplicates = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                    if (rows.getLong(2) > 1) {
                        duplicates.add(rows.getLong(1));
                    }
                }
            }
            boolean truncated = sequences.size() > MAX_SEQUENCES;
            if (truncated) {
                sequences.remove(sequences.size() - 1);
            }
            return new StoredSequences(deviceId, sequences, duplicates, truncated);
        } catch (SQLException e) {
            throw new TelemetryUnavailableException("cannot read stored sequences", e);
        }
    }

    private interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    private <T> List<T> query(String sql, String deviceId, Instant from, Instant to, int limit, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            statement.setObject(2, utc(from));
            statement.setObject(3, utc(to));
            statement.setInt(4, limit);
            List<T> result = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new TelemetryUnavailableException("cannot read telemetry", e);
        }
    }

    private static TelemetryReading reading(ResultSet rows) throws SQLException {
        Integer battery = JdbcDeviceStates.integer(rows, "battery_mv");
        Integer backlight = JdbcDeviceStates.integer(rows, "backlight");
        Integer tilt = JdbcDeviceStates.integer(rows, "tilt_centi_deg");
        Integer solar = JdbcDeviceStates.integer(rows, "solar_mv");
        Integer temperature = JdbcDeviceStates.integer(rows, "temperature_deci_c");
        Integer fixType = JdbcDeviceStates.integer(rows, "fix_type");
        Integer latitude = JdbcDeviceStates.integer(rows, "latitude_e7");
        TelemetryReading.Fix fix = fixType == null ? null : new TelemetryReading.Fix(
            JdbcDeviceStates.wireName(FixType.values(), fixType),
            latitude == null ? null : latitude / 1e7,
            latitude == null ? null : rows.getInt("longitude_e7") / 1e7,
            latitude == null ? null : rows.getInt("height_mm") / 1000.0,
            rows.getInt("hdop_centi") / 100.0, rows.getInt("satellites"));
        return new TelemetryReading(Jdbc.instant(rows, "time"), Jdbc.instant(rows, "received_at"),
            rows.getLong("seq"),
            battery == null ? null : battery / 1000.0,
            (Boolean) rows.getObject("tamper"),
            backlight == null ? null : JdbcDeviceStates.wireName(Backlight.values(), backlight),
            JdbcDeviceStates.integer(rows, "ambient_lux"),
            tilt == null ? null : tilt / 100.0,
            solar == null ? null : solar / 1000.0,
            temperature == null ? null : temperature / 10.0,
            JdbcDeviceStates.integer(rows, "signal_dbm"),
            fix);
    }

    private static TelemetryBucket bucket(ResultSet rows) throws SQLException {
        List<TelemetryBucket.Metric> metrics = new ArrayList<>();
        int column = 3;
        for (String[] metric : METRICS) {
            Double avg = number(rows, column);
            if (avg != null) {
                metrics.add(new TelemetryBucket.Metric(metric[0], avg, number(rows, column + 1),
                    number(rows, column + 2), number(rows, column + 3)));
            }
            column += 4;
        }
        return new TelemetryBucket(Jdbc.instant(rows, "bucket"), rows.getLong("readings"), metrics);
    }

    private static Double number(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
