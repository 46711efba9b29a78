package org.doorplate.server.ingest.coap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.ingest.PrivatePostgres;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.testing.TestDatabase;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies what a CoAP device sees while the database is down, on a PostgreSQL cluster of the
 * test's own that it stops the hard way: the uplink caught in the failing write is held and
 * answered 2.04 (separately, after an empty ACK) once storage is back; later uplinks are
 * answered 5.03 with Max-Age at once and are not stored.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CoapStorageDownTest implements TestPropertyProvider {
    private static final String GROUP = TestDevices.uniqueId("coap-down-test");
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long RETRY_AFTER_SECONDS = 7;

    @Inject
    CoapServer server;
    @Inject
    DeviceRegistry registry;

    private final Map<String, Long> sentSeqs = new HashMap<>();
    private PrivatePostgres postgres;

    @Override
    public Map<String, String> getProperties() {
        try {
            postgres = PrivatePostgres.start();
            postgres.createDatabase("doorplate");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test's own PostgreSQL", e);
        }
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.db.url", postgres.url("doorplate"));
        properties.put("doorplate.db.connection-timeout", "1s");
        properties.put("doorplate.telemetry.unavailable-retry-after", RETRY_AFTER_SECONDS + "s");
        properties.put("doorplate.telemetry.retry-max-delay", "500ms");
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", GROUP);
        properties.put("doorplate.mqtt.client-id", GROUP + "-server");
        return properties;
    }

    @AfterAll
    void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void uplinksWhileStorageIsDownAreHeldOrRefusedWithMaxAge() throws Exception {
        // GIVEN a marker with a DTLS session whose first reading is stored
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        InetSocketAddress coaps = CoapTestSupport.endpoint(server, "coaps");
        try (DtlsTestClient device = new DtlsTestClient(id, key.bytes(), coaps)) {
            assertEquals(ResponseCode.CHANGED, device.exchange(reading(device, id, key, 1), WAIT).getCode());

            // WHEN PostgreSQL stops and the marker sends a reading
            postgres.stopImmediately();
            Request held = reading(device, id, key, 2);
            device.send(held);

            // THEN later readings are refused at once with 5.03 and Max-Age from the configuration
            Response refused = null;
            for (long seq = 3; refused == null && seq < 100; seq++) {
                Response answer = device.exchange(reading(device, id, key, seq), Duration.ofSeconds(3));
                if (answer != null && answer.getCode() == ResponseCode.SERVICE_UNAVAILABLE) {
                    refused = answer;
                }
            }
            assertNotNull(refused, "no 5.03 while the database was down");
            assertEquals(RETRY_AFTER_SECONDS, refused.getOptions().getMaxAge());

            // WHEN PostgreSQL is back
            postgres.startAgain();

            // THEN the held reading is answered 2.04 in a separate CON response and is stored,
            // while the refused one was not
            Response late = device.awaitResponse(held.getToken(), WAIT);
            assertNotNull(late, "the held reading was never answered");
            assertEquals(ResponseCode.CHANGED, late.getCode());
            assertEquals(Type.CON, late.getType());
            List<Long> stored = storedSeqs(id);
            assertEquals(1L, stored.get(0));
            assertEquals(2L, stored.get(1));
            // AND a refused reading sent again after Max-Age is stored
            long refusedSeq = seqOf(refused);
            Response again = device.exchange(reading(device, id, key, refusedSeq), WAIT);
            assertEquals(ResponseCode.CHANGED, again.getCode());
            await().atMost(WAIT).until(() -> storedSeqs(id).contains(refusedSeq));
        }
    }

    private Request reading(DtlsTestClient device, String id, DeviceKey key, long seq) {
        Request request = device.post(TestDevices.cbor(key, TestDevices.markerReading(id, seq,
            T0.plusSeconds(seq * 60), 10)), MediaTypeRegistry.APPLICATION_CBOR, true);
        sentSeqs.put(request.getToken().getAsString(), seq);
        return request;
    }

    private long seqOf(Response response) {
        return sentSeqs.get(response.getToken().getAsString());
    }

    private List<Long> storedSeqs(String id) throws Exception {
        return CoapTestSupport.storedSeqs(DriverManager.getConnection(postgres.url("doorplate"), "postgres", ""), id);
    }
}
