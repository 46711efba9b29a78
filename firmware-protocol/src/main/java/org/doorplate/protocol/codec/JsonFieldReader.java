package org.doorplate.protocol.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.WireCode;

/**
 * Reads fields from a parsed JSON object. Fixed-point fields are decimal numbers in their
 * natural unit (degrees, metres, degrees Celsius) and are converted exactly: a value with more
 * decimals than the field's scale is rejected, never rounded.
 */
final class JsonFieldReader extends FieldReader {
    private static final int MAX_TIME_LENGTH = 40;

    private final Map<String, Object> members;
    private final Set<String> used = new HashSet<>();

    JsonFieldReader(Map<String, Object> members, String path) {
        super(path);
        this.members = members;
    }

    @Override
    boolean has(Field field) {
        return members.containsKey(field.name());
    }

    private <T> T get(Field field, Class<T> type, String expected) {
        Object value = members.get(field.name());
        if (value == null) {
            throw missing(field);
        }
        used.add(field.name());
        if (!type.isInstance(value)) {
            throw malformed(field, "expected " + expected + ", found " + JsonTree.describe(value));
        }
        return type.cast(value);
    }

    @Override
    long integer(Field field) {
        BigDecimal number = get(field, BigDecimal.class, "number");
        // Bound the magnitude before anything rescales: 1e999999999 is a short JSON number, and
        // BigDecimal's int scale overflows (ArithmeticException) when 100e2147483647 drops its
        // zeros. The integer digits, precision - scale, are counted in long for the same reason.
        boolean bounded = number.signum() == 0 || (long) number.precision() - number.scale() <= 19;
        BigDecimal exact = !bounded ? null : number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        BigDecimal scaled = exact != null && exact.scale() <= field.scale() ? exact.movePointRight(field.scale())
            : null;
        if (scaled == null || scaled.compareTo(BigDecimal.valueOf(field.min())) < 0
                || scaled.compareTo(BigDecimal.valueOf(field.max())) > 0) {
            throw new DecodeException(RejectReason.INVALID_VALUE, label(field),
                "expected " + rangeText(field) + ", found " + number);
        }
        return scaled.longValueExact();
    }

    @Override
    boolean bool(Field field) {
        return get(field, Boolean.class, "true or false");
    }

    @Override
    String text(Field field, int maxBytes) {
        String text = get(field, String.class, "string");
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        if (length > maxBytes) {
            throw tooLarge(field, "expected at most " + maxBytes + " bytes of text, found " + length);
        }
        return text;
    }

    @Override
    <E extends WireCode> E enumeration(Field field, E[] values) {
        String name = get(field, String.class, "string");
        for (E candidate : values) {
            if (candidate.wireName().equals(name)) {
                return candidate;
            }
        }
        throw new DecodeException(RejectReason.INVALID_VALUE, label(field),
            "expected " + codes(values, true) + ", found '" + abbreviate(name) + "'");
    }

    @Override
    Instant time(Field field) {
        String text = get(field, String.class, "string");
        Instant time;
        try {
            if (text.length() > MAX_TIME_LENGTH || !text.endsWith("Z")) {
                throw new DateTimeParseException("not an ISO-8601 UTC time", abbreviate(text), 0);
            }
            time = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(field, "expected an ISO-8601 UTC time such as 2025-06-01T08:00:00Z, found '"
                + abbreviate(text) + "'");
        }
        if (time.getNano() != 0) {
            throw new DecodeException(RejectReason.INVALID_VALUE, label(field),
                "expected whole seconds, found '" + text + "'");
        }
        if (time.getEpochSecond() < 0 || time.isAfter(Header.MAX_TIME)) {
            throw new DecodeException(RejectReason.INVALID_VALUE, label(field),
                "expected 1970-01-01T00:00:00Z.." + Header.MAX_TIME + ", found '" + text + "'");
        }
        return time;
    }

    @Override
    Mac mac(Field field) {
        String hex = get(field, String.class, "string");
        try {
            return Mac.fromHex(hex);
        } catch (IllegalArgumentException e) {
            throw malformed(field, "expected " + 2 * Mac.LENGTH + " hex digits, found '" + abbreviate(hex) + "'");
        }
    }

    @Override
    List<FieldReader> entries(Field field, int maxEntries) {
        List<?> items = get(field, List.class, "array");
        if (items.size() > maxEntries) {
            throw tooLarge(field, "expected at most " + maxEntries + " entries, found " + items.size());
        }
        List<FieldReader> readers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String entryPath = path() + field.name() + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> map)) {
                throw new DecodeException(RejectReason.MALFORMED, entryPath,
                    "expected object, found " + JsonTree.describe(items.get(i)));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> members = (Map<String, Object>) map;
            readers.add(new JsonFieldReader(members, entryPath + "."));
        }
        return readers;
    }

    @Override
    void finish() {
        for (String name : members.keySet()) {
            if (!used.contains(name)) {
                throw new DecodeException(RejectReason.MALFORMED, path() + abbreviate(name),
                    "not defined for this message type");
            }
        }
    }

    @Override
    boolean showsDecimals() {
        return true;
    }

    @Override
    String show(Field field, long value) {
        return decimal(value, field.scale());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
