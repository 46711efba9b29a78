package org.doorplate.server.command;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.DecodeResult;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.ingest.IngestDevices;
import org.doorplate.server.ingest.PayloadFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues commands and follows them until the device confirms: MQTT devices get them published
 * ({@link MqttCommandSender}), CoAP devices fetch them with their next uplink ({@link #nextFor}).
 *
 * <p>Which transport a device uses is learned from where its last command went out: a device
 * that once fetched a command over CoAP gets no MQTT publishes; any other device gets both.
 * Stored uplinks do not say which transport they came on, so a device that moves from CoAP to
 * MQTT is not noticed and gets no MQTT publish for its next commands.
 */
@Singleton
public class CommandService implements PendingCommands {
    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    private static final int LIST_LIMIT = 100;

    private final CommandRepository repository;
    private final PendingDevices pending;
    private final MqttCommandSender mqtt;
    private final IngestDevices devices;
    private final Clock clock;
    private final CborCodec cbor = new CborCodec();
    private final JsonCodec json = new JsonCodec();

    CommandService(CommandRepository repository, PendingDevices pending, MqttCommandSender mqtt,
            IngestDevices devices, Clock clock) {
        this.repository = repository;
        this.pending = pending;
        this.mqtt = mqtt;
        this.devices = devices;
        this.clock = clock;
    }

    /**
     * Stores a new pending command and, unless the device is known to use CoAP, publishes it.
     *
     * @throws DoorplateException NOT_FOUND for an unknown device
     */
    public StoredCommand issue(String deviceId, CommandAction action) {
        requireDevice(deviceId);
        Instant now = clock.instant();
        boolean coapDevice = repository.lastChannel(deviceId).filter("coap"::equals).isPresent();
        StoredCommand command = repository.insert(deviceId, action, now, coapDevice ? null : now);
        pending.add(deviceId);
        LOG.info("command issued [device: {}, command: {}, type: {}]", deviceId, command.id(),
            CommandKind.of(action).wireName());
        if (!coapDevice) {
            mqtt.sendDue();
        }
        return command;
    }

    /** The device's latest commands, newest first. */
    public List<StoredCommand> list(String deviceId) {
        requireDevice(deviceId);
        return repository.forDevice(deviceId, LIST_LIMIT);
    }

    @Override
    public Optional<Command> nextFor(String deviceId) {
        if (!pending.contains(deviceId)) {
            return Optional.empty();
        }
        Optional<StoredCommand> next = repository.claimOldestForCoap(deviceId, clock.instant());
        if (next.isEmpty()) {
            pending.dropIfNonePending(deviceId);
        }
        return next.map(StoredCommand::toMessage);
    }

    @Override
    public Optional<Command> nextAfter(String deviceId, byte[] stored, PayloadFormat format) {
        if (!pending.contains(deviceId)) {
            return Optional.empty();
        }
        DecodeResult<Envelope<Uplink>> decoded = format == PayloadFormat.CBOR
            ? cbor.decodeUplink(stored) : json.decodeUplink(stored);
        if (decoded.isOk() && decoded.value().message() instanceof CommandResult result
                && result.deviceId().equals(deviceId)) {
            confirm(deviceId, result, clock.instant());
        }
        return nextFor(deviceId);
    }

    /** Records a device's result for one of its commands; a result for anything else is ignored. */
    void confirm(String deviceId, CommandResult result, Instant receivedAt) {
        String detail = result.detail().orElse(null);
        if (repository.confirm(deviceId, result.commandId(), result.outcome(), detail, receivedAt)) {
            LOG.info("command confirmed [device: {}, command: {}, outcome: {}]", deviceId, result.commandId(),
                result.outcome().wireName());
            pending.dropIfNonePending(deviceId);
        } else {
            LOG.debug("result for no pending command [device: {}, command: {}]", deviceId, result.commandId());
        }
    }

    /** An uplink from a device with pending commands: publish again any whose resends ran out. */
    void deviceSeen(String deviceId) {
        if (pending.contains(deviceId)) {
            mqtt.rearm(deviceId);
        }
    }

    private void requireDevice(String deviceId) {
        if (devices.find(deviceId).isEmpty()) {
            throw DoorplateException.notFound("device " + deviceId + ": not registered");
        }
    }
}
