package org.doorplate.server.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.LockSupport;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.transport.Topics;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A device publishing a numbered stream of marker readings with QoS 1, on its own thread,
 * remembering which numbers the broker acknowledged (PUBACK): those are the ones the device
 * was told are safe.
 */
public final class StreamPublisher implements AutoCloseable {
    private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

    private final MqttClient client;
    private final String deviceId;
    private final DeviceKey key;
    private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final Map<Long, String> failures = new ConcurrentSkipListMap<>();
    private Thread thread;

    public StreamPublisher(String deviceId, DeviceKey key) throws MqttException {
        this.deviceId = deviceId;
        this.key = key;
        this.client = new MqttClient("tcp://127.0.0.1:1883", deviceId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
    }

    /** Starts publishing sequence numbers {@code from..to}, one every {@code pause}. */
    public void start(long from, long to, Duration pause) {
        thread = new Thread(() -> {
            for (long seq = from; seq <= to; seq++) {
                publish(seq);
                LockSupport.parkNanos(pause.toNanos());
            }
        }, "stream-" + deviceId);
        thread.start();
    }

    /**
     * Publishes one reading as a device would: while Paho still counts an earlier publish as in
     * flight (a PUBACK that came late), it waits and sends again rather than giving up.
     */
    private void publish(long seq) {
        byte[] payload = TestDevices.cbor(key, TestDevices.markerReading(deviceId, seq, T0.plusSeconds(seq), 100));
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish(Topics.uplink(deviceId), payload, Topics.QOS, false);
                acknowledged.add(seq);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt == 50) {
                    // Not acknowledged by the broker: the device would send it again later.
                    failures.put(seq, e.getReasonCode() + " " + e.getMessage());
                    return;
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    /** Waits until the stream is through. */
    public void awaitDone() throws InterruptedException {
        thread.join();
    }

    public Set<Long> acknowledged() {
        return acknowledged;
    }

    /** Why the broker did not acknowledge the others, by sequence number, for assertion messages. */
    public String failures() {
        return failures.isEmpty() ? "every publish acknowledged" : "not acknowledged: " + failures;
    }

    @Override
    public void close() throws MqttException, InterruptedException {
        if (thread != null) {
            thread.join();
        }
        client.disconnect();
        client.close();
    }
}
