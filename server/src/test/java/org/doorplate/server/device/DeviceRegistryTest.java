package org.doorplate.server.device;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.doorplate.server.error.ErrorBody;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies device provisioning over HTTP against the real database, and the registry's lookups. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class DeviceRegistryTest implements TestPropertyProvider {
    @Inject
    ApplicationContext context;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    DeviceRegistry registry;

    @Inject
    RecordedDeviceChanges changes;

    private String admin;
    private String crew;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.test.record-device-changes", "true");
        return properties;
    }

    @BeforeAll
    void signIn() {
        admin = TestAccounts.token(context, "device-test-admin", Roles.ADMIN);
        crew = TestAccounts.token(context, "device-test-crew", Roles.CREW);
    }

    @Test
    void createdDeviceAnswersItsKeyOnceAndFindDecryptsIt() {
        // WHEN a marker is registered with only an id and a kind
        HttpResponse<ProvisionedDevice> created = client.toBlocking().exchange(HttpRequest.POST(
            "/api/v1/devices", Map.of("id", "dr-marker-1", "kind", "marker")).bearerAuth(admin),
            ProvisionedDevice.class);

        // THEN 201 with a 64-hex key, the kind's default interval, and a GET that shows no key
        assertEquals(HttpStatus.CREATED, created.status());
        String key = created.body().key();
        assertTrue(key.matches("[0-9a-f]{64}"), key);
        assertEquals(DeviceKind.MARKER, created.body().kind());
        String shown = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/devices/dr-marker-1")
            .bearerAuth(crew));
        assertFalse(shown.contains(key), shown);
        assertFalse(shown.contains("\"key\""), shown);
        assertTrue(shown.contains("\"kind\":\"marker\""), shown);
        Device device = registry.find("dr-marker-1").orElseThrow();
        assertArrayEquals(HexFormat.of().parseHex(key), device.key());
        assertEquals(Duration.ofMinutes(15), device.reportInterval());
        assertTrue(device.isActive());
    }

    @Test
    void keyIsEncryptedAtRest() throws SQLException {
        // GIVEN a registered doorplate
        ProvisionedDevice created = create(Map.of("id", "dr-plate-rest", "kind", "doorplate"));
        byte[] plain = HexFormat.of().parseHex(created.key());

        // WHEN the stored row is read directly
        byte[] stored = storedCiphertext("dr-plate-rest");

        // THEN the column holds neither the key nor its hex text
        assertFalse(Arrays.equals(plain, Arrays.copyOf(stored, plain.length)));
        assertFalse(HexFormat.of().formatHex(stored).contains(created.key()));
        assertArrayEquals(plain, registry.find("dr-plate-rest").orElseThrow().key());
    }

    @Test
    void optionalFieldsAreStoredAndShown() {
        create(Map.of("id", "dr-plate-full", "kind", "doorplate", "reportInterval", "6h",
            "areaCode", "150102001001", "firmware", "1.4.2", "installLat", 40.8123456, "installLon", 111.6543210));

        DeviceView view = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/devices/dr-plate-full")
            .bearerAuth(admin), DeviceView.class);

        assertEquals("PT6H", view.reportInterval());
        assertEquals("150102001001", view.areaCode());
        assertEquals("1.4.2", view.firmwareVersion());
        assertEquals(40.8123456, view.installLat(), 1e-9);
        assertEquals(408_123_456, registry.find("dr-plate-full").orElseThrow().installLatitudeE7());
    }

    @Test
    void duplicateIdIsConflictAndKeepsTheFirstKey() {
        ProvisionedDevice first = create(Map.of("id", "dr-dup", "kind", "doorplate"));

        HttpResponse<?> second = fail(post("/api/v1/devices", Map.of("id", "dr-dup", "kind", "marker")));

        assertEquals(HttpStatus.CONFLICT, second.status());
        Device stored = registry.find("dr-dup").orElseThrow();
        assertEquals(DeviceKind.DOORPLATE, stored.kind());
        assertArrayEquals(HexFormat.of().parseHex(first.key()), stored.key());
    }

    @Test
    void badInputIsBadRequestAndStoresNothing() throws SQLException {
        List<Map<String, Object>> bad = List.of(
            Map.of("id", "dr/slash", "kind", "doorplate"),
            Map.of("id", "dr-bad-kind", "kind", "lamp"),
            Map.of("id", "dr-bad-area", "kind", "marker", "areaCode", "1501"),
            Map.of("id", "dr-bad-interval", "kind", "marker", "reportInterval", "often"),
            Map.of("id", "dr-bad-lat", "kind", "marker", "installLat", 91.0, "installLon", 10.0),
            Map.of("id", "dr-half-position", "kind", "marker", "installLat", 40.0),
            Map.of("kind", "marker"));

        for (Map<String, Object> body : bad) {
            HttpResponse<?> response = fail(post("/api/v1/devices", body));
            assertEquals(HttpStatus.BAD_REQUEST, response.status(), body.toString());
            assertEquals("bad_request", response.getBody(ErrorBody.class).orElseThrow().error());
        }
        assertEquals(0, countDevices("dr-bad-%"));
        assertEquals(0, countDevices("dr-half-%"));
    }

    @Test
    void csvImportCreatesAllAndAnswersTheirKeys() {
        String csv = "id,kind,areaCode,reportInterval\n"
            + "dr-csv-1,doorplate,150102001001,12h\n"
            + "\n"
            + "dr-csv-2,marker,,\n";

        HttpResponse<String> response = client.toBlocking().exchange(importRequest(csv), String.class);

        assertEquals(HttpStatus.CREATED, response.status());
        List<String> lines = response.body().lines().toList();
        assertEquals("id,kind,key", lines.get(0));
        assertEquals(3, lines.size());
        String[] first = lines.get(1).split(",");
        assertEquals("dr-csv-1", first[0]);
        assertArrayEquals(HexFormat.of().parseHex(first[2]), registry.find("dr-csv-1").orElseThrow().key());
        assertEquals(Duration.ofHours(12), registry.find("dr-csv-1").orElseThrow().reportInterval());
        assertEquals(DeviceKind.MARKER, registry.find("dr-csv-2").orElseThrow().kind());
    }

    @Test
    void csvImportWithOneBadLineStoresNothingAndNamesTheLine() throws SQLException {
        String csv = "dr-csv-bad-1,doorplate\n"
            + "dr-csv-bad-2,marker\n"
            + "dr-csv-bad-3,lamp\n";

        HttpResponse<?> response = fail(importRequest(csv));

        assertEquals(HttpStatus.BAD_REQUEST, response.status());
        String message = response.getBody(ErrorBody.class).orElseThrow().message();
        assertTrue(message.startsWith("line 3: "), message);
        assertEquals(0, countDevices("dr-csv-bad-%"));
    }

    @Test
    void csvImportWithATakenIdStoresNothingAndNamesTheLine() throws SQLException {
        create(Map.of("id", "dr-csv-taken", "kind", "doorplate"));
        String csv = "dr-csv-new-1,doorplate\ndr-csv-taken,doorplate\ndr-csv-new-2,marker\n";

        HttpResponse<?> response = fail(importRequest(csv));

        assertEquals(HttpStatus.CONFLICT, response.status());
        assertTrue(response.getBody(ErrorBody.class).orElseThrow().message().startsWith("line 2: "));
        assertEquals(0, countDevices("dr-csv-new-%"));
    }

    @Test
    void csvImportWithARepeatedIdIsRejected() throws SQLException {
        HttpResponse<?> response = fail(importRequest("dr-csv-twice,doorplate\ndr-csv-twice,marker\n"));

        assertEquals(HttpStatus.BAD_REQUEST, response.status());
        assertEquals("line 2: the id dr-csv-twice is on line 1 too",
            response.getBody(ErrorBody.class).orElseThrow().message());
        assertEquals(0, countDevices("dr-csv-twice"));
    }

    @Test
    void rotationReplacesTheKeyAndAnnouncesTheChange() {
        ProvisionedDevice first = create(Map.of("id", "dr-rotate", "kind", "marker"));
        registry.find("dr-rotate").orElseThrow();

        ProvisionedDevice rotated = client.toBlocking().retrieve(post("/api/v1/devices/dr-rotate/rotate-key",
            Map.of()), ProvisionedDevice.class);

        assertNotEquals(first.key(), rotated.key());
        assertEquals(2, rotated.keyVersion());
        Device device = registry.find("dr-rotate").orElseThrow();
        assertArrayEquals(HexFormat.of().parseHex(rotated.key()), device.key());
        assertEquals(2, device.keyVersion());
        assertTrue(changes.ids.contains("dr-rotate"));
        assertEquals(HttpStatus.NOT_FOUND, fail(post("/api/v1/devices/dr-nobody/rotate-key", Map.of())).status());
    }

    @Test
    void disabledDeviceHasNoActiveKeyUntilEnabled() {
        create(Map.of("id", "dr-disable", "kind", "doorplate"));
        assertTrue(registry.activeKeys().find("dr-disable").isPresent());

        DeviceView disabled = client.toBlocking().retrieve(post("/api/v1/devices/dr-disable/disable", Map.of()),
            DeviceView.class);

        assertEquals(Device.State.DISABLED, disabled.state());
        assertEquals(Device.State.DISABLED, registry.find("dr-disable").orElseThrow().state());
        assertTrue(registry.activeKeys().find("dr-disable").isEmpty());
        client.toBlocking().exchange(post("/api/v1/devices/dr-disable/enable", Map.of()));
        assertTrue(registry.find("dr-disable").orElseThrow().isActive());
    }

    @Test
    void listFiltersByKindAndPages() {
        create(Map.of("id", "dr-list-a", "kind", "marker"));
        create(Map.of("id", "dr-list-b", "kind", "marker"));
        create(Map.of("id", "dr-list-c", "kind", "doorplate"));

        List<DeviceView> page = client.toBlocking().retrieve(HttpRequest.GET(
            "/api/v1/devices?kind=marker&after=dr-list-&limit=1").bearerAuth(crew), Argument.listOf(DeviceView.class));

        assertEquals(List.of("dr-list-a"), page.stream().map(DeviceView::id).toList());
        assertEquals(HttpStatus.BAD_REQUEST, fail(HttpRequest.GET("/api/v1/devices?limit=0").bearerAuth(admin))
            .status());
    }

    @Test
    void crewMayReadButNotChangeAndAnonymousNeither() {
        create(Map.of("id", "dr-roles", "kind", "marker"));

        assertEquals(HttpStatus.OK, client.toBlocking().exchange(HttpRequest.GET("/api/v1/devices/dr-roles")
            .bearerAuth(crew)).status());
        assertEquals(HttpStatus.FORBIDDEN, fail(HttpRequest.POST("/api/v1/devices",
            Map.of("id", "dr-roles-2", "kind", "marker")).bearerAuth(crew)).status());
        assertEquals(HttpStatus.FORBIDDEN, fail(HttpRequest.POST("/api/v1/devices/dr-roles/rotate-key", Map.of())
            .bearerAuth(crew)).status());
        assertEquals(HttpStatus.UNAUTHORIZED, fail(HttpRequest.GET("/api/v1/devices/dr-roles")).status());
        assertTrue(registry.find("dr-roles-2").isEmpty());
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() {
        assertTrue(registry.find("dr-never-registered").isEmpty());
        assertTrue(registry.find("not/an/id").isEmpty());
        assertEquals(HttpStatus.NOT_FOUND, fail(HttpRequest.GET("/api/v1/devices/dr-never-registered")
            .bearerAuth(admin)).status());
    }

    private ProvisionedDevice create(Map<String, Object> body) {
        return client.toBlocking().retrieve(post("/api/v1/devices", body), ProvisionedDevice.class);
    }

    private MutableHttpRequest<?> post(String path, Map<String, ?> body) {
        return HttpRequest.POST(path, body).bearerAuth(admin);
    }

    private MutableHttpRequest<String> importRequest(String csv) {
        return HttpRequest.POST("/api/v1/devices/import", csv).contentType("text/csv").accept("text/csv")
            .bearerAuth(admin);
    }

    private HttpResponse<?> fail(HttpRequest<?> request) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
            () -> client.toBlocking().exchange(request, Argument.STRING, Argument.of(ErrorBody.class)));
        return e.getResponse();
    }

    private static byte[] storedCiphertext(String id) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement select = connection.prepareStatement(
                 "SELECT key_ciphertext FROM devices WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertTrue(rows.next());
                return rows.getBytes(1);
            }
        }
    }

    private static int countDevices(String pattern) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM devices WHERE id LIKE ?")) {
            select.setString(1, pattern);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
