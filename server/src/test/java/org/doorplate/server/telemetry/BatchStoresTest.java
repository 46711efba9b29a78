package org.doorplate.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verifies both batch stores, the default INSERT one and the COPY one, on the real readings
 * hypertable: each stores a row once whether it was stored before or repeats inside the batch,
 * answers exactly the keys it inserted, and starts every transaction of a connection afresh.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BatchStoresTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2025-06-01T08:00:00Z");

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        String group = TestDevices.uniqueId("batch-stores-test");
        properties.put("doorplate.mqtt.shared-group", group);
        properties.put("doorplate.mqtt.client-id", group);
        return properties;
    }

    static Stream<BatchStore> stores() {
        return Stream.of(new InsertBatchStore(), new CopyBatchStore());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void repeatedRowsAreStoredOnceAndOnlyNewKeysAreAnswered(BatchStore store) throws SQLException {
        // GIVEN readings 1 to 3 of a marker already stored
        String device = TestDevices.uniqueId("store-" + store.getClass().getSimpleName());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            write(connection, store, rows(device, 1, 2, 3));

            // WHEN a batch holds 2 and 3 again, 4, and 5 twice
            Set<RowKey> inserted = write(connection, store, rows(device, 2, 3, 4, 5, 5));

            // THEN only 4 and 5 are new, and every reading is stored once
            assertEquals(Set.of(4L, 5L), inserted.stream().map(RowKey::seq).collect(Collectors.toSet()));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), storedSequences(device));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void rolledBackBatchLeavesNothingForTheNextTransaction(BatchStore store) throws SQLException {
        // GIVEN a batch written and rolled back on a connection
        String device = TestDevices.uniqueId("rollback-" + store.getClass().getSimpleName());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            store.prepare(connection);
            store.insert(connection, TelemetryTable.READINGS, rows(device, 1, 2));
            connection.rollback();

            // WHEN the next transaction on it writes another reading
            Set<RowKey> inserted = write(connection, store, rows(device, 3));

            // THEN that transaction stored and answered only its own reading
            assertEquals(Set.of(3L), inserted.stream().map(RowKey::seq).collect(Collectors.toSet()));
        }
        assertEquals(List.of(3L), storedSequences(device));
    }

    private static Set<RowKey> write(Connection connection, BatchStore store, List<TableRow> rows)
            throws SQLException {
        store.prepare(connection);
        Set<RowKey> inserted = store.insert(connection, TelemetryTable.READINGS, rows);
        connection.commit();
        return inserted;
    }

    private static List<TableRow> rows(String device, long... sequences) {
        List<TableRow> rows = new ArrayList<>();
        for (long seq : sequences) {
            rows.addAll(UplinkRows.of(TestDevices.markerReading(device, seq, T0.plusSeconds(seq), 150), T0));
        }
        return rows;
    }

    private static List<Long> storedSequences(String device) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT seq FROM readings WHERE device_id = ? ORDER BY seq")) {
            statement.setString(1, device);
            List<Long> sequences = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getLong(1));
                }
            }
            return sequences;
        }
    }
}
