package org.doorplate.server.ingest;

/**
 * Why the pipeline refused an uplink. A small fixed vocabulary: it is the {@code reason} tag
 * of the rejection counter, so it must never grow with the input.
 */
public enum RejectReason {
    /** The payload is not a well-formed message in its format (includes truncated input). */
    MALFORMED,
    /** Well-formed, but a value is out of its range or breaks a rule between fields. */
    INVALID_VALUE,
    /** A protocol version this server does not speak. */
    UNSUPPORTED_VERSION,
    /** The payload is larger than the protocol allows. */
    OVERSIZE,
    /** No device with the message's id is registered. */
    UNKNOWN_DEVICE,
    /** The device is registered but disabled. */
    DISABLED_DEVICE,
    /** The transport authenticated a different device than the message names. */
    DEVICE_MISMATCH,
    /** The message authentication code does not verify with the device key. */
    BAD_MAC,
    /** The sequence number is older than the replay window. */
    STALE
}
