package org.doorplate.server.marker.detect;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Optional;

/** What the detectors need to know of a registered device; answers from a cache. */
public interface DeviceFacts {
    /**
     * The facts of one device; empty when no device has this id.
     *
     * @param id the device id
     */
    Optional<Facts> find(String id);

    /**
     * @param active whether the device's messages are accepted (a disabled device is not silent)
     * @param reportInterval how often it is expected to report
     * @param areaCode the 12-digit division code of its area, or null
     */
    record Facts(boolean active, Duration reportInterval, @Nullable String areaCode) {
    }
}
