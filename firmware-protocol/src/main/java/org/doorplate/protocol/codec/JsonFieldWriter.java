package org.doorplate.protocol.codec;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorplate.protocol.message.Mac;
import org.doorplate.protocol.message.WireCode;

/** Collects a JSON object's members in the order they are written. Not thread-safe. */
final class JsonFieldWriter implements FieldWriter {
    private final Map<String, Object> members = new LinkedHashMap<>();

    private void put(Field field, Object value) {
        if (members.put(field.name(), value) != null) {
            throw new IllegalStateException(field.name() + " written twice");
        }
    }

    @Override
    public void integer(Field field, long value) {
        put(field, field.scale() == 0 ? (Object) value : BigDecimal.valueOf(value, field.scale()).stripTrailingZeros());
    }

    @Override
    public void bool(Field field, boolean value) {
        put(field, value);
    }

    @Override
    public void text(Field field, String value) {
        put(field, value);
    }

    @Override
    public void enumeration(Field field, WireCode value) {
        put(field, value.wireName());
    }

    @Override
    public void time(Field field, Instant value) {
        put(field, value.toString());
    }

    @Override
    public void mac(Field field, Mac value) {
        put(field, value.hex());
    }

    @Override
    public FieldWriter nested() {
        return new JsonFieldWriter();
    }

    @Override
    public void entries(Field field, List<FieldWriter> entries) {
        List<Object> objects = new ArrayList<>(entries.size());
        for (FieldWriter entry : entries) {
            objects.add(((JsonFieldWriter) entry).members);
        }
        put(field, objects);
    }

    Map<String, Object> members() {
        return members;
    }
}
