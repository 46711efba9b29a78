package org.doorplate.server.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.testing.SimulatedDevices;
import org.doorplate.sim.Delivery;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.SimulatedDevice;
import org.doorplate.sim.transport.LinkException;
import org.doorplate.sim.verify.AckedMessage;
import org.doorplate.sim.verify.StoredSequences;
import org.doorplate.sim.verify.Verification;

/**
 * A device-sim marker streaming readings over its own MQTT link on a thread of its own, each
 * sent once the broker answered the one before, remembering what it was told. The messages
 * the broker acknowledged (PUBACK) are the ones device-sim's verify logic holds the server to.
 */
final class SimulatedStream implements AutoCloseable {
    private final Fleet fleet;
    private final SimulatedDevice device;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private Thread thread;

    /** Connects a simulated marker holding {@code key}, registered on the server as {@code deviceId}. */
    SimulatedStream(String deviceId, DeviceKey key) throws LinkException {
        this.fleet = SimulatedDevices.mqtt(SimulatedDevices.credentials(deviceId, DeviceKind.MARKER, key));
        this.device = fleet.device(deviceId);
    }

    /** Starts sending {@code count} readings, one every {@code pause}. */
    void start(int count, Duration pause) {
        thread = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                deliveries.add(SimulatedDevices.answered(device.sendReading()));
                LockSupport.parkNanos(pause.toNanos());
            }
        }, "stream-" + device.id());
        thread.start();
    }

    /** Waits until the stream is through. */
    void awaitDone() throws InterruptedException {
        thread.join();
    }

    /** The acknowledged messages, as a load run's acknowledged list records them. */
    List<AckedMessage> acknowledged() {
        return deliveries.stream().filter(Delivery::acknowledged).flatMap(d -> d.stored().stream())
            .map(h -> new AckedMessage(h.deviceId(), h.seq(), h.deviceTime())).toList();
    }

    /** The acknowledged sequence numbers, ascending. */
    List<Long> acknowledgedSeqs() {
        return acknowledged().stream().map(AckedMessage::seq).sorted().toList();
    }

    /** Why the broker did not acknowledge the others, for assertion messages. */
    String failures() {
        List<String> failed = deliveries.stream().filter(d -> !d.acknowledged()).map(Delivery::describe).toList();
        return failed.isEmpty() ? "every message acknowledged" : "not acknowledged: " + failed;
    }

    /** Compares the acknowledged messages with what the server says it stored for the device. */
    Verification.Report verify(StoredSequences stored) {
        return Verification.compare(acknowledged(), Map.of(device.id(), stored));
    }

    @Override
    public void close() throws InterruptedException {
        if (thread != null) {
            thread.join();
        }
        fleet.close();
    }
}
