package org.doorplate.protocol;

/**
 * Why an incoming message was not accepted: the one vocabulary that decoders, the verifier and
 * the replay window share, and that transports map to their own codes once
 * (see {@code org.doorplate.protocol.transport.CoapPaths#responseCode}).
 */
public enum RejectReason {
    /** Not a well-formed message: bad syntax, a wrong type, a missing or unknown field. */
    MALFORMED,
    /** Well-formed, but a value is out of its range or breaks a rule between fields. */
    INVALID_VALUE,
    /** Longer than the configured limit for the encoding, or a collection beyond its limit. */
    TOO_LARGE,
    /** A protocol version (key 0) this implementation does not speak. */
    UNSUPPORTED_VERSION,
    /** No key is registered for the device the message names. */
    UNKNOWN_DEVICE,
    /** The message names another device than the transport authenticated (topic or DTLS identity). */
    DEVICE_MISMATCH,
    /** The MAC does not match the message and the device's key. */
    BAD_MAC,
    /** The sequence number lies below the device's replay window. */
    STALE
}
