package org.doorplate.server.alert.crew;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.server.alert.Alert;
import org.doorplate.server.alert.AlertQuery;
import org.doorplate.server.alert.AlertRequest;
import org.doorplate.server.alert.AlertService;
import org.doorplate.server.alert.AlertState;
import org.doorplate.server.alert.Severity;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.device.NewDevice;
import org.doorplate.server.ingest.IngestOutcome;
import org.doorplate.server.ingest.PayloadFormat;
import org.doorplate.server.ingest.RawUplink;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.ingest.Transport;
import org.doorplate.server.ingest.UplinkPipeline;
import org.doorplate.server.marker.BoundaryRegistry;
import org.doorplate.server.marker.MarkerInput;
import org.doorplate.server.marker.NewBoundaryLine;
import org.doorplate.server.marker.detect.LocalTangentPlane;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the crew page: sign-in by form and cookie, the board's content and its forms without
 * JavaScript, and in the real headless Chromium the sign-in page, the board with its SVG map
 * and plots, the live update from the event stream and the acknowledge button.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CrewPageTest implements TestPropertyProvider {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String LINE = "1601";
    private static final double LAT = 40.82;
    private static final double LON = 111.66;
    private static final String USER = "crew-page-test";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    AlertService alerts;

    @Inject
    JsonMapper json;

    private String tiltedDevice;
    private String quietDevice;

    @Override
    public Map<String, String> getProperties() {
        String group = TestDevices.uniqueId("crew-page-test");
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", group);
        properties.put("doorplate.mqtt.client-id", group + "-server");
        properties.put("doorplate.mqtt.session-expiry", "10s");
        properties.put("micronaut.http.client.follow-redirects", "false");
        return properties;
    }

    @BeforeAll
    void givenABoundaryWithMarkersAndAPlate() throws Exception {
        TestAccounts.create(context, USER, Roles.CREW);
        TestAccounts.create(context, "officer-crew-page-test", Roles.OFFICER);
        context.getBean(BoundaryRegistry.class).createLine(new NewBoundaryLine(LINE, "Saihan-Yuquan boundary",
            "150105001001", "150104002001", List.of(List.of(111.64, 40.81), List.of(111.66, 40.82),
                List.of(111.69, 40.825))));
        tiltedDevice = TestDevices.uniqueId("bm");
        quietDevice = TestDevices.uniqueId("bm");
        DeviceKey tilted = marker(tiltedDevice, "1601001Q", LAT, LON);
        DeviceKey quiet = marker(quietDevice, "1601002Q", LAT + 0.002, LON + 0.015);
        context.getBean(BoundaryRegistry.class).createMarker(new MarkerInput("1601003Q", LAT + 0.004, LON + 0.028,
            1010, null, "no device fitted"));
        Random noise = new Random(3);
        for (int i = 0; i < 40; i++) {
            submit(tilted, markerReading(tiltedDevice, i, LAT, LON, noise, i == 39 ? 820 : 40));
            submit(quiet, markerReading(quietDevice, i, LAT + 0.002, LON + 0.015, noise, 30));
        }
        String plate = TestDevices.uniqueId("dp");
        DeviceKey plateKey = device(plate, "doorplate", "24h");
        GnssFix where = new GnssFix((int) ((LAT - 0.003) * 1e7), (int) ((LON + 0.01) * 1e7), 1_000_000, 120, 9,
            FixType.FIX_3D);
        submit(plateKey, new DoorplateReading(new Header(plate, 1, Instant.now()), 3_000, false, Backlight.FAULT, 40,
            Optional.of(where)));
        await().atMost(30, TimeUnit.SECONDS).until(() -> !live(tiltedDevice, "tilted").isEmpty()
            && !live(plate, "backlight_failure").isEmpty());
    }

    @Test
    void signInAndTheBoardWorkWithoutJavaScript() {
        // GIVEN an anonymous visitor THEN /crew is the sign-in form
        String form = client.toBlocking().retrieve(HttpRequest.GET("/crew"));
        assertTrue(form.contains("action=\"/crew/login\""), form);

        // WHEN a wrong password or a non-crew account signs in THEN it is refused with the form again
        assertEquals(HttpStatus.UNAUTHORIZED, signInStatus(USER, "wrong"));
        assertEquals(HttpStatus.UNAUTHORIZED, signInStatus("officer-crew-page-test",
            TestAccounts.password("officer-crew-page-test")));

        // WHEN the crew member signs in THEN a strict, script-proof cookie carries the token
        String cookie = signIn();

        // THEN the board lists the tilted marker's alert, the markers, the plate and draws the map and plots
        String board = client.toBlocking().retrieve(HttpRequest.GET("/crew").header("Cookie", cookie));
        Alert tilted = live(tiltedDevice, "tilted").get(0);
        assertTrue(board.contains("id=\"alert-" + tilted.id() + "\""), "the tilted alert's row");
        assertTrue(board.contains("1601001Q") && board.contains("1601003Q"), "the markers");
        assertTrue(board.contains("<svg class=\"map\"") && board.contains("<polyline"), "the map");
        assertTrue(board.contains("<svg class=\"plot\"") && board.contains("class=\"fix\""), "the fix plots");
        assertTrue(board.contains("backlight_failure"), "the plate's fault");

        // WHEN the acknowledge form is posted THEN the alert is acknowledged and the board says so
        HttpResponse<?> ack = client.toBlocking().exchange(HttpRequest.POST("/crew/alerts/" + tilted.id() + "/ack",
            "").contentType(MediaType.APPLICATION_FORM_URLENCODED).header("Cookie", cookie));
        assertEquals(HttpStatus.SEE_OTHER, ack.status());
        assertEquals(AlertState.ACKNOWLEDGED, alerts.find(tilted.id()).state());
        assertEquals(USER, alerts.find(tilted.id()).acknowledgedBy());
    }

    @Test
    void chromiumShowsTheSignInPage() throws Exception {
        assumeTrue(HeadlessChromium.available(), "needs /usr/bin/chromium");
        String url = server.getURL() + "/crew";
        String dom = HeadlessChromium.dumpDom(url);
        assertTrue(dom.contains("<form class=\"signin\""), dom);
        Path shot = SCREENSHOTS.resolve("crew-sign-in.png");
        HeadlessChromium.screenshot(url, shot);
        assertTrue(Files.size(shot) > 1_000, "screenshot written");
    }

    @Test
    void chromiumBoardUpdatesLiveFromTheStreamAndAcknowledges() throws Exception {
        assumeTrue(HeadlessChromium.available(), "needs /usr/bin/chromium");
        try (HeadlessChromium browser = HeadlessChromium.launch(json)) {
            // GIVEN the crew member signed in through the page's form
            browser.navigate(server.getURL() + "/crew");
            browser.evaluate("document.getElementById('username').value = '" + USER + "';"
                + "document.getElementById('password').value = '" + TestAccounts.password(USER) + "';"
                + "document.querySelector('form.signin').submit(); true");
            browser.waitFor("document.querySelector('svg.map') !== null", Duration.ofSeconds(20));
            browser.waitFor("document.getElementById('status').textContent.startsWith('live')", Duration.ofSeconds(20));
            browser.screenshot(SCREENSHOTS.resolve("crew-board.png"));
            browser.evaluate("window.sameDocument = true");

            // WHEN a new alert opens THEN it appears on the page without a reload
            Alert tamper = alerts.raise(new AlertRequest(quietDevice, "tamper", Severity.HIGH, "150105001001",
                "marker 1601002Q: tamper switch open", Instant.now()));
            browser.waitFor("document.getElementById('alert-" + tamper.id() + "') !== null", Duration.ofSeconds(20));
            assertEquals(Boolean.TRUE, browser.evaluate("window.sameDocument === true"));

            // WHEN its acknowledge button is pressed THEN the alert is acknowledged
            browser.evaluate("document.querySelector('#alert-" + tamper.id() + " button.ack').click(); true");
            await().atMost(20, TimeUnit.SECONDS).until(() -> alerts.find(tamper.id()).state()
                == AlertState.ACKNOWLEDGED);
            browser.waitFor("document.querySelector('#alert-" + tamper.id() + " .state-acknowledged') !== null",
                Duration.ofSeconds(20));
            browser.screenshot(SCREENSHOTS.resolve("crew-board-acknowledged.png"));
        }
    }

    private String signIn() {
        HttpResponse<?> response = client.toBlocking().exchange(HttpRequest.POST("/crew/login",
            "username=" + USER + "&password=" + TestAccounts.password(USER))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED));
        assertEquals(HttpStatus.SEE_OTHER, response.status());
        String setCookie = response.getHeaders().get("Set-Cookie");
        assertTrue(setCookie.toLowerCase(Locale.ROOT).contains("httponly") && setCookie.contains("SameSite=Strict"),
            setCookie);
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpStatus signInStatus(String user, String password) {
        try {
            return client.toBlocking().exchange(HttpRequest.POST("/crew/login", "username=" + user + "&password="
                + password).contentType(MediaType.APPLICATION_FORM_URLENCODED)).status();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private DeviceKey marker(String id, String number, double lat, double lon) {
        DeviceKey key = device(id, "marker", "15m");
        context.getBean(BoundaryRegistry.class).createMarker(new MarkerInput(number, lat, lon, 1050, id, null));
        return key;
    }

    private DeviceKey device(String id, String kind, String interval) {
        return DeviceKey.fromHex(context.getBean(DeviceRegistry.class).create(NewDevice.of(id, kind, interval,
            "150105001001", null, null, null)).key());
    }

    private static MarkerReading markerReading(String id, long seq, double lat, double lon, Random noise, int tilt) {
        LocalTangentPlane plane = new LocalTangentPlane(lat, lon);
        double fixLat = plane.latitudeAt(1.5 * noise.nextGaussian());
        double fixLon = plane.longitudeAt(1.5 * noise.nextGaussian());
        GnssFix fix = new GnssFix((int) Math.round(fixLat * 1e7), (int) Math.round(fixLon * 1e7), 1_050_000,
            90 + noise.nextInt(60), 11, FixType.FIX_3D);
        return new MarkerReading(new Header(id, seq + 1, Instant.now().minusSeconds(600 * (40 - seq))), fix, tilt,
            false, 3_800, 5_200, 180, -90);
    }

    private void submit(DeviceKey key, Uplink uplink) throws Exception {
        IngestOutcome outcome = context.getBean(UplinkPipeline.class).submit(new RawUplink(Transport.MQTT,
            TestDevices.cbor(key, uplink), PayloadFormat.CBOR, null, Instant.now())).toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
        assertTrue(outcome instanceof IngestOutcome.Stored, outcome.toString());
    }

    private List<Alert> live(String subject, String fault) {
        return alerts.list(new AlertQuery(AlertQuery.States.LIVE, null, subject, fault, 10));
    }
}
