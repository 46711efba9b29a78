package org.doorplate.server.command;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.ingest.mqtt.MqttPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes pending commands to the devices' downlink topics at QoS 1, and again with back-off
 * ({@code resend-after}, doubling up to {@code max-resend-delay}) until the device confirms or
 * {@code max-mqtt-sends} publishes went out. After that the next uplink from the device, which
 * shows it is online again, starts another round.
 *
 * <p>A publish is recorded before it is made, so a failed publish (broker down) is simply
 * retried at the next due time; the device executes each command id at most once (PROTOCOL.md),
 * so a repeated publish is harmless.
 */
@Singleton
final class MqttCommandSender {
    private static final Logger LOG = LoggerFactory.getLogger(MqttCommandSender.class);
    private static final int BATCH = 100;

    private final CommandRepository repository;
    private final MqttPublisher publisher;
    private final CommandEncoder encoder;
    private final CommandConfiguration settings;
    private final Clock clock;

    MqttCommandSender(CommandRepository repository, MqttPublisher publisher, CommandEncoder encoder,
            CommandConfiguration settings, Clock clock) {
        this.repository = repository;
        this.publisher = publisher;
        this.encoder = encoder;
        this.settings = settings;
        this.clock = clock;
    }

    /** Publishes every command whose MQTT publish is due now. */
    @Scheduled(fixedDelay = "${doorplate.commands.resend-check-interval:5s}")
    void sendDue() {
        try {
            List<StoredCommand> due;
            do {
                due = repository.claimDueForMqtt(clock.instant(), settings.getMaxMqttSends(),
                    settings.getResendAfter(), settings.getMaxResendDelay(), BATCH);
                due.forEach(this::publish);
            } while (due.size() == BATCH);
        } catch (DoorplateException e) {
            // The database is down: the due commands stay due and go out on a later check.
            LOG.debug("command resend check failed: {}", e.getMessage());
        }
    }

    /** Makes the device's exhausted commands due again and publishes them. */
    void rearm(String deviceId) {
        Instant now = clock.instant();
        if (repository.rearmMqtt(deviceId, now, now.minus(settings.getResendAfter())) > 0) {
            sendDue();
        }
    }

    private void publish(StoredCommand command) {
        byte[] payload;
        try {
            payload = encoder.cbor(command.toMessage());
        } catch (RuntimeException e) {
            LOG.warn("cannot encode command [device: {}, command: {}]: {}", command.deviceId(), command.id(),
                e.getMessage());
            return;
        }
        publisher.publish(Topics.downlink(command.deviceId()), payload, Topics.QOS).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.debug("command publish failed, will retry [device: {}, command: {}]: {}", command.deviceId(),
                    command.id(), error.toString());
            } else {
                LOG.trace("command published [device: {}, command: {}, send: {}]", command.deviceId(), command.id(),
                    command.sentCount());
            }
        });
    }
}
