package org.doorplate.server.ingest.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.testing.TestDatabase;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies that the MQTT adapter never holds more uplinks than its receive maximum, on the real
 * Mosquitto, even though the broker hands over more than that once acknowledgements flow.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MqttBackPressureTest implements TestPropertyProvider {
    private static final int RECEIVE_MAXIMUM = 5;
    private static final int BURST = 600;

    @Inject
    SlowPipeline pipeline;
    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        String group = TestDevices.uniqueId("back-pressure-test");
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", group);
        properties.put("doorplate.mqtt.client-id", group);
        properties.put("doorplate.mqtt.session-expiry", "10s");
        properties.put("doorplate.mqtt.receive-maximum", Integer.toString(RECEIVE_MAXIMUM));
        properties.put("test.pipeline", "slow");
        return properties;
    }

    @Test
    void burstIsHeldAtMostReceiveMaximumAtOnce() throws Exception {
        // GIVEN a storage path that answers each uplink a few milliseconds late
        // WHEN a device publishes a burst far larger than the receive maximum
        publishBurst(TestDevices.uniqueId("burst"));

        // THEN every uplink reaches the pipeline, never more than the receive maximum at once
        await().atMost(Duration.ofMinutes(1)).until(() -> pipeline.submitted() >= BURST);
        assertTrue(pipeline.mostHeld() <= RECEIVE_MAXIMUM,
            "held " + pipeline.mostHeld() + " uplinks at once, receive maximum " + RECEIVE_MAXIMUM);
        // AND the gauge of held uplinks comes back to zero once all are acknowledged
        await().atMost(Duration.ofSeconds(30))
            .until(() -> meters.get("doorplate.mqtt.uplinks.held").gauge().value() == 0);
    }

    private static void publishBurst(String deviceId) throws MqttException, InterruptedException {
        MqttAsyncClient publisher = new MqttAsyncClient("tcp://127.0.0.1:1883", deviceId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        publisher.connect(options).waitForCompletion(10_000);
        try {
            byte[] payload = {(byte) 0xa0};
            for (int sent = 0; sent < BURST; ) {
                try {
                    publisher.publish(Topics.uplink(deviceId), payload, Topics.QOS, false);
                    sent++;
                } catch (MqttException e) {
                    // Paho's own in-flight window is full: wait for the broker's PUBACKs.
                    Thread.sleep(1);
                }
            }
        } finally {
            publisher.disconnect().waitForCompletion(10_000);
            publisher.close();
        }
    }
}
