package org.doorplate.server.ingest.coap;

import org.doorplate.protocol.codec.Limits;
import org.doorplate.server.ingest.PayloadFormat;

/**
 * Size limits the adapter enforces before anything is decoded: the protocol's own limits per
 * encoding, so a payload refused here would be refused by the decoder too.
 */
final class UplinkLimits {
    /** The largest body Californium reassembles from a block-wise transfer (RFC 7959). */
    static final int MAX_BODY_BYTES = Math.max(Limits.CBOR_DEFAULT.maxMessageBytes(),
        Limits.JSON_DEFAULT.maxMessageBytes());

    private UplinkLimits() {
    }

    static int maxPayloadBytes(PayloadFormat format) {
        return switch (format) {
            case CBOR -> Limits.CBOR_DEFAULT.maxMessageBytes();
            case JSON -> Limits.JSON_DEFAULT.maxMessageBytes();
        };
    }
}
