package org.doorplate.server.alert;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.testing.TestDatabase;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;

/**
 * Verifies the alert lifecycle on the real database: de-duplication, transitions, automatic
 * clearing, history, reminders and escalation with a movable clock, the event stream, and
 * webhook delivery with retries.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AlertLifecycleTest implements TestPropertyProvider {
    @Inject
    AlertService alerts;

    @Inject
    Webhooks webhooks;

    @Inject
    AlertStream stream;

    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("test.clock", "movable");
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        String group = "alert-lifecycle-test-" + UUID.randomUUID().toString().substring(0, 8);
        properties.put("doorplate.mqtt.client-id", group + "-server");
        properties.put("doorplate.mqtt.shared-group", group);
        properties.put("doorplate.mqtt.session-expiry", "10s");
        properties.put("doorplate.alerts.check-interval", "100ms");
        properties.put("doorplate.alerts.remind-after", "30m");
        properties.put("doorplate.alerts.remind-every", "1h");
        properties.put("doorplate.alerts.escalate-after", "4h");
        properties.put("doorplate.alerts.webhook-dispatch-interval", "100ms");
        properties.put("doorplate.alerts.webhook-retry-initial", "100ms");
        properties.put("doorplate.alerts.webhook-retry-max", "1s");
        return properties;
    }

    @Test
    void repeatedFaultDoesNotOpenSecondAlert() {
        // GIVEN a tilted marker's alert
        String device = uniqueSubject();
        Alert first = alerts.raise(request(device, "tilted", Severity.HIGH));

        // WHEN the same fault is raised again, even with another message
        Alert second = alerts.raise(new AlertRequest(device, "tilted", Severity.HIGH, null, "still tilted",
            clock.instant()));

        // THEN it is the same alert, and a different fault opens its own
        assertEquals(first.id(), second.id());
        assertEquals(first.message(), second.message());
        Alert other = alerts.raise(request(device, "low_battery", Severity.LOW));
        assertTrue(other.id() != first.id());
        assertEquals(2, alerts.list(new AlertQuery(AlertQuery.States.ALL, null, device, null, 10)).size());
    }

    @Test
    void databaseRefusesASecondLiveAlertForTheSameFault() throws SQLException {
        // GIVEN a live alert
        String device = uniqueSubject();
        alerts.raise(request(device, "tamper", Severity.HIGH));

        // WHEN a second live row is written past the service THEN the partial unique index refuses it
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO alerts (subject_id, fault_type,"
                + " severity, message, state, opened_at, last_notified_at) VALUES ('" + device + "', 'tamper',"
                + " 'high', 'x', 'acknowledged', now(), now())"));
        }
    }

    @Test
    void acknowledgedThenResolvedAlertKeepsItsHistory() {
        // GIVEN an open alert
        Alert alert = alerts.raise(request(uniqueSubject(), "silent", Severity.MEDIUM));

        // WHEN a crew acknowledges and then resolves it
        Alert acknowledged = alerts.acknowledge(alert.id(), "crew-7");
        Alert resolved = alerts.resolve(alert.id(), "crew-7");

        // THEN each state change is kept, with who did it
        assertEquals(AlertState.ACKNOWLEDGED, acknowledged.state());
        assertEquals("crew-7", acknowledged.acknowledgedBy());
        assertEquals(AlertState.RESOLVED, resolved.state());
        assertEquals("crew-7", resolved.resolvedBy());
        assertNotNull(resolved.resolvedAt());
        List<AlertEventKind> kinds = alerts.history(alert.id()).stream().map(AlertHistoryEntry::kind).toList();
        assertEquals(List.of(AlertEventKind.OPENED, AlertEventKind.ACKNOWLEDGED, AlertEventKind.RESOLVED), kinds);
    }

    @Test
    void illegalTransitionsAreConflictsAndChangeNothing() {
        // GIVEN a resolved alert
        Alert alert = alerts.raise(request(uniqueSubject(), "silent", Severity.MEDIUM));
        alerts.resolve(alert.id(), "crew-1");

        // WHEN it is acknowledged or resolved again THEN both are conflicts
        DoorplateException ack = assertThrows(DoorplateException.class, () -> alerts.acknowledge(alert.id(), "x"));
        DoorplateException again = assertThrows(DoorplateException.class, () -> alerts.resolve(alert.id(), "x"));
        assertEquals(ErrorStatus.CONFLICT, ack.status());
        assertEquals(ErrorStatus.CONFLICT, again.status());
        assertEquals("crew-1", alerts.find(alert.id()).resolvedBy());
        assertEquals(2, alerts.history(alert.id()).size());

        // AND an unknown alert is not found
        assertEquals(ErrorStatus.NOT_FOUND,
            assertThrows(DoorplateException.class, () -> alerts.acknowledge(Long.MAX_VALUE, "x")).status());
    }

    @Test
    void clearedConditionResolvesTheAlertAutomaticallyAndAllowsANewOne() {
        // GIVEN an acknowledged alert
        String device = uniqueSubject();
        Alert alert = alerts.raise(request(device, "tilted", Severity.HIGH));
        alerts.acknowledge(alert.id(), "crew-2");

        // WHEN the condition ends
        alerts.clear(device, "tilted", clock.instant());

        // THEN it is resolved by the server, and the fault coming back opens a new alert
        Alert cleared = alerts.find(alert.id());
        assertEquals(AlertState.RESOLVED, cleared.state());
        assertEquals(Alert.AUTOMATIC, cleared.resolvedBy());
        assertEquals(AlertEventKind.CLEARED, alerts.history(alert.id()).get(2).kind());
        assertTrue(alerts.raise(request(device, "tilted", Severity.HIGH)).id() > alert.id());
    }

    @Test
    void badRequestIsRefusedAndStoresNothing() {
        String device = uniqueSubject();
        assertEquals(ErrorStatus.BAD_REQUEST, assertThrows(DoorplateException.class,
            () -> alerts.raise(request(device, "Not A Type", Severity.LOW))).status());
        assertEquals(ErrorStatus.BAD_REQUEST, assertThrows(DoorplateException.class,
            () -> alerts.raise(new AlertRequest(device, "tilted", Severity.LOW, "12ab", "m", clock.instant())))
            .status());
        assertTrue(alerts.list(new AlertQuery(AlertQuery.States.ALL, null, device, null, 10)).isEmpty());
    }

    @Test
    void unacknowledgedAlertIsRemindedRepeatedlyAndEscalated() {
        // GIVEN an open alert nobody acknowledges
        Alert alert = alerts.raise(request(uniqueSubject(), "displaced", Severity.MEDIUM));

        // WHEN the reminder time passes THEN a reminder goes out, and another after each interval
        clock.advance(Duration.ofMinutes(31));
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.find(alert.id()).reminders() == 1);
        clock.advance(Duration.ofMinutes(61));
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.find(alert.id()).reminders() == 2);

        // WHEN it stays unacknowledged past the escalation time THEN its severity goes up one step
        clock.advance(Duration.ofHours(3));
        await().atMost(10, TimeUnit.SECONDS).until(() -> alerts.find(alert.id()).escalations() == 1);
        assertEquals(Severity.HIGH, alerts.find(alert.id()).severity());
        assertTrue(alerts.history(alert.id()).stream().anyMatch(e -> e.kind() == AlertEventKind.ESCALATED));

        // AND once acknowledged, the reminders stop
        alerts.acknowledge(alert.id(), "crew-3");
        int reminders = alerts.find(alert.id()).reminders();
        clock.advance(Duration.ofHours(2));
        alerts.sendDueNotices();
        assertEquals(reminders, alerts.find(alert.id()).reminders());
    }

    @Test
    void streamDeliversANewAlertToASubscriber() {
        // GIVEN a subscriber to the live feed
        List<AlertEvent> seen = new CopyOnWriteArrayList<>();
        Disposable subscription = stream.events(null).subscribe(seen::add);
        try {
            // WHEN an alert is raised
            Alert alert = alerts.raise(request(uniqueSubject(), "tamper", Severity.HIGH));

            // THEN the subscriber gets its opened event
            await().atMost(5, TimeUnit.SECONDS).until(() -> seen.stream()
                .anyMatch(e -> e.alert().id() == alert.id() && e.kind() == AlertEventKind.OPENED));
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void webhookThatFailsTwiceStillGetsTheEventExactlyOnce() {
        // GIVEN a webhook endpoint for one area that answers 500 twice, then 204
        String area = "150" + (100_000 + (int) (Math.random() * 800_000));
        try (RecordingEndpoint endpoint = new RecordingEndpoint(2)) {
            Webhooks.Created hook = webhooks.create(endpoint.url(), null, area, null);
            try {
                // WHEN an alert in that area opens
                Alert alert = alerts.raise(new AlertRequest(uniqueSubject(), "tamper", Severity.HIGH, area + "000",
                    "tamper switch open", clock.instant()));

                // THEN the endpoint gets it on the third attempt, signed, and never again
                await().atMost(20, TimeUnit.SECONDS).until(() -> endpoint.accepted().size() == 1);
                await().during(Duration.ofMillis(800)).atMost(5, TimeUnit.SECONDS)
                    .until(() -> endpoint.received().size() == 3);
                RecordingEndpoint.Received delivered = endpoint.accepted().get(0);
                assertTrue(delivered.body().contains("\"id\":" + alert.id()), delivered.body());
                assertTrue(WebhookSignature.verify(hook.secret(), delivered.body().getBytes(StandardCharsets.UTF_8),
                    delivered.signature()));
                assertEquals(1, endpoint.received().stream().map(RecordingEndpoint.Received::eventId).distinct()
                    .count());
                WebhookStatus status = webhooks.status(hook.webhook().id());
                assertEquals(1, status.delivered());
                assertEquals(0, status.pending());
            } finally {
                webhooks.delete(hook.webhook().id());
            }
        }
    }

    @Test
    void supervisorWebhookGetsOnlyEscalatedAlerts() {
        // GIVEN a supervisors' webhook for one area
        String area = "152" + (100_000 + (int) (Math.random() * 800_000));
        try (RecordingEndpoint endpoint = new RecordingEndpoint(0)) {
            Webhooks.Created hook = webhooks.create(endpoint.url(), null, area, Webhook.SUPERVISOR);
            try {
                // WHEN an alert opens THEN the supervisors hear nothing
                Alert alert = alerts.raise(new AlertRequest(uniqueSubject(), "silent", Severity.LOW, area,
                    "no report", clock.instant()));
                await().during(Duration.ofMillis(500)).atMost(5, TimeUnit.SECONDS)
                    .until(() -> endpoint.received().isEmpty());

                // WHEN it stays unacknowledged past the escalation time THEN they get the escalation
                clock.advance(Duration.ofHours(5));
                await().atMost(20, TimeUnit.SECONDS).until(() -> endpoint.accepted().stream()
                    .anyMatch(r -> r.body().contains("\"kind\":\"escalated\"") && r.body().contains(
                        "\"id\":" + alert.id())));
            } finally {
                webhooks.delete(hook.webhook().id());
            }
        }
    }

    @Test
    void alertIsPublishedToTheCrewTopicsOfItsArea() throws Exception {
        // GIVEN a crew subscribed to its county's alert topic on the broker
        String area = "153" + (100_000 + (int) (Math.random() * 800_000)) + "001";
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient crew = new MqttClient("tcp://127.0.0.1:1883", "alert-crew-" + UUID.randomUUID(),
            new MemoryPersistence());
        crew.connect();
        try {
            IMqttMessageListener listener = (topic, message) -> received.add(new String(message.getPayload(),
                StandardCharsets.UTF_8));
            crew.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.alerts(area.substring(0, 6)), 1)},
                new IMqttMessageListener[] {listener}).waitForCompletion();

            // WHEN an alert opens in a village of that county
            String subject = uniqueSubject();
            alerts.raise(new AlertRequest(subject, "tamper", Severity.HIGH, area, "tamper switch open",
                clock.instant()));

            // THEN the crew gets the event as JSON
            await().atMost(10, TimeUnit.SECONDS).until(() -> received.stream()
                .anyMatch(m -> m.contains(subject) && m.contains("\"kind\":\"opened\"")));
        } finally {
            crew.disconnect();
            crew.close();
        }
    }

    @Test
    void webhookWithBadSettingsIsRefused() {
        assertEquals(ErrorStatus.BAD_REQUEST, assertThrows(DoorplateException.class,
            () -> webhooks.create("ftp://127.0.0.1/x", null, null, null)).status());
        assertEquals(ErrorStatus.BAD_REQUEST, assertThrows(DoorplateException.class,
            () -> webhooks.create("http://127.0.0.1/x", "short", null, null)).status());
        assertEquals(ErrorStatus.BAD_REQUEST, assertThrows(DoorplateException.class,
            () -> webhooks.create("http://127.0.0.1/x", null, null, "everyone")).status());
    }

    private AlertRequest request(String subject, String fault, Severity severity) {
        return new AlertRequest(subject, fault, severity, null, fault + " on " + subject, clock.instant());
    }

    private static String uniqueSubject() {
        return "dev-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
