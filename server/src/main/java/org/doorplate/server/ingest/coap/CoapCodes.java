package org.doorplate.server.ingest.coap;

import org.doorplate.protocol.transport.CoapPaths;
import org.doorplate.server.ingest.RejectReason;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/** The CoAP response code for each reason the pipeline refuses an uplink, as PROTOCOL.md lists them. */
final class CoapCodes {
    private CoapCodes() {
    }

    static ResponseCode of(RejectReason reason) {
        int code = switch (reason) {
            case OVERSIZE -> CoapPaths.REQUEST_ENTITY_TOO_LARGE;
            case UNKNOWN_DEVICE, BAD_MAC -> CoapPaths.UNAUTHORIZED;
            case DISABLED_DEVICE, DEVICE_MISMATCH -> CoapPaths.FORBIDDEN;
            // Malformed, invalid, stale, unsupported version: the device must not resend it.
            default -> CoapPaths.BAD_REQUEST;
        };
        return ResponseCode.valueOf(code);
    }
}
