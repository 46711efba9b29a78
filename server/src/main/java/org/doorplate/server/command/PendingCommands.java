package org.doorplate.server.command;

import java.util.Optional;
import org.doorplate.protocol.message.Command;
import org.doorplate.server.ingest.PayloadFormat;

/** The commands waiting for a device that fetches them itself: CoAP devices, on each uplink. */
public interface PendingCommands {
    /**
     * The device's oldest unconfirmed command, recorded as sent over CoAP; it stays pending until
     * the device's {@code command_result} arrives, so a lost response only delays it to the next
     * uplink. Answers from memory, without touching the database, when the device has none.
     *
     * @param deviceId the device that just sent a stored uplink
     * @return the command to piggyback on the response, or empty
     */
    Optional<Command> nextFor(String deviceId);

    /**
     * {@link #nextFor}, after taking note of the uplink that was just stored: when it is the
     * result of a pending command, that command is confirmed first, so the response to a
     * result never carries the command it answers.
     *
     * @param deviceId the authenticated device that sent it
     * @param stored the payload the pipeline stored (or found a duplicate of)
     * @param format its encoding
     */
    Optional<Command> nextAfter(String deviceId, byte[] stored, PayloadFormat format);
}
