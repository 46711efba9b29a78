package org.doorplate.server.marker;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A boundary marker and its surveyed reference position.
 *
 * @param number its 8-character number
 * @param lineCode the boundary line it stands on
 * @param sequence its sequence on the line
 * @param type its type letter
 * @param latitude reference latitude, degrees (CGCS2000)
 * @param longitude reference longitude, degrees (CGCS2000)
 * @param height reference ellipsoidal height, metres
 * @param deviceId the GNSS device fitted to it, or null
 * @param notes free notes from the results table
 * @param updatedAt when it was last changed
 */
@Serdeable
public record Marker(String number, String lineCode, int sequence, MarkerType type, double latitude,
        double longitude, double height, @Nullable String deviceId, String notes, Instant updatedAt) {
}
