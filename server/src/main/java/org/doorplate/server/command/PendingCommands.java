package org.doorplate.server.command;

import java.util.Optional;
import org.doorplate.protocol.message.Command;

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
}
