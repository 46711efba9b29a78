package org.doorplate.server.marker.detect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.alert.Alert;
import org.doorplate.server.alert.AlertQuery;
import org.doorplate.server.alert.AlertService;
import org.doorplate.server.alert.TestClock;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.ingest.IngestOutcome;
import org.doorplate.server.ingest.PayloadFormat;
import org.doorplate.server.ingest.RawUplink;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.ingest.Transport;
import org.doorplate.server.ingest.UplinkPipeline;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies that silence is found by the scheduled check from what the database holds: a
 * device heard by one server instance is declared silent by the next one, started later on the
 * same database, without any message arriving.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SilenceAcrossRestartTest {
    private static final String GROUP = TestDevices.uniqueId("silence-restart-test");

    // Stays hand-made: it feeds the pipeline at a moved test clock, which device-sim's devices cannot follow.
    @Test
    void silenceIsDetectedAfterARestartWithoutAnyMessage() throws Exception {
        String id = TestDevices.uniqueId("bm");

        // GIVEN a registered marker that reported once, after which its server stopped
        DeviceKey key;
        try (ApplicationContext first = ApplicationContext.run(properties(), "test")) {
            key = TestDevices.register(first.getBean(DeviceRegistry.class), id, DeviceKind.MARKER);
            assertInstanceOf(IngestOutcome.Stored.class, submit(first, id, key, 1));
        }

        // WHEN a new server starts on the same database, and its clock reaches an hour later
        try (ApplicationContext second = ApplicationContext.run(properties(), "test")) {
            second.getBean(TestDeviceFacts.class).put(id, Duration.ofMinutes(15), "150102003004");
            AlertService alerts = second.getBean(AlertService.class);
            second.getBean(TestClock.class).advance(Duration.ofHours(1));

            // THEN the scheduled check declares it silent (three 15-minute intervals have passed)
            await().atMost(20, TimeUnit.SECONDS).until(() -> silent(alerts, id).size() == 1);
            assertEquals("150102003004", silent(alerts, id).get(0).areaCode());

            // AND its next report ends the silence
            assertInstanceOf(IngestOutcome.Stored.class, submit(second, id, key, 2));
            await().atMost(20, TimeUnit.SECONDS).until(() -> silent(alerts, id).isEmpty());
        }
    }

    private static List<Alert> silent(AlertService alerts, String id) {
        return alerts.list(new AlertQuery(AlertQuery.States.LIVE, null, id, FaultTypes.SILENT, 10));
    }

    private static IngestOutcome submit(ApplicationContext context, String id, DeviceKey key, long seq)
            throws Exception {
        // Received "now" by the context's clock, which the test moves.
        Instant now = context.getBean(TestClock.class).instant();
        byte[] payload = TestDevices.cbor(key, TestDevices.markerReading(id, seq, now, 100));
        return context.getBean(UplinkPipeline.class)
            .submit(new RawUplink(Transport.MQTT, payload, PayloadFormat.CBOR, null, now))
            .toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", GROUP);
        properties.put("doorplate.mqtt.client-id", GROUP + "-server");
        properties.put("doorplate.mqtt.session-expiry", "10s");
        properties.put("doorplate.test.device-facts", "true");
        properties.put("test.clock", "movable");
        properties.put("doorplate.detection.silence-check-interval", "200ms");
        return properties;
    }
}
