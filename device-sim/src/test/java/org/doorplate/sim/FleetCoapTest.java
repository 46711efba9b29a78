package org.doorplate.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.DecodeResult;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.protocol.transport.CoapPaths;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedMultiPskStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies the CoAP link against a real Californium server on loopback speaking DTLS 1.2 with
 * PSK, as the doorplate server's CoAP adapter does: the handshake uses the device id and key,
 * 2.04 acknowledges, 4.01 rejects, and a command riding on a 2.04 is obeyed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetCoapTest {
    private final DeviceCredentials marker = device("coap-m-1", DeviceKind.MARKER);
    private final DeviceCredentials plate = device("coap-p-1", DeviceKind.DOORPLATE);
    private final DeviceCredentials stranger = device("coap-unknown", DeviceKind.DOORPLATE);
    private final Map<String, DeviceKey> keys = Map.of(marker.id(), marker.deviceKey(), plate.id(), plate.deviceKey());
    private final List<Uplink> stored = new CopyOnWriteArrayList<>();
    private final Map<String, String> peerIdentities = new ConcurrentHashMap<>();
    private final Queue<Command> pendingCommands = new ConcurrentLinkedQueue<>();
    private CoapServer server;
    private Fleet fleet;

    @BeforeAll
    void start() throws Exception {
        CoapConfig.register();
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile()
            .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        AdvancedMultiPskStore psk = new AdvancedMultiPskStore();
        keys.forEach((id, key) -> psk.setKey(id, key.bytes()));
        DTLSConnector connector = new DTLSConnector(DtlsConnectorConfig.builder(config)
            .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .setAdvancedPskStore(psk).build());
        server = new CoapServer(config);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(config).setConnector(connector).build());
        server.add(new UplinkResource());
        server.start();
        URI target = URI.create("coaps://127.0.0.1:" + connector.getAddress().getPort());
        fleet = Fleet.builder().coap(target).devices(List.of(marker, plate, stranger)).seed(3)
            .coapAckTimeout(Duration.ofMillis(200)).build();
        fleet.connect();
    }

    @AfterAll
    void stop() {
        fleet.close();
        server.destroy();
    }

    @Test
    void readingsTravelOverDtlsWithTheDeviceIdAsPskIdentity() {
        List<Delivery> deliveries = fleet.device(marker.id()).report().toCompletableFuture().join();

        assertTrue(deliveries.stream().allMatch(Delivery::acknowledged), deliveries.toString());
        assertTrue(deliveries.get(0).answer().startsWith("2.04"), deliveries.get(0).answer());
        assertTrue(stored.stream().anyMatch(m -> m instanceof MarkerReading && m.deviceId().equals(marker.id())));
        assertEquals(marker.id(), peerIdentities.get(marker.id()));
    }

    @Test
    void forgedMessageIsRejectedWithTheServersCode() {
        Delivery forged = fleet.device(plate.id()).sendForged().toCompletableFuture().join();

        assertEquals(Delivery.Status.REJECTED, forged.status());
        assertTrue(forged.answer().startsWith("4.01"), forged.answer());
    }

    @Test
    void commandOnTheAcknowledgementIsObeyedAndConfirmed() {
        SimulatedDoorplate device = (SimulatedDoorplate) fleet.device(plate.id());
        pendingCommands.add(new Command(11, plate.id(), Instant.now(), new CommandAction.SetReportInterval(3600)));

        device.sendReading().toCompletableFuture().join();

        await().atMost(Duration.ofSeconds(20)).until(() -> stored.stream()
            .anyMatch(m -> m instanceof CommandResult r && r.commandId() == 11));
        assertEquals(Duration.ofHours(1), device.reportInterval());
    }

    @Test
    void deviceTheServerDoesNotKnowCannotHandshake() {
        Delivery refused = fleet.device(stranger.id()).sendReading().toCompletableFuture().join();

        assertEquals(Delivery.Status.FAILED, refused.status(), refused.toString());
    }

    /** The server side of {@code POST /up}: decode, check identity and MAC, answer, maybe piggyback a command. */
    private final class UplinkResource extends CoapResource {
        UplinkResource() {
            super(CoapPaths.UPLINK);
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
            DecodeResult<Envelope<Uplink>> decoded = new CborCodec().decodeUplink(exchange.getRequestPayload());
            if (!decoded.isOk()) {
                exchange.respond(ResponseCode.BAD_REQUEST);
                return;
            }
            Uplink message = decoded.value().message();
            DeviceKey key = keys.get(message.deviceId());
            if (key == null || !new MessageAuthenticator().verify(key, decoded.value())) {
                exchange.respond(ResponseCode.UNAUTHORIZED);
                return;
            }
            peerIdentities.put(message.deviceId(), peer.getName());
            stored.add(message);
            Command command = pendingCommands.poll();
            if (command == null) {
                exchange.respond(ResponseCode.CHANGED);
            } else {
                byte[] payload = new CborCodec().encode(new MessageAuthenticator().seal(key, command));
                exchange.respond(ResponseCode.CHANGED, payload, MediaTypeRegistry.APPLICATION_CBOR);
            }
        }
    }

    private static DeviceCredentials device(String id, DeviceKind kind) {
        return new DeviceCredentials(id, kind, DeviceKey.generate(new SecureRandom()).bytes());
    }
}
