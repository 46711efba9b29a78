package org.doorplate.server.telemetry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/** Writes rows of one table inside the caller's transaction, skipping rows already stored. */
interface BatchStore {
    /**
     * Readies a connection before the batch's transaction writes anything; may commit, so it
     * must run first.
     */
    default void prepare(Connection connection) throws SQLException {
    }

    /**
     * Inserts the rows; a row whose (device, seq, time) is already stored, or repeated in
     * {@code rows}, is skipped.
     *
     * @return the keys of the rows this call inserted
     */
    Set<RowKey> insert(Connection connection, TelemetryTable table, List<TableRow> rows) throws SQLException;
}
