package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A public service shown near a plate: police station, clinic, school, post office...
 *
 * @param kind one of {@link Gazetteer#SERVICE_KINDS}
 * @param distanceMetres the distance from the plate when found by a nearby search, else null
 */
@Serdeable
public record PublicService(
        @Nullable Long id,
        String name,
        @Nullable String nameEn,
        String kind,
        @Nullable String address,
        @Nullable String phone,
        double latitude,
        double longitude,
        @Nullable String divisionCode,
        @Nullable Integer distanceMetres) {
}
