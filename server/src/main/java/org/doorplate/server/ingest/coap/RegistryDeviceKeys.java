package org.doorplate.server.ingest.coap;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.doorplate.server.device.Device;
import org.doorplate.server.device.DeviceRegistry;

/** Device keys from the registry, which caches them: the PSK of each active device. */
@Singleton
final class RegistryDeviceKeys implements DeviceKeys {
    private final DeviceRegistry registry;

    RegistryDeviceKeys(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<byte[]> activeKey(String deviceId) {
        return registry.find(deviceId).filter(Device::isActive).map(Device::key);
    }
}
