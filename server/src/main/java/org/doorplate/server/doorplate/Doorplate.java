package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A doorplate (GB 17733): the road or block it names, the number, building and unit, the
 * postcode and its position (CGCS2000).
 *
 * @param code the random code its QR symbol carries
 * @param url the address the QR symbol encodes
 * @param roadCode the place-name code of the road, street, lane or block
 * @param communityCode the community (社区) it belongs to, a 12-digit division code
 * @param deviceId the smart doorplate's device id, when the plate has an NB-IoT module
 * @param state {@code active} or {@code retired}
 * @param successorCode the plate that replaced a retired one
 */
@Serdeable
public record Doorplate(
        String code,
        String url,
        String roadCode,
        String number,
        @Nullable String building,
        @Nullable String unit,
        @Nullable String postcode,
        @Nullable String communityCode,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable String deviceId,
        String state,
        @Nullable String successorCode,
        @Nullable Instant retiredAt,
        Instant createdAt,
        Instant updatedAt) {
    public boolean retired() {
        return PlateState.RETIRED.name().equalsIgnoreCase(state);
    }
}
