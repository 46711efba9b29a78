package org.doorplate.server.ingest.mqtt;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.ingest.PayloadFormat;
import org.doorplate.server.ingest.RawUplink;
import org.doorplate.server.ingest.Transport;
import org.doorplate.server.ingest.UplinkPipeline;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds uplinks from the broker into the pipeline and acknowledges each one (PUBACK) only when
 * the pipeline has stored it, found it a duplicate, or rejected it for good. A message the
 * pipeline cannot take now (storage down, queue full) is held, unacknowledged, and offered
 * again. At most the receive maximum of uplinks are held here at once: the callback thread
 * waits for a free place before it takes the next one, so Paho stops reading the socket and
 * the broker keeps the rest in this instance's session. That is the back-pressure: nothing is
 * acknowledged that is not stored, and nothing piles up in this process.
 *
 * <p>The wait is needed although the receive maximum is announced to the broker: Mosquitto
 * 2.0 with Paho 1.2.5 keeps to it only until acknowledgements start to flow, then overshoots
 * it twenty- to forty-fold (a probe with a receive maximum of 10 and acknowledgements 5 ms
 * after arrival saw 200 to 415 unacknowledged deliveries at once), and in the ingest
 * benchmark this process held 20,000 queued and 30,000 retrying uplinks.
 */
@Context
final class MqttUplinkAdapter implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplinkAdapter.class);
    private static final Duration RESUBMIT_DELAY = Duration.ofMillis(250);
    private static final Duration CONNECT_RETRY = Duration.ofSeconds(2);
    private static final Duration PLACE_POLL = Duration.ofMillis(100);

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final UplinkPipeline pipeline;
    private final String subscription;
    private final Duration shutdownDrain;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mqtt-uplink-retry");
        thread.setDaemon(true);
        return thread;
    });
    private final int receiveMaximum;
    /** One permit per uplink this instance may still take; the others are held here. */
    private final Semaphore places;
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private volatile boolean closing;

    MqttUplinkAdapter(MqttAsyncClient client, MqttConnectionOptions options, MqttConfiguration config,
                      UplinkPipeline pipeline, MeterRegistry meters) {
        this.receiveMaximum = config.getReceiveMaximum();
        this.places = new Semaphore(receiveMaximum);
        Gauge.builder("doorplate.mqtt.uplinks.held", this, MqttUplinkAdapter::held)
            .description("MQTT uplinks taken from the broker and not yet acknowledged").register(meters);
        this.client = client;
        this.options = options;
        this.pipeline = pipeline;
        this.subscription = Topics.sharedUplinkSubscription(config.getSharedGroup());
        this.shutdownDrain = config.getShutdownDrain();
        client.setCallback(this);
        connect();
        awaitFirstSubscription(config.getConnectTimeout());
    }

    /**
     * Holds the start until the broker has the subscription, so that a server that reports
     * itself started (and healthy) is already taking uplinks. A broker that is not there yet
     * does not stop the start: the connection keeps being retried and /health says DOWN.
     */
    private void awaitFirstSubscription(Duration timeout) {
        try {
            if (!firstSubscription.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("no MQTT subscription after {}; starting anyway and retrying [broker: {}]", timeout,
                    client.getServerURI());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect() {
        if (closing) {
            return;
        }
        try {
            client.connect(options, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // Paho calls connectComplete only for automatic reconnects, not for this one.
                    subscribe(client.getServerURI(), false);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.warn("cannot connect to the MQTT broker {}, trying again in {}: {}",
                        client.getServerURI(), CONNECT_RETRY, failure.getMessage());
                    retries.schedule(MqttUplinkAdapter.this::connect, CONNECT_RETRY.toMillis(),
                        TimeUnit.MILLISECONDS);
                }
            });
        } catch (MqttException e) {
            LOG.warn("cannot connect to the MQTT broker {}: {}", client.getServerURI(), e.getMessage());
            retries.schedule(this::connect, CONNECT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
            subscribe(serverUri, true);
        }
    }

    private void subscribe(String serverUri, boolean reconnect) {
        // Subscribing again is harmless when the session kept the subscription, and needed when
        // the broker lost the session (expired, or a broker without persistence restarted).
        try {
            // No subscription properties (null): Paho 1.2.5 fails on an empty properties object.
            MqttSubscription[] filters = {new MqttSubscription(subscription, Topics.QOS)};
            client.subscribe(filters, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    LOG.info("subscribed [broker: {}, filter: {}, reconnect: {}]", serverUri, subscription,
                        reconnect);
                    firstSubscription.countDown();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable failure) {
                    LOG.error("subscription {} refused by {}", subscription, serverUri, failure);
                }
            }, null);
        } catch (MqttException e) {
            LOG.error("cannot subscribe to {}", subscription, e);
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // Not acknowledged when closing: the broker delivers it again to the session or the group.
        if (closing || !awaitPlace()) {
            return;
        }
        try {
            RawUplink uplink = new RawUplink(Transport.MQTT, message.getPayload(), format(message),
                topicDevice(topic), Instant.now());
            submit(uplink, message);
        } catch (RuntimeException e) {
            // Paho drops the connection when this callback throws; a bug must not do that.
            places.release();
            LOG.error("uplink on {} not handled", topic, e);
        }
    }

    /** Waits until fewer than the receive maximum of uplinks are held; false when closing. */
    private boolean awaitPlace() {
        try {
            while (!places.tryAcquire(PLACE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (closing) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Uplinks taken from the broker and not yet acknowledged or given up. */
    private int held() {
        return receiveMaximum - places.availablePermits();
    }

    private void submit(RawUplink uplink, MqttMessage message) {
        pipeline.submit(uplink).whenComplete((outcome, failure) -> {
            if (failure == null && outcome.acknowledge()) {
                acknowledge(message);
            } else if (closing) {
                places.release();
            } else {
                retries.schedule(() -> submit(uplink, message), RESUBMIT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void acknowledge(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            // The connection dropped: the broker redelivers it, and storage takes it as a duplicate.
            LOG.debug("acknowledgement of message {} not sent: {}", message.getId(), e.getMessage());
        } finally {
            places.release();
        }
    }

    private static PayloadFormat format(MqttMessage message) {
        String contentType = message.getProperties() == null ? null : message.getProperties().getContentType();
        ContentType type = (contentType == null ? ContentType.sniff(message.getPayload())
            : ContentType.fromMediaType(contentType)).orElse(ContentType.CBOR);
        return type == ContentType.JSON ? PayloadFormat.JSON : PayloadFormat.CBOR;
    }

    /** The device the topic names; the message must name the same one. */
    private static String topicDevice(String topic) {
        return topic.startsWith(Topics.UPLINK_PREFIX) ? topic.substring(Topics.UPLINK_PREFIX.length()) : topic;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (!closing) {
            LOG.warn("disconnected from the MQTT broker, reconnecting: {}", response);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("MQTT error", exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
    }

    /**
     * Orderly shutdown: stop taking uplinks, wait for those in flight to be stored and
     * acknowledged, then disconnect keeping the session, so the broker queues what arrives
     * until this instance (same client id) or another member of the group takes it.
     */
    @PreDestroy
    void close() {
        closing = true;
        long deadline = System.nanoTime() + shutdownDrain.toNanos();
        while (held() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        retries.shutdownNow();
        int left = held();
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect failed: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing the MQTT client failed: {}", e.getMessage());
        }
        LOG.info("MQTT uplinks stopped [unacknowledged, left to the broker: {}]", left);
    }
}
