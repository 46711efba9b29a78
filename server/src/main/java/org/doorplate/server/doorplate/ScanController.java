package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.doorplate.server.household.HouseholdAccess;
import org.doorplate.server.household.Representation;

/**
 * {@code GET /q/{code}}: what a phone opens when it scans a plate. One code, several
 * representations by content negotiation (HTML, JSON, link set), in Chinese or English; 404 for
 * an unknown code, 410 for a retired plate, 400 for something that cannot be a code.
 *
 * <p>Anonymous answers come from the {@link PageCache} on the event loop, with an ETag and 304
 * for a matching {@code If-None-Match}; only a miss goes to a worker thread and the database.
 * An officer's view (bearer token with role officer or admin) adds the households, is audited,
 * never cached, and is marked {@code Cache-Control: private, no-store}. Cached anonymous scans
 * without an {@code Authorization} header are usually answered earlier, by {@link CachedScanFilter}.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
public class ScanController {
    private final ScanRenderer renderer;
    private final PageCache cache;
    private final ScanRecorder recorder;
    private final HouseholdAccess households;
    private final ExecutorService blocking;
    private final ScanResponses responses;

    public ScanController(ScanRenderer renderer, PageCache cache, ScanRecorder recorder,
                          HouseholdAccess households, ScanResponses responses,
                          @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.renderer = renderer;
        this.cache = cache;
        this.recorder = recorder;
        this.households = households;
        this.blocking = blocking;
        this.responses = responses;
    }

    /** Produces any type, so that an Accept header it cannot satisfy still gets the page. */
    @Get(uri = "/q/{code}", produces = MediaType.ALL)
    public CompletableFuture<HttpResponse<byte[]>> scan(String code, @Nullable @QueryValue String lang,
                                                        HttpRequest<?> request,
                                                        @Nullable Authentication caller) {
        Negotiation.Kind kind = Negotiation.choose(request.getHeaders().get(HttpHeaders.ACCEPT));
        Language language = Language.choose(lang, request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        String canonical = PlateCode.normalize(code);
        if (canonical == null) {
            return CompletableFuture.completedFuture(answer(renderer.malformed(kind, language), request, language));
        }
        if (HouseholdAccess.mayView(caller)) {
            return CompletableFuture.supplyAsync(
                    () -> officer(canonical, language, kind, request, caller), blocking);
        }
        Rendered cached = cache.get(canonical, language, kind);
        if (cached != null) {
            recorder.record(canonical, kind, language, cached.status());
            return CompletableFuture.completedFuture(answer(cached, request, language));
        }
        return CompletableFuture.supplyAsync(() -> anonymous(canonical, language, kind, request), blocking);
    }

    private HttpResponse<byte[]> anonymous(String code, Language language, Negotiation.Kind kind,
                                           HttpRequest<?> request) {
        long generation = cache.generation();
        Rendered rendered = renderer.anonymous(code, language, kind);
        cache.put(code, language, kind, rendered, generation);
        if (rendered.status() != HttpStatus.NOT_FOUND.getCode()) {
            recorder.record(code, kind, language, rendered.status());
        }
        return answer(rendered, request, language);
    }

    private HttpResponse<byte[]> officer(String code, Language language, Negotiation.Kind kind,
                                         HttpRequest<?> request, Authentication caller) {
        String client = request.getRemoteAddress().getAddress().getHostAddress();
        Optional<Rendered> view = renderer.forOfficer(code, language, kind, representation -> households
                .view(caller, code, representation == Negotiation.Kind.JSON ? Representation.JSON
                        : Representation.HTML, client)
                .orElseThrow());
        if (view.isEmpty()) {
            return anonymous(code, language, kind, request);
        }
        recorder.record(code, kind, language, view.get().status());
        return responses.restricted(view.get(), language);
    }

    private HttpResponse<byte[]> answer(Rendered rendered, HttpRequest<?> request, Language language) {
        return responses.anonymous(rendered, request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), language);
    }
}
