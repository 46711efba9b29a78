package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One entry of an alert's history.
 *
 * @param eventId the entry's id, the same as the delivered event's
 * @param kind what happened
 * @param at when
 * @param actor who did it, or null for the server
 * @param state the alert's state after it
 * @param severity the alert's severity after it
 */
@Serdeable
public record AlertHistoryEntry(long eventId, AlertEventKind kind, Instant at, @Nullable String actor,
        AlertState state, Severity severity) {
}
