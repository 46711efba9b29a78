package org.doorplate.server.ingest;

import jakarta.inject.Singleton;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.device.Device;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;

/** Registers devices for ingest tests through the device registry. */
@Singleton
public final class IngestTestDevices {
    private final DeviceRegistry registry;

    IngestTestDevices(DeviceRegistry registry) {
        this.registry = registry;
    }

    /** Registers an active device and returns its key. */
    public DeviceKey register(String id, DeviceKind kind) {
        DeviceKey key = TestDevices.newKey();
        registry.put(new Device(id, kind, true, key.bytes()));
        return key;
    }

    /** Registers a disabled device and returns its key. */
    public DeviceKey registerDisabled(String id, DeviceKind kind) {
        DeviceKey key = TestDevices.newKey();
        registry.put(new Device(id, kind, false, key.bytes()));
        return key;
    }
}
