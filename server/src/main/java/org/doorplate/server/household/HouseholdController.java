package org.doorplate.server.household;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Fields;
import org.doorplate.server.security.Roles;

/**
 * Household data behind a plate for officers and admins (every read audited), and the audit
 * log for admins: {@code GET /api/v1/audit?plate=&from=&to=}.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HouseholdController {
    private static final Pattern CODE = Pattern.compile("[A-Za-z2-7]{13}");
    private static final int MAX_HOUSEHOLDS = 200;

    private final HouseholdAccess access;
    private final Households households;
    private final Clock clock;

    public HouseholdController(HouseholdAccess access, Households households, Clock clock) {
        this.access = access;
        this.households = households;
        this.clock = clock;
    }

    @Get("/doorplates/{code}/households")
    @Secured({Roles.OFFICER, Roles.ADMIN})
    public List<Household> households(String code, Authentication caller, HttpRequest<?> request) {
        String plate = canonical(code);
        String client = request.getRemoteAddress().getAddress().getHostAddress();
        return access.view(caller, plate, Representation.API, client).orElseThrow(() -> new DoorplateException(
                ErrorStatus.FORBIDDEN, "household data needs the officer or admin role"));
    }

    /** Replaces the households behind a plate. */
    @Put("/doorplates/{code}/households")
    @Secured({Roles.OFFICER, Roles.ADMIN})
    public List<Household> replace(String code, @Body List<Household> replacement, Authentication caller,
                                   HttpRequest<?> request) {
        if (replacement.size() > MAX_HOUSEHOLDS) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "at most " + MAX_HOUSEHOLDS + " households");
        }
        String plate = canonical(code);
        households.replace(plate, replacement);
        return households(plate, caller, request);
    }

    /** Who viewed household data, when, of which plate and how; oldest first. */
    @Get("/audit")
    @Secured(Roles.ADMIN)
    public List<AuditEntry> audit(@Nullable @QueryValue String plate, @Nullable @QueryValue String from,
                                  @Nullable @QueryValue String to, @Nullable @QueryValue Integer limit) {
        Instant end = to == null ? clock.instant().plusSeconds(1) : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : instant("from", from);
        int rows = limit == null ? 1000 : limit;
        if (rows < 1 || rows > 10_000) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "limit must be between 1 and 10000");
        }
        return households.auditLog(plate == null ? null : canonical(plate), start, end, rows);
    }

    private static String canonical(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    "a doorplate code is 13 characters of A-Z and 2-7, found " + Fields.quote(code));
        }
        return code.toUpperCase(Locale.ROOT);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    name + " must be an ISO-8601 instant like 2025-01-31T00:00:00Z, found " + Fields.quote(value));
        }
    }
}
