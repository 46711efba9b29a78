package org.doorplate.protocol.message;

import java.time.Instant;

/** A message from the server to a device. */
public sealed interface Downlink extends Message permits Command {
    /** The server's identifier of the command, strictly increasing per device. */
    long commandId();

    /** When the server issued it. */
    Instant issuedAt();
}
