package org.doorplate.protocol.codec;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.WireCode;

/**
 * Collects a map's entries and writes them with the keys in ascending order, as the
 * deterministic form requires (for unsigned keys, numeric order is the byte order of their
 * encodings). Not thread-safe.
 */
final class CborFieldWriter implements FieldWriter {
    private final Map<Integer, byte[]> values = new TreeMap<>();

    private void put(Field field, CborWriter value) {
        if (values.put(field.key(), value.toByteArray()) != null) {
            throw new IllegalStateException("key " + field.key() + " written twice");
        }
    }

    @Override
    public void integer(Field field, long value) {
        put(field, new CborWriter(9).integer(value));
    }

    @Override
    public void bool(Field field, boolean value) {
        put(field, new CborWriter(9).bool(value));
    }

    @Override
    public void text(Field field, String value) {
        put(field, new CborWriter().text(value));
    }

    @Override
    public void enumeration(Field field, WireCode value) {
        put(field, new CborWriter(9).integer(value.code()));
    }

    @Override
    public void time(Field field, Instant value) {
        put(field, new CborWriter(9).integer(value.getEpochSecond()));
    }

    @Override
    public void mac(Field field, Mac value) {
        put(field, new CborWriter(Mac.LENGTH + 1).bytes(value.bytes()));
    }

    @Override
    public FieldWriter nested() {
        return new CborFieldWriter();
    }

    @Override
    public void entries(Field field, List<FieldWriter> entries) {
        CborWriter array = new CborWriter().arrayHeader(entries.size());
        for (FieldWriter entry : entries) {
            array.raw(((CborFieldWriter) entry).toByteArray());
        }
        put(field, array);
    }

    byte[] toByteArray() {
        CborWriter map = new CborWriter().mapHeader(values.size());
        for (Map.Entry<Integer, byte[]> entry : values.entrySet()) {
            map.integer(entry.getKey()).raw(entry.getValue());
        }
        return map.toByteArray();
    }
}
