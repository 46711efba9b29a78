package org.doorplate.server.ingest.coap;

/** Size limits the adapter enforces before anything is decoded. */
final class UplinkLimits {
    /** The largest uplink payload accepted, in bytes. */
    static final int MAX_PAYLOAD_BYTES = 4096;

    private UplinkLimits() {
    }
}
