package org.doorplate.server.device;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of the {@code devices} table; callers own the connections and transactions. */
@Singleton
class DeviceRepository {
    private static final String COLUMNS = "id, kind, state, key_ciphertext, key_nonce, key_version,"
        + " firmware_version, install_lat_e7, install_lon_e7, report_interval_s, area_code, created_at, updated_at";

    /** One row as stored, the key still sealed. */
    record Row(String id, DeviceKind kind, Device.State state, byte[] keyCiphertext, byte[] keyNonce,
               int keyVersion, @Nullable String firmwareVersion, @Nullable Integer installLatitudeE7,
               @Nullable Integer installLongitudeE7, Duration reportInterval, @Nullable String areaCode,
               Instant createdAt, Instant updatedAt) {
    }

    /** Inserts the device unless its id is taken; answers the row, or empty when taken. */
    Optional<Row> insert(Connection connection, NewDevice device, DeviceKeyCipher.Sealed key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertSql() + " RETURNING " + COLUMNS)) {
            bindInsert(insert, device, key);
            try (ResultSet rows = insert.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    /** Inserts many devices in one batch; the caller has checked that no id is taken. */
    void insertAll(Connection connection, List<NewDevice> devices, List<DeviceKeyCipher.Sealed> keys)
        throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(insertSql())) {
            for (int i = 0; i < devices.size(); i++) {
                bindInsert(insert, devices.get(i), keys.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The ids among {@code ids} that are registered. */
    Set<String> existing(Connection connection, Collection<String> ids) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM devices WHERE id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                Set<String> found = new HashSet<>();
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
                return found;
            }
        }
    }

    Optional<Row> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM devices WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    /** Devices by id, after {@code after} when given, of one kind when given. */
    List<Row> list(Connection connection, @Nullable DeviceKind kind, @Nullable String after, int limit)
        throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM devices"
            + " WHERE (?::text IS NULL OR kind = ?) AND (?::text IS NULL OR id > ?) ORDER BY id LIMIT ?")) {
            String kindName = kind == null ? null : kind.wire();
            select.setString(1, kindName);
            select.setString(2, kindName);
            select.setString(3, after);
            select.setString(4, after);
            select.setInt(5, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Row> found = new ArrayList<>();
                while (rows.next()) {
                    found.add(row(rows));
                }
                return found;
            }
        }
    }

    /** Replaces the key if it is still at {@code oldVersion}; empty when the row moved on or is gone. */
    Optional<Row> replaceKey(Connection connection, String id, int oldVersion, DeviceKeyCipher.Sealed key)
        throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE devices SET key_ciphertext = ?,"
            + " key_nonce = ?, key_version = key_version + 1, updated_at = now()"
            + " WHERE id = ? AND key_version = ? RETURNING " + COLUMNS)) {
            update.setBytes(1, key.ciphertext());
            update.setBytes(2, key.nonce());
            update.setString(3, id);
            update.setInt(4, oldVersion);
            try (ResultSet rows = update.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    Optional<Row> setState(Connection connection, String id, Device.State state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE devices SET state = ?,"
            + " updated_at = CASE WHEN state = ? THEN updated_at ELSE now() END WHERE id = ? RETURNING " + COLUMNS)) {
            update.setString(1, state.wire());
            update.setString(2, state.wire());
            update.setString(3, id);
            try (ResultSet rows = update.executeQuery()) {
                return rows.next() ? Optional.of(row(rows)) : Optional.empty();
            }
        }
    }

    private static String insertSql() {
        return "INSERT INTO devices (id, kind, key_ciphertext, key_nonce, key_version, firmware_version,"
            + " install_lat_e7, install_lon_e7, report_interval_s, area_code) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO NOTHING";
    }

    private static void bindInsert(PreparedStatement insert, NewDevice device, DeviceKeyCipher.Sealed key)
        throws SQLException {
        insert.setString(1, device.id());
        insert.setString(2, device.kind().wire());
        insert.setBytes(3, key.ciphertext());
        insert.setBytes(4, key.nonce());
        insert.setString(5, device.firmwareVersion());
        setInteger(insert, 6, device.installLatitudeE7());
        setInteger(insert, 7, device.installLongitudeE7());
        insert.setLong(8, device.reportInterval().toSeconds());
        insert.setString(9, device.areaCode());
    }

    private static void setInteger(PreparedStatement statement, int index, @Nullable Integer value)
        throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static Row row(ResultSet rows) throws SQLException {
        return new Row(rows.getString("id"), DeviceKind.parse(rows.getString("kind")),
            Device.State.ofWire(rows.getString("state")), rows.getBytes("key_ciphertext"),
            rows.getBytes("key_nonce"), rows.getInt("key_version"), rows.getString("firmware_version"),
            (Integer) rows.getObject("install_lat_e7"), (Integer) rows.getObject("install_lon_e7"),
            Duration.ofSeconds(rows.getLong("report_interval_s")), rows.getString("area_code"),
            rows.getTimestamp("created_at").toInstant(), rows.getTimestamp("updated_at").toInstant());
    }
}
