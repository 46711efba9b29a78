package org.doorplate.server.command;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.Outcome;

/**
 * A row of the {@code commands} table.
 *
 * @param id the command id, also the protocol's {@code commandId}
 * @param deviceId the receiving device
 * @param action what the device is asked to do
 * @param createdAt when it was issued
 * @param sentCount how often it went out, over either transport
 * @param lastSentAt when it last went out, or null
 * @param lastChannel {@code mqtt} or {@code coap}, or null before it first went out
 * @param confirmedAt when the device's result arrived, or null while pending
 * @param outcome the device's outcome, or null while pending
 * @param detail the device's optional explanation
 */
public record StoredCommand(long id, String deviceId, CommandAction action, Instant createdAt, int sentCount,
        @Nullable Instant lastSentAt, @Nullable String lastChannel, @Nullable Instant confirmedAt,
        @Nullable Outcome outcome, @Nullable String detail) {
    /** Whether the device has not confirmed it yet. */
    public boolean pending() {
        return confirmedAt == null;
    }

    /** The protocol message that carries it to the device. */
    public Command toMessage() {
        return new Command(id, deviceId, createdAt, action);
    }
}
