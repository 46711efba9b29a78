package org.doorplate.server.ingest;

import java.time.Instant;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.server.device.DeviceKind;

/**
 * One uplink that is now durably stored.
 *
 * @param deviceId the device that sent it
 * @param kind the device's kind
 * @param message the message (never a reading batch: batches arrive as their entries)
 * @param receivedAt when the server received it
 */
public record StoredUplink(String deviceId, DeviceKind kind, Uplink message, Instant receivedAt) {
}
