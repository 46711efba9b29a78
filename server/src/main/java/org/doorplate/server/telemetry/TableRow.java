package org.doorplate.server.telemetry;

import java.time.Instant;

/**
 * One row for a {@link TelemetryTable}: values in the table's column order ({@link Instant},
 * {@link String}, {@link Long}, {@link Integer}, {@link Short}, {@link Boolean} or null).
 */
record TableRow(TelemetryTable table, Object[] values) {
    TableRow {
        if (values.length != table.columns().size()) {
            throw new IllegalArgumentException("a " + table + " row has " + table.columns().size()
                + " values, found " + values.length);
        }
    }

    RowKey key() {
        return new RowKey((String) values[1], (Long) values[2], (Instant) values[0]);
    }
}
