package org.doorplate.protocol.codec;

/**
 * One entry of a message map: its CBOR key, JSON name, kind and range.
 *
 * <p>An {@link Kind#INTEGER} field holds a fixed-point integer; {@code scale} is the number of
 * decimal places JSON shows it with (7 for 1e-7 degree, 0 for a plain count).
 */
record Field(int key, String name, Kind kind, int scale, long min, long max) {
    enum Kind { INTEGER, BOOLEAN, TEXT, ENUM, TIME, MAC, ENTRIES }

    static Field integer(int key, String name, int scale, long min, long max) {
        return new Field(key, name, Kind.INTEGER, scale, min, max);
    }

    static Field of(int key, String name, Kind kind) {
        return new Field(key, name, kind, 0, 0, 0);
    }
}
