package org.doorplate.server.device;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A device with its new key, answered once on creation or rotation and never again.
 *
 * @param key        64 hex digits
 * @param keyVersion the version of this key
 */
@Serdeable
public record ProvisionedDevice(String id, DeviceKind kind, String key, int keyVersion) {
    @Override
    public String toString() {
        return "ProvisionedDevice[" + id + ", " + kind.wire() + ", key v" + keyVersion + "]";
    }
}
