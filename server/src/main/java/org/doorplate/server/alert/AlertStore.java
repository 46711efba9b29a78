package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The SQL of the {@code alerts} and {@code alert_history} tables; joins the caller's transaction. */
final class AlertStore {
    private static final String COLUMNS = "id, subject_id, fault_type, severity, area_code, message, state,"
        + " opened_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, reminders, escalations";

    private AlertStore() {
    }

    /** Inserts an open alert unless one is live for the same subject and fault; empty if one is. */
    static Optional<Alert> insertIfNoneLive(Connection c, AlertRequest request) throws SQLException {
        String sql = "INSERT INTO alerts (subject_id, fault_type, severity, area_code, message, state, opened_at,"
            + " last_notified_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)"
            + " ON CONFLICT (subject_id, fault_type) WHERE state <> 'resolved' DO NOTHING RETURNING " + COLUMNS;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, request.subjectId());
            s.setString(2, request.faultType());
            s.setString(3, request.severity().wireName());
            s.setString(4, request.areaCode());
            s.setString(5, request.message());
            s.setTimestamp(6, Timestamp.from(request.at()));
            s.setTimestamp(7, Timestamp.from(request.at()));
            return one(s);
        }
    }

    static Optional<Alert> findLive(Connection c, String subjectId, String faultType) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM alerts"
            + " WHERE subject_id = ? AND fault_type = ? AND state <> 'resolved'";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, subjectId);
            s.setString(2, faultType);
            return one(s);
        }
    }

    static Optional<Alert> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            s.setLong(1, id);
            return one(s);
        }
    }

    /** Acknowledges an open alert; empty when it is not open (or does not exist). */
    static Optional<Alert> acknowledge(Connection c, long id, Instant at, String actor) throws SQLException {
        String sql = "UPDATE alerts SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?"
            + " WHERE id = ? AND state = 'open' RETURNING " + COLUMNS;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, actor);
            s.setLong(3, id);
            return one(s);
        }
    }

    /** Resolves a live alert; empty when it is already resolved (or does not exist). */
    static Optional<Alert> resolve(Connection c, long id, Instant at, String actor) throws SQLException {
        String sql = "UPDATE alerts SET state = 'resolved', resolved_at = ?, resolved_by = ?"
            + " WHERE id = ? AND state <> 'resolved' RETURNING " + COLUMNS;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, actor);
            s.setLong(3, id);
            return one(s);
        }
    }

    /** Resolves automatically the live alert of a subject and fault; empty when there is none. */
    static Optional<Alert> clearLive(Connection c, String subjectId, String faultType, Instant at)
            throws SQLException {
        String sql = "UPDATE alerts SET state = 'resolved', resolved_at = ?, resolved_by = '" + Alert.AUTOMATIC + "'"
            + " WHERE subject_id = ? AND fault_type = ? AND state <> 'resolved' RETURNING " + COLUMNS;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, subjectId);
            s.setString(3, faultType);
            return one(s);
        }
    }

    /**
     * Open alerts whose next reminder or escalation is due at {@code now}, locked against a
     * second server instance doing the same (which skips them).
     */
    static List<Alert> dueForNotice(Connection c, Instant now, Duration remindAfter, Duration remindEvery,
            Duration escalateAfter) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM alerts WHERE state = 'open' AND ("
            + " last_notified_at + make_interval(secs => CASE WHEN reminders = 0 THEN ? ELSE ? END) <= ?"
            + " OR ((escalations = 0 OR severity <> 'critical')"
            + " AND opened_at + make_interval(secs => ? * (escalations + 1)) <= ?))"
            + " ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setDouble(1, seconds(remindAfter));
            s.setDouble(2, seconds(remindEvery));
            s.setTimestamp(3, Timestamp.from(now));
            s.setDouble(4, seconds(escalateAfter));
            s.setTimestamp(5, Timestamp.from(now));
            return all(s);
        }
    }

    /** Records a reminder or an escalation of an open alert. */
    static Alert notified(Connection c, long id, Instant at, Severity severity, int escalations) throws SQLException {
        String sql = "UPDATE alerts SET reminders = reminders + 1, last_notified_at = ?, severity = ?,"
            + " escalations = ? WHERE id = ? RETURNING " + COLUMNS;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, severity.wireName());
            s.setInt(3, escalations);
            s.setLong(4, id);
            return one(s).orElseThrow();
        }
    }

    /** Appends a history entry for the alert as it now is; returns the entry's id (the event id). */
    static long appendHistory(Connection c, Alert alert, AlertEventKind kind, Instant at, @Nullable String actor)
            throws SQLException {
        String sql = "INSERT INTO alert_history (alert_id, kind, at, actor, state, severity)"
            + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, alert.id());
            s.setString(2, kind.wireName());
            s.setTimestamp(3, Timestamp.from(at));
            s.setString(4, actor);
            s.setString(5, alert.state().wireName());
            s.setString(6, alert.severity().wireName());
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static List<AlertHistoryEntry> history(Connection c, long alertId) throws SQLException {
        String sql = "SELECT id, kind, at, actor, state, severity FROM alert_history WHERE alert_id = ? ORDER BY id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, alertId);
            List<AlertHistoryEntry> entries = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AlertHistoryEntry(rows.getLong(1), AlertEventKind.of(rows.getString(2)),
                        rows.getTimestamp(3).toInstant(), rows.getString(4), AlertState.of(rows.getString(5)),
                        Severity.of(rows.getString(6))));
                }
            }
            return entries;
        }
    }

    /** The subjects with a live alert of this fault type. */
    static Set<String> liveSubjects(Connection c, String faultType) throws SQLException {
        String sql = "SELECT subject_id FROM alerts WHERE fault_type = ? AND state <> 'resolved'";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, faultType);
            Set<String> subjects = new HashSet<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    subjects.add(rows.getString(1));
                }
            }
            return subjects;
        }
    }

    /** Alerts matching the query, newest first. */
    static List<Alert> list(Connection c, AlertQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE true");
        List<Object> parameters = new ArrayList<>();
        switch (query.states()) {
            case OPEN -> sql.append(" AND state = 'open'");
            case ACKNOWLEDGED -> sql.append(" AND state = 'acknowledged'");
            case RESOLVED -> sql.append(" AND state = 'resolved'");
            case LIVE -> sql.append(" AND state <> 'resolved'");
            case ALL -> sql.append("");
            default -> throw new IllegalStateException("unknown state filter " + query.states());
        }
        if (query.areaPrefix() != null) {
            sql.append(" AND area_code LIKE ?");
            parameters.add(query.areaPrefix() + "%");
        }
        if (query.subjectId() != null) {
            sql.append(" AND subject_id = ?");
            parameters.add(query.subjectId());
        }
        if (query.faultType() != null) {
            sql.append(" AND fault_type = ?");
            parameters.add(query.faultType());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(query.limit());
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            return all(s);
        }
    }

    private static Optional<Alert> one(PreparedStatement s) throws SQLException {
        try (ResultSet rows = s.executeQuery()) {
            return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
    }

    private static List<Alert> all(PreparedStatement s) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                alerts.add(read(rows));
            }
        }
        return alerts;
    }

    private static Alert read(ResultSet rows) throws SQLException {
        return new Alert(rows.getLong("id"), rows.getString("subject_id"), rows.getString("fault_type"),
            Severity.of(rows.getString("severity")), rows.getString("area_code"), rows.getString("message"),
            AlertState.of(rows.getString("state")), instant(rows, "opened_at"), instant(rows, "acknowledged_at"),
            rows.getString("acknowledged_by"), instant(rows, "resolved_at"), rows.getString("resolved_by"),
            rows.getInt("reminders"), rows.getInt("escalations"));
    }

    @Nullable
    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp t = rows.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
