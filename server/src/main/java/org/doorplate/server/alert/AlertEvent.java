package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One state change of an alert, as delivered to crews (event stream, MQTT, webhooks) and kept
 * in its history.
 *
 * @param eventId the history entry's id: unique and increasing, an idempotency key
 * @param kind what happened
 * @param at when it happened
 * @param actor the user who did it, or null for the server
 * @param alert the alert after the change
 */
@Serdeable
public record AlertEvent(long eventId, AlertEventKind kind, Instant at, @Nullable String actor, Alert alert) {
}
