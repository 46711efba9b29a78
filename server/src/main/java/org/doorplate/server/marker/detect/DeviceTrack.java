package org.doorplate.server.marker.detect;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.doorplate.server.marker.Marker;

/**
 * What the fault detector remembers of one device: the last state of each condition (unknown
 * after a start), the newest device time seen, and for a marker its displacement window.
 * Confined to the detector's thread.
 */
final class DeviceTrack {
    /** A marker's displacement detector with the tangent plane of its reference. */
    record Window(Marker marker, LocalTangentPlane plane, DisplacementDetector detector) {
    }

    private final String deviceId;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private Instant newest = Instant.MIN;
    private Window window;

    DeviceTrack(String deviceId) {
        this.deviceId = deviceId;
    }

    /** Whether a reading of this time is the newest so far (older ones are a late batch). */
    boolean isLatest(Instant deviceTime) {
        if (deviceTime.isBefore(newest)) {
            return false;
        }
        newest = deviceTime;
        return true;
    }

    /** Records a condition's state; true when it differs from the last known one. */
    boolean changes(String fault, boolean present) {
        Boolean before = conditions.put(fault, present);
        return before == null || before != present;
    }

    /** The displacement window for this marker, created (and refilled from history) on first use. */
    Window window(Marker marker, DisplacementSettings settings, Supplier<List<PlaneFix>> history) {
        if (window == null || !window.marker().equals(marker)) {
            DisplacementDetector detector = new DisplacementDetector(settings);
            detector.restore(history.get());
            window = new Window(marker, new LocalTangentPlane(marker.latitude(), marker.longitude()), detector);
        }
        return window;
    }

    /** Drops the window: the marker's reference or device changed. */
    void forgetMarker() {
        window = null;
    }

    String deviceId() {
        return deviceId;
    }
}
