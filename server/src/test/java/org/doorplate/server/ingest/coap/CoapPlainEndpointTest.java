package org.doorplate.server.ingest.coap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.testing.TestDatabase;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the development-only plain CoAP endpoint: opened only with
 * {@code doorplate.coap.plain-enabled=true}; without DTLS the message MAC alone proves the
 * device, so a sealed reading is stored and a forged one is refused.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CoapPlainEndpointTest implements TestPropertyProvider {
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    @Inject
    CoapServer server;
    @Inject
    DeviceRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.coap.plain-enabled", "true");
        return properties;
    }

    @Test
    void plainEndpointStoresSealedReadingsAndRefusesForgedOnes() throws Exception {
        // GIVEN the plain endpoint beside the DTLS one, and a registered marker
        InetSocketAddress plain = CoapTestSupport.endpoint(server, "coap");
        assertNotNull(CoapTestSupport.endpoint(server, "coaps"));
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);

        // WHEN it posts a sealed reading and one sealed with another key, without DTLS
        CoapResponse stored = post(plain, TestDevices.cbor(key, TestDevices.markerReading(id, 1, T0, 10)));
        CoapResponse forged = post(plain, TestDevices.cbor(TestDevices.newKey(),
            TestDevices.markerReading(id, 2, T0, 10)));

        // THEN the first is stored and the second refused for its MAC
        assertEquals(ResponseCode.CHANGED, stored.getCode());
        assertEquals(ResponseCode.UNAUTHORIZED, forged.getCode());
        await().atMost(Duration.ofSeconds(20)).until(() -> CoapTestSupport.storedSeqs(id).equals(List.of(1L)));
    }

    private static CoapResponse post(InetSocketAddress plain, byte[] payload) throws Exception {
        Configuration config = CoapServerFactory.californiumConfiguration(new CoapConfiguration());
        CoapEndpoint endpoint = CoapEndpoint.builder().setConfiguration(config)
            .setConnector(new UDPConnector(new InetSocketAddress("127.0.0.1", 0), config)).build();
        CoapClient client = new CoapClient("coap://127.0.0.1:" + plain.getPort() + "/up");
        try {
            client.setEndpoint(endpoint);
            client.setTimeout(20_000L);
            return client.post(payload, MediaTypeRegistry.APPLICATION_CBOR);
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }
}
