package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * Turns a {@link Rendered} scan answer into the HTTP response, with the headers every scan
 * carries: ETag and 304 for a matching {@code If-None-Match}, {@code Cache-Control}, {@code Vary},
 * {@code Content-Language} and {@code Link}. Shared by the controller and by
 * {@link CachedScanFilter}, so that both paths answer byte for byte alike.
 */
@Singleton
public class ScanResponses {
    /** The request headers an answer depends on (RFC 9110 section 12.5.5). */
    static final String VARY = "Accept, Accept-Language, Authorization";

    private final String publicCacheControl;

    public ScanResponses(ScanConfiguration configuration) {
        this.publicCacheControl = "public, max-age=" + configuration.getMaxAge().toSeconds();
    }

    /** The anonymous answer: tagged and publicly cacheable, or {@code no-store} when untagged. */
    public MutableHttpResponse<byte[]> anonymous(Rendered rendered, @Nullable String ifNoneMatch,
                                                 Language language) {
        if (rendered.etag() == null) {
            return respond(rendered, language).header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        if (EntityTags.matches(ifNoneMatch, rendered.etag())) {
            return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, rendered.etag())
                    .header(HttpHeaders.CACHE_CONTROL, publicCacheControl)
                    .header(HttpHeaders.VARY, VARY);
        }
        return respond(rendered, language)
                .header(HttpHeaders.ETAG, rendered.etag())
                .header(HttpHeaders.CACHE_CONTROL, publicCacheControl);
    }

    /** An officer's view: never stored by any cache. */
    public MutableHttpResponse<byte[]> restricted(Rendered rendered, Language language) {
        return respond(rendered, language).header(HttpHeaders.CACHE_CONTROL, "private, no-store");
    }

    private static MutableHttpResponse<byte[]> respond(Rendered rendered, Language language) {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(rendered.status()))
                .body(rendered.body())
                .header(HttpHeaders.CONTENT_TYPE, rendered.contentType())
                .header(HttpHeaders.VARY, VARY);
        if (rendered.contentType().startsWith("text/html")) {
            response.header(HttpHeaders.CONTENT_LANGUAGE, language.tag());
        }
        if (rendered.link() != null) {
            response.header(HttpHeaders.LINK, rendered.link());
        }
        return response;
    }
}
