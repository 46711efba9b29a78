package org.doorplate.server.telemetry;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows with COPY into a temporary staging table, then one
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}: COPY alone cannot skip rows that are
 * already stored, and the detour keeps COPY's cheap parsing for the bulk of the work.
 */
final class CopyBatchStore implements BatchStore {
    /** Physical connections that already have the staging tables (temporary tables live per session). */
    private final Set<Object> prepared = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    public Set<RowKey> insert(Connection connection, TelemetryTable table, List<TableRow> rows)
            throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        String staging = table.tableName() + "_staging";
        byte[] data = encode(rows);
        CopyIn copy = pg.getCopyAPI().copyIn("COPY " + staging + " (" + table.columnList() + ") FROM STDIN");
        try {
            copy.writeToCopy(data, 0, data.length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        Set<RowKey> inserted = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table.tableName()
                + " (" + table.columnList() + ") SELECT " + table.columnList() + " FROM " + staging
                + " ON CONFLICT DO NOTHING RETURNING device_id, seq, time")) {
            Jdbc.collectKeys(statement, inserted);
        }
        return inserted;
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        Object physical = connection.unwrap(PGConnection.class);
        if (prepared.contains(physical)) {
            return;
        }
        // ON COMMIT DELETE ROWS empties the staging tables at every commit (and a rollback
        // discards what was copied), so each batch starts from an empty table. The tables are
        // committed at once: created in the batch's transaction, a rollback would drop them.
        try (Statement statement = connection.createStatement()) {
            for (TelemetryTable table : TelemetryTable.values()) {
                statement.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + table.tableName() + "_staging"
                    + " (LIKE " + table.tableName() + ") ON COMMIT DELETE ROWS");
            }
        }
        connection.commit();
        prepared.add(physical);
    }

    /** The rows in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    static byte[] encode(List<TableRow> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 120);
        for (TableRow row : rows) {
            Object[] values = row.values();
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                appendValue(text, values[i]);
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendValue(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof String s) {
            appendEscaped(text, s);
        } else if (value instanceof Boolean b) {
            text.append(b ? 't' : 'f');
        } else if (value instanceof Instant instant) {
            text.append(instant);
        } else {
            text.append(value);
        }
    }

    private static void appendEscaped(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
