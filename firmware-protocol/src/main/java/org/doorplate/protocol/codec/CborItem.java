package org.doorplate.protocol.codec;

import java.util.List;
import java.util.Map;

/** A decoded CBOR data item of the subset the protocol uses. */
sealed interface CborItem {
    /** How error messages name the item's type. */
    String typeName();

    /** An integer of major type 0 or 1 that fits in a {@code long}. */
    record Int(long value) implements CborItem {
        @Override
        public String typeName() {
            return value >= 0 ? "unsigned integer" : "negative integer";
        }
    }

    /** An integer of major type 0 or 1 beyond the range of {@code long}; kept only for error messages. */
    record HugeInt(String decimal) implements CborItem {
        @Override
        public String typeName() {
            return decimal.startsWith("-") ? "negative integer" : "unsigned integer";
        }
    }

    record Bytes(byte[] value) implements CborItem {
        @Override
        public String typeName() {
            return "byte string";
        }
    }

    record Text(String value) implements CborItem {
        @Override
        public String typeName() {
            return "text string";
        }
    }

    record Bool(boolean value) implements CborItem {
        @Override
        public String typeName() {
            return "boolean";
        }
    }

    record Array(List<CborItem> items) implements CborItem {
        @Override
        public String typeName() {
            return "array";
        }
    }

    /** A map with unsigned integer keys, in ascending key order. */
    record MapItem(Map<Long, CborItem> entries) implements CborItem {
        @Override
        public String typeName() {
            return "map";
        }
    }
}
