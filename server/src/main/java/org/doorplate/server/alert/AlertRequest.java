package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * A request to raise an alert about one subject.
 *
 * @param subjectId what the alert is about: a device id, a marker number or a plate code
 * @param faultType a short lower-case name of the fault ({@code displaced}, {@code tilted},
 *     {@code citizen_report}...); together with the subject it identifies the live alert
 * @param severity how urgent it is
 * @param areaCode the 12-digit division code the subject lies in, or null when unknown; it
 *     picks the crews' MQTT topic
 * @param message a short human-readable description for the crew
 * @param at when the condition was observed
 */
public record AlertRequest(
        String subjectId,
        String faultType,
        Severity severity,
        @Nullable String areaCode,
        String message,
        Instant at) {
    public AlertRequest {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(faultType, "faultType");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }
}
