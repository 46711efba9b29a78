package org.doorplate.server.ingest;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * An uplink as a transport adapter received it, before anything was checked.
 *
 * @param transport the transport it arrived on
 * @param payload the encoded message, exactly as received (not copied: do not change it)
 * @param format the payload's encoding
 * @param authenticatedDeviceId the device the transport itself authenticated (a DTLS PSK
 *     identity), or null when the transport did not (MQTT: the message MAC is the proof); when
 *     set, the message must name the same device or it is rejected
 * @param receivedAt when the adapter received it
 */
public record RawUplink(
        Transport transport,
        byte[] payload,
        PayloadFormat format,
        @Nullable String authenticatedDeviceId,
        Instant receivedAt) {
    public RawUplink {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
