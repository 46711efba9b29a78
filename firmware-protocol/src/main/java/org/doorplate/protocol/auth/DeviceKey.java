package org.doorplate.protocol.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A device's secret: {@value #LENGTH} random bytes, written as 64 hex digits. It keys the
 * message MAC and is also the DTLS pre-shared key on CoAP. Immutable; {@link #toString()}
 * never shows the key, {@link #equals} compares in constant time.
 */
public final class DeviceKey {
    /** The key length in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private DeviceKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The key made of exactly {@value #LENGTH} bytes (copied).
     *
     * @throws IllegalArgumentException for another length
     */
    public static DeviceKey of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("device key: expected " + LENGTH + " bytes, found " + bytes.length);
        }
        return new DeviceKey(bytes.clone());
    }

    /**
     * The key written as 64 hex digits, either case.
     *
     * @throws IllegalArgumentException for anything else; the message does not repeat the input
     */
    public static DeviceKey fromHex(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("device key: expected " + 2 * LENGTH + " hex digits, found "
                + hex.length() + " characters");
        }
        try {
            return new DeviceKey(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device key: expected hex digits only");
        }
    }

    /** A fresh key from {@code random}, not null. */
    public static DeviceKey generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH];
        random.nextBytes(bytes);
        return new DeviceKey(bytes);
    }

    /** A copy of the key bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The key as 64 lower-case hex digits. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceKey other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "DeviceKey[redacted]";
    }
}
