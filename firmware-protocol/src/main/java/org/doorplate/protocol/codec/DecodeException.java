package org.doorplate.protocol.codec;

import org.doorplate.protocol.RejectReason;

/** Carries a {@link DecodeError} from deep inside a decoder to its boundary; never escapes it. */
final class DecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DecodeError error;

    DecodeException(RejectReason reason, String field, String detail) {
        super(field + ": " + detail, null, false, false);
        this.error = new DecodeError(reason, field, detail);
    }

    DecodeError error() {
        return error;
    }
}
