package org.doorplate.server.alert;

import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.ingest.mqtt.MqttPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every alert event, as JSON with QoS 1, to the crews' area topics
 * {@code doorplate/v1/alerts/{areaCode}}: one per configured prefix length of the alert's area
 * code (by default the county's 6 digits and the full 12), so that a county crew subscribes to
 * one topic and a village crew to its own. An alert without an area code goes to no topic (the
 * event stream and the webhooks still carry it).
 *
 * <p>MQTT here is a notification, not the record: a publish that fails is logged and not
 * retried; the alert itself, the stream and the webhook outbox are unaffected.
 */
@Singleton
public class MqttAlertDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(MqttAlertDelivery.class);
    private static final int QOS = 1;

    private final BeanProvider<MqttPublisher> publisher;
    private final JsonMapper json;
    private final AlertConfiguration config;

    public MqttAlertDelivery(BeanProvider<MqttPublisher> publisher, JsonMapper json, AlertConfiguration config) {
        this.publisher = publisher;
        this.json = json;
        this.config = config;
    }

    @EventListener
    void onAlertEvent(AlertEvent event) {
        String area = event.alert().areaCode();
        if (area == null || !publisher.isPresent()) {
            return;
        }
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(event);
        } catch (IOException e) {
            LOG.warn("cannot encode alert event {}: {}", event.eventId(), e.getMessage());
            return;
        }
        for (String topic : topics(area)) {
            try {
                publisher.get().publish(topic, payload, QOS).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.warn("alert event not published [event: {}, topic: {}]: {}", event.eventId(), topic,
                            failure.getMessage());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("alert event not published [event: {}, topic: {}]: {}", event.eventId(), topic,
                    e.getMessage());
            }
        }
    }

    /** The topics of an area code: one per configured prefix length it is long enough for. */
    Set<String> topics(String areaCode) {
        Set<String> topics = new LinkedHashSet<>();
        for (int length : config.getMqttAreaPrefixes()) {
            if (areaCode.length() >= length) {
                topics.add(Topics.alerts(areaCode.substring(0, length)));
            }
        }
        if (topics.isEmpty()) {
            topics.add(Topics.alerts(areaCode));
        }
        return topics;
    }
}
