package org.doorplate.server.command;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.Outcome;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/**
 * The {@code commands} table. Each "claim" statement records a send and returns what to send in
 * one atomic update, so two server instances never send the same due command twice at once.
 */
@Singleton
final class CommandRepository {
    private static final String COLUMNS = "id, device_id, type, params, created_at, sent_count, last_sent_at,"
        + " last_channel, confirmed_at, outcome, detail";
    private static final Argument<Map<String, Object>> PARAMS = Argument.mapOf(String.class, Object.class);

    private final DataSource dataSource;
    private final JsonMapper json;

    CommandRepository(DataSource dataSource, JsonMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Stores a new pending command; {@code mqttDueAt} null means it is not published over MQTT. */
    StoredCommand insert(String deviceId, CommandAction action, Instant createdAt, Instant mqttDueAt) {
        String sql = "INSERT INTO commands (device_id, type, params, created_at, next_send_at)"
            + " VALUES (?, ?, ?::jsonb, ?, ?) RETURNING " + COLUMNS;
        return query(sql, statement -> {
            statement.setString(1, deviceId);
            statement.setString(2, CommandKind.of(action).wireName());
            statement.setString(3, toJson(CommandKind.params(action)));
            statement.setObject(4, time(createdAt));
            statement.setObject(5, time(mqttDueAt), Types.TIMESTAMP_WITH_TIMEZONE);
        }).get(0);
    }

    /** The channel the device's most recently sent command went out on, if any went out. */
    Optional<String> lastChannel(String deviceId) {
        String sql = "SELECT last_channel FROM commands WHERE device_id = ? AND last_channel IS NOT NULL"
            + " ORDER BY last_sent_at DESC LIMIT 1";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The device's commands, newest first. */
    List<StoredCommand> forDevice(String deviceId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM commands WHERE device_id = ? ORDER BY id DESC LIMIT ?";
        return query(sql, statement -> {
            statement.setString(1, deviceId);
            statement.setInt(2, limit);
        });
    }

    /** Claims the device's oldest pending command for a CoAP response; it stops MQTT resends. */
    Optional<StoredCommand> claimOldestForCoap(String deviceId, Instant now) {
        String sql = "UPDATE commands SET sent_count = sent_count + 1, last_sent_at = ?, last_channel = 'coap',"
            + " next_send_at = NULL WHERE id = (SELECT id FROM commands WHERE device_id = ?"
            + " AND confirmed_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS;
        return query(sql, statement -> {
            statement.setObject(1, time(now));
            statement.setString(2, deviceId);
        }).stream().findFirst();
    }

    /**
     * Claims up to {@code limit} commands whose MQTT publish is due and schedules the next one:
     * {@code first} after the first publish, doubling each time up to {@code longest}, none after
     * {@code maxSends} publishes. Only each device's oldest pending command goes out, as over
     * CoAP: a device ignores a command id lower than one it has executed (PROTOCOL.md 11), so
     * a newer command must not overtake an older one.
     */
    List<StoredCommand> claimDueForMqtt(Instant now, int maxSends, Duration first, Duration longest, int limit) {
        String sql = "UPDATE commands c SET sent_count = c.sent_count + 1, last_sent_at = ?, last_channel = 'mqtt',"
            + " next_send_at = CASE WHEN c.sent_count + 1 >= ? THEN NULL"
            + " ELSE ?::timestamptz + LEAST(?::float8, ?::float8 * power(2, LEAST(c.sent_count, 30)))"
            + " * interval '1 millisecond' END"
            + " FROM (SELECT id FROM commands p WHERE confirmed_at IS NULL AND next_send_at <= ?"
            + " AND id = (SELECT min(id) FROM commands o WHERE o.device_id = p.device_id AND o.confirmed_at IS NULL)"
            + " ORDER BY next_send_at LIMIT ? FOR UPDATE SKIP LOCKED) due WHERE c.id = due.id"
            + " RETURNING " + prefixed("c.");
        return query(sql, statement -> {
            statement.setObject(1, time(now));
            statement.setInt(2, maxSends);
            statement.setObject(3, time(now));
            statement.setDouble(4, longest.toMillis());
            statement.setDouble(5, first.toMillis());
            statement.setObject(6, time(now));
            statement.setInt(7, limit);
        });
    }

    /**
     * Makes the MQTT publish of the device's pending commands due again when their resends are
     * used up and the last one is older than {@code sentBefore}: the device is back online.
     */
    int rearmMqtt(String deviceId, Instant now, Instant sentBefore) {
        String sql = "UPDATE commands SET next_send_at = ? WHERE device_id = ? AND confirmed_at IS NULL"
            + " AND next_send_at IS NULL AND last_channel = 'mqtt' AND last_sent_at < ?";
        return update(sql, statement -> {
            statement.setObject(1, time(now));
            statement.setString(2, deviceId);
            statement.setObject(3, time(sentBefore));
        });
    }

    /** Records the device's result; false when no such pending command of this device exists. */
    boolean confirm(String deviceId, long id, Outcome outcome, String detail, Instant at) {
        String sql = "UPDATE commands SET confirmed_at = ?, outcome = ?, detail = ?, next_send_at = NULL"
            + " WHERE id = ? AND device_id = ? AND confirmed_at IS NULL";
        return update(sql, statement -> {
            statement.setObject(1, time(at));
            statement.setString(2, outcome.wireName());
            statement.setString(3, detail);
            statement.setLong(4, id);
            statement.setString(5, deviceId);
        }) == 1;
    }

    boolean hasPending(String deviceId) {
        String sql = "SELECT 1 FROM commands WHERE device_id = ? AND confirmed_at IS NULL LIMIT 1";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    Set<String> devicesWithPending() {
        String sql = "SELECT DISTINCT device_id FROM commands WHERE confirmed_at IS NULL";
        Set<String> devices = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                devices.add(rows.getString(1));
            }
            return devices;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private List<StoredCommand> query(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                List<StoredCommand> commands = new ArrayList<>();
                while (rows.next()) {
                    commands.add(read(rows));
                }
                return commands;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private StoredCommand read(ResultSet row) throws SQLException {
        CommandKind kind = CommandKind.byName(row.getString("type"))
            .orElseThrow(() -> new IllegalStateException("unknown command type in the table"));
        String outcome = row.getString("outcome");
        return new StoredCommand(
            row.getLong("id"),
            row.getString("device_id"),
            kind.action(fromJson(row.getString("params"))),
            instant(row, "created_at"),
            row.getInt("sent_count"),
            instant(row, "last_sent_at"),
            row.getString("last_channel"),
            instant(row, "confirmed_at"),
            outcome == null ? null : outcomeOf(outcome),
            row.getString("detail"));
    }

    private static Outcome outcomeOf(String wireName) {
        for (Outcome outcome : Outcome.values()) {
            if (outcome.wireName().equals(wireName)) {
                return outcome;
            }
        }
        throw new IllegalStateException("unknown command outcome in the table: " + wireName);
    }

    private String toJson(Map<String, Object> params) {
        try {
            return json.writeValueAsString(params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return json.readValue(text, PARAMS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static DoorplateException failure(SQLException e) {
        return new DoorplateException(ErrorStatus.UNAVAILABLE, "the command store is unavailable", e);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
