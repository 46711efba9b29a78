package org.doorplate.server.marker.detect;

import static org.awaitility.Awaitility.await;
import static org.doorplate.server.testing.SimulatedDevices.acknowledged;
import static org.doorplate.server.testing.SimulatedDevices.report;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.alert.Alert;
import org.doorplate.server.alert.AlertState;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.marker.BoundaryRegistry;
import org.doorplate.server.marker.MarkerInput;
import org.doorplate.server.marker.NewBoundaryLine;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.SimulatedDevices;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.Scenario;
import org.doorplate.sim.SimulatedDoorplate;
import org.doorplate.sim.SimulatedMarker;
import org.doorplate.sim.model.GeoPoint;
import org.doorplate.sim.provision.DeviceCredentials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Verifies the detectors end to end: device-sim's markers and doorplates play their faults over
 * MQTT through the real Mosquitto, the ingest pipeline stores what they send, and the faults
 * open (and clear) alerts, visible on {@code /api/v1/alerts} and the event stream.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MarkerFaultDetectionTest implements TestPropertyProvider {
    private static final String GROUP = TestDevices.uniqueId("marker-detection-test");
    private static final String AREA = "150102003004";
    private static final double REF_LAT = 40.85;
    private static final double REF_LON = 111.75;
    private static final double REF_HEIGHT = 1050.0;

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

    private String crew;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.mqtt.url", SimulatedDevices.BROKER.toString());
        properties.put("doorplate.mqtt.shared-group", GROUP);
        properties.put("doorplate.mqtt.client-id", GROUP + "-server");
        properties.put("doorplate.mqtt.session-expiry", "10s");
        properties.put("doorplate.test.device-facts", "true");
        properties.put("doorplate.detection.silence-check-interval", "200ms");
        return properties;
    }

    @BeforeAll
    void signInAndDrawTheLine() {
        crew = TestAccounts.token(context, "crew-detection-test", Roles.CREW);
        registry.createLine(new NewBoundaryLine("1599", "test line", AREA, "150102003005",
            List.of(List.of(111.7, 40.8), List.of(111.8, 40.9))));
    }

    @Test
    void tiltedMarkerOpensOneAlertOnTheApiAndTheStreamAndClearsWhenUpright() throws Exception {
        // GIVEN a simulated marker fitted to marker 1599001Q, and a crew watching the stream
        String id = TestDevices.uniqueId("bm");
        DeviceCredentials device = givenMarkerDevice(id, "1599001Q");
        // (From the first kept event on, so that the stream cannot miss what comes while it connects.)
        List<Event<String>> events = new CopyOnWriteArrayList<>();
        Disposable stream = Flux.from(sse.eventStream(HttpRequest.GET("/api/v1/alerts/stream").bearerAuth(crew)
            .header("Last-Event-ID", "0"), String.class)).subscribe(events::add);
        try (Fleet fleet = SimulatedDevices.mqtt(device)) {
            SimulatedMarker marker = fleet.marker(id);
            // WHEN it leans 7.5 degrees and reports twice
            acknowledged(new Scenario.Tilt(7.5, 2), marker);

            // THEN one tilted alert is open, on the API and on the stream
            await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "tilted").size() == 1);
            Alert alert = live(id, "tilted").get(0);
            assertEquals(AlertState.OPEN, alert.state());
            assertEquals(AREA, alert.areaCode());
            assertTrue(alert.message().contains("1599001Q"), alert.message());
            await().atMost(10, TimeUnit.SECONDS).until(() -> events.stream()
                .anyMatch(e -> "opened".equals(e.getName()) && e.getData().contains(id)));

            // WHEN it stands upright again THEN the alert clears automatically
            acknowledged(new Scenario.Tilt(0.2, 1), marker);
            await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "tilted").isEmpty());
            assertEquals(1, list("state=all&fault=tilted&subject=" + id).size());
        } finally {
            stream.dispose();
        }
    }

    @Test
    void displacedMarkerRaisesOneAlert() throws Exception {
        // GIVEN a simulated marker with a window of fixes at its reference
        String id = TestDevices.uniqueId("bm");
        try (Fleet fleet = SimulatedDevices.mqtt(givenMarkerDevice(id, "1599002Q"))) {
            SimulatedMarker marker = fleet.marker(id);
            for (int i = 0; i < 30; i++) {
                report(marker);
            }

            // WHEN the marker is knocked 8 m east and reports 60 times (with few satellites in
            // view the simulated receiver gives 2D fixes, which the detector sets aside)
            acknowledged(new Scenario.Displace(8, 90, 60), marker);
        }

        // THEN one displaced alert opens, naming the offset
        await().atMost(30, TimeUnit.SECONDS).until(() -> live(id, "displaced").size() == 1);
        Alert alert = live(id, "displaced").get(0);
        assertTrue(alert.message().contains("1599002Q displaced"), alert.message());
        assertEquals(1, list("state=all&fault=displaced&subject=" + id).size());
    }

    @Test
    void doorplateFaultsAndTamperEventsOpenTheirAlerts() throws Exception {
        // GIVEN a simulated doorplate
        String id = TestDevices.uniqueId("dp");
        DeviceCredentials device = SimulatedDevices.register(devices, id, DeviceKind.DOORPLATE);
        facts.put(id, Duration.ofHours(24), AREA);
        try (Fleet fleet = SimulatedDevices.mqtt(device)) {
            SimulatedDoorplate plate = fleet.doorplates().get(0);

            // WHEN its backlight fails and its battery runs down, then its tamper switch opens
            plate.setBacklightFault(true);
            acknowledged(new Scenario.DrainBattery(1, 1), plate);
            acknowledged(new Scenario.Tamper(), plate);

            // THEN each fault has its alert
            await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "backlight_failure").size() == 1
                && live(id, "low_battery").size() == 1 && live(id, "tamper").size() == 1);

            // WHEN the battery is replaced and the backlight repaired THEN those two clear
            plate.replaceBattery();
            plate.setBacklightFault(false);
            report(plate);
            await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "backlight_failure").isEmpty()
                && live(id, "low_battery").isEmpty());
        }
    }

    @Test
    void silentMarkerRaisesASilenceAlertThatClearsWhenItReportsAgain() throws Exception {
        // GIVEN a simulated marker on its own schedule, its 15-minute interval run 900 times
        // faster (about a second), which the server is told is its report interval
        String id = TestDevices.uniqueId("bm");
        DeviceCredentials device = givenMarkerDevice(id, "1599003Q");
        facts.put(id, Duration.ofSeconds(1), AREA);
        try (Fleet fleet = SimulatedDevices.mqtt(900, device)) {
            SimulatedMarker marker = fleet.marker(id);
            fleet.start();
            await().atMost(20, TimeUnit.SECONDS).until(() -> fleet.stats().acknowledged() >= 3);

            // WHEN it falls silent
            SimulatedDevices.play(new Scenario.Silent(), marker);

            // THEN a silent alert opens once three intervals pass without a message
            await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "silent").size() == 1);
            assertEquals(AREA, live(id, "silent").get(0).areaCode());

            // WHEN it reports again THEN the alert clears
            marker.setSilent(false);
            await().atMost(20, TimeUnit.SECONDS).until(() -> live(id, "silent").isEmpty());
            assertEquals(1, list("state=all&fault=silent&subject=" + id).size());
        }
    }

    private DeviceCredentials givenMarkerDevice(String id, String number) {
        DeviceCredentials device = SimulatedDevices.register(devices, id, DeviceKind.MARKER);
        facts.put(id, Duration.ofMinutes(15), null);
        registry.createMarker(new MarkerInput(number, REF_LAT, REF_LON, REF_HEIGHT, id, null));
        return SimulatedDevices.at(device, new GeoPoint(REF_LAT, REF_LON, REF_HEIGHT));
    }

    private List<Alert> live(String subject, String fault) {
        return list("state=live&fault=" + fault + "&subject=" + subject);
    }

    private List<Alert> list(String query) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/alerts?" + query).bearerAuth(crew),
            Argument.listOf(Alert.class));
    }
}
