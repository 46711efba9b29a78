package org.doorplate.sim;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.sim.model.GeoPoint;
import org.doorplate.sim.model.SimTime;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;

/** Builds single devices on a recording link, for tests that need no network. */
final class TestDevices {
    static final Instant START = Instant.parse("2026-06-01T02:00:00Z");
    static final GeoPoint HERE = new GeoPoint(40.8424, 111.7500, 1050);

    final MutableClock clock = new MutableClock(START);
    final SimTime time = new SimTime(clock, 1);
    final RecordingLink link = new RecordingLink();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    int scheduleChanges;

    static DeviceCredentials credentials(String id, DeviceKind kind) {
        return new DeviceCredentials(id, kind, DeviceKey.generate(new SecureRandom()).bytes());
    }

    SimulatedMarker marker(String id) {
        SimulatedMarker marker = new SimulatedMarker(credentials(id, DeviceKind.MARKER), HERE,
            DeviceSettings.DEFAULTS, time, new SplittableRandom(5));
        wire(marker);
        return marker;
    }

    SimulatedDoorplate doorplate(String id) {
        SimulatedDoorplate plate = new SimulatedDoorplate(credentials(id, DeviceKind.DOORPLATE), HERE,
            DeviceSettings.DEFAULTS, time, new SplittableRandom(6));
        wire(plate);
        return plate;
    }

    private void wire(SimulatedDevice device) {
        device.attach(link, Runnable::run, deliveries::add, () -> scheduleChanges++);
        link.connect();
    }
}
