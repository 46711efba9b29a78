package org.doorplate.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes CBOR data items in the core deterministic form of RFC 8949 section 4.2.1: every
 * argument (integer value, length, count) in its shortest form and every length definite.
 * Map key order is the caller's job. Not thread-safe.
 */
final class CborWriter {
    static final int MAJOR_UNSIGNED = 0;
    static final int MAJOR_NEGATIVE = 1;
    static final int MAJOR_BYTES = 2;
    static final int MAJOR_TEXT = 3;
    static final int MAJOR_ARRAY = 4;
    static final int MAJOR_MAP = 5;
    static final int FALSE = 0xf4;
    static final int TRUE = 0xf5;

    private byte[] buffer;
    private int length;

    /** A writer for a whole message. */
    CborWriter() {
        this(128);
    }

    /** A writer expecting about {@code capacity} bytes, such as one field's value. */
    CborWriter(int capacity) {
        buffer = new byte[capacity];
    }

    /** Writes an integer as major type 0 or, below zero, as major type 1 holding -1 - value. */
    CborWriter integer(long value) {
        return value >= 0 ? head(MAJOR_UNSIGNED, value) : head(MAJOR_NEGATIVE, -1 - value);
    }

    CborWriter bool(boolean value) {
        ensure(1);
        buffer[length++] = (byte) (value ? TRUE : FALSE);
        return this;
    }

    CborWriter bytes(byte[] value) {
        head(MAJOR_BYTES, value.length);
        return raw(value);
    }

    CborWriter text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        head(MAJOR_TEXT, utf8.length);
        return raw(utf8);
    }

    CborWriter arrayHeader(int count) {
        return head(MAJOR_ARRAY, count);
    }

    CborWriter mapHeader(int count) {
        return head(MAJOR_MAP, count);
    }

    /** Appends already encoded items. */
    CborWriter raw(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, buffer, length, encoded.length);
        length += encoded.length;
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /**
     * The initial byte and argument: values below 24 live in the initial byte, larger ones
     * follow it in 1, 2, 4 or 8 bytes, whichever is the shortest that holds them.
     */
    private CborWriter head(int major, long argument) {
        ensure(9);
        int initial = major << 5;
        if (argument < 24) {
            buffer[length++] = (byte) (initial | (int) argument);
        } else if (argument <= 0xffL) {
            buffer[length++] = (byte) (initial | 24);
            putBigEndian(argument, 1);
        } else if (argument <= 0xffffL) {
            buffer[length++] = (byte) (initial | 25);
            putBigEndian(argument, 2);
        } else if (argument <= 0xffff_ffffL) {
            buffer[length++] = (byte) (initial | 26);
            putBigEndian(argument, 4);
        } else {
            buffer[length++] = (byte) (initial | 27);
            putBigEndian(argument, 8);
        }
        return this;
    }

    private void putBigEndian(long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
