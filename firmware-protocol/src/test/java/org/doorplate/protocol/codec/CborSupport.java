package org.doorplate.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.doorplate.protocol.RejectReason;
import org.doorplate.protocol.Samples;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.message.Message;

/** Helpers to build valid and deliberately broken CBOR in tests. */
final class CborSupport {
    private CborSupport() {
    }

    /** The sealed sample's map entries, in key order, to change and re-encode. */
    static Map<Long, CborItem> fieldsOf(Message message) {
        byte[] bytes = new CborCodec().encode(new MessageAuthenticator().seal(Samples.keyOf(message), message));
        return new LinkedHashMap<>(((CborItem.MapItem) CborReader.read(bytes, 3)).entries());
    }

    /** The entries as a map in the order given (which may break the deterministic form on purpose). */
    static byte[] encode(Map<Long, CborItem> fields) {
        CborWriter out = new CborWriter().mapHeader(fields.size());
        for (Map.Entry<Long, CborItem> entry : fields.entrySet()) {
            out.integer(entry.getKey());
            write(out, entry.getValue());
        }
        return out.toByteArray();
    }

    static void write(CborWriter out, CborItem item) {
        if (item instanceof CborItem.Int value) {
            out.integer(value.value());
        } else if (item instanceof CborItem.Bytes value) {
            out.bytes(value.value());
        } else if (item instanceof CborItem.Text value) {
            out.text(value.value());
        } else if (item instanceof CborItem.Bool value) {
            out.bool(value.value());
        } else if (item instanceof CborItem.Array array) {
            out.arrayHeader(array.items().size());
            array.items().forEach(element -> write(out, element));
        } else if (item instanceof CborItem.MapItem map) {
            out.raw(encode(map.entries()));
        } else {
            throw new IllegalArgumentException("cannot write " + item);
        }
    }

    static void assertRejected(DecodeResult<?> result, RejectReason reason, String message) {
        assertFalse(result.isOk(), () -> "expected " + reason + " but decoded " + result.value());
        assertEquals(reason, result.error().reason(), () -> result.error().toString());
        assertTrue(result.error().message().contains(message),
            () -> "expected '" + message + "' in '" + result.error().message() + "'");
    }
}
