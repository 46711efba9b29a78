package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A problem a citizen reported about a plate: a work item for the maintenance crews. */
@Serdeable
public record CitizenReport(
        long id,
        String plateCode,
        String category,
        String description,
        @Nullable String contact,
        Instant reportedAt,
        String state,
        @Nullable Instant closedAt,
        @Nullable String alertId) {
}
