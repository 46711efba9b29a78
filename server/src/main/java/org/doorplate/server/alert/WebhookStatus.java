package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How deliveries to one webhook stand.
 *
 * @param id the webhook
 * @param delivered events delivered
 * @param pending events waiting for their first or a further attempt
 * @param failed events given up after the maximum attempts
 * @param lastError the latest failure's description, or null
 */
@Serdeable
public record WebhookStatus(long id, long delivered, long pending, long failed, @Nullable String lastError) {
}
