package org.doorplate.server.telemetry;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.server.device.DeviceKind;

/**
 * A verified uplink waiting for the batch writer.
 *
 * @param kind the sending device's kind
 * @param message the verified message
 * @param receivedAt when the server received it
 * @param result completes after the commit: true when the uplink was stored now, false when it
 *     was stored before; completes exceptionally only when the writer stopped without storing it
 */
public record UplinkWrite(DeviceKind kind, Uplink message, Instant receivedAt, CompletableFuture<Boolean> result) {
    public static UplinkWrite of(DeviceKind kind, Uplink message, Instant receivedAt) {
        return new UplinkWrite(kind, message, receivedAt, new CompletableFuture<>());
    }
}
