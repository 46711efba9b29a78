package org.doorplate.server.marker.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.device.Device;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.device.NewDevice;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Verifies that the detectors see a registered device's interval, area and state. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistryDeviceFactsTest implements TestPropertyProvider {
    @Inject
    DeviceRegistry registry;

    @Inject
    DeviceFacts facts;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @Test
    void registeredMarkerHasItsIntervalAreaAndState() {
        // GIVEN a marker registered with a 10-minute interval in an area
        String id = TestDevices.uniqueId("bm");
        registry.create(NewDevice.of(id, "marker", "10m", "150102003004", null, null, null));

        // WHEN the detectors ask THEN they get what was registered
        DeviceFacts.Facts found = facts.find(id).orElseThrow();
        assertTrue(found.active());
        assertEquals(Duration.ofMinutes(10), found.reportInterval());
        assertEquals("150102003004", found.areaCode());

        // AND a disabled device counts as inactive (it is never silent), an unknown one is absent
        registry.setState(id, Device.State.DISABLED);
        assertFalse(facts.find(id).orElseThrow().active());
        assertTrue(facts.find("no-such-device").isEmpty());
    }
}
