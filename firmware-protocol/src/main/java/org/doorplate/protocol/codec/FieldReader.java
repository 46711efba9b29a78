package org.doorplate.protocol.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.WireCode;

/**
 * Reads the fields of one message map, whatever the encoding, and checks each value's type and
 * range. Every read marks the field as used; {@link #finish()} rejects any field left over.
 * Problems are thrown as {@link DecodeException}.
 */
abstract class FieldReader {
    private final String path;

    FieldReader(String path) {
        this.path = path;
    }

    abstract boolean has(Field field);

    /** A fixed-point integer in {@code field}'s range; required. */
    abstract long integer(Field field);

    abstract boolean bool(Field field);

    /** Text of at most {@code maxBytes} UTF-8 bytes. */
    abstract String text(Field field, int maxBytes);

    abstract <E extends WireCode> E enumeration(Field field, E[] values);

    abstract Instant time(Field field);

    abstract Mac mac(Field field);

    /** The readers of a list of nested maps, at most {@code maxEntries} of them. */
    abstract List<FieldReader> entries(Field field, int maxEntries);

    /** Fails if the map holds a field that was not read. */
    abstract void finish();

    /** The name errors use for {@code field}. */
    String label(Field field) {
        return path + field.name();
    }

    String path() {
        return path;
    }

    DecodeException malformed(Field field, String detail) {
        return new DecodeException(RejectReason.MALFORMED, label(field), detail);
    }

    DecodeException missing(Field field) {
        return malformed(field, "required field is missing");
    }

    DecodeException tooLarge(Field field, String detail) {
        return new DecodeException(RejectReason.TOO_LARGE, label(field), detail);
    }

    long checkRange(Field field, long value) {
        if (value < field.min() || value > field.max()) {
            throw new DecodeException(RejectReason.INVALID_VALUE, label(field),
                "expected " + rangeText(field) + ", found " + show(field, value));
        }
        return value;
    }

    String rangeText(Field field) {
        String range = show(field, field.min()) + ".." + show(field, field.max());
        return field.scale() == 0 || !showsDecimals() ? "integer in " + range
            : "number in " + range + " with at most " + field.scale() + " decimals";
    }

    /** Whether this encoding writes fixed-point values as decimals in their natural unit. */
    abstract boolean showsDecimals();

    /** How a value of {@code field} is written in this encoding. */
    abstract String show(Field field, long value);

    static String decimal(long value, int scale) {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
    }

    static <E extends WireCode> String codes(E[] values, boolean names) {
        StringBuilder text = new StringBuilder("one of ");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names ? values[i].wireName() : values[i].code());
        }
        return text.toString();
    }
}
