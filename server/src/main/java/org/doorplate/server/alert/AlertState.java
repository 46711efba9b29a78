package org.doorplate.server.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;

/** Where an alert is in its lifecycle: open, then acknowledged by a crew, then resolved. */
@Serdeable
public enum AlertState {
    /** Raised and taken on by nobody yet; reminders and escalation apply. */
    OPEN,
    /** A crew has taken it on; the fault may still be present. */
    ACKNOWLEDGED,
    /** Over: resolved by a crew or cleared automatically when the condition ended. */
    RESOLVED;

    /** True while the alert still counts as the one live alert of its subject and fault. */
    public boolean live() {
        return this != RESOLVED;
    }

    /** The lower-case name used in JSON, in the database and in query parameters. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state with the given wire name (case-insensitive). */
    @JsonCreator
    public static AlertState of(String wireName) {
        for (AlertState state : values()) {
            if (state.wireName().equalsIgnoreCase(wireName)) {
                return state;
            }
        }
        throw new IllegalArgumentException("state: expected open, acknowledged or resolved, found '"
            + wireName + "'");
    }
}
