package org.doorplate.server.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Counts committed readings by device time, on one connection held open: the poll runs every
 * few milliseconds while the server writes, and a connection per poll would cost the database
 * more than the count.
 */
final class RowCounter implements AutoCloseable {
    /** Later than any reading of the benchmark. */
    static final Instant END = Instant.parse("2100-01-01T00:00:00Z");

    private final Connection connection;
    private final PreparedStatement count;

    RowCounter(String url) throws SQLException {
        this.connection = DriverManager.getConnection(url, "postgres", "");
        this.count = connection.prepareStatement("SELECT count(*) FROM readings WHERE time >= ? AND time < ?");
    }

    /** Committed readings with a device time in {@code [from, to)}. */
    long count(Instant from, Instant to) {
        try {
            count.setObject(1, utc(from));
            count.setObject(2, utc(to));
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the stored readings", e);
        }
    }

    /** Fails unless exactly {@code expected} readings from {@code from} on are stored, none twice. */
    void requireStoredOnce(Instant from, long expected) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*), count(DISTINCT (device_id, seq)) FROM readings WHERE time >= ?")) {
            statement.setObject(1, utc(from));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (rows.getLong(1) != expected || rows.getLong(2) != expected) {
                    throw new IllegalStateException("expected " + expected + " readings stored once, found "
                        + rows.getLong(1) + " rows of " + rows.getLong(2) + " distinct readings");
                }
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public void close() throws SQLException {
        count.close();
        connection.close();
    }
}
