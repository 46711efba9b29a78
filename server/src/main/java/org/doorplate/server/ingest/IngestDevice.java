package org.doorplate.server.ingest;

import java.util.Objects;
import org.doorplate.server.device.DeviceKind;

/**
 * What the pipeline needs to know of a registered device.
 *
 * @param id the device id
 * @param kind doorplate or marker
 * @param active false when the device is disabled: its uplinks are rejected
 * @param key the decrypted 32-byte device key
 */
public record IngestDevice(String id, DeviceKind kind, boolean active, byte[] key) {
    public IngestDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }
}
