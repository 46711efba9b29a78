package org.doorplate.server.telemetry;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.WireCode;
import org.doorplate.server.device.DeviceKind;

/**
 * Reads {@code device_state}. Not cached: several server instances write it, and the readers
 * (the state endpoint, detectors, the replay seed) are not on a per-uplink path.
 */
@Singleton
final class JdbcDeviceStates implements DeviceStates {
    private static final String SELECT = "SELECT device_id, kind, last_seen, last_seq, reading_time, battery_mv,"
        + " tamper, backlight, ambient_lux, tilt_centi_deg, solar_mv, temperature_deci_c, signal_dbm,"
        + " position_time, fix_type, latitude_e7, longitude_e7, height_mm, hdop_centi, satellites"
        + " FROM device_state";

    private final DataSource dataSource;

    JdbcDeviceStates(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<DeviceState> find(String id) {
        List<DeviceState> found = query(SELECT + " WHERE device_id = ?", id);
        return found.stream().findFirst();
    }

    @Override
    public List<DeviceState> all() {
        return query(SELECT + " ORDER BY device_id", null);
    }

    private List<DeviceState> query(String sql, String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (id != null) {
                statement.setString(1, id);
            }
            List<DeviceState> states = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    states.add(state(rows));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new TelemetryUnavailableException("cannot read device state", e);
        }
    }

    private static DeviceState state(ResultSet rows) throws SQLException {
        DeviceKind kind = rows.getShort("kind") == UplinkRows.MARKER ? DeviceKind.MARKER : DeviceKind.DOORPLATE;
        Integer battery = integer(rows, "battery_mv");
        Integer tilt = integer(rows, "tilt_centi_deg");
        Integer solar = integer(rows, "solar_mv");
        Integer temperature = integer(rows, "temperature_deci_c");
        Integer backlight = integer(rows, "backlight");
        return new DeviceState(rows.getString("device_id"), kind, Jdbc.instant(rows, "last_seen"),
            rows.getLong("last_seq"), Jdbc.instant(rows, "reading_time"),
            battery == null ? null : battery / 1000.0,
            (Boolean) rows.getObject("tamper"),
            backlight == null ? null : wireName(Backlight.values(), backlight),
            integer(rows, "ambient_lux"),
            tilt == null ? null : tilt / 100.0,
            solar == null ? null : solar / 1000.0,
            temperature == null ? null : temperature / 10.0,
            integer(rows, "signal_dbm"),
            position(rows));
    }

    private static DeviceState.Position position(ResultSet rows) throws SQLException {
        Integer latitude = integer(rows, "latitude_e7");
        if (latitude == null) {
            return null;
        }
        return new DeviceState.Position(Jdbc.instant(rows, "position_time"), latitude / 1e7,
            rows.getInt("longitude_e7") / 1e7, rows.getInt("height_mm") / 1000.0,
            rows.getInt("hdop_centi") / 100.0, rows.getInt("satellites"),
            wireName(FixType.values(), rows.getInt("fix_type")));
    }

    static Integer integer(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    static String wireName(WireCode[] values, int code) {
        for (WireCode value : values) {
            if (value.code() == code) {
                return value.wireName();
            }
        }
        return String.valueOf(code);
    }
}
