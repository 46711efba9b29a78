package org.doorplate.server.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One view of household data: who, when, which plate, in which representation, from where. */
@Serdeable
public record AuditEntry(
        long id,
        Instant viewedAt,
        String username,
        String plateCode,
        String representation,
        @Nullable String clientAddress) {
}
