package org.doorplate.server.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;

/** How urgent an alert is, in rising order; escalation moves an alert one step up. */
@Serdeable
public enum Severity {
    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The next level up, or this one when it is already the highest. */
    public Severity raised() {
        Severity[] all = values();
        return all[Math.min(ordinal() + 1, all.length - 1)];
    }

    /** The lower-case name used in JSON, in the database and in query parameters. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The severity with the given wire name (case-insensitive). */
    @JsonCreator
    public static Severity of(String wireName) {
        for (Severity severity : values()) {
            if (severity.wireName().equalsIgnoreCase(wireName)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("severity: expected info, low, medium, high or critical, found '"
            + wireName + "'");
    }
}
