package org.doorplate.protocol.auth;

import java.util.Objects;
import java.util.Optional;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.ContentType;
import org.doorplate.protocol.codec.DecodeResult;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Uplink;

/**
 * Turns raw uplink bytes into a verified message or a rejection, in this order: size and
 * syntax (decoding), the device's key, the device the transport authenticated, the MAC. It
 * does not look at sequence numbers: that needs the device's {@link ReplayWindow}, which the
 * caller updates only after the message is stored.
 *
 * <p>Thread-safe if the {@link KeyLookup} is. Exceptions from the lookup propagate.
 */
public final class UplinkVerifier {
    private final KeyLookup keys;
    private final CborCodec cbor;
    private final JsonCodec json;
    private final MessageAuthenticator authenticator = new MessageAuthenticator();

    /** A verifier with the default codec limits. */
    public UplinkVerifier(KeyLookup keys) {
        this(keys, new CborCodec(), new JsonCodec());
    }

    /** A verifier decoding with the given codecs (and so their limits); nothing may be null. */
    public UplinkVerifier(KeyLookup keys, CborCodec cbor, JsonCodec json) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.cbor = Objects.requireNonNull(cbor, "cbor");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Verifies a payload whose encoding is told by its first byte ({@link ContentType#sniff}). */
    public Verification verify(byte[] payload) {
        Optional<ContentType> type = payload == null ? Optional.empty() : ContentType.sniff(payload);
        if (type.isEmpty()) {
            return rejected(RejectReason.MALFORMED, "neither a CBOR map nor a JSON object", null);
        }
        return verify(payload, type.get(), null);
    }

    /**
     * Verifies a payload.
     *
     * @param payload the bytes as received; null is rejected as malformed
     * @param contentType their encoding, not null
     * @param authenticatedDeviceId the device the transport vouches for (the MQTT topic's
     *     device, the DTLS PSK identity), or null when the transport vouches for none
     */
    public Verification verify(byte[] payload, ContentType contentType, String authenticatedDeviceId) {
        Objects.requireNonNull(contentType, "contentType");
        DecodeResult<Envelope<Uplink>> decoded = contentType == ContentType.CBOR
            ? cbor.decodeUplink(payload) : json.decodeUplink(payload);
        if (!decoded.isOk()) {
            return rejected(decoded.error().reason(), decoded.error().message(), null);
        }
        Envelope<Uplink> envelope = decoded.value();
        String device = envelope.message().deviceId();
        if (authenticatedDeviceId != null && !authenticatedDeviceId.equals(device)) {
            return rejected(RejectReason.DEVICE_MISMATCH, "message names device '" + device
                + "' but the transport authenticated '" + authenticatedDeviceId + "'", device);
        }
        Optional<DeviceKey> key = keys.find(device);
        if (key.isEmpty()) {
            return rejected(RejectReason.UNKNOWN_DEVICE, "no key registered for device '" + device + "'", device);
        }
        if (!authenticator.verify(key.get(), envelope)) {
            return rejected(RejectReason.BAD_MAC, "mac does not match the message and the device key", device);
        }
        return new Verification.Verified(envelope, contentType);
    }

    private static Verification rejected(RejectReason reason, String detail, String device) {
        return new Verification.Rejected(reason, detail, Optional.ofNullable(device));
    }
}
