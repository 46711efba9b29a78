package org.doorplate.server.ingest.coap;

import java.util.Optional;

/** Where the DTLS PSK of a device comes from: its key, while it is registered and active. */
interface DeviceKeys {
    /** The key of an active device; empty for an unknown or disabled one. May block briefly. */
    Optional<byte[]> activeKey(String deviceId);
}
