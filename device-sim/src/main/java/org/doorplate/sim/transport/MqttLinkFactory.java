package org.doorplate.sim.transport;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.doorplate.sim.provision.DeviceCredentials;

/**
 * Makes one MQTT 5 client per device, as each real device holds its own connection.
 *
 * @param broker the broker, {@code tcp://host:port}
 * @param sessionExpiry how long the broker keeps a device's session (its subscription and the
 *     commands queued for it) while the device is offline
 * @param ackTimeout how long to wait for a PUBACK before counting the message as failed
 */
public record MqttLinkFactory(URI broker, Duration sessionExpiry, Duration ackTimeout) implements LinkFactory {
    /** A factory with a one-day session and a 30-second acknowledgement timeout. */
    public MqttLinkFactory(URI broker) {
        this(broker, Duration.ofDays(1), Duration.ofSeconds(30));
    }

    @Override
    public DeviceLink create(DeviceCredentials device, Consumer<byte[]> downlinks) {
        return new MqttLink(this, device, downlinks);
    }

    @Override
    public void close() {
        // Paho clients own their threads; each link frees its own on close.
    }
}
