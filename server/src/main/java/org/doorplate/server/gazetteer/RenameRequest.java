package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/** A new name for a place; the old one is kept as history. */
@Serdeable
public record RenameRequest(
        String standardName,
        @Nullable String pinyin,
        @Nullable String mongolianName,
        @Nullable String reason,
        @Nullable LocalDate namedOn) {
    public RenameRequest validated() {
        Fields.require("standardName", standardName, 100);
        Fields.limit("pinyin", pinyin, 200);
        Fields.limit("mongolianName", mongolianName, 200);
        Fields.limit("reason", reason, 500);
        return this;
    }
}
