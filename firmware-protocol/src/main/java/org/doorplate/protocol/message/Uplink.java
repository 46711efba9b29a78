package org.doorplate.protocol.message;

import java.time.Instant;

/** A message from a device to the server. */
public sealed interface Uplink extends Message permits BatchEntry, ReadingBatch, CommandResult {
    /** The device, sequence number and device time. */
    Header header();

    @Override
    default String deviceId() {
        return header().deviceId();
    }

    /** Shorthand for {@code header().seq()}. */
    default long seq() {
        return header().seq();
    }

    /** Shorthand for {@code header().deviceTime()}. */
    default Instant deviceTime() {
        return header().deviceTime();
    }
}
