package org.doorplate.protocol.message;

import java.nio.charset.StandardCharsets;

/** Argument checks shared by the records; messages name the field and the allowed range. */
final class Check {
    private Check() {
    }

    static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                field + ": expected " + min + ".." + max + ", found " + value);
        }
        return value;
    }

    static int range(String field, int value, long min, long max) {
        range(field, (long) value, min, max);
        return value;
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new NullPointerException(field + ": must not be null");
        }
        return value;
    }

    /** Rejects text that cannot round-trip through UTF-8 (an unpaired surrogate). */
    static String text(String field, String value) {
        notNull(field, value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + ": unpaired surrogate at index " + i);
            }
        }
        return value;
    }

    static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
