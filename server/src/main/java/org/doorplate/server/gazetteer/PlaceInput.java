package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/** A place-name record as an admin submits it (create, update, CSV row). */
@Serdeable
public record PlaceInput(
        String code,
        String standardName,
        @Nullable String alias,
        @Nullable String pinyin,
        @Nullable String mongolianName,
        String category,
        @Nullable String meaning,
        @Nullable String history,
        @Nullable Double latitude,
        @Nullable Double longitude,
        @Nullable Boolean inUse,
        @Nullable LocalDate namedOn,
        @Nullable List<String> divisionCodes) {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final Pattern DIVISION = Pattern.compile("[0-9]{12}");

    /** Checks every field; throws BAD_REQUEST naming the first bad one. */
    public PlaceInput validated() {
        if (code == null || !CODE.matcher(code).matches()) {
            throw bad("code must be 1-32 letters, digits or hyphens, found " + Fields.quote(code));
        }
        Fields.require("standardName", standardName, 100);
        Fields.limit("alias", alias, 100);
        Fields.limit("pinyin", pinyin, 200);
        Fields.limit("mongolianName", mongolianName, 200);
        Fields.limit("meaning", meaning, 2000);
        Fields.limit("history", history, 4000);
        if (category == null || PlaceCategory.fromWire(category) == null) {
            throw bad("category must be one of road, street, lane, bridge, community, building, found "
                    + Fields.quote(category));
        }
        Fields.degrees("latitude", latitude, 90);
        Fields.degrees("longitude", longitude, 180);
        for (String division : divisions()) {
            if (division == null || !DIVISION.matcher(division).matches()) {
                throw bad("divisionCodes must hold 12-digit codes, found " + Fields.quote(division));
            }
        }
        return this;
    }

    public List<String> divisions() {
        return divisionCodes == null ? List.of() : divisionCodes;
    }

    private static DoorplateException bad(String message) {
        return new DoorplateException(ErrorStatus.BAD_REQUEST, message);
    }
}
