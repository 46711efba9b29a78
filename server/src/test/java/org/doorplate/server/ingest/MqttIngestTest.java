package org.doorplate.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.testing.SimulatedDevices;
import org.doorplate.server.testing.TestDatabase;
import org.doorplate.server.telemetry.DeviceState;
import org.doorplate.server.telemetry.DeviceStates;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.Scenario;
import org.doorplate.sim.ScenarioResult;
import org.doorplate.sim.SimulatedDevice;
import org.doorplate.sim.provision.DeviceCredentials;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the MQTT path end to end against the real Mosquitto, TimescaleDB and device registry
 * (security on, as in production): what a device publishes is stored once, and what is bad is
 * refused, counted, acknowledged and not stored. The bad uplinks come from device-sim's
 * simulated devices and scenarios, over their own MQTT links.
 *
 * <p>The server's receive maximum is 2 here: were a rejected message left unacknowledged, two
 * of them would stop all further deliveries and the valid messages after them would never be
 * stored.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MqttIngestTest implements TestPropertyProvider {
    private static final String GROUP = TestDevices.uniqueId("mqtt-ingest-test");
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    @Inject
    DeviceRegistry registry;
    @Inject
    MeterRegistry meters;
    @Inject
    DeviceStates states;

    private MqttClient publisher;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", GROUP);
        properties.put("doorplate.mqtt.client-id", GROUP + "-server");
        properties.put("doorplate.mqtt.receive-maximum", "2");
        properties.put("doorplate.mqtt.session-expiry", "10s");
        return properties;
    }

    @BeforeAll
    void connectPublisher() throws MqttException {
        publisher = new MqttClient("tcp://127.0.0.1:1883", GROUP + "-device", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options);
    }

    @AfterAll
    void disconnectPublisher() throws MqttException {
        publisher.disconnect();
        publisher.close();
    }

    // Stays hand-made: the point is a message from the mosquitto_pub tool, not from a device.
    @Test
    void jsonReadingPublishedWithMosquittoPubIsStored() throws Exception {
        // GIVEN a registered doorplate and its JSON reading
        String id = TestDevices.uniqueId("plate");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.DOORPLATE);
        String json = new String(TestDevices.json(key, TestDevices.doorplateReading(id, 1, T0, 2_950)),
            StandardCharsets.UTF_8);

        // WHEN the real mosquitto_pub client publishes it with QoS 1
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", "1883", "-V", "mqttv5",
            "-q", "1", "-t", Topics.uplink(id), "-m", json).redirectErrorStream(true).start();
        assertTrue(pub.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, pub.exitValue(), new String(pub.getInputStream().readAllBytes()));

        // THEN it is stored, with the device time and the latest state
        await().atMost(Duration.ofSeconds(20)).until(() -> storedSeqs(id).equals(List.of(1L)));
        DeviceState state = states.find(id).orElseThrow();
        assertEquals(2.95, state.batteryVolts());
        assertEquals(T0, state.readingTime());
        assertEquals(1, state.lastSeq());
    }

    // Stays hand-made: it needs chosen seqs, times and tilts, which device-sim does not let a test pick.
    @Test
    void cborReadingsEventsAndLateBatchAreStoredOnce() throws Exception {
        // GIVEN a marker that reports, raises an event, and sends a late batch of buffered readings
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        List<BatchEntry> buffered = new ArrayList<>();
        for (int seq = 4; seq <= 8; seq++) {
            buffered.add(TestDevices.markerReading(id, seq, T0.minus(Duration.ofHours(9 - seq)), 10));
        }
        byte[] batch = TestDevices.cbor(key, TestDevices.batch(id, 9, T0.plusSeconds(600), buffered));

        // WHEN all are published, the batch twice (a redelivery), plus a repeated reading
        publish(id, TestDevices.cbor(key, TestDevices.markerReading(id, 1, T0, 120)));
        publish(id, TestDevices.cbor(key, TestDevices.markerReading(id, 2, T0.plusSeconds(300), 125)));
        publish(id, TestDevices.cbor(key, TestDevices.event(id, 3, T0.plusSeconds(400), EventKind.TAMPER)));
        publish(id, batch);
        publish(id, batch);
        publish(id, TestDevices.cbor(key, TestDevices.markerReading(id, 2, T0.plusSeconds(300), 125)));

        // THEN every sequence number is stored exactly once
        List<Long> expected = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        await().atMost(Duration.ofSeconds(20)).until(() -> storedSeqs(id).equals(expected));
        assertEquals(7, count("SELECT count(*) FROM readings WHERE device_id = ?", id));
        assertEquals(2, count("SELECT count(*) FROM device_events WHERE device_id = ?", id));
        // AND the late batch's older readings did not replace the latest values
        DeviceState state = states.find(id).orElseThrow();
        assertEquals(1.25, state.tiltDegrees());
        assertEquals(T0.plusSeconds(300), state.readingTime());
        assertEquals(9, state.lastSeq());
        assertNotNull(state.position());
    }

    @Test
    void badUplinksAreRejectedCountedAcknowledgedAndNotStored() throws Exception {
        // GIVEN a simulated marker that has reported, a disabled one, and one nobody registered
        String id = TestDevices.uniqueId("marker");
        DeviceCredentials marker = SimulatedDevices.register(registry, id, DeviceKind.MARKER);
        String disabled = TestDevices.uniqueId("marker");
        DeviceCredentials disabledMarker = SimulatedDevices.credentials(disabled, DeviceKind.MARKER,
            TestDevices.registerDisabled(registry, disabled, DeviceKind.MARKER));
        String unknown = TestDevices.uniqueId("ghost");
        DeviceCredentials ghost = SimulatedDevices.credentials(unknown, DeviceKind.MARKER, TestDevices.newKey());
        long first;
        try (Fleet fleet = SimulatedDevices.mqtt(marker)) {
            first = SimulatedDevices.reading(fleet.device(id)).stored().get(0).seq();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> storedSeqs(id).equals(List.of(first)));
        Map<RejectReason, Double> before = rejections();
        double duplicatesBefore = duplicates();

        // WHEN the marker restarts having lost its sequence counter (a simulator whose clock is a
        // minute behind numbers its messages 60,000 lower, far below the replay window)
        try (Fleet lagging = SimulatedDevices.mqtt(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)),
                marker)) {
            SimulatedDevices.reading(lagging.device(id));
        }
        long valid;
        try (Fleet fleet = SimulatedDevices.mqtt(marker, disabledMarker, ghost)) {
            SimulatedDevice device = fleet.device(id);
            // AND it sends garbage, a message above the size limit and one with a forged MAC
            SimulatedDevices.play(new Scenario.Malformed(13), device);
            SimulatedDevices.play(new Scenario.Malformed(20_000), device);
            SimulatedDevices.play(new Scenario.Forge(), device);
            // AND, over its link, what device-sim cannot make: a truncated message and one naming
            // another device
            byte[] sealed = TestDevices.cbor(marker.deviceKey(), TestDevices.markerReading(id, 7, T0, 1));
            SimulatedDevices.answered(device.link().send(Arrays.copyOf(sealed, sealed.length / 2),
                ContentType.CBOR));
            SimulatedDevices.answered(device.link().send(TestDevices.cbor(marker.deviceKey(),
                TestDevices.markerReading(unknown, 7, T0, 1)), ContentType.CBOR));
            // AND the disabled and the unknown device report
            SimulatedDevices.reading(fleet.device(disabled));
            SimulatedDevices.reading(fleet.device(unknown));
            // AND then the marker sends a valid reading, and the same bytes again
            ScenarioResult replay = SimulatedDevices.acknowledged(new Scenario.Replay(), device);
            valid = replay.deliveries().get(0).stored().get(0).seq();
        }

        // THEN only the valid one is stored, once, and each rejection is counted once by its reason
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(List.of(first, valid), storedSeqs(id));
            assertEquals(duplicatesBefore + 1, duplicates());
        });
        Map<RejectReason, Double> after = rejections();
        assertEquals(2.0, after.get(RejectReason.MALFORMED) - before.get(RejectReason.MALFORMED));
        assertEquals(1.0, after.get(RejectReason.OVERSIZE) - before.get(RejectReason.OVERSIZE));
        assertEquals(1.0, after.get(RejectReason.BAD_MAC) - before.get(RejectReason.BAD_MAC));
        assertEquals(1.0, after.get(RejectReason.STALE) - before.get(RejectReason.STALE));
        assertEquals(1.0, after.get(RejectReason.UNKNOWN_DEVICE) - before.get(RejectReason.UNKNOWN_DEVICE));
        assertEquals(1.0, after.get(RejectReason.DISABLED_DEVICE) - before.get(RejectReason.DISABLED_DEVICE));
        assertEquals(1.0, after.get(RejectReason.DEVICE_MISMATCH) - before.get(RejectReason.DEVICE_MISMATCH));
        assertEquals(List.of(), storedSeqs(disabled));
        assertEquals(List.of(), storedSeqs(unknown));
    }

    private void publish(String deviceId, byte[] payload) throws MqttException {
        publisher.publish(Topics.UPLINK_PREFIX + deviceId, payload, Topics.QOS, false);
    }

    private double duplicates() {
        return meters.get("doorplate.ingest.uplinks").tag("transport", "mqtt").tag("outcome", "duplicate")
            .counter().count();
    }

    private Map<RejectReason, Double> rejections() {
        Map<RejectReason, Double> counts = new HashMap<>();
        for (RejectReason reason : RejectReason.values()) {
            counts.put(reason, meters.get("doorplate.ingest.rejected").tag("transport", "mqtt")
                .tag("reason", reason.name().toLowerCase()).counter().count());
        }
        return counts;
    }

    static List<Long> storedSeqs(String deviceId) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Connection connection = TestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT seq FROM readings WHERE device_id = ?"
                 + " UNION ALL SELECT seq FROM device_events WHERE device_id = ? ORDER BY 1")) {
            statement.setString(1, deviceId);
            statement.setString(2, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
        }
        return seqs;
    }

    private static long count(String sql, String deviceId) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
