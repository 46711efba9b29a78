package org.doorplate.server.device;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every {@link DeviceChanged}, in contexts that ask for it. */
@Singleton
@Requires(property = "doorplate.test.record-device-changes", value = "true")
class RecordedDeviceChanges implements ApplicationEventListener<DeviceChanged> {
    final List<String> ids = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(DeviceChanged event) {
        ids.add(event.id());
    }
}
