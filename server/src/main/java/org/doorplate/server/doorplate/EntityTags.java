package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;

/** Conditional requests (RFC 9110 section 13.1.2): does {@code If-None-Match} match a tag? */
final class EntityTags {
    private EntityTags() {
    }

    /** Weak comparison, as If-None-Match requires: {@code W/"x"} matches {@code "x"}; so does *. */
    static boolean matches(@Nullable String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.length() > 2048) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
