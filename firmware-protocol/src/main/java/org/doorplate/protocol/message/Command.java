package org.doorplate.protocol.message;

import java.time.Instant;

/**
 * A command for one device. The device answers with a {@link CommandResult} carrying the same
 * {@code commandId}; it executes each identifier at most once.
 *
 * @param commandId the server's identifier, 1..{@link Header#MAX_SEQ}, strictly increasing per device
 * @param deviceId the receiving device
 * @param issuedAt when the server issued it, whole seconds (a finer instant is truncated)
 * @param action what to do
 */
public record Command(long commandId, String deviceId, Instant issuedAt, CommandAction action) implements Downlink {
    /** Checks the fields; see the component descriptions. */
    public Command {
        Check.range("id", commandId, 1, Header.MAX_SEQ);
        DeviceIds.require("device", deviceId);
        issuedAt = Header.checkTime("issued", issuedAt);
        Check.notNull("action", action);
    }

    @Override
    public MessageType type() {
        return MessageType.COMMAND;
    }
}
