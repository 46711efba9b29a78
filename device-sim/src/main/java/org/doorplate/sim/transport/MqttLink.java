package org.doorplate.sim.transport;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.sim.provision.DeviceCredentials;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's MQTT 5 connection: client id = device id, clean start off with a session expiry
 * (MQTT 5.0 section 3.1.2.4 and 3.1.2.11.2), so that after a drop or a reboot the broker still
 * holds the device's subscription and the commands queued meanwhile. Uplinks go out at QoS 1
 * and count as acknowledged on a PUBACK with a reason code below 0x80 (section 3.4.2.1).
 *
 * <p>The broker's Receive Maximum bounds how many QoS 1 messages may be unacknowledged at
 * once (section 3.3.4); Paho refuses a publish beyond it, so {@link #send} waits for a slot.
 */
final class MqttLink implements DeviceLink {
    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final int MAX_IN_FLIGHT = 16;
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final MqttLinkFactory settings;
    private final DeviceCredentials device;
    private final Consumer<byte[]> downlinks;
    private final MqttAsyncClient client;
    private volatile Semaphore inFlight = new Semaphore(1);

    MqttLink(MqttLinkFactory settings, DeviceCredentials device, Consumer<byte[]> downlinks) {
        this.settings = settings;
        this.device = device;
        this.downlinks = downlinks;
        try {
            this.client = new MqttAsyncClient(settings.broker().toString(), device.id(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt: cannot make a client for " + settings.broker() + ": " + e, e);
        }
        client.setCallback(new Callback());
    }

    @Override
    public synchronized void connect() throws LinkException {
        if (client.isConnected()) {
            return;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(60);
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setUserName(device.id());
        try {
            IMqttToken token = client.connect(options);
            token.waitForCompletion(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS + 2));
            inFlight = new Semaphore(receiveMaximum(token));
            client.subscribe(Topics.downlink(device.id()), Topics.QOS)
                .waitForCompletion(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS));
            LOG.debug("connected [device: {}, broker: {}, session present: {}]", device.id(),
                settings.broker(), token.getSessionPresent());
        } catch (MqttException e) {
            throw new LinkException("mqtt: device " + device.id() + " cannot connect to " + settings.broker()
                + ": " + e.getMessage() + " (reason " + e.getReasonCode() + ")", e);
        }
    }

    private static int receiveMaximum(IMqttToken connect) {
        MqttProperties properties = connect.getResponseProperties();
        Integer max = properties == null ? null : properties.getReceiveMaximum();
        // Absent means 65,535 (MQTT 5.0 section 3.2.2.3.3); more than a few in flight per
        // device is unlike any real device, so cap it.
        return max == null ? MAX_IN_FLIGHT : Math.max(1, Math.min(max, MAX_IN_FLIGHT));
    }

    @Override
    public void drop() {
        try {
            // Give in-flight messages a moment, then cut the connection without DISCONNECT:
            // the broker sees a lost network and keeps the session.
            client.disconnectForcibly(500, 1000, false);
        } catch (MqttException e) {
            LOG.debug("drop failed [device: {}]", device.id(), e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public CompletionStage<LinkAnswer> send(byte[] payload, ContentType type) {
        if (!client.isConnected()) {
            return CompletableFuture.completedFuture(LinkAnswer.failed("not connected"));
        }
        Semaphore slots = inFlight;
        try {
            if (!slots.tryAcquire(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return CompletableFuture.completedFuture(LinkAnswer.failed("no PUBACK slot free"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(LinkAnswer.failed("interrupted"));
        }
        CompletableFuture<LinkAnswer> answer = new CompletableFuture<>();
        answer.whenComplete((a, e) -> slots.release());
        try {
            client.publish(Topics.uplink(device.id()), message(payload, type), null, new PubackListener(answer));
        } catch (MqttException e) {
            answer.complete(LinkAnswer.failed("publish failed: " + e.getMessage()));
        }
        return answer.orTimeout(settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .exceptionally(e -> LinkAnswer.failed("no PUBACK within " + settings.ackTimeout().toSeconds() + " s"));
    }

    private static MqttMessage message(byte[] payload, ContentType type) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(Topics.QOS);
        MqttProperties properties = new MqttProperties();
        properties.setContentType(type.mediaType());
        message.setProperties(properties);
        return message;
    }

    @Override
    public void forgetSession() {
        // The broker keeps the session on purpose; nothing is lost on the device side.
    }

    @Override
    public String describe() {
        return "mqtt " + settings.broker();
    }

    @Override
    public synchronized void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000).waitForCompletion(3000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect failed [device: {}]", device.id(), e);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close failed [device: {}]", device.id(), e);
        }
    }

    /** Turns the PUBACK (or its absence) into an answer. */
    private static final class PubackListener implements MqttActionListener {
        private final CompletableFuture<LinkAnswer> answer;

        PubackListener(CompletableFuture<LinkAnswer> answer) {
            this.answer = answer;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            int code = codes == null || codes.length == 0 ? 0 : codes[0];
            answer.complete(pubackAnswer(code, token));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            if (e instanceof MqttException m && m.getReasonCode() >= 0x80 && m.getReasonCode() <= 0xff) {
                answer.complete(pubackAnswer(m.getReasonCode(), token));
            } else {
                answer.complete(LinkAnswer.failed("publish failed: " + (e == null ? "unknown" : e.getMessage())));
            }
        }

        private static LinkAnswer pubackAnswer(int code, IMqttToken token) {
            String reason = Optional.ofNullable(token.getResponseProperties())
                .map(MqttProperties::getReasonString).map(r -> " " + r).orElse("");
            String text = String.format("PUBACK 0x%02x%s", code, reason);
            return code < 0x80 ? LinkAnswer.accepted(text) : LinkAnswer.rejected(text);
        }
    }

    /** Hands commands to the device; notes lost connections. */
    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            downlinks.accept(message.getPayload());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            LOG.debug("disconnected [device: {}]: {}", device.id(), response);
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.debug("mqtt error [device: {}]", device.id(), e);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
