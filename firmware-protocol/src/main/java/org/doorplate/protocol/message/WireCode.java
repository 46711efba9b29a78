package org.doorplate.protocol.message;

/** An enumerated wire value: a small integer in CBOR and a lower-case name in JSON. */
public interface WireCode {
    /** The integer written in CBOR. */
    int code();

    /** The name written in JSON. */
    String wireName();
}
