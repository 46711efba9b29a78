package org.doorplate.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.DecodeResult;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.Outcome;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies that a fleet publishes well-formed, correctly authenticated messages through the
 * real Mosquitto on loopback, and obeys commands sent to it there, also across a drop.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetMqttTest {
    private static final URI BROKER = URI.create(System.getProperty("doorplate.test.mqtt.url", "tcp://127.0.0.1:1883"));

    private final String prefix = "it-" + HexFormat.of().formatHex(random(3));
    private final List<DeviceCredentials> devices = List.of(
        device(prefix + "-p-1", DeviceKind.DOORPLATE),
        device(prefix + "-p-2", DeviceKind.DOORPLATE),
        device(prefix + "-m-1", DeviceKind.MARKER));
    private final Map<String, DeviceCredentials> byId = devices.stream()
        .collect(Collectors.toMap(DeviceCredentials::id, Function.identity()));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> contentTypes = new ConcurrentHashMap<>();
    private MqttClient subscriber;
    private Fleet fleet;

    /** One message the plain subscriber saw, decoded and checked. */
    private record Received(String topic, Envelope<Uplink> envelope, boolean macVerifies) {
    }

    @BeforeAll
    void connect() throws Exception {
        subscriber = new MqttClient(BROKER.toString(), prefix + "-observer", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        subscriber.connect(options);
        // Paho 1.2.5's subscribe(String, int, listener) recurses forever; the array form works.
        subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.UPLINK_FILTER, 1)},
            new IMqttMessageListener[] {this::observe});
        fleet = Fleet.builder().mqtt(BROKER).devices(devices).seed(42).build();
        fleet.connect();
    }

    @AfterAll
    void close() throws Exception {
        fleet.close();
        subscriber.disconnect();
        subscriber.close();
    }

    @Test
    void fleetPublishesWellFormedMessagesWhoseMacsVerify() {
        // GIVEN a connected fleet of two doorplates and a marker

        // WHEN each device reports
        List<Delivery> deliveries = fleet.devices().stream()
            .flatMap(d -> d.report().toCompletableFuture().join().stream()).toList();

        // THEN the broker acknowledged every message
        assertTrue(deliveries.stream().allMatch(Delivery::acknowledged), deliveries.toString());

        // AND a plain subscriber received each one on its device's topic, decodable, MAC intact
        await().atMost(Duration.ofSeconds(20)).until(() -> readingsFrom(DoorplateReading.class) >= 2
            && readingsFrom(MarkerReading.class) >= 1);
        for (Received r : received) {
            assertTrue(r.macVerifies(), "MAC of " + r.envelope().message());
            assertEquals(Topics.uplink(r.envelope().message().deviceId()), r.topic());
        }
        assertEquals(Optional.of("application/cbor"), contentTypes.values().stream().findAny());
        MarkerReading marker = received.stream().map(r -> r.envelope().message())
            .filter(MarkerReading.class::isInstance).map(MarkerReading.class::cast).findFirst().orElseThrow();
        assertTrue(marker.fix().hasPosition());
        assertTrue(Math.abs(marker.fix().latitudeDegrees() - fleet.marker(prefix + "-m-1").reference().latitude())
            < 0.01);
    }

    @Test
    void commandQueuedWhileOfflineIsObeyedAfterReconnecting() throws Exception {
        // GIVEN a marker that dropped off the network
        SimulatedMarker marker = fleet.marker(prefix + "-m-1");
        marker.report().toCompletableFuture().join();
        marker.goOffline();

        // WHEN a command for it is published meanwhile, and it comes back
        Command command = new Command(7, marker.id(), Instant.now(), new CommandAction.SetReportInterval(300));
        publishCommand(marker.credentials().deviceKey(), command);
        marker.goOnline().toCompletableFuture().join();

        // THEN its persistent session delivers the command: it obeys and answers with a result
        await().atMost(Duration.ofSeconds(20)).until(() -> resultFor(marker.id(), 7).isPresent());
        assertEquals(Outcome.OK, resultFor(marker.id(), 7).orElseThrow().outcome());
        assertEquals(Duration.ofMinutes(5), marker.reportInterval());
    }

    @Test
    void commandWithAWrongMacIsIgnored() throws Exception {
        SimulatedDoorplate plate = fleet.doorplates().get(0);
        Duration before = plate.reportInterval();
        DeviceKey wrong = DeviceKey.generate(new SecureRandom());

        publishCommand(wrong, new Command(3, plate.id(), Instant.now(), new CommandAction.SetReportInterval(120)));
        // A correctly signed command afterwards proves the device was listening.
        publishCommand(plate.credentials().deviceKey(),
            new Command(4, plate.id(), Instant.now(), new CommandAction.Locate()));

        await().atMost(Duration.ofSeconds(20)).until(() -> resultFor(plate.id(), 4).isPresent());
        assertTrue(resultFor(plate.id(), 3).isEmpty());
        assertEquals(before, plate.reportInterval());
    }

    private void publishCommand(DeviceKey key, Command command) throws Exception {
        byte[] payload = new CborCodec().encode(new MessageAuthenticator().seal(key, command));
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        subscriber.publish(Topics.downlink(command.deviceId()), message);
    }

    private Optional<CommandResult> resultFor(String device, long commandId) {
        return received.stream().map(r -> r.envelope().message())
            .filter(m -> m instanceof CommandResult r && r.deviceId().equals(device) && r.commandId() == commandId)
            .map(CommandResult.class::cast).findFirst();
    }

    /** How many devices' readings of {@code type} arrived. */
    private long readingsFrom(Class<? extends Uplink> type) {
        return received.stream().map(r -> r.envelope().message()).filter(type::isInstance)
            .map(Uplink::deviceId).distinct().count();
    }

    private void observe(String topic, MqttMessage message) {
        String device = Topics.deviceOfUplink(topic).orElse("");
        DeviceCredentials credentials = byId.get(device);
        if (credentials == null) {
            return;
        }
        DecodeResult<Envelope<Uplink>> decoded = new CborCodec().decodeUplink(message.getPayload());
        if (!decoded.isOk()) {
            throw new AssertionError("undecodable message on " + topic + ": " + decoded.error());
        }
        boolean verifies = new MessageAuthenticator().verify(credentials.deviceKey(), decoded.value());
        received.add(new Received(topic, decoded.value(), verifies));
        if (message.getProperties() != null && message.getProperties().getContentType() != null) {
            contentTypes.put(device, message.getProperties().getContentType());
        }
    }

    private static DeviceCredentials device(String id, DeviceKind kind) {
        return new DeviceCredentials(id, kind, DeviceKey.generate(new SecureRandom()).bytes());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
