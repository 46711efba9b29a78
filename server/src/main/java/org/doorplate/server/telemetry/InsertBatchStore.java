package org.doorplate.server.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Writes rows with multi-row {@code INSERT ... VALUES ... ON CONFLICT DO NOTHING}. */
final class InsertBatchStore implements BatchStore {
    @Override
    public Set<RowKey> insert(Connection connection, TelemetryTable table, List<TableRow> rows)
            throws SQLException {
        Set<RowKey> inserted = new HashSet<>();
        List<Column> columns = table.columns();
        int perStatement = Jdbc.MAX_PARAMETERS / columns.size();
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<TableRow> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            String sql = "INSERT INTO " + table.tableName() + " (" + table.columnList() + ") VALUES "
                + Jdbc.placeholders(chunk.size(), columns.size())
                + " ON CONFLICT DO NOTHING RETURNING device_id, seq, time";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                for (TableRow row : chunk) {
                    for (int c = 0; c < columns.size(); c++) {
                        Jdbc.bind(statement, index++, columns.get(c), row.values()[c]);
                    }
                }
                Jdbc.collectKeys(statement, inserted);
            }
        }
        return inserted;
    }
}
