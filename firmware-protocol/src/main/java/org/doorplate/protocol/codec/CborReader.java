package org.doorplate.protocol.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.doorplate.protocol.RejectReason;

/**
 * Reads one CBOR data item of the protocol's subset and insists on the core deterministic
 * form (RFC 8949 section 4.2.1), so that every message has exactly one encoding: shortest
 * arguments, definite lengths, unsigned integer map keys in ascending order without
 * duplicates, valid UTF-8 text, no trailing bytes. Floats, null, undefined, other simple
 * values and tags are not part of the subset.
 *
 * <p>Every declared length or count is checked against the bytes that remain before anything
 * is allocated for it, so the memory a read takes is bounded by the input's length.
 */
final class CborReader {
    private final byte[] input;
    private final int maxDepth;
    private int position;

    private CborReader(byte[] input, int maxDepth) {
        this.input = input;
        this.maxDepth = maxDepth;
    }

    /** Reads the single item that must fill {@code input} exactly. */
    static CborItem read(byte[] input, int maxDepth) {
        CborReader reader = new CborReader(input, maxDepth);
        CborItem item = reader.item("", 1);
        if (reader.position != input.length) {
            throw reader.malformed("", (input.length - reader.position) + " trailing bytes after the message");
        }
        return item;
    }

    private CborItem item(String where, int depth) {
        if (position >= input.length) {
            throw malformed(where, "input ends where a data item should start");
        }
        int start = position;
        int initial = input[position++] & 0xff;
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (major == 7) {
            return simple(where, initial, start);
        }
        long argument = argument(where, info, start);
        switch (major) {
            case CborWriter.MAJOR_UNSIGNED:
                return argument >= 0 ? new CborItem.Int(argument)
                    : new CborItem.HugeInt(Long.toUnsignedString(argument));
            case CborWriter.MAJOR_NEGATIVE:
                return argument >= 0 ? new CborItem.Int(-1 - argument)
                    : new CborItem.HugeInt("-" + Long.toUnsignedString(argument + 1));
            case CborWriter.MAJOR_BYTES:
                return new CborItem.Bytes(take(where, argument, start));
            case CborWriter.MAJOR_TEXT:
                return new CborItem.Text(utf8(where, take(where, argument, start), start));
            case CborWriter.MAJOR_ARRAY:
                return array(where, argument, depth, start);
            case CborWriter.MAJOR_MAP:
                return map(where, argument, depth, start);
            default:
                throw malformedAt(where, start, "tags (major type 6) are not used by this protocol");
        }
    }

    private CborItem simple(String where, int initial, int start) {
        switch (initial) {
            case CborWriter.FALSE:
                return new CborItem.Bool(false);
            case CborWriter.TRUE:
                return new CborItem.Bool(true);
            case 0xf6:
                throw malformedAt(where, start, "null is not used: omit the field instead");
            case 0xf9:
            case 0xfa:
            case 0xfb:
                throw malformedAt(where, start, "floating-point values are not used: send the fixed-point integer");
            default:
                throw malformedAt(where, start, "simple value 0x" + Integer.toHexString(initial)
                    + " is not used by this protocol");
        }
    }

    /** The argument as an unsigned 64-bit value in a {@code long}; negative means at least 2^63. */
    private long argument(String where, int info, int start) {
        if (info < 24) {
            return info;
        }
        if (info == 31) {
            throw malformedAt(where, start, "indefinite lengths are not allowed (RFC 8949 section 4.2.1)");
        }
        if (info > 27) {
            throw malformedAt(where, start, "reserved additional information " + info);
        }
        int size = 1 << (info - 24);
        if (input.length - position < size) {
            throw malformedAt(where, start, "input ends inside the item's " + size + "-byte argument");
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = value << 8 | (input[position++] & 0xff);
        }
        long smallest = size == 1 ? 24 : 1L << (4 * size);
        if (Long.compareUnsigned(value, smallest) < 0) {
            throw malformedAt(where, start, "argument " + value + " is not in its shortest form "
                + "(RFC 8949 section 4.2.1)");
        }
        return value;
    }

    private byte[] take(String where, long length, int start) {
        if (length < 0 || length > input.length - position) {
            throw malformedAt(where, start, "declares " + Long.toUnsignedString(length) + " bytes but only "
                + (input.length - position) + " remain");
        }
        byte[] bytes = Arrays.copyOfRange(input, position, position + (int) length);
        position += (int) length;
        return bytes;
    }

    private String utf8(String where, byte[] bytes, int start) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        } catch (CharacterCodingException e) {
            throw malformedAt(where, start, "text string is not valid UTF-8");
        }
    }

    private CborItem array(String where, long count, int depth, int start) {
        checkDepth(where, depth, start);
        if (count < 0 || count > input.length - position) {
            throw malformedAt(where, start, "declares " + Long.toUnsignedString(count) + " items but only "
                + (input.length - position) + " bytes remain");
        }
        List<CborItem> items = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            items.add(item(where + "[" + i + "]", depth + 1));
        }
        return new CborItem.Array(items);
    }

    private CborItem map(String where, long count, int depth, int start) {
        checkDepth(where, depth, start);
        if (count < 0 || count > (input.length - position) / 2) {
            throw malformedAt(where, start, "declares " + Long.toUnsignedString(count) + " entries but only "
                + (input.length - position) + " bytes remain");
        }
        Map<Long, CborItem> entries = new LinkedHashMap<>();
        long previous = -1;
        for (int i = 0; i < count; i++) {
            int keyStart = position;
            CborItem key = item(where, depth + 1);
            if (!(key instanceof CborItem.Int k) || k.value() < 0) {
                throw malformedAt(where, keyStart, "map keys must be unsigned integers, found " + key.typeName());
            }
            if (k.value() == previous) {
                throw malformedAt(where, keyStart, "duplicate map key " + k.value());
            }
            if (k.value() < previous) {
                throw malformedAt(where, keyStart, "map keys must ascend (RFC 8949 section 4.2.1), found "
                    + k.value() + " after " + previous);
            }
            previous = k.value();
            String child = (where.isEmpty() ? "" : where + ".") + "key " + k.value();
            entries.put(k.value(), item(child, depth + 1));
        }
        return new CborItem.MapItem(entries);
    }

    private void checkDepth(String where, int depth, int start) {
        if (depth > maxDepth) {
            throw malformedAt(where, start, "nested deeper than " + maxDepth + " levels");
        }
    }

    private DecodeException malformed(String where, String detail) {
        return malformedAt(where, position, detail);
    }

    private DecodeException malformedAt(String where, int offset, String detail) {
        return new DecodeException(RejectReason.MALFORMED, where, "at offset " + offset + ": " + detail);
    }
}
