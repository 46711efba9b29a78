package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the {@code webhooks} and {@code webhook_outbox} tables; joins the caller's transaction. */
final class WebhookStore {
    private static final String COLUMNS = "id, url, area_prefix, audience, enabled, created_at";

    private WebhookStore() {
    }

    /**
     * Queues the event for every enabled webhook whose area and audience it matches. Called in
     * the transaction of the change, so the delivery is as durable as the change itself.
     */
    static void enqueue(Connection c, AlertEvent event, String body, Instant now) throws SQLException {
        String sql = "INSERT INTO webhook_outbox (webhook_id, event_id, body, next_attempt_at)"
            + " SELECT id, ?, ?, ? FROM webhooks WHERE enabled"
            + " AND (area_prefix IS NULL OR ?::text LIKE area_prefix || '%')"
            + " AND (audience = 'crew' OR ? > 0)"
            + " ON CONFLICT (webhook_id, event_id) DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, event.eventId());
            s.setString(2, body);
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, event.alert().areaCode());
            s.setInt(5, event.alert().escalations());
            s.executeUpdate();
        }
    }

    static Webhook create(Connection c, String url, String secret, @Nullable String areaPrefix, String audience,
            Instant now) throws SQLException {
        String sql = "INSERT INTO webhooks (url, secret, area_prefix, audience, created_at) VALUES (?, ?, ?, ?, ?)"
            + " RETURNING " + COLUMNS;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, url);
            s.setString(2, secret);
            s.setString(3, areaPrefix);
            s.setString(4, audience);
            s.setTimestamp(5, Timestamp.from(now));
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return read(rows);
            }
        }
    }

    static List<Webhook> list(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM webhooks ORDER BY id");
             ResultSet rows = s.executeQuery()) {
            List<Webhook> hooks = new ArrayList<>();
            while (rows.next()) {
                hooks.add(read(rows));
            }
            return hooks;
        }
    }

    static boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM webhooks WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Delivery counts of one webhook; empty for an unknown id. */
    static Optional<WebhookStatus> status(Connection c, long id) throws SQLException {
        String sql = "SELECT count(*) FILTER (WHERE delivered_at IS NOT NULL),"
            + " count(*) FILTER (WHERE delivered_at IS NULL AND failed_at IS NULL),"
            + " count(*) FILTER (WHERE failed_at IS NOT NULL),"
            + " (SELECT last_error FROM webhook_outbox WHERE webhook_id = w.id AND last_error IS NOT NULL"
            + " ORDER BY id DESC LIMIT 1)"
            + " FROM webhooks w LEFT JOIN webhook_outbox o ON o.webhook_id = w.id WHERE w.id = ? GROUP BY w.id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WebhookStatus(id, rows.getLong(1), rows.getLong(2), rows.getLong(3),
                    rows.getString(4)));
            }
        }
    }

    /**
     * Claims the oldest pending delivery of each webhook that is due, leasing it until
     * {@code leaseUntil} so that no other dispatcher (in this or another server instance) takes
     * it meanwhile. Only the oldest per webhook, so that each endpoint gets its events in order.
     */
    static List<Delivery> claimDue(Connection c, Instant now, Instant leaseUntil) throws SQLException {
        String sql = "UPDATE webhook_outbox o SET next_attempt_at = ?, attempts = o.attempts + 1"
            + " FROM (SELECT DISTINCT ON (webhook_id) id FROM webhook_outbox"
            + "       WHERE delivered_at IS NULL AND failed_at IS NULL ORDER BY webhook_id, id) head,"
            + " webhooks w"
            + " WHERE o.id = head.id AND w.id = o.webhook_id AND o.next_attempt_at <= ?"
            + " RETURNING o.id, o.webhook_id, o.event_id, o.body, o.attempts, w.url, w.secret";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(leaseUntil));
            s.setTimestamp(2, Timestamp.from(now));
            List<Delivery> due = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    due.add(new Delivery(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getString(4),
                        rows.getInt(5), rows.getString(6), rows.getString(7)));
                }
            }
            return due;
        }
    }

    static void delivered(Connection c, long deliveryId, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE webhook_outbox SET delivered_at = ?, last_error = NULL WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setLong(2, deliveryId);
            s.executeUpdate();
        }
    }

    /** Records a failed attempt: retry at {@code retryAt}, or give up when it is null. */
    static void failed(Connection c, long deliveryId, String error, @Nullable Instant retryAt, Instant now)
            throws SQLException {
        String sql = retryAt != null
            ? "UPDATE webhook_outbox SET last_error = ?, next_attempt_at = ? WHERE id = ?"
            : "UPDATE webhook_outbox SET last_error = ?, failed_at = ? WHERE id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, error.length() > 500 ? error.substring(0, 500) : error);
            s.setTimestamp(2, Timestamp.from(retryAt != null ? retryAt : now));
            s.setLong(3, deliveryId);
            s.executeUpdate();
        }
    }

    private static Webhook read(ResultSet rows) throws SQLException {
        return new Webhook(rows.getLong("id"), rows.getString("url"), rows.getString("area_prefix"),
            rows.getString("audience"), rows.getBoolean("enabled"), rows.getTimestamp("created_at").toInstant());
    }

    /** A claimed delivery: one event for one webhook. */
    record Delivery(long id, long webhookId, long eventId, String body, int attempt, String url, String secret) {
    }
}
