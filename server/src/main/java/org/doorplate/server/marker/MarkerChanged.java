package org.doorplate.server.marker;

import io.micronaut.core.annotation.Nullable;

/**
 * Published when a marker is registered or changed: detectors drop what they learned about its
 * device, since the reference position or the fitted device may be new.
 *
 * @param number the marker
 * @param deviceId the device fitted now, or null
 * @param previousDeviceId the device fitted before, or null
 */
public record MarkerChanged(String number, @Nullable String deviceId, @Nullable String previousDeviceId) {
}
