package org.doorplate.server.ingest.coap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.device.Device;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.testing.SimulatedDevices;
import org.doorplate.server.testing.TestDatabase;
import org.doorplate.sim.Delivery;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.Scenario;
import org.doorplate.sim.ScenarioResult;
import org.doorplate.sim.provision.DeviceCredentials;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.SystemConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the CoAP/DTLS path end to end against the real TimescaleDB: devices authenticated
 * by their PSK post readings to {@code /up}; what is stored is answered 2.04 (once stored, even
 * when retransmitted), and what is bad is refused with its code and stores nothing.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CoapUplinkTest implements TestPropertyProvider {
    private static final String GROUP = TestDevices.uniqueId("coap-uplink-test");
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    CoapServer server;
    @Inject
    DeviceRegistry registry;
    @Inject
    MeterRegistry meters;

    private InetSocketAddress coaps;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", GROUP);
        properties.put("doorplate.mqtt.client-id", GROUP + "-server");
        return properties;
    }

    @BeforeAll
    void findEndpoint() {
        coaps = CoapTestSupport.endpoint(server, "coaps");
    }

    @Test
    void secureEndpointListensOnTheConfiguredFreePort() {
        // GIVEN doorplate.coaps.port=0 in the test configuration
        // THEN the DTLS endpoint took a free port rather than the default 5684, and no plain one
        assertNotEquals(5684, coaps.getPort());
        assertEquals(1, server.getEndpoints().size());
    }

    // Stays hand-made: the point is a post from libcoap's coap-client, not from a device.
    @Test
    void libcoapClientPostsReadingThatIsStored() throws Exception {
        // GIVEN a marker whose key can travel as a command-line argument (no zero byte: libcoap
        // 4.3 takes the PSK as a C string) and its CBOR reading in a file
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        while (hasZeroByte(key.bytes())) {
            id = TestDevices.uniqueId("marker");
            key = TestDevices.register(registry, id, DeviceKind.MARKER);
        }
        Path file = Files.createTempFile("reading-", ".cbor");
        Files.write(file, TestDevices.cbor(key, TestDevices.markerReading(id, 1, T0, 120)));

        // WHEN libcoap's coap-client posts it over DTLS with the device id as PSK identity
        String command = "exec coap-client-openssl -v 6 -B 15 -m post -t 60 -f " + file + " -u " + id
            + " -k " + bashBytes(key.bytes()) + " coaps://127.0.0.1:" + coaps.getPort() + "/up";
        Process client = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(30, TimeUnit.SECONDS));

        // THEN the answer is 2.04 Changed and the reading is stored
        assertTrue(output.contains("c:2.04"), output);
        String device = id;
        await().atMost(WAIT).until(() -> CoapTestSupport.storedSeqs(device).equals(List.of(1L)));
        Files.delete(file);
    }

    // Stays hand-made: it resends one datagram with its message id, below device-sim's link.
    @Test
    void retransmittedConReadingIsAnsweredEachTimeAndStoredOnce() throws Exception {
        // GIVEN a marker with a DTLS session and a CON reading
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        try (DtlsTestClient device = new DtlsTestClient(id, key.bytes(), coaps)) {
            Request request = device.post(TestDevices.cbor(key, TestDevices.markerReading(id, 7, T0, 50)),
                MediaTypeRegistry.APPLICATION_CBOR, true);

            // WHEN the same datagram (same message id) is sent twice, as after a lost ACK
            Response first = device.exchange(request, WAIT);
            Response second = device.exchange(request, WAIT);
            // AND the same reading once more as a new request (the device rebooted mid-exchange)
            Request again = device.post(request.getPayload(), MediaTypeRegistry.APPLICATION_CBOR, true);
            Response third = device.exchange(again, WAIT);

            // THEN every copy is answered 2.04, piggybacked on the ACK
            assertEquals(ResponseCode.CHANGED, first.getCode());
            assertEquals(Type.ACK, first.getType());
            assertEquals(ResponseCode.CHANGED, second.getCode());
            assertEquals(ResponseCode.CHANGED, third.getCode());
            // AND the reading is stored exactly once
            assertEquals(List.of(7L), CoapTestSupport.storedSeqs(id));
        }
    }

    // Stays hand-made: it checks a chosen seq, which device-sim does not let a test pick.
    @Test
    void jsonReadingIsStored() throws Exception {
        // GIVEN a doorplate that speaks JSON (Content-Format 50)
        String id = TestDevices.uniqueId("plate");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.DOORPLATE);
        try (DtlsTestClient device = new DtlsTestClient(id, key.bytes(), coaps)) {
            // WHEN it posts a reading
            Response response = device.exchange(device.post(TestDevices.json(key,
                TestDevices.doorplateReading(id, 3, T0, 3_000)), MediaTypeRegistry.APPLICATION_JSON, true), WAIT);

            // THEN it is stored
            assertEquals(ResponseCode.CHANGED, response.getCode());
            assertEquals(List.of(3L), CoapTestSupport.storedSeqs(id));
        }
    }

    // Stays hand-made: device-sim's CoAP link sends CON requests only.
    @Test
    void nonReadingIsStoredAndAnsweredWithNon() throws Exception {
        // GIVEN a marker that sends NON (at most once: it never retransmits)
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        try (DtlsTestClient device = new DtlsTestClient(id, key.bytes(), coaps)) {
            // WHEN it posts a NON reading
            Response response = device.exchange(device.post(TestDevices.cbor(key,
                TestDevices.markerReading(id, 1, T0, 10)), MediaTypeRegistry.APPLICATION_CBOR, false), WAIT);

            // THEN the answer is a NON 2.04, sent after the reading was stored
            assertEquals(Type.NON, response.getType());
            assertEquals(ResponseCode.CHANGED, response.getCode());
            assertEquals(List.of(1L), CoapTestSupport.storedSeqs(id));
        }
    }

    @Test
    void badUplinksAreRefusedWithTheirCodeAndStoreNothing() throws Exception {
        // GIVEN a simulated marker with a DTLS session, and another registered device
        String id = TestDevices.uniqueId("marker");
        DeviceCredentials marker = SimulatedDevices.register(registry, id, DeviceKind.MARKER);
        String other = TestDevices.uniqueId("marker");
        DeviceKey otherKey = TestDevices.register(registry, other, DeviceKind.MARKER);
        try (Fleet fleet = SimulatedDevices.coaps(coaps, marker);
             DtlsTestClient device = new DtlsTestClient(id, marker.key(), coaps)) {
            // WHEN the marker posts garbage and a reading with a forged MAC
            Delivery malformed = only(SimulatedDevices.play(new Scenario.Malformed(40), fleet.device(id)));
            Delivery badMac = only(SimulatedDevices.play(new Scenario.Forge(), fleet.device(id)));
            // AND, as device-sim cannot, another device's message and a payload in an unsupported
            // content format
            byte[] valid = TestDevices.cbor(marker.deviceKey(), TestDevices.markerReading(id, 10, T0, 10));
            Response mismatch = device.exchange(device.post(TestDevices.cbor(otherKey,
                TestDevices.markerReading(other, 12, T0, 10)), MediaTypeRegistry.APPLICATION_CBOR, true), WAIT);
            Response format = device.exchange(device.post(valid, MediaTypeRegistry.TEXT_PLAIN, true), WAIT);

            // THEN each is refused with the code PROTOCOL.md gives it, with an explanation
            assertEquals(Delivery.Status.REJECTED, malformed.status(), malformed.describe());
            assertTrue(malformed.answer().startsWith("4.00 BAD_REQUEST"), malformed.describe());
            assertEquals(Delivery.Status.REJECTED, badMac.status(), badMac.describe());
            assertTrue(badMac.answer().startsWith("4.01 UNAUTHORIZED"), badMac.describe());
            assertEquals(ResponseCode.FORBIDDEN, mismatch.getCode());
            assertEquals(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, format.getCode());
            assertTrue(format.getPayloadString().contains("expected 60 (cbor) or 50 (json)"));
            // AND nothing was stored for either device
            assertEquals(List.of(), CoapTestSupport.storedSeqs(id));
            assertEquals(List.of(), CoapTestSupport.storedSeqs(other));
        }
    }

    @Test
    void replayedReadingIsAnsweredAgainAndStoredOnce() throws Exception {
        // GIVEN a simulated marker with a DTLS session
        String id = TestDevices.uniqueId("marker");
        try (Fleet fleet = SimulatedDevices.coaps(coaps, SimulatedDevices.register(registry, id,
                DeviceKind.MARKER))) {
            // WHEN it posts a reading, then the same bytes again in a new request
            ScenarioResult replay = SimulatedDevices.play(new Scenario.Replay(), fleet.device(id));

            // THEN both are answered 2.04, and the reading is stored once
            assertEquals(2, replay.deliveries().size());
            for (Delivery delivery : replay.deliveries()) {
                assertTrue(delivery.answer().startsWith("2.04"), delivery.describe());
            }
            long seq = replay.deliveries().get(0).stored().get(0).seq();
            assertEquals(List.of(seq), CoapTestSupport.storedSeqs(id));
        }
    }

    // Stays hand-made: it needs a block-wise post and the Size1 option, which device-sim hides.
    @Test
    void oversizePayloadIsRefusedWith413BeforeDecoding() throws Exception {
        // GIVEN a marker and a CBOR body of 20,000 bytes, above the protocol's 16 KiB
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        byte[] oversize = new byte[20_000];
        oversize[0] = (byte) 0xA5;

        // WHEN Californium's client posts it (block-wise, RFC 7959, as it exceeds one datagram)
        CoapResponse response = postBlockwise(id, key, oversize);

        // THEN the answer is 4.13 with Size1 giving the limit, and nothing is stored
        assertNotNull(response);
        assertEquals(ResponseCode.REQUEST_ENTITY_TOO_LARGE, response.getCode());
        assertEquals(16_384, response.getOptions().getSize1());
        assertEquals(List.of(), CoapTestSupport.storedSeqs(id));
    }

    // Stays hand-made: it watches the DTLS handshake fail, which device-sim reports only as no answer.
    @Test
    void unknownDeviceFailsTheHandshake() throws Exception {
        // GIVEN an identity that is not registered
        String id = TestDevices.uniqueId("ghost");
        double refusedBefore = handshakes("unknown_identity");
        try (DtlsTestClient device = new DtlsTestClient(id, TestDevices.newKey().bytes(), coaps)) {
            // WHEN it tries to post a reading
            Request request = device.post(new byte[] {(byte) 0xA0}, MediaTypeRegistry.APPLICATION_CBOR, true);
            device.send(request);

            // THEN the DTLS handshake fails, no response comes, and the refused identity is counted
            assertNotNull(device.sendError().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertNull(device.awaitResponse(request.getToken(), Duration.ofMillis(200)));
            await().atMost(WAIT).until(() -> handshakes("unknown_identity") == refusedBefore + 1);
        }
    }

    // Stays hand-made: it watches the DTLS handshake fail, which device-sim reports only as no answer.
    @Test
    void wrongKeyFailsTheHandshake() throws Exception {
        // GIVEN a registered marker and a client holding another key
        String id = TestDevices.uniqueId("marker");
        TestDevices.register(registry, id, DeviceKind.MARKER);
        try (DtlsTestClient device = new DtlsTestClient(id, TestDevices.newKey().bytes(), coaps)) {
            // WHEN it tries to post
            device.send(device.post(new byte[] {(byte) 0xA0}, MediaTypeRegistry.APPLICATION_CBOR, true));

            // THEN the handshake fails: the server cannot verify the client's Finished message
            // and drops it without a word, so the client gives up
            assertNotNull(device.sendError().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(List.of(), CoapTestSupport.storedSeqs(id));
        }
    }

    // Stays hand-made: it needs the client behind a NAT relay, which device-sim's link cannot use.
    @Test
    void deviceKeepsItsSessionAcrossNatRebinding() throws Exception {
        // GIVEN a marker behind a NAT that has completed one DTLS handshake
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        try (RebindingRelay nat = new RebindingRelay(coaps);
             DtlsTestClient device = new DtlsTestClient(id, key.bytes(), nat.address())) {
            Response first = device.exchange(device.post(TestDevices.cbor(key,
                TestDevices.markerReading(id, 1, T0, 10)), MediaTypeRegistry.APPLICATION_CBOR, true), WAIT);
            assertEquals(ResponseCode.CHANGED, first.getCode());
            double handshakesBefore = handshakes("success");

            // WHEN the NAT gives it a new outside port and it posts again
            int oldPort = nat.outsidePort();
            nat.rebind();
            Response second = device.exchange(device.post(TestDevices.cbor(key,
                TestDevices.markerReading(id, 2, T0.plusSeconds(900), 10)), MediaTypeRegistry.APPLICATION_CBOR,
                true), WAIT);

            // THEN the server finds the session by its connection id (RFC 9146) and answers to
            // the new port, without a new handshake
            assertNotEquals(oldPort, nat.outsidePort());
            assertNotNull(second, "no answer after the NAT rebinding");
            assertEquals(ResponseCode.CHANGED, second.getCode());
            assertEquals(handshakesBefore, handshakes("success"));
            assertEquals(List.of(1L, 2L), CoapTestSupport.storedSeqs(id));
        }
    }

    // Stays hand-made: it inspects the client's DTLS session, which device-sim's link hides.
    @Test
    void disablingADeviceEndsItsOpenDtlsSession() throws Exception {
        // GIVEN a marker with an open DTLS session
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        DTLSConnector serverDtls = (DTLSConnector) ((CoapEndpoint) server.getEndpoint(coaps.getPort()))
            .getConnector();
        try (DtlsTestClient device = new DtlsTestClient(id, key.bytes(), coaps)) {
            assertEquals(ResponseCode.CHANGED, device.exchange(device.post(TestDevices.cbor(key,
                TestDevices.markerReading(id, 1, T0, 10)), MediaTypeRegistry.APPLICATION_CBOR, true), WAIT).getCode());
            InetSocketAddress client = device.connector().getAddress();
            assertNotNull(serverDtls.getDtlsContextByAddress(client));
            double refusedBefore = handshakes("unknown_identity");

            // WHEN the registry disables it (which announces the change)
            registry.setState(id, Device.State.DISABLED);

            // THEN the server drops the session, and a new handshake is refused
            await().atMost(WAIT).until(() -> serverDtls.getDtlsContextByAddress(client) == null);
            try (DtlsTestClient again = new DtlsTestClient(id, key.bytes(), coaps)) {
                again.send(again.post(new byte[] {(byte) 0xA0}, MediaTypeRegistry.APPLICATION_CBOR, true));
                assertNotNull(again.sendError().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            await().atMost(WAIT).until(() -> handshakes("unknown_identity") == refusedBefore + 1);
        }
    }

    private CoapResponse postBlockwise(String id, DeviceKey key, byte[] payload) throws Exception {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, DtlsConfig.DEFINITIONS,
            UdpConfig.DEFINITIONS, SystemConfig.DEFINITIONS);
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
            .setAddress(new InetSocketAddress("127.0.0.1", 0))
            .setAdvancedPskStore(new AdvancedSinglePskStore(id, key.bytes()))
            .build();
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(config)
            .setConnector(new DTLSConnector(dtls)).build();
        CoapClient client = new CoapClient("coaps://127.0.0.1:" + coaps.getPort() + "/up");
        try {
            client.setEndpoint(endpoint);
            client.setTimeout(WAIT.toMillis());
            return client.post(payload, MediaTypeRegistry.APPLICATION_CBOR);
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }

    private static Delivery only(ScenarioResult result) {
        assertEquals(1, result.deliveries().size(), String.join("\n", result.describe()));
        return result.deliveries().get(0);
    }

    private double handshakes(String result) {
        return meters.get("doorplate.coap.dtls.handshakes").tag("result", result).counter().count();
    }

    private static boolean hasZeroByte(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    /** Bash ANSI-C quoting ($'\x..') that passes the raw bytes as one argument. */
    private static String bashBytes(byte[] bytes) {
        StringBuilder quoted = new StringBuilder("$'");
        for (byte b : bytes) {
            quoted.append(String.format("\\x%02x", b & 0xff));
        }
        return quoted.append('\'').toString();
    }
}
