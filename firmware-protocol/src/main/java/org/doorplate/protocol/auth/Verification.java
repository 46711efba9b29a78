package org.doorplate.protocol.auth;

import java.util.Objects;
import java.util.Optional;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Uplink;

/** The outcome of {@link UplinkVerifier#verify}: a verified uplink or a rejection. */
public sealed interface Verification permits Verification.Verified, Verification.Rejected {
    /**
     * A well-formed uplink whose MAC matches the key of the device it names.
     *
     * @param envelope the message and its MAC
     * @param contentType the encoding it arrived in
     */
    record Verified(Envelope<Uplink> envelope, ContentType contentType) implements Verification {
        /** Checks for null. */
        public Verified {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(contentType, "contentType");
        }

        public Uplink uplink() {
            return envelope.message();
        }
    }

    /**
     * A message that must not be stored.
     *
     * @param reason why
     * @param detail a one-line explanation for logs and CoAP diagnostic payloads, never null
     * @param deviceId the device the message names, when it got that far
     */
    record Rejected(RejectReason reason, String detail, Optional<String> deviceId) implements Verification {
        /** Checks for null. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(deviceId, "deviceId");
        }
    }

    default boolean isVerified() {
        return this instanceof Verified;
    }
}
