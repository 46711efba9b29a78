package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Answers an anonymous scan whose page is already in the {@link PageCache} before the security
 * filter, argument binding and the controller run. In a profile of the benchmark those took
 * about a third of a cached scan (security filter 12%, binding {@code Authentication} and
 * {@code @QueryValue} 8%, route execution and its future 7%, the controller 4%), for a request
 * that carries no credentials and a page that is already built. Nothing here decides anything
 * the controller would decide differently: a request with an {@code Authorization} header (an
 * officer may be asking for households), a malformed code, or a cache miss continues to
 * {@link ScanController}, which also keeps its own cache path for callers whose token grants no
 * household view.
 *
 * <p>Micronaut's per-request HTTP timer ({@code http_server_requests_seconds}) is an unordered
 * filter that runs after this one, so the scans answered here are not in it: it cost about 6% of
 * a cached scan in the profile (a timer looked up by URI and status tags per request). Every scan
 * of a known plate is still counted, in {@code doorplate_scans_recorded_total} and the scan log;
 * the HTTP timer keeps cache misses, officers' views and errors.
 */
@ServerFilter("/q/*")
public class CachedScanFilter implements Ordered {
    private static final String PREFIX = "/q/";

    private final PageCache cache;
    private final ScanRecorder recorder;
    private final ScanResponses responses;

    public CachedScanFilter(PageCache cache, ScanRecorder recorder, ScanResponses responses) {
        this.cache = cache;
        this.recorder = recorder;
        this.responses = responses;
    }

    /** The cached answer, or null to let the request go on to security and the controller. */
    @RequestFilter
    @Nullable
    public HttpResponse<byte[]> answerFromCache(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        if (request.getMethod() != HttpMethod.GET || headers.contains(HttpHeaders.AUTHORIZATION)) {
            return null;
        }
        String path = request.getPath();
        String code = path.startsWith(PREFIX) ? PlateCode.normalize(path.substring(PREFIX.length())) : null;
        if (code == null) {
            return null;
        }
        Negotiation.Kind kind = Negotiation.choose(headers.get(HttpHeaders.ACCEPT));
        Language language = Language.choose(request.getParameters().get("lang"),
                headers.get(HttpHeaders.ACCEPT_LANGUAGE));
        Rendered cached = cache.get(code, language, kind);
        if (cached == null) {
            return null;
        }
        recorder.record(code, kind, language, cached.status());
        return responses.anonymous(cached, headers.get(HttpHeaders.IF_NONE_MATCH), language);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
