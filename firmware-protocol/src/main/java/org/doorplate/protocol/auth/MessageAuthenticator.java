package org.doorplate.protocol.auth;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.message.Envelope;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.Message;

/**
 * Computes and checks message MACs: the first 16 bytes of
 * {@code HMAC-SHA256(deviceKey, macInput)}, where {@code macInput} is the message's
 * deterministic CBOR map without the MAC entry ({@link CborCodec#macInput}). The MAC thus does
 * not depend on the transport or on the encoding the message travels in.
 *
 * <p>Stateless and thread-safe. Arguments must not be null.
 */
public final class MessageAuthenticator {
    private static final String ALGORITHM = "HmacSHA256";

    /** One JCA MAC engine per thread: they are not thread-safe and costly to look up each time. */
    private static final ThreadLocal<javax.crypto.Mac> ENGINE = ThreadLocal.withInitial(() -> {
        try {
            return javax.crypto.Mac.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
        }
    });

    /** The MAC of {@code message} under {@code key}. */
    public Mac mac(DeviceKey key, Message message) {
        Objects.requireNonNull(key, "key");
        return mac(key, CborCodec.macInput(message));
    }

    /** The MAC of already encoded {@code macInput} bytes under {@code key}. */
    public Mac mac(DeviceKey key, byte[] macInput) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(macInput, "macInput");
        javax.crypto.Mac engine = ENGINE.get();
        try {
            engine.init(new SecretKeySpec(key.bytes(), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a 32-byte key is always valid for " + ALGORITHM, e);
        }
        return Mac.of(Arrays.copyOf(engine.doFinal(macInput), Mac.LENGTH));
    }

    /** The message with its MAC, ready to encode. */
    public <M extends Message> Envelope<M> seal(DeviceKey key, M message) {
        return new Envelope<>(message, mac(key, message));
    }

    /** Whether the envelope's MAC is right for its message and {@code key}, compared in constant time. */
    public boolean verify(DeviceKey key, Envelope<?> envelope) {
        Objects.requireNonNull(envelope, "envelope");
        return mac(key, envelope.message()).matches(envelope.mac());
    }
}
