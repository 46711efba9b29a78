package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.regex.Pattern;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Fields;

/** A plate as an admin submits it (create, update, CSV row); the code is never an input. */
@Serdeable
public record PlateInput(
        String roadCode,
        String number,
        @Nullable String building,
        @Nullable String unit,
        @Nullable String postcode,
        @Nullable String communityCode,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable String deviceId) {
    private static final Pattern POSTCODE = Pattern.compile("[0-9]{6}");
    private static final Pattern DIVISION = Pattern.compile("[0-9]{12}");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Checks every field; throws BAD_REQUEST naming the first bad one. */
    public PlateInput validated() {
        Fields.require("roadCode", roadCode, 32);
        Fields.require("number", number, 20);
        Fields.limit("building", building, 20);
        Fields.limit("unit", unit, 20);
        if (postcode != null && !POSTCODE.matcher(postcode).matches()) {
            throw bad("postcode must be 6 digits, found " + Fields.quote(postcode));
        }
        if (communityCode != null && !DIVISION.matcher(communityCode).matches()) {
            throw bad("communityCode must be 12 digits, found " + Fields.quote(communityCode));
        }
        if (deviceId != null && !DEVICE.matcher(deviceId).matches()) {
            throw bad("deviceId must be 1-64 of A-Z a-z 0-9 . _ -, found " + Fields.quote(deviceId));
        }
        Fields.degrees("latitude", latitude, 90);
        Fields.degrees("longitude", longitude, 180);
        return this;
    }

    private static DoorplateException bad(String message) {
        return new DoorplateException(ErrorStatus.BAD_REQUEST, message);
    }
}
