package org.doorplate.server.ingest.coap;

import org.doorplate.server.ingest.RejectReason;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/** The CoAP response code for each reason the pipeline refuses an uplink. */
final class CoapCodes {
    private CoapCodes() {
    }

    static ResponseCode of(RejectReason reason) {
        return switch (reason) {
            case MALFORMED, STALE -> ResponseCode.BAD_REQUEST;
            case OVERSIZE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
            case UNKNOWN_DEVICE, BAD_MAC -> ResponseCode.UNAUTHORIZED;
            case DISABLED_DEVICE, DEVICE_MISMATCH -> ResponseCode.FORBIDDEN;
        };
    }
}
