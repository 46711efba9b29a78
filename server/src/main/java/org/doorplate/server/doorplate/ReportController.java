package org.doorplate.server.doorplate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Citizen problem reports: {@code POST /q/{code}/report} from the scan page's plain form (answered
 * with a small HTML page) or as JSON, without an account; rate-limited per client address and
 * per plate (429 with {@code Retry-After}). Crews list and close them under {@code /api/v1/reports}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportController {
    private static final Logger LOG = LoggerFactory.getLogger(ReportController.class);
    private static final String HTML = "text/html; charset=utf-8";

    private final Doorplates doorplates;
    private final CitizenReports reports;
    private final ReportAlerts alerts;
    private final RateLimiter perClient;
    private final RateLimiter perPlate;

    public ReportController(Doorplates doorplates, CitizenReports reports, ReportAlerts alerts,
                            ReportConfiguration configuration, Clock clock) {
        this.doorplates = doorplates;
        this.reports = reports;
        this.alerts = alerts;
        this.perClient = new RateLimiter(configuration.getPerClient(), configuration.getClientWindow(), clock);
        this.perPlate = new RateLimiter(configuration.getPerPlate(), configuration.getPlateWindow(), clock);
    }

    /** The report form on a page of its own. */
    @Get(uri = "/q/{code}/report", produces = MediaType.ALL)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<byte[]> form(String code, @Nullable @QueryValue String lang, HttpRequest<?> request) {
        Language language = Language.choose(lang, request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        try {
            Doorplate plate = activePlate(code);
            return html(HttpStatus.OK, SmallPages.reportForm(plate.code(), language));
        } catch (DoorplateException e) {
            return html(status(e), SmallPages.unknown(language));
        }
    }

    @Post(uri = "/q/{code}/report", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON},
            produces = MediaType.ALL)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<?> report(String code, @Body ReportInput input, HttpRequest<?> request) {
        boolean form = request.getContentType().map(MediaType.APPLICATION_FORM_URLENCODED_TYPE::equals)
                .orElse(false);
        Language language = Language.choose(input.lang(), request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE));
        try {
            Doorplate plate = activePlate(code);
            ReportInput valid = input.validated();
            Optional<Duration> wait = admit(request.getRemoteAddress().getAddress().getHostAddress(), plate.code());
            if (wait.isPresent()) {
                return tooMany(form, plate.code(), language, wait.get());
            }
            CitizenReport stored = reports.create(plate.code(), valid);
            alerts.raise(stored);
            LOG.debug("citizen report [plate: {}, id: {}, category: {}]", plate.code(), stored.id(),
                    stored.category());
            if (form) {
                return html(HttpStatus.OK, SmallPages.thanks(plate.code(), language));
            }
            return HttpResponse.created(Map.of("id", stored.id(), "plate", stored.plateCode(), "state",
                    stored.state()));
        } catch (DoorplateException e) {
            if (!form) {
                throw e;
            }
            String shown = PlateCode.normalize(code) == null ? "-" : PlateCode.normalize(code);
            return html(status(e), SmallPages.rejected(shown, language, e.getMessage()));
        }
    }

    /** Open (or closed) reports for the crews, oldest first. */
    @Get("/api/v1/reports")
    @Secured({Roles.ADMIN, Roles.CREW, Roles.OFFICER})
    public List<CitizenReport> list(@Nullable @QueryValue String state, @Nullable @QueryValue String plate,
                                    @Nullable @QueryValue Integer limit) {
        String wanted = state == null ? "open" : state;
        if (!wanted.equals("open") && !wanted.equals("closed")) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "state must be open or closed");
        }
        int rows = limit == null ? 100 : limit;
        if (rows < 1 || rows > 1000) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "limit must be between 1 and 1000");
        }
        return reports.list(wanted, plate == null ? null : PlateCode.normalize(plate), rows);
    }

    @Post("/api/v1/reports/{id}/close")
    @Secured({Roles.ADMIN, Roles.CREW})
    public CitizenReport close(long id) {
        CitizenReport closed = reports.close(id);
        alerts.clear(closed);
        return closed;
    }

    private Doorplate activePlate(String code) {
        String canonical = PlateCode.normalize(code);
        if (canonical == null) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    "a doorplate code is " + PlateCode.LENGTH + " characters of A-Z and 2-7");
        }
        Doorplate plate = doorplates.find(canonical).orElseThrow(() -> new DoorplateException(
                ErrorStatus.NOT_FOUND, "no doorplate has code " + canonical));
        if (plate.retired()) {
            throw new DoorplateException(ErrorStatus.GONE, "doorplate " + canonical + " is retired");
        }
        return plate;
    }

    /** Both limits must admit the report; a refusal by one gives the other's token back. */
    private Optional<Duration> admit(String client, String plate) {
        Optional<Duration> clientWait = perClient.acquire(client);
        if (clientWait.isPresent()) {
            return clientWait;
        }
        Optional<Duration> plateWait = perPlate.acquire(plate);
        if (plateWait.isPresent()) {
            perClient.release(client);
        }
        return plateWait;
    }

    private static HttpResponse<?> tooMany(boolean form, String code, Language language, Duration wait) {
        String seconds = Long.toString(Math.max(1, wait.toSeconds()));
        String message = "too many reports: try again in " + seconds + " seconds";
        if (form) {
            return html(HttpStatus.TOO_MANY_REQUESTS, SmallPages.rejected(code, language, message))
                    .header(HttpHeaders.RETRY_AFTER, seconds);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ErrorStatus.RATE_LIMITED.code());
        body.put("message", message);
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).body(body).header(HttpHeaders.RETRY_AFTER, seconds);
    }

    private static HttpStatus status(DoorplateException e) {
        return switch (e.status()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case GONE -> HttpStatus.GONE;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    private static MutableHttpResponse<byte[]> html(HttpStatus status, String page) {
        return HttpResponse.<byte[]>status(status).body(page.getBytes(StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_TYPE, HTML).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
