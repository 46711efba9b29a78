package org.doorplate.protocol.transport;

import org.doorplate.protocol.RejectReason;

/**
 * The CoAP resource and response codes (RFC 7252).
 *
 * <p>Devices {@code POST /up} with Content-Format 60 (application/cbor) or 50
 * (application/json). A CON request is answered 2.04 Changed only after the message is
 * durably stored (at least once: the device retransmits until then); a NON request is
 * at most once. The 2.04 response carries the oldest pending command as CBOR (Content-Format
 * 60), or no payload. Codes are given as {@code class * 32 + detail}, the byte on the wire.
 * Stateless and thread-safe.
 */
public final class CoapPaths {
    /** The uplink resource, one path segment. */
    public static final String UPLINK = "up";

    /** 2.04 Changed: stored (or a duplicate of something stored). */
    public static final int CHANGED = code(2, 4);
    /** 4.00 Bad Request: malformed, invalid, unsupported version or stale. */
    public static final int BAD_REQUEST = code(4, 0);
    /** 4.01 Unauthorized: unknown device or bad MAC. */
    public static final int UNAUTHORIZED = code(4, 1);
    /** 4.03 Forbidden: the message names another device than the DTLS identity. */
    public static final int FORBIDDEN = code(4, 3);
    /** 4.13 Request Entity Too Large. */
    public static final int REQUEST_ENTITY_TOO_LARGE = code(4, 13);
    /** 4.15 Unsupported Content-Format: neither 60 nor 50. */
    public static final int UNSUPPORTED_CONTENT_FORMAT = code(4, 15);
    /** 5.03 Service Unavailable, with Max-Age telling the device when to retry: storage is down. */
    public static final int SERVICE_UNAVAILABLE = code(5, 3);

    private CoapPaths() {
    }

    /** The response code for a rejected uplink. The device must not resend such a message. */
    public static int responseCode(RejectReason reason) {
        switch (reason) {
            case TOO_LARGE:
                return REQUEST_ENTITY_TOO_LARGE;
            case UNKNOWN_DEVICE:
            case BAD_MAC:
                return UNAUTHORIZED;
            case DEVICE_MISMATCH:
                return FORBIDDEN;
            default:
                return BAD_REQUEST;
        }
    }

    /** The code's usual text form, such as {@code "2.04"}. */
    public static String text(int code) {
        return (code >>> 5) + "." + String.format("%02d", code & 0x1f);
    }

    private static int code(int codeClass, int detail) {
        return codeClass << 5 | detail;
    }
}
