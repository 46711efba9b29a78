package org.doorplate.server.command;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.DecodeResult;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.Downlink;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.Outcome;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.ingest.coap.CoapTestSupport;
import org.doorplate.server.ingest.coap.DtlsTestClient;
import org.doorplate.server.security.Roles;
import org.doorplate.server.testing.TestAccounts;
import org.doorplate.server.testing.TestDatabase;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies downlink commands end to end: issued over HTTP, piggybacked on the CoAP 2.04 of the
 * device's next uplink until its result arrives, published to MQTT devices through Mosquitto
 * with bounded resends, and refused with a clear error when the request is bad.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CommandDeliveryTest implements TestPropertyProvider {
    private static final String GROUP = TestDevices.uniqueId("command-test");
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MAX_MQTT_SENDS = 3;

    @Inject
    ApplicationContext context;
    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    CoapServer coap;
    @Inject
    DeviceRegistry registry;
    @Inject
    MqttCommandSender mqttSender;

    private String adminToken;
    private String crewToken;
    private MqttClient mqtt;
    private InetSocketAddress coaps;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
        properties.put("doorplate.mqtt.shared-group", GROUP);
        properties.put("doorplate.mqtt.client-id", GROUP + "-server");
        // Quick resends, so that the bounded resend rounds run within the test.
        properties.put("doorplate.commands.resend-after", "300ms");
        properties.put("doorplate.commands.max-resend-delay", "300ms");
        properties.put("doorplate.commands.resend-check-interval", "100ms");
        properties.put("doorplate.commands.max-mqtt-sends", Integer.toString(MAX_MQTT_SENDS));
        return properties;
    }

    @BeforeAll
    void setUp() throws Exception {
        adminToken = TestAccounts.token(context, "admin-command-test", Roles.ADMIN);
        crewToken = TestAccounts.token(context, "crew-command-test", Roles.CREW);
        coaps = CoapTestSupport.endpoint(coap, "coaps");
        mqtt = new MqttClient("tcp://127.0.0.1:1883", GROUP + "-device", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        mqtt.connect(options);
    }

    @AfterAll
    void tearDown() throws Exception {
        mqtt.disconnect();
        mqtt.close();
    }

    @Test
    void pendingCommandRidesOnCoapResponsesUntilItsResultArrives() throws Exception {
        // GIVEN a CoAP marker with a DTLS session and an issued command
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        try (DtlsTestClient device = new DtlsTestClient(id, key.bytes(), coaps)) {
            assertEquals(0, post(device, id, key, 1).getPayloadSize());
            long commandId = issue(id, Map.of("type", "report_interval", "interval_s", 900));

            // WHEN it sends its next two uplinks
            Response second = post(device, id, key, 2);
            Response third = post(device, id, key, 3);

            // THEN both 2.04 carry the command as CBOR, sealed with the device key
            Command command = decodeCommand(key, second);
            assertEquals(commandId, command.commandId());
            assertEquals(new CommandAction.SetReportInterval(900), command.action());
            assertEquals(MediaTypeRegistry.APPLICATION_CBOR, second.getOptions().getContentFormat());
            assertEquals(commandId, decodeCommand(key, third).commandId());

            // WHEN the device sends the command's result, then another reading
            CommandResult result = new CommandResult(new Header(id, 4, T0.plusSeconds(4)), commandId, Outcome.OK,
                Optional.empty());
            Response toResult = device.exchange(device.post(TestDevices.cbor(key, result),
                MediaTypeRegistry.APPLICATION_CBOR, true), WAIT);
            Response after = post(device, id, key, 5);

            // THEN neither response carries the command any more, and the API shows it confirmed
            assertEquals(ResponseCode.CHANGED, toResult.getCode());
            assertEquals(0, toResult.getPayloadSize());
            assertEquals(0, after.getPayloadSize());
            Map<String, Object> shown = list(id).get(0);
            assertEquals("confirmed", shown.get("state"));
            assertEquals("ok", shown.get("outcome"));
            assertEquals("coap", shown.get("last_channel"));
        }
    }

    @Test
    void mqttDeviceReceivesItsCommandUntilItConfirms() throws Exception {
        // GIVEN an MQTT marker subscribed to its downlink topic on Mosquitto
        String id = TestDevices.uniqueId("marker");
        DeviceKey key = TestDevices.register(registry, id, DeviceKind.MARKER);
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        IMqttMessageListener listener = (topic, message) -> received.add(message.getPayload());
        mqtt.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.downlink(id), Topics.QOS)},
            new IMqttMessageListener[] {listener});

        // WHEN a command is issued
        long commandId = issue(id, Map.of("type", "reboot"));

        // THEN the device receives it, sealed with its key, and again on each bounded resend
        for (int send = 1; send <= MAX_MQTT_SENDS; send++) {
            byte[] payload = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            Command command = decode(key, payload);
            assertEquals(commandId, command.commandId());
            assertInstanceOf(CommandAction.Reboot.class, command.action());
        }
        await().atMost(WAIT).until(() -> ((Number) list(id).get(0).get("sent_count")).intValue() == MAX_MQTT_SENDS);
        mqttSender.sendDue();
        assertEquals(MAX_MQTT_SENDS, ((Number) list(id).get(0).get("sent_count")).intValue());

        // WHEN the device comes back with a reading after the resends ran out (and later than
        // resend-after since the last publish: a chatty device gets at most one per interval)
        await().atMost(WAIT).until(() -> Instant.parse(String.valueOf(list(id).get(0).get("last_sent_at")))
            .isBefore(Instant.now().minusMillis(500)));
        mqtt.publish(Topics.uplink(id), TestDevices.cbor(key, TestDevices.markerReading(id, 1, T0, 10)),
            Topics.QOS, false);

        // THEN it gets the command once more, and after its result no further publish is due
        assertEquals(commandId, decode(key, received.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).commandId());
        CommandResult result = new CommandResult(new Header(id, 2, T0.plusSeconds(60)), commandId, Outcome.OK,
            Optional.of("rebooting"));
        mqtt.publish(Topics.uplink(id), TestDevices.cbor(key, result), Topics.QOS, false);
        await().atMost(WAIT).until(() -> "confirmed".equals(list(id).get(0).get("state")));
        int sent = ((Number) list(id).get(0).get("sent_count")).intValue();
        mqttSender.sendDue();
        assertEquals(sent, ((Number) list(id).get(0).get("sent_count")).intValue());
        assertEquals("rebooting", list(id).get(0).get("detail"));
        mqtt.unsubscribe(Topics.downlink(id));
    }

    @Test
    void badCommandRequestsAreRefusedAndStoreNothing() {
        // GIVEN a registered doorplate and an unknown id
        String id = TestDevices.uniqueId("plate");
        TestDevices.register(registry, id, DeviceKind.DOORPLATE);
        String unknown = TestDevices.uniqueId("ghost");

        // WHEN bad requests are posted, THEN each is refused with a message naming the problem
        assertRefused(HttpStatus.BAD_REQUEST, "type", id, Map.of("type", "selfdestruct"), adminToken);
        assertRefused(HttpStatus.BAD_REQUEST, "type", id, Map.of("interval_s", 900), adminToken);
        assertRefused(HttpStatus.BAD_REQUEST, "interval_s", id, Map.of("type", "report_interval", "interval_s", 10),
            adminToken);
        assertRefused(HttpStatus.BAD_REQUEST, "interval_s", id, Map.of("type", "report_interval"), adminToken);
        assertRefused(HttpStatus.BAD_REQUEST, "interval_s", id,
            Map.of("type", "report_interval", "interval_s", 90.5), adminToken);
        assertRefused(HttpStatus.BAD_REQUEST, "tilt_limit", id, Map.of("type", "thresholds"), adminToken);
        assertRefused(HttpStatus.BAD_REQUEST, "colour", id, Map.of("type", "locate", "colour", "red"), adminToken);
        assertRefused(HttpStatus.NOT_FOUND, unknown, unknown, Map.of("type", "locate"), adminToken);
        assertRefused(HttpStatus.FORBIDDEN, null, id, Map.of("type", "locate"), crewToken);
        assertRefused(HttpStatus.UNAUTHORIZED, null, id, Map.of("type", "locate"), null);
        // AND nothing was stored for the device
        assertEquals(List.of(), list(id));
    }

    @Test
    void thresholdsCommandIsListedWithItsParameters() {
        // GIVEN a registered marker
        String id = TestDevices.uniqueId("marker");
        TestDevices.register(registry, id, DeviceKind.MARKER);

        // WHEN a thresholds command is issued
        long commandId = issue(id, Map.of("type", "thresholds", "tilt_limit", 1_500, "low_battery_mv", 3_300));

        // THEN the crew can list it, pending, with the parameters in wire units
        Map<String, Object> shown = http.toBlocking().retrieve(HttpRequest.GET(path(id)).bearerAuth(crewToken),
            Argument.listOf(Argument.mapOf(String.class, Object.class))).get(0);
        assertEquals(commandId, ((Number) shown.get("id")).longValue());
        assertEquals("thresholds", shown.get("type"));
        assertEquals("pending", shown.get("state"));
        assertEquals(Map.of("tilt_limit", 1_500, "low_battery_mv", 3_300), shown.get("params"));
    }

    private long issue(String id, Map<String, Object> body) {
        HttpResponse<Map<String, Object>> response = http.toBlocking().exchange(
            HttpRequest.POST(path(id), body).bearerAuth(adminToken), Argument.mapOf(String.class, Object.class));
        assertEquals(HttpStatus.ACCEPTED, response.getStatus());
        Map<String, Object> answer = response.body();
        assertEquals("pending", answer.get("state"));
        return ((Number) answer.get("id")).longValue();
    }

    private List<Map<String, Object>> list(String id) {
        return http.toBlocking().retrieve(HttpRequest.GET(path(id)).bearerAuth(adminToken),
            Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    private void assertRefused(HttpStatus status, String named, String id, Map<String, Object> body, String token) {
        MutableHttpRequest<Map<String, Object>> request = HttpRequest.POST(path(id), body);
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
            () -> http.toBlocking().exchange(token == null ? request : request.bearerAuth(token)));
        assertEquals(status, error.getStatus(), body.toString());
        if (named != null) {
            String message = error.getResponse().getBody(Argument.mapOf(String.class, Object.class))
                .map(m -> String.valueOf(m.get("message"))).orElse("");
            assertTrue(message.contains(named), message);
        }
    }

    private Response post(DtlsTestClient device, String id, DeviceKey key, long seq) throws InterruptedException {
        Response response = device.exchange(device.post(TestDevices.cbor(key,
            TestDevices.markerReading(id, seq, T0.plusSeconds(seq * 60), 10)), MediaTypeRegistry.APPLICATION_CBOR,
            true), WAIT);
        assertEquals(ResponseCode.CHANGED, response.getCode());
        return response;
    }

    private static Command decodeCommand(DeviceKey key, Response response) {
        return decode(key, response.getPayload());
    }

    private static Command decode(DeviceKey key, byte[] payload) {
        DecodeResult<Envelope<Downlink>> decoded = new CborCodec().decodeDownlink(payload);
        assertTrue(decoded.isOk(), () -> String.valueOf(decoded));
        Envelope<Downlink> envelope = decoded.value();
        assertTrue(new MessageAuthenticator().verify(key, envelope), "the command's MAC must verify");
        return (Command) envelope.message();
    }

    private static String path(String id) {
        return "/api/v1/devices/" + id + "/commands";
    }
}
