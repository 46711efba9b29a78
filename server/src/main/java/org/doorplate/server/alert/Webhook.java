package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A webhook endpoint that receives alert events (its secret is shown only when it is created).
 *
 * @param id its id
 * @param url where events are posted
 * @param areaPrefix only alerts whose area code starts with these digits, or null for all
 * @param audience {@code crew}: every event; {@code supervisor}: events of escalated alerts only
 * @param enabled whether it receives events
 * @param createdAt when it was added
 */
@Serdeable
public record Webhook(long id, String url, @Nullable String areaPrefix, String audience, boolean enabled,
        Instant createdAt) {
    /** The audience that receives every event. */
    public static final String CREW = "crew";
    /** The second audience: only events of alerts that were escalated. */
    public static final String SUPERVISOR = "supervisor";
}
