package org.doorplate.server.ingest.mqtt;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.doorplate.server.embedded.EmbeddedMqttBroker;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's one Paho MQTT 5 client. The adapter ({@link MqttUplinkAdapter}) owns its
 * life: it connects, subscribes and, at shutdown, disconnects and closes it.
 */
@Factory
public class MqttClientFactory {
    private static final Logger LOG = LoggerFactory.getLogger(MqttClientFactory.class);

    @Singleton
    MqttAsyncClient mqttClient(MqttConfiguration config, Optional<EmbeddedMqttBroker> embedded)
            throws MqttException {
        String url = config.getUrl()
            .or(() -> embedded.map(EmbeddedMqttBroker::url))
            .orElseThrow(() -> new IllegalStateException("no doorplate.mqtt.url and no embedded broker"));
        String clientId = config.getClientId().orElseGet(MqttClientFactory::defaultClientId);
        // Inbound QoS 1 state lives in the broker's session (clean start off), so the client
        // keeps nothing on disk: an unacknowledged uplink is redelivered after a crash.
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        LOG.info("MQTT broker [url: {}, client: {}, embedded: {}]", url, clientId, config.getUrl().isEmpty());
        return client;
    }

    @Singleton
    MqttConnectionOptions mqttConnectionOptions(MqttConfiguration config) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        // Clean start off and a session expiry: the broker keeps the shared subscription and
        // queues QoS 1 uplinks while this instance restarts (MQTT 5 sections 3.1.2.4, 3.1.2.11.2).
        options.setCleanStart(false);
        options.setSessionExpiryInterval(config.getSessionExpiry().toSeconds());
        options.setReceiveMaximum(config.getReceiveMaximum());
        options.setKeepAliveInterval((int) config.getKeepAlive().toSeconds());
        options.setConnectionTimeout((int) config.getConnectTimeout().toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        config.getUsername().ifPresent(options::setUserName);
        config.getPassword().ifPresent(p -> options.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        return options;
    }

    private static String defaultClientId() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return "doorplate-server-" + hostName() + "-" + HexFormat.of().formatHex(random);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "");
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
