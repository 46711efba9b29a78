package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import org.doorplate.server.error.DoorplateException;

/**
 * A filter for listing alerts.
 *
 * @param states which states to include
 * @param areaPrefix only alerts whose area code starts with these digits, or null
 * @param subjectId only alerts about this subject, or null
 * @param faultType only alerts of this fault type, or null
 * @param limit at most this many, newest first
 */
public record AlertQuery(States states, @Nullable String areaPrefix, @Nullable String subjectId,
        @Nullable String faultType, int limit) {
    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 1_000;

    /** The states a query can ask for; {@code live} is open and acknowledged together. */
    public enum States {
        OPEN,
        ACKNOWLEDGED,
        RESOLVED,
        LIVE,
        ALL;

        /** Parses a query parameter; a bad value is a {@code bad_request}. */
        public static States parse(String value) {
            for (States states : values()) {
                if (states.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                    return states;
                }
            }
            throw DoorplateException.badRequest("state: expected open, acknowledged, resolved, live or all, found '"
                + value + "'");
        }
    }

    public AlertQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DoorplateException.badRequest("limit: expected 1.." + MAX_LIMIT + ", found " + limit);
        }
        if (areaPrefix != null && !areaPrefix.matches("[0-9]{1,12}")) {
            throw DoorplateException.badRequest("area: expected 1..12 digits, found '" + areaPrefix + "'");
        }
    }
}
