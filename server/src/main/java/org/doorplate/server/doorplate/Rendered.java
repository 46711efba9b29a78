package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A rendered response body with what the answer needs around it.
 *
 * @param status the HTTP status (200, 404, 410...)
 * @param etag a strong entity tag derived from the body (quoted), or null when not cacheable
 * @param link a {@code Link} header value, or null
 * @param cacheable whether the page cache may keep it: never for unknown codes (any number of
 *     them can be made up) nor for anything holding household data
 */
public record Rendered(int status, String contentType, byte[] body, @Nullable String etag,
                       @Nullable String link, boolean cacheable) {
    /** A cacheable rendering of an anonymous page, tagged with a hash of its body. */
    public static Rendered anonymous(int status, String contentType, String body, @Nullable String link) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Rendered(status, contentType, bytes, entityTag(bytes), link, true);
    }

    /** A rendering that must not be cached or tagged (errors for made-up codes, officer views). */
    public static Rendered uncached(int status, String contentType, String body, @Nullable String link) {
        return new Rendered(status, contentType, body.getBytes(StandardCharsets.UTF_8), null, link, false);
    }

    private static String entityTag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
