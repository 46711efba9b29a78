package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/**
 * A place-name record: a road, street, lane, bridge, community or building.
 *
 * @param code the office's code of the name (1-32 letters, digits, hyphens)
 * @param standardName the standard Chinese name (标准名称)
 * @param alias another name in common use (别名)
 * @param pinyin the romanized spelling
 * @param mongolianName the name in traditional Mongolian script, where recorded
 * @param category the GB/T 18521 class, as a {@link PlaceCategory} wire name
 * @param meaning what the name means (含义)
 * @param history how the name came about and changed (历史沿革)
 * @param latitude CGCS2000 latitude of its reference point, degrees
 * @param longitude CGCS2000 longitude of its reference point, degrees
 * @param inUse false for a historical name kept for the record
 * @param namedOn when the name was given
 * @param divisionCodes the divisions it lies in (a road may cross several)
 * @param formerNames earlier names, oldest first
 */
@Serdeable
public record PlaceName(
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
        boolean inUse,
        @Nullable LocalDate namedOn,
        List<String> divisionCodes,
        List<FormerName> formerNames) {
    public PlaceName {
        divisionCodes = List.copyOf(divisionCodes);
        formerNames = List.copyOf(formerNames);
    }
}
