package org.doorplate.server.inspection;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;
import org.doorplate.server.error.DoorplateException;

/** A marker's condition as a joint inspection records it. */
@Serdeable
public enum MarkerCondition {
    /** Standing, legible, in place (完好). */
    INTACT("完好"),
    /** Standing but damaged: cracked, worn, defaced (损坏). */
    DAMAGED("损坏"),
    /** Moved from its surveyed position (移位). */
    DISPLACED("移位"),
    /** Not found (丢失). */
    MISSING("丢失"),
    /** Repaired or reset during this inspection (已修复). */
    RESTORED("已修复");

    private final String chineseName;

    MarkerCondition(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The term the inspection report prints beside the English one. */
    public String chineseName() {
        return chineseName;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MarkerCondition of(String wireName) {
        for (MarkerCondition condition : values()) {
            if (condition.wireName().equalsIgnoreCase(wireName == null ? "" : wireName.strip())) {
                return condition;
            }
        }
        throw DoorplateException.badRequest("condition: expected intact, damaged, displaced, missing or restored,"
            + " found '" + wireName + "'");
    }
}
