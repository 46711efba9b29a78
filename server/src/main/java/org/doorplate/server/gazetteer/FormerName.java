package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A name a place had before it was renamed. */
@Serdeable
public record FormerName(
        String name,
        @Nullable String pinyin,
        @Nullable String mongolianName,
        Instant renamedAt,
        @Nullable String reason) {
}
