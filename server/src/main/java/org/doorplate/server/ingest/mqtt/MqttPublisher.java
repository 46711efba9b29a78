package org.doorplate.server.ingest.mqtt;

import java.util.concurrent.CompletionStage;

/** Publishes to the server's MQTT broker: downlink commands and alert topics. */
public interface MqttPublisher {
    /**
     * Publishes one message.
     *
     * @param topic the topic (no wildcards)
     * @param payload the message body
     * @param qos 0, 1 or 2
     * @return completes when the broker acknowledged the message (for QoS 0: when it was
     *     written), exceptionally when the client is not connected or the broker refused it
     */
    CompletionStage<Void> publish(String topic, byte[] payload, int qos);
}
