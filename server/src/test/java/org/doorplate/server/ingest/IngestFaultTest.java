package org.doorplate.server.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.testing.TestDatabase;
import org.doorplate.sim.verify.StoredSequences;
import org.doorplate.sim.verify.Verification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies that nothing acknowledged is lost and nothing is stored twice when things fail
 * mid-stream, with a device-sim marker streaming over MQTT and device-sim's verify logic as the
 * judge: the server killed with SIGKILL, PostgreSQL stopped the hard way, one of two
 * instances sharing the stream killed. Servers run as child JVMs configured by environment
 * variables, on the real Mosquitto, with security on: each test registers its device through
 * {@code POST /api/v1/devices} as the admin, and the servers find it in the shared database.
 * Streams stay under Mosquitto's default queue limit of 1000 messages per session.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class IngestFaultTest {
    private static final Duration PACE = Duration.ofMillis(2);
    private static final int STREAM = 700;
    private static Path logs;

    @BeforeAll
    static void logFolder() throws Exception {
        logs = Files.createDirectories(Path.of("target", "fault-logs"));
    }

    @Test
    void serverKilledMidStreamStoresEveryAcknowledgedMessageOnce() throws Exception {
        // GIVEN a server with a stable client id, and a registered marker
        String group = TestDevices.uniqueId("kill");
        Map<String, String> env = ServerProcess.environment(TestDatabase.url(), group, group + "-a");
        ServerProcess server = ServerProcess.start(env, logs.resolve(group + ".log"));
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = server.registerDevice(id, "marker");

        // WHEN the marker streams readings and the server is killed with SIGKILL mid-stream
        try (SimulatedStream stream = new SimulatedStream(id, key)) {
            stream.start(STREAM, PACE);
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(TestDatabase.url(), id).size() >= 100);
            server.kill();
            stream.awaitDone();
            // AND it is started again with the same client id
            server = ServerProcess.start(env, logs.resolve(group + ".log"));

            // THEN every message the broker acknowledged is stored, exactly once
            List<Long> expected = stream.acknowledgedSeqs();
            assertEquals(STREAM, expected.size(), stream.failures());
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(TestDatabase.url(), id).equals(expected));
            assertEquals(STREAM, rows(TestDatabase.url(), id));
            assertVerified(stream, TestDatabase.url(), id);
        } finally {
            server.stop();
        }
    }

    @Test
    void databaseStoppedMidStreamLosesNothingAcknowledged() throws Exception {
        // GIVEN a server on a PostgreSQL cluster of this test's own
        try (PrivatePostgres postgres = PrivatePostgres.start()) {
            postgres.createDatabase("doorplate");
            String url = postgres.url("doorplate");
            String group = TestDevices.uniqueId("pgdown");
            ServerProcess server = ServerProcess.start(ServerProcess.environment(url, group, group + "-a"),
                logs.resolve(group + ".log"));
            try (server) {
                String id = TestDevices.uniqueId("marker");
                DeviceKey key = server.registerDevice(id, "marker");
                // WHEN the database stops hard mid-stream and comes back after the stream
                try (SimulatedStream stream = new SimulatedStream(id, key)) {
                    stream.start(STREAM, PACE);
                    await().atMost(Duration.ofSeconds(60)).until(() -> stored(url, id).size() >= 100);
                    postgres.stopImmediately();
                    stream.awaitDone();
                    postgres.startAgain();

                    // THEN ingestion resumes and every acknowledged message is stored once
                    List<Long> expected = stream.acknowledgedSeqs();
                    assertEquals(STREAM, expected.size(), stream.failures());
                    await().atMost(Duration.ofSeconds(60)).until(() -> stored(url, id).equals(expected));
                    assertEquals(STREAM, rows(url, id));
                    assertVerified(stream, url, id);
                    assertTrue(server.isAlive());
                }
            }
        }
    }

    @Test
    void twoInstancesSplitTheStreamAndOneCarriesOnWhenTheOtherIsKilled() throws Exception {
        // GIVEN two servers in one shared-subscription group on one database
        String group = TestDevices.uniqueId("pair");
        Map<String, String> envA = ServerProcess.environment(TestDatabase.url(), group, group + "-a");
        ServerProcess a = ServerProcess.start(envA, logs.resolve(group + "-a.log"));
        ServerProcess b = ServerProcess.start(ServerProcess.environment(TestDatabase.url(), group, group + "-b"),
            logs.resolve(group + "-b.log"));
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = a.registerDevice(id, "marker");
        try (SimulatedStream stream = new SimulatedStream(id, key)) {
            // WHEN a stream runs and one instance is killed in the middle of it
            stream.start(STREAM, PACE);
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(TestDatabase.url(), id).size() >= 150);
            assertTrue(a.storedCount() > 0 && b.storedCount() > 0, "both instances take part of the stream");
            a.kill();
            int atKill = stored(TestDatabase.url(), id).size();

            // THEN the other carries on storing its share
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(TestDatabase.url(), id).size() >= atKill + 100);
            stream.awaitDone();
            // AND once the killed one is back (Mosquitto queued its share in its session),
            // every acknowledged message is stored exactly once
            a = ServerProcess.start(envA, logs.resolve(group + "-a.log"));
            List<Long> expected = stream.acknowledgedSeqs();
            assertEquals(STREAM, expected.size(), stream.failures());
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(TestDatabase.url(), id).equals(expected));
            assertEquals(STREAM, rows(TestDatabase.url(), id));
            assertVerified(stream, TestDatabase.url(), id);
        } finally {
            a.stop();
            b.stop();
        }
    }

    /** device-sim's verdict: every acknowledged message stored exactly once. */
    private static void assertVerified(SimulatedStream stream, String url, String deviceId) throws SQLException {
        Verification.Report report = stream.verify(storedSequences(url, deviceId));
        assertTrue(report.passed(), "missing " + report.missing() + ", doubled " + report.doubled());
        assertEquals(STREAM, report.acknowledged());
    }

    /** The distinct stored sequence numbers of a device, ascending; empty while the database is down. */
    private static List<Long> stored(String url, String deviceId) {
        try {
            return storedSequences(url, deviceId).sequences();
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** What the device's readings table holds, as the server's sequences endpoint would answer it. */
    private static StoredSequences storedSequences(String url, String deviceId) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        List<Long> doubled = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT seq, count(*) FROM readings WHERE device_id = ? GROUP BY seq ORDER BY seq")) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                    if (rows.getLong(2) > 1) {
                        doubled.add(rows.getLong(1));
                    }
                }
            }
        }
        return new StoredSequences(deviceId, seqs, doubled);
    }

    private static long rows(String url, String deviceId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(
                 "SELECT count(*) FROM readings WHERE device_id = ?")) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
