package org.doorplate.server.marker.detect;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.doorplate.server.device.Device;
import org.doorplate.server.device.DeviceRegistry;

/** The detectors' device facts from the device registry (answered from its cache). */
@Singleton
public class RegistryDeviceFacts implements DeviceFacts {
    private final DeviceRegistry registry;

    public RegistryDeviceFacts(DeviceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<Facts> find(String id) {
        return registry.find(id).map(d -> new Facts(d.state() == Device.State.ACTIVE, d.reportInterval(),
            d.areaCode()));
    }
}
