package org.doorplate.server.gazetteer;

import io.micronaut.core.annotation.Nullable;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/** Checks of {@code limit} and {@code offset} query parameters. */
public final class Paging {
    private Paging() {
    }

    public static int limit(@Nullable Integer limit, int otherwise, int most) {
        if (limit == null) {
            return otherwise;
        }
        if (limit < 1 || limit > most) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    "limit must be between 1 and " + most + ", found " + limit);
        }
        return limit;
    }

    public static int offset(@Nullable Integer offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "offset must not be negative, found " + offset);
        }
        return offset;
    }
}
