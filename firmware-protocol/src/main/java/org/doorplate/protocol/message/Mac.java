package org.doorplate.protocol.message;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A message authentication code as carried on the wire: the first {@value #LENGTH} bytes of
 * HMAC-SHA256. Immutable; {@link #equals} compares in constant time.
 */
public final class Mac {
    /** The length in bytes. */
    public static final int LENGTH = 16;

    private final byte[] bytes;

    private Mac(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The MAC made of exactly {@value #LENGTH} bytes (copied).
     *
     * @throws IllegalArgumentException for another length
     */
    public static Mac of(byte[] bytes) {
        Check.notNull("mac", bytes);
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("mac: expected " + LENGTH + " bytes, found " + bytes.length);
        }
        return new Mac(bytes.clone());
    }

    /**
     * The MAC written as {@code 2 * }{@value #LENGTH} hex digits, either case.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Mac fromHex(String hex) {
        Check.notNull("mac", hex);
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("mac: expected " + 2 * LENGTH + " hex digits, found "
                + hex.length() + " characters");
        }
        try {
            return new Mac(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mac: expected hex digits only", e);
        }
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lower-case hex, as JSON writes it. */
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code other} holds the same bytes, compared in constant time. */
    public boolean matches(Mac other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mac other && matches(other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Mac[" + hex() + "]";
    }
}
