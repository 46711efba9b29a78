package org.doorplate.server.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import org.doorplate.server.error.DoorplateException;

import java.time.Duration;
import java.util.Locale;

/** What a device is; written {@code doorplate} or {@code marker} in JSON, CSV and the database. */
@Serdeable
public enum DeviceKind {
    /** A smart doorplate: reports every 1 to 24 hours. */
    DOORPLATE(Duration.ofHours(24)),
    /** A boundary marker: reports every 5 to 60 minutes. */
    MARKER(Duration.ofMinutes(15));

    private final Duration defaultReportInterval;

    DeviceKind(Duration defaultReportInterval) {
        this.defaultReportInterval = defaultReportInterval;
    }

    /** The report interval a new device of this kind gets unless one is given. */
    public Duration defaultReportInterval() {
        return defaultReportInterval;
    }

    /** The lower-case name used on the wire and in the database. */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code doorplate} or {@code marker} (any case).
     *
     * @throws DoorplateException BAD_REQUEST for anything else
     */
    @JsonCreator
    public static DeviceKind parse(String name) {
        if (name != null) {
            for (DeviceKind kind : values()) {
                if (kind.wire().equalsIgnoreCase(name.trim())) {
                    return kind;
                }
            }
        }
        throw DoorplateException.badRequest("kind must be 'doorplate' or 'marker', found '"
            + (name == null ? "" : name) + "'");
    }
}
