package org.doorplate.server.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.ingest.IngestOutcome;
import org.doorplate.server.ingest.PayloadFormat;
import org.doorplate.server.ingest.RawUplink;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.ingest.TestIngestDevices;
import org.doorplate.server.ingest.Transport;
import org.doorplate.server.ingest.UplinkPipeline;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the telemetry endpoints on stored uplinks, and that bad parameters answer 400 and
 * unknown devices 404. Security is off here: the accounts helper of the core is not on main yet.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TelemetryApiTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");

    @Inject
    TestIngestDevices devices;
    @Inject
    UplinkPipeline pipeline;
    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        String group = TestDevices.uniqueId("telemetry-api-test");
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", group);
        properties.put("doorplate.mqtt.client-id", group);
        properties.put("doorplate.mqtt.session-expiry", "10s");
        properties.put("micronaut.security.enabled", "false");
        properties.put("doorplate.test.ingest-devices", "true");
        return properties;
    }

    @Test
    void storedReadingsAreServedRawBucketedAndAsSequences() throws Exception {
        // GIVEN a marker with three stored readings, 20 minutes apart
        String id = givenMarkerWithReadings(3);

        // WHEN its state, raw telemetry, hourly buckets and sequences are asked for
        String state = get("/api/v1/devices/" + id + "/state");
        String raw = get("/api/v1/devices/" + id + "/telemetry?from=2025-05-01T00:00:00Z&to=2025-05-02T00:00:00Z");
        String buckets = get("/api/v1/devices/" + id + "/telemetry?from=2025-05-01T00:00:00Z"
            + "&to=2025-05-02T00:00:00Z&bucket=1h");
        String sequences = get("/api/v1/devices/" + id + "/sequences");

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
    void badParametersAnswerBadRequestAndUnknownDevicesNotFound() throws Exception {
        // GIVEN a marker with one stored reading
        String id = givenMarkerWithReadings(1);
        String base = "/api/v1/devices/" + id + "/telemetry";

        // WHEN parameters are malformed, or the device is unknown, THEN 400 and 404
        assertEquals(HttpStatus.BAD_REQUEST, status(base + "?from=yesterday"));
        assertEquals(HttpStatus.BAD_REQUEST, status(base + "?bucket=fortnight"));
        assertEquals(HttpStatus.BAD_REQUEST, status(base + "?from=2025-05-02T00:00:00Z&to=2025-05-01T00:00:00Z"));
        assertEquals(HttpStatus.BAD_REQUEST, status(base + "?from=2000-01-01T00:00:00Z&to=2025-01-01T00:00:00Z"
            + "&bucket=1s"));
        assertEquals(HttpStatus.NOT_FOUND, status("/api/v1/devices/nobody-here/state"));
        assertEquals(HttpStatus.NOT_FOUND, status("/api/v1/devices/nobody-here/sequences"));
    }

    private String givenMarkerWithReadings(int count) {
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = devices.register(id, DeviceKind.MARKER);
        for (int seq = 1; seq <= count; seq++) {
            byte[] payload = TestDevices.cbor(key, TestDevices.markerReading(id, seq, T0.plusSeconds(1200L * (seq - 1)),
                100 + 10 * seq));
            IngestOutcome outcome = pipeline.submit(new RawUplink(Transport.HTTP, payload, PayloadFormat.CBOR,
                null, Instant.now())).toCompletableFuture().join();
            assertInstanceOf(IngestOutcome.Stored.class, outcome);
        }
        return id;
    }

    private String get(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path));
    }

    private HttpStatus status(String path) {
        HttpClientResponseException failure = assertThrows(HttpClientResponseException.class,
            () -> http.toBlocking().retrieve(HttpRequest.GET(path)));
        return failure.getStatus();
    }
}
