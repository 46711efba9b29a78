package org.doorplate.server.alert;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Locale;

/** What happened to an alert; each is one row of its history and one delivered event. */
@Serdeable
public enum AlertEventKind {
    /** It was raised. */
    OPENED,
    /** A crew acknowledged it. */
    ACKNOWLEDGED,
    /** A crew resolved it. */
    RESOLVED,
    /** The condition ended and it was resolved automatically. */
    CLEARED,
    /** It is still unacknowledged: a repeated notice. */
    REMINDED,
    /** It stayed unacknowledged too long: severity raised, supervisors told. */
    ESCALATED;

    /** The lower-case name used in JSON, in the database and as the SSE event name. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with the given wire name. */
    public static AlertEventKind of(String wireName) {
        return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
