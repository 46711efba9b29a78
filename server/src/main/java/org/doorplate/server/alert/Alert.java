package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One alert as stored, with the times of its state changes.
 *
 * @param id the alert's id
 * @param subjectId what it is about (device id, marker number, plate code)
 * @param faultType the fault's short name
 * @param severity its current severity (escalation may have raised it)
 * @param areaCode the division code of the subject, or null when unknown
 * @param message the description for the crew
 * @param state where it is in its lifecycle
 * @param openedAt when it was raised
 * @param acknowledgedAt when a crew acknowledged it, or null
 * @param acknowledgedBy who acknowledged it, or null
 * @param resolvedAt when it was resolved or cleared, or null
 * @param resolvedBy who resolved it ({@link #AUTOMATIC} for automatic clearing), or null
 * @param reminders how many reminders went out while it stayed unacknowledged
 * @param escalations how many times it was escalated for staying unacknowledged
 */
@Serdeable
public record Alert(
        long id,
        String subjectId,
        String faultType,
        Severity severity,
        @Nullable String areaCode,
        String message,
        AlertState state,
        Instant openedAt,
        @Nullable Instant acknowledgedAt,
        @Nullable String acknowledgedBy,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy,
        int reminders,
        int escalations) {
    /** The {@code resolvedBy} of an alert cleared because its condition ended. */
    public static final String AUTOMATIC = "auto";
}
