package org.doorplate.protocol.codec;

import java.util.Objects;
import org.doorplate.protocol.RejectReason;

/**
 * Why a message could not be decoded.
 *
 * @param reason the class of the problem, never null
 * @param field the path of the bad field ({@code "seq"}, {@code "entries[3].lat"}; in CBOR with
 *     its key, {@code "lat (key 8)"}), or empty when the problem is not in one field
 * @param detail what was expected and what was found, never null
 */
public record DecodeError(RejectReason reason, String field, String detail) {
    /** Checks for null. */
    public DecodeError {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(detail, "detail");
    }

    /** The field and the detail in one line: {@code "seq: expected unsigned integer, found text string"}. */
    public String message() {
        return field.isEmpty() ? detail : field + ": " + detail;
    }

    @Override
    public String toString() {
        return reason + " " + message();
    }
}
