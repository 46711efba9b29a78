package org.doorplate.server.alert.crew;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import org.doorplate.server.alert.AlertService;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.security.Roles;
import org.doorplate.server.security.User;
import org.doorplate.server.security.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crews' page, {@code GET /crew}. Sign-in is a plain form posted to {@code /crew/login},
 * which checks the account like {@code POST /login} does and keeps the same JWT in an
 * HttpOnly, SameSite=Strict cookie ({@code JWT}, read by the security module's cookie token
 * reader). A cookie rather than a token kept by script, because the page must work without
 * JavaScript and because {@code EventSource} cannot send an Authorization header; SameSite
 * Strict keeps other sites from posting the acknowledge and resolve forms with it.
 */
@Controller("/crew")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CrewController {
    /** The cookie the security module's cookie token reader looks for by default. */
    static final String COOKIE = "JWT";
    private static final Logger LOG = LoggerFactory.getLogger(CrewController.class);

    private final CrewBoard board;
    private final AlertService alerts;
    private final Users users;
    private final TokenGenerator tokens;
    private final int expirationSeconds;
    private final CrewPage page;

    public CrewController(CrewBoard board, AlertService alerts, Users users, TokenGenerator tokens,
            @Value("${micronaut.security.token.generator.access-token.expiration:43200}") int expirationSeconds,
            @Value("${doorplate.crew.time-zone:Asia/Shanghai}") String timeZone) {
        this.board = board;
        this.alerts = alerts;
        this.users = users;
        this.tokens = tokens;
        this.expirationSeconds = expirationSeconds;
        this.page = new CrewPage(ZoneId.of(timeZone));
    }

    /**
     * The board for a signed-in crew member or admin, the sign-in form for anyone else.
     *
     * @param part {@code live} for only the part that changes (the page's script asks for it)
     * @param notice a line to show on top (the outcome of a form)
     */
    @Get("{?part,notice}")
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    HttpResponse<String> page(@Nullable Authentication user, @Nullable @QueryValue String part,
            @Nullable @QueryValue String notice) {
        if (!isCrew(user)) {
            return "live".equals(part) ? HttpResponse.status(HttpStatus.UNAUTHORIZED)
                : HttpResponse.ok(page.signIn(null));
        }
        CrewBoard.Board now = board.read();
        return HttpResponse.ok("live".equals(part) ? page.live(now) : page.page(now, user.getName(), notice));
    }

    /** Checks the account and sets the token cookie; a crew or admin account is required. */
    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML + ";charset=utf-8")
    HttpResponse<String> login(HttpRequest<?> request, @Body SignIn form) {
        Optional<User> account = form.username() == null || form.password() == null ? Optional.empty()
            : users.authenticate(form.username(), form.password());
        if (account.isEmpty() || account.get().roles().stream().noneMatch(r -> r.equals(Roles.CREW)
                || r.equals(Roles.ADMIN))) {
            LOG.debug("crew sign-in refused [user: {}]", form.username());
            return HttpResponse.<String>status(HttpStatus.UNAUTHORIZED)
                .body(page.signIn("Wrong user name or password, or not a crew account."));
        }
        User user = account.get();
        String token = tokens.generateToken(Authentication.build(user.username(), user.roles()), expirationSeconds)
            .orElseThrow(() -> new IllegalStateException("no token generator is configured"));
        Cookie cookie = Cookie.of(COOKIE, token).httpOnly(true).sameSite(SameSite.Strict).path("/")
            .maxAge(Duration.ofSeconds(expirationSeconds)).secure(request.isSecure());
        LOG.info("crew signed in [user: {}]", user.username());
        return HttpResponse.<String>seeOther(URI.create("/crew")).cookie(cookie);
    }

    @Post("/logout")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    HttpResponse<?> logout() {
        return HttpResponse.seeOther(URI.create("/crew")).cookie(Cookie.of(COOKIE, "").path("/").maxAge(0));
    }

    @Post("/alerts/{id}/ack")
    @Secured({Roles.CREW, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    HttpResponse<?> acknowledge(@PathVariable long id, Authentication user) {
        return act(() -> alerts.acknowledge(id, user.getName()), "Alert " + id + " acknowledged.");
    }

    @Post("/alerts/{id}/resolve")
    @Secured({Roles.CREW, Roles.ADMIN})
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.ALL})
    HttpResponse<?> resolve(@PathVariable long id, Authentication user) {
        return act(() -> alerts.resolve(id, user.getName()), "Alert " + id + " resolved.");
    }

    /** Runs a form's action and goes back to the board with its outcome (post, redirect, get). */
    private static HttpResponse<?> act(Runnable action, String done) {
        String notice;
        try {
            action.run();
            notice = done;
        } catch (DoorplateException e) {
            notice = e.getMessage();
        }
        return HttpResponse.seeOther(URI.create("/crew?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8)));
    }

    private static boolean isCrew(@Nullable Authentication user) {
        return user != null && user.getRoles().stream().anyMatch(r -> r.equals(Roles.CREW) || r.equals(Roles.ADMIN));
    }

    /** The sign-in form's fields. */
    @Serdeable
    record SignIn(@Nullable String username, @Nullable String password) {
    }
}
