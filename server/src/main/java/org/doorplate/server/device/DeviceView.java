package org.doorplate.server.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * What the API shows of a device: everything but its key.
 *
 * @param reportInterval ISO-8601 duration such as {@code PT15M}
 * @param installLat     installed latitude in degrees, or null
 * @param installLon     installed longitude in degrees, or null
 */
@Serdeable
public record DeviceView(String id, DeviceKind kind, Device.State state, int keyVersion, String reportInterval,
                         @Nullable String areaCode, @Nullable String firmwareVersion,
                         @Nullable Double installLat, @Nullable Double installLon,
                         Instant createdAt, Instant updatedAt) {
    static DeviceView of(DeviceRepository.Row row) {
        return new DeviceView(row.id(), row.kind(), row.state(), row.keyVersion(),
            row.reportInterval().toString(), row.areaCode(), row.firmwareVersion(),
            row.installLatitudeE7() == null ? null : row.installLatitudeE7() / 1e7,
            row.installLongitudeE7() == null ? null : row.installLongitudeE7() / 1e7,
            row.createdAt(), row.updatedAt());
    }
}
