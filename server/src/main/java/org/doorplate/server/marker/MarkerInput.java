package org.doorplate.server.marker;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A marker to register or update, as the admin API and the CSV import take it.
 *
 * @param number its 8-character number (its line must be registered)
 * @param latitude reference latitude, degrees
 * @param longitude reference longitude, degrees
 * @param height reference ellipsoidal height, metres
 * @param deviceId the device fitted to it, or null
 * @param notes free notes, or null
 */
@Serdeable
public record MarkerInput(String number, double latitude, double longitude, double height,
        @Nullable String deviceId, @Nullable String notes) {
}
