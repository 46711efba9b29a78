package org.doorplate.server.marker.detect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.sse.SseClient;
import io.micronaut.http.sse.Event;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.alert.Alert;
import org.doorplate.server.alert.AlertState;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.marker.BoundaryRegistry;
import org.doorplate.server.marker.MarkerInput;
import org.doorplate.server.marker.NewBoundaryLine;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Verifies the detectors end to end: device messages published over MQTT to the real
 * Mosquitto go through the ingest pipeline into the database, and the faults they show open
 * (and clear) alerts, visible on {@code /api/v1/alerts} and the event stream.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MarkerFaultDetectionTest implements TestPropertyProvider {
    private static final String GROUP = TestDevices.uniqueId("marker-detection-test");
    private static final String AREA = "150102003004";
    private static final double REF_LAT = 40.85;
    private static final double REF_LON = 111.75;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    @Client("/")
    SseClient sse;

    @Inject
    ApplicationContext context;

    @Inject
    DeviceRegistry devices;

    @Inject
    TestDeviceFacts facts;

    @Inject
    BoundaryRegistry registry;

    private MqttClient device;
    private String crew;
    private final AtomicLong seq = new AtomicLong();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", GROUP);
        properties.put("doorplate.mqtt.client-id", GROUP + "-server");
        properties.put("doorplate.mqtt.session-expiry", "10s");
        properties.put("doorplate.test.device-facts", "true");
        return properties;
    }

    @BeforeAll
    void connect() throws MqttException {
        device = new MqttClient("tcp://127.0.0.1:1883", GROUP + "-device", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        device.connect(options);
        crew = TestAccounts.token(context, "crew-detection-test", Roles.CREW);
        registry.createLine(new NewBoundaryLine("1599", "test line", AREA, "150102003005",
            List.of(List.of(111.7, 40.8), List.of(111.8, 40.9))));
    }

    @AfterAll
    void disconnect() throws MqttException {
        device.disconnect();
        device.close();
    }

    @Test
    void tiltedMarkerOpensOneAlertOnTheApiAndTheStreamAndClearsWhenUpright() throws Exception {
        // GIVEN a marker device fitted to marker 1599001Q, and a crew watching the stream
        String id = TestDevices.uniqueId("bm");
        DeviceKey key = givenMarkerDevice(id, "1599001Q");
        // (From the first kept event on, so that the stream cannot miss what comes while it connects.)
        List<Event<String>> events = new CopyOnWriteArrayList<>();
        Disposable stream = Flux.from(sse.eventStream(HttpRequest.GET("/api/v1/alerts/stream").bearerAuth(crew)
            .header("Last-Event-ID", "0"), String.class)).subscribe(events::add);
        try {
            // WHEN it reports a 7.5 degree tilt, twice
            publish(key, markerReading(id, 750, 0, 0, false, 3_700));
            publish(key, markerReading(id, 760, 0, 0, false, 3_700));

            // THEN one tilted alert is open, on the API and on the stream
            await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "tilted").size() == 1);
            Alert alert = live(id, "tilted").get(0);
            assertEquals(AlertState.OPEN, alert.state());
            assertEquals(AREA, alert.areaCode());
            assertTrue(alert.message().contains("1599001Q"), alert.message());
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> "opened".equals(e.getName()) && e.getData().contains(id)));

            // WHEN it stands upright again THEN the alert clears automatically
            publish(key, markerReading(id, 20, 0, 0, false, 3_700));
            await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "tilted").isEmpty());
            assertEquals(1, list("state=all&fault=tilted&subject=" + id).size());
        } finally {
            stream.dispose();
        }
    }

    @Test
    void displacedMarkerRaisesOneAlert() throws Exception {
        // GIVEN a marker device with a window of fixes at its reference
        String id = TestDevices.uniqueId("bm");
        DeviceKey key = givenMarkerDevice(id, "1599002Q");
        Random noise = new Random(11);
        for (int i = 0; i < 30; i++) {
            publish(key, markerReading(id, 10, noise.nextGaussian(), noise.nextGaussian(), false, 3_700));
        }

        // WHEN the marker is knocked 8 m east
        for (int i = 0; i < 30; i++) {
            publish(key, markerReading(id, 10, 8 + noise.nextGaussian(), noise.nextGaussian(), false, 3_700));
        }

        // THEN one displaced alert opens, naming the offset
        await().atMost(30, TimeUnit.SECONDS).until(() -> live(id, "displaced").size() == 1);
        Alert alert = live(id, "displaced").get(0);
        assertTrue(alert.message().contains("1599002Q displaced"), alert.message());
        assertEquals(1, list("state=all&fault=displaced&subject=" + id).size());
    }

    @Test
    void doorplateFaultsAndTamperEventsOpenTheirAlerts() throws Exception {
        // GIVEN a doorplate device
        String id = TestDevices.uniqueId("dp");
        DeviceKey key = TestDevices.register(devices, id, DeviceKind.DOORPLATE);
        facts.put(id, Duration.ofHours(24), AREA);

        // WHEN it reports a failed backlight on a low battery, then a tamper event
        publish(key, new DoorplateReading(header(id), 2_500, false, Backlight.FAULT, 10, Optional.empty()));
        publish(key, TestDevices.event(id, seq.incrementAndGet(), Instant.now(), EventKind.TAMPER));

        // THEN each fault has its alert
        await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "backlight_failure").size() == 1
            && live(id, "low_battery").size() == 1 && live(id, "tamper").size() == 1);

        // WHEN the battery is replaced and the backlight repaired THEN those two clear
        publish(key, new DoorplateReading(header(id), 3_100, false, Backlight.ON, 10, Optional.empty()));
        await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "backlight_failure").isEmpty()
            && live(id, "low_battery").isEmpty());
    }

    private DeviceKey givenMarkerDevice(String id, String number) {
        DeviceKey key = TestDevices.register(devices, id, DeviceKind.MARKER);
        facts.put(id, Duration.ofMinutes(15), null);
        registry.createMarker(new MarkerInput(number, REF_LAT, REF_LON, 1050.0, id, null));
        return key;
    }

    private MarkerReading markerReading(String id, int tiltCenti, double east, double north, boolean tamper,
            int batteryMv) {
        LocalTangentPlane plane = new LocalTangentPlane(REF_LAT, REF_LON);
        double lat = plane.latitudeAt(north);
        double lon = plane.longitudeAt(east);
        GnssFix fix = new GnssFix((int) Math.round(lat * 1e7), (int) Math.round(lon * 1e7), 1_050_000, 100, 12,
            FixType.FIX_3D);
        return new MarkerReading(header(id), fix, tiltCenti, tamper, batteryMv, 5_000, 200, -80);
    }

    private Header header(String id) {
        return new Header(id, seq.incrementAndGet(), Instant.now());
    }

    private void publish(DeviceKey key, Uplink uplink) throws MqttException {
        MqttMessage message = new MqttMessage(TestDevices.cbor(key, uplink));
        message.setQos(1);
        device.publish(Topics.uplink(uplink.deviceId()), message);
    }

    private List<Alert> live(String subject, String fault) {
        return list("state=live&fault=" + fault + "&subject=" + subject);
    }

    private List<Alert> list(String query) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts?" + query).bearerAuth(crew),
            Argument.listOf(Alert.class));
    }
}
