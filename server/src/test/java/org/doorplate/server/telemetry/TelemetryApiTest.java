package org.doorplate.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.ingest.IngestOutcome;
import org.doorplate.server.ingest.PayloadFormat;
import org.doorplate.server.ingest.RawUplink;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.ingest.Transport;
import org.doorplate.server.ingest.UplinkPipeline;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the telemetry endpoints on stored uplinks with security on: devices are provisioned
 * through {@code POST /api/v1/devices} as an admin, crews and admins may read, other roles get
 * 403 and callers without a token 401; bad parameters answer 400 and unknown devices 404.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TelemetryApiTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    @Inject
    ApplicationContext context;
    @Inject
    UplinkPipeline pipeline;
    @Inject
    @Client("/")
    HttpClient http;

    private String adminToken;
    private String crewToken;
    private String officerToken;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        String group = TestDevices.uniqueId("telemetry-api-test");
        properties.put("doorplate.mqtt.shared-group", group);
        properties.put("doorplate.mqtt.client-id", group);
        return properties;
    }

    @BeforeAll
    void signIn() {
        adminToken = TestAccounts.token(context, "telemetry-api-admin", Roles.ADMIN);
        crewToken = TestAccounts.token(context, "telemetry-api-crew", Roles.CREW);
        officerToken = TestAccounts.token(context, "telemetry-api-officer", Roles.OFFICER);
    }

    @Test
    void storedReadingsAreServedRawBucketedAndAsSequences() {
        // GIVEN a marker with three stored readings, 20 minutes apart
        String id = givenMarkerWithReadings(3);

        // WHEN a crew member asks for its state, raw telemetry, hourly buckets and sequences
        String state = get("/api/v1/devices/" + id + "/state", crewToken);
        String raw = get("/api/v1/devices/" + id + "/telemetry?from=2025-05-01T00:00:00Z&to=2025-05-02T00:00:00Z",
            crewToken);
        String buckets = get("/api/v1/devices/" + id + "/telemetry?from=2025-05-01T00:00:00Z"
            + "&to=2025-05-02T00:00:00Z&bucket=1h", crewToken);
        String sequences = get("/api/v1/devices/" + id + "/sequences", crewToken);

        // THEN each answers from the stored rows
        assertTrue(state.contains("\"lastSeq\":3"), state);
        assertTrue(state.contains("\"tiltDegrees\":1.3"), state);
        assertEquals(3, raw.split("\"seq\"").length - 1, raw);
        assertTrue(buckets.contains("\"time\":\"2025-05-01T10:00:00Z\",\"readings\":3"), buckets);
        assertTrue(buckets.contains("\"name\":\"tiltDegrees\""), buckets);
        assertTrue(sequences.contains("\"sequences\":[1,2,3]"), sequences);
        assertTrue(sequences.contains("\"duplicates\":[]"), sequences);
    }

    @Test
    void onlyAdminsAndCrewsReadTelemetry() {
        // GIVEN a marker with one stored reading
        String id = givenMarkerWithReadings(1);
        List<String> paths = List.of("/api/v1/devices/" + id + "/state", "/api/v1/devices/" + id + "/telemetry",
            "/api/v1/devices/" + id + "/sequences");

        for (String path : paths) {
            // WHEN each endpoint is called without a token, with a forged one, and with an officer's
            // THEN it answers 401, 401 and 403
            assertEquals(HttpStatus.UNAUTHORIZED, status(path, null), path);
            assertEquals(HttpStatus.UNAUTHORIZED, status(path, crewToken + "x"), path);
            assertEquals(HttpStatus.FORBIDDEN, status(path, officerToken), path);
            // AND it answers an admin as well as a crew member
            assertTrue(get(path, adminToken).contains(id), path);
        }
    }

    @Test
    void badParametersAnswerBadRequestAndUnknownDevicesNotFound() {
        // GIVEN a marker with one stored reading
        String id = givenMarkerWithReadings(1);
        String base = "/api/v1/devices/" + id + "/telemetry";

        // WHEN parameters are malformed, or the device is unknown, THEN 400 and 404
        assertEquals(HttpStatus.BAD_REQUEST, status(base + "?from=yesterday", crewToken));
        assertEquals(HttpStatus.BAD_REQUEST, status(base + "?bucket=fortnight", crewToken));
        assertEquals(HttpStatus.BAD_REQUEST, status(base + "?from=2025-05-02T00:00:00Z&to=2025-05-01T00:00:00Z",
            crewToken));
        assertEquals(HttpStatus.BAD_REQUEST, status(base + "?from=2000-01-01T00:00:00Z&to=2025-01-01T00:00:00Z"
            + "&bucket=1s", crewToken));
        assertEquals(HttpStatus.NOT_FOUND, status("/api/v1/devices/nobody-here/state", crewToken));
        assertEquals(HttpStatus.NOT_FOUND, status("/api/v1/devices/nobody-here/sequences", crewToken));
    }

    /** Provisions a marker through the API as an admin and stores readings through the pipeline. */
    private String givenMarkerWithReadings(int count) {
        String id = TestDevices.uniqueId("marker");
        Map<String, Object> created = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/devices",
            Map.of("id", id, "kind", "marker")).bearerAuth(adminToken), Argument.mapOf(String.class, Object.class));
        DeviceKey key = DeviceKey.of(HexFormat.of().parseHex((String) created.get("key")));
        for (int seq = 1; seq <= count; seq++) {
            byte[] payload = TestDevices.cbor(key, TestDevices.markerReading(id, seq, T0.plusSeconds(1200L * (seq - 1)),
                100 + 10 * seq));
            IngestOutcome outcome = pipeline.submit(new RawUplink(Transport.HTTP, payload, PayloadFormat.CBOR,
                null, Instant.now())).toCompletableFuture().join();
            assertInstanceOf(IngestOutcome.Stored.class, outcome);
        }
        return id;
    }

    private String get(String path, String token) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token));
    }

    private HttpStatus status(String path, @Nullable String token) {
        MutableHttpRequest<?> request = HttpRequest.GET(path);
        if (token != null) {
            request.bearerAuth(token);
        }
        HttpClientResponseException failure = assertThrows(HttpClientResponseException.class,
            () -> http.toBlocking().retrieve(request));
        return failure.getStatus();
    }
}
