package org.doorplate.server.telemetry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

/** Small JDBC helpers shared by the stores and queries of this package. */
final class Jdbc {
    /** PostgreSQL's limit on bind parameters in one statement is 32767 (a 16-bit count). */
    static final int MAX_PARAMETERS = 32_000;

    private Jdbc() {
    }

    static void bind(PreparedStatement statement, int index, Column column, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, column.sqlType());
        } else if (value instanceof Instant instant) {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Short number) {
            statement.setShort(index, number);
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else {
            throw new IllegalArgumentException("column " + column.name() + ": unsupported value type "
                + value.getClass().getName());
        }
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** Reads the (device_id, seq, time) rows a RETURNING clause answered into {@code keys}. */
    static void collectKeys(PreparedStatement statement, Set<RowKey> keys) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                keys.add(new RowKey(rows.getString(1), rows.getLong(2), instant(rows, "time")));
            }
        }
    }

    /** {@code (?, ?, ?), (?, ?, ?)} for {@code rows} rows of {@code columns} values. */
    static String placeholders(int rows, int columns) {
        String one = "(" + "?, ".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(rows * (one.length() + 2));
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(one);
        }
        return sql.toString();
    }
}
