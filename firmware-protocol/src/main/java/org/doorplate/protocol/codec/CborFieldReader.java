package org.doorplate.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.WireCode;

/** Reads fields from a decoded CBOR map; errors name the field with its key. */
final class CborFieldReader extends FieldReader {
    private final Map<Long, CborItem> entries;
    private final Set<Long> used = new HashSet<>();

    CborFieldReader(CborItem.MapItem map, String path) {
        super(path);
        this.entries = map.entries();
    }

    @Override
    String label(Field field) {
        return super.label(field) + " (key " + field.key() + ")";
    }

    @Override
    boolean has(Field field) {
        return entries.containsKey((long) field.key());
    }

    private CborItem get(Field field) {
        CborItem item = entries.get((long) field.key());
        if (item == null) {
            throw missing(field);
        }
        used.add((long) field.key());
        return item;
    }

    private DecodeException wrongType(Field field, String expected, CborItem found) {
        return malformed(field, "expected " + expected + ", found " + found.typeName());
    }

    @Override
    long integer(Field field) {
        CborItem item = get(field);
        String expected = field.min() >= 0 ? "unsigned integer" : "integer";
        if (item instanceof CborItem.HugeInt huge) {
            throw new DecodeException(RejectReason.INVALID_VALUE, label(field),
                "expected " + rangeText(field) + ", found " + huge.decimal());
        }
        if (!(item instanceof CborItem.Int value)) {
            throw wrongType(field, expected, item);
        }
        if (field.min() >= 0 && value.value() < 0) {
            throw wrongType(field, expected, item);
        }
        return checkRange(field, value.value());
    }

    @Override
    boolean bool(Field field) {
        CborItem item = get(field);
        if (!(item instanceof CborItem.Bool value)) {
            throw wrongType(field, "boolean", item);
        }
        return value.value();
    }

    @Override
    String text(Field field, int maxBytes) {
        CborItem item = get(field);
        if (!(item instanceof CborItem.Text value)) {
            throw wrongType(field, "text string", item);
        }
        int length = value.value().getBytes(StandardCharsets.UTF_8).length;
        if (length > maxBytes) {
            throw tooLarge(field, "expected at most " + maxBytes + " bytes of text, found " + length);
        }
        return value.value();
    }

    @Override
    <E extends WireCode> E enumeration(Field field, E[] values) {
        CborItem item = get(field);
        if (!(item instanceof CborItem.Int value) || value.value() < 0) {
            throw wrongType(field, "unsigned integer", item);
        }
        for (E candidate : values) {
            if (candidate.code() == value.value()) {
                return candidate;
            }
        }
        throw new DecodeException(RejectReason.INVALID_VALUE, label(field),
            "expected " + codes(values, false) + ", found " + value.value());
    }

    @Override
    Instant time(Field field) {
        long seconds = integer(Field.integer(field.key(), field.name(), 0, 0, Header.MAX_TIME.getEpochSecond()));
        return Instant.ofEpochSecond(seconds);
    }

    @Override
    Mac mac(Field field) {
        CborItem item = get(field);
        if (!(item instanceof CborItem.Bytes value)) {
            throw wrongType(field, "byte string", item);
        }
        if (value.value().length != Mac.LENGTH) {
            throw malformed(field, "expected " + Mac.LENGTH + " bytes, found " + value.value().length);
        }
        return Mac.of(value.value());
    }

    @Override
    List<FieldReader> entries(Field field, int maxEntries) {
        CborItem item = get(field);
        if (!(item instanceof CborItem.Array array)) {
            throw wrongType(field, "array", item);
        }
        if (array.items().size() > maxEntries) {
            throw tooLarge(field, "expected at most " + maxEntries + " entries, found " + array.items().size());
        }
        List<FieldReader> readers = new ArrayList<>(array.items().size());
        for (int i = 0; i < array.items().size(); i++) {
            CborItem entry = array.items().get(i);
            String entryPath = path() + field.name() + "[" + i + "]";
            if (!(entry instanceof CborItem.MapItem map)) {
                throw new DecodeException(RejectReason.MALFORMED, entryPath,
                    "expected map, found " + entry.typeName());
            }
            readers.add(new CborFieldReader(map, entryPath + "."));
        }
        return readers;
    }

    @Override
    void finish() {
        for (Long key : entries.keySet()) {
            if (!used.contains(key)) {
                throw new DecodeException(RejectReason.MALFORMED, path() + "key " + key,
                    "not defined for this message type");
            }
        }
    }

    @Override
    boolean showsDecimals() {
        return false;
    }

    @Override
    String show(Field field, long value) {
        return Long.toString(value);
    }
}
