package org.doorplate.server.ingest.mqtt;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Optional;

/** The server's MQTT connection, and the embedded broker used when no broker URL is set. */
@ConfigurationProperties("doorplate.mqtt")
public interface MqttConfiguration {
    /** Broker URL such as {@code tcp://127.0.0.1:1883} ({@code DOORPLATE_MQTT_URL}); unset: embedded. */
    Optional<String> getUrl();

    /** Client id; set it to a value stable across restarts so the broker keeps this instance's session. */
    Optional<String> getClientId();

    /** Shared subscription group ({@code DOORPLATE_MQTT_SHARED_GROUP}); instances in one group split the stream. */
    @Bindable(defaultValue = "doorplate")
    @NotBlank
    String getSharedGroup();

    /** How long the broker keeps this client's session (and its queued QoS 1 uplinks) while it is away. */
    @Bindable(defaultValue = "1d")
    Duration getSessionExpiry();

    /**
     * Most unacknowledged QoS 1 deliveries in flight to this client (MQTT 5 3.1.2.11.3), and the
     * most uplinks it holds. Five batches' worth, so that the next batches arrive while one is
     * written: at 1,000 the writer waited for the broker between batches, and bench/ingest.sh
     * measured 12,000 msg/s at 1,000 against 18,000 at 5,000 and no gain at 10,000.
     */
    @Bindable(defaultValue = "5000")
    @Min(1)
    @Max(65535)
    int getReceiveMaximum();

    /** MQTT keep-alive interval. */
    @Bindable(defaultValue = "30s")
    Duration getKeepAlive();

    /** How long to wait for the broker when connecting. */
    @Bindable(defaultValue = "10s")
    Duration getConnectTimeout();

    /** How long an orderly shutdown waits for in-flight uplinks to be stored and acknowledged. */
    @Bindable(defaultValue = "10s")
    Duration getShutdownDrain();

    /** User name for the broker, if it requires one. */
    Optional<String> getUsername();

    /** Password for the broker, if it requires one. */
    Optional<String> getPassword();

    /** TCP port of the embedded broker ({@code DOORPLATE_MQTT_EMBEDDED_PORT}). */
    @Bindable(defaultValue = "1883")
    @Min(0)
    @Max(65535)
    int getEmbeddedPort();

    /** Address the embedded broker listens on; 0.0.0.0 to let devices on the network connect. */
    @Bindable(defaultValue = "127.0.0.1")
    @NotBlank
    String getEmbeddedBindAddress();
}
