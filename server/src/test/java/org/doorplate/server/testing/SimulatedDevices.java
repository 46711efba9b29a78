package org.doorplate.server.testing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.sim.Delivery;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.Scenario;
import org.doorplate.sim.ScenarioResult;
import org.doorplate.sim.SimulatedDevice;
import org.doorplate.sim.model.GeoPoint;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.transport.LinkException;

/**
 * device-sim's devices for the server's integration tests: registered in the real registry and
 * talking to the server under test over a real MQTT or CoAP link, so that a test plays device
 * behaviour exactly as the simulator does, and a broken simulator fails it as surely as a
 * broken server.
 */
public final class SimulatedDevices {
    /** The Mosquitto the tests share. */
    public static final URI BROKER = URI.create("tcp://127.0.0.1:1883");

    // A fixed seed gives every test run the same sensor noise, so a failure can be replayed.
    private static final long SEED = 20_250_301L;
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private SimulatedDevices() {
    }

    /** Registers an active device in the real registry and answers its credentials. */
    public static DeviceCredentials register(DeviceRegistry registry, String id, DeviceKind kind) {
        return credentials(id, kind, TestDevices.register(registry, id, kind));
    }

    /** The credentials of a device that holds {@code key}, registered or not. */
    public static DeviceCredentials credentials(String id, DeviceKind kind, DeviceKey key) {
        return new DeviceCredentials(id, simKind(kind), key.bytes());
    }

    /** The same device standing at {@code position}: a marker's surveyed reference. */
    public static DeviceCredentials at(DeviceCredentials device, GeoPoint position) {
        return new DeviceCredentials(device.id(), device.kind(), device.key(), Optional.of(position));
    }

    /** A fleet of these devices on the shared Mosquitto, connected; close it after the test. */
    public static Fleet mqtt(DeviceCredentials... devices) throws LinkException {
        return connect(Fleet.builder().mqtt(BROKER), devices);
    }

    /**
     * A fleet on the shared Mosquitto whose clock is {@code clock}: the simulator numbers its
     * messages from the clock's milliseconds, so a clock behind the last run's stands for a
     * device that lost its sequence counter.
     */
    public static Fleet mqtt(Clock clock, DeviceCredentials... devices) throws LinkException {
        return connect(Fleet.builder().mqtt(BROKER).clock(clock), devices);
    }

    /**
     * A fleet on the shared Mosquitto whose simulated time runs {@code timeScale} times faster,
     * for tests that {@link Fleet#start() start} the devices' own report schedules.
     */
    public static Fleet mqtt(double timeScale, DeviceCredentials... devices) throws LinkException {
        return connect(Fleet.builder().mqtt(BROKER).timeScale(timeScale), devices);
    }

    /** A fleet on the server's CoAP over DTLS endpoint at {@code endpoint}, connected. */
    public static Fleet coaps(InetSocketAddress endpoint, DeviceCredentials... devices) throws LinkException {
        URI server = URI.create("coaps://127.0.0.1:" + endpoint.getPort());
        return connect(Fleet.builder().coap(server), devices);
    }

    /** Plays {@code scenario} on {@code device} and answers what the server said. */
    public static ScenarioResult play(Scenario scenario, SimulatedDevice device) {
        return answered(scenario.applyTo(device));
    }

    /** Plays {@code scenario} and checks that every message it sent was acknowledged. */
    public static ScenarioResult acknowledged(Scenario scenario, SimulatedDevice device) {
        ScenarioResult result = play(scenario, device);
        requireAcknowledged(result.deliveries(), String.join("\n", result.describe()));
        return result;
    }

    /** Sends the device's scheduled report now and checks that all of it was acknowledged. */
    public static List<Delivery> report(SimulatedDevice device) {
        List<Delivery> sent = answered(device.report());
        requireAcknowledged(sent, sent.toString());
        return sent;
    }

    /** Sends one fresh reading and checks that it was acknowledged. */
    public static Delivery reading(SimulatedDevice device) {
        Delivery sent = answered(device.sendReading());
        requireAcknowledged(List.of(sent), sent.describe());
        return sent;
    }

    /** Waits for a send's answer; the links never complete exceptionally. */
    public static <T> T answered(CompletionStage<T> send) {
        return send.toCompletableFuture().orTimeout(ANSWER.toSeconds(), TimeUnit.SECONDS).join();
    }

    private static Fleet connect(Fleet.Builder builder, DeviceCredentials... devices) throws LinkException {
        Fleet fleet = builder.devices(List.of(devices)).seed(SEED).build();
        try {
            fleet.connect();
            return fleet;
        } catch (LinkException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private static void requireAcknowledged(List<Delivery> deliveries, String what) {
        if (deliveries.isEmpty() || !deliveries.stream().allMatch(Delivery::acknowledged)) {
            throw new AssertionError("expected every message acknowledged: " + what);
        }
    }

    private static org.doorplate.sim.provision.DeviceKind simKind(DeviceKind kind) {
        return org.doorplate.sim.provision.DeviceKind.valueOf(kind.name());
    }
}
