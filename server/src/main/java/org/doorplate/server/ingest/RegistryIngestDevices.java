package org.doorplate.server.ingest;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.doorplate.server.device.Device;
import org.doorplate.server.device.DeviceRegistry;

/** The pipeline's view of the device registry, which answers from its own bounded cache. */
@Singleton
final class RegistryIngestDevices implements IngestDevices {
    private final DeviceRegistry registry;

    RegistryIngestDevices(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<IngestDevice> find(String id) {
        return registry.find(id).map(RegistryIngestDevices::toIngestDevice);
    }

    private static IngestDevice toIngestDevice(Device device) {
        return new IngestDevice(device.id(), device.kind(), device.isActive(), device.key());
    }
}
