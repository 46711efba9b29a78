package org.doorplate.server.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.List;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.security.Roles;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** The crews' alert API: list, inspect, acknowledge, resolve, and the live event stream. */
@Controller("/api/v1/alerts")
@Secured({Roles.CREW, Roles.ADMIN})
public class AlertController {
    /** A ping event this often keeps proxies and the server's idle timeout from closing the stream. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
    private static final int DEFAULT_LIMIT = 100;

    private final AlertService alerts;
    private final AlertStream stream;

    public AlertController(AlertService alerts, AlertStream stream) {
        this.alerts = alerts;
        this.stream = stream;
    }

    /**
     * Lists alerts, newest first.
     *
     * @param state open, acknowledged, resolved, live (open or acknowledged; the default) or all
     * @param area only alerts whose area code starts with these digits
     * @param subject only alerts about this device, marker or plate
     * @param fault only alerts of this fault type
     * @param limit at most this many (1..1000, default 100)
     */
    @Get("{?state,area,subject,fault,limit}")
    List<Alert> list(@Nullable @QueryValue String state, @Nullable @QueryValue String area,
            @Nullable @QueryValue String subject, @Nullable @QueryValue String fault,
            @Nullable @QueryValue String limit) {
        AlertQuery.States states = state == null ? AlertQuery.States.LIVE : AlertQuery.States.parse(state);
        return alerts.list(new AlertQuery(states, area, subject, fault, parseLimit(limit)));
    }

    /** One alert with its history. */
    @Get("/{id}")
    AlertDetail get(@PathVariable String id) {
        long alertId = parseId(id);
        return new AlertDetail(alerts.find(alertId), alerts.history(alertId));
    }

    @Post("/{id}/ack")
    Alert acknowledge(@PathVariable String id, Authentication user) {
        return alerts.acknowledge(parseId(id), user.getName());
    }

    @Post("/{id}/resolve")
    Alert resolve(@PathVariable String id, Authentication user) {
        return alerts.resolve(parseId(id), user.getName());
    }

    /**
     * Server-Sent Events: one event per alert change, named by its kind ({@code opened},
     * {@code acknowledged}, ...), with the event id as SSE id and the {@link AlertEvent} as JSON
     * data. A client reconnecting with {@code Last-Event-ID} first gets what it missed.
     */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Object>> stream(@Nullable @Header("Last-Event-ID") String lastEventId) {
        Long after = lastEventId == null || lastEventId.isBlank() ? null
            : "0".equals(lastEventId.strip()) ? 0L : parseId(lastEventId.strip());
        Flux<Event<Object>> events = stream.events(after)
            .map(e -> Event.<Object>of(e).name(e.kind().wireName()).id(Long.toString(e.eventId())));
        // A first ping at once: the response (and the client's open event) starts with it.
        Flux<Event<Object>> keepAlive = Flux.interval(Duration.ZERO, KEEP_ALIVE)
            .map(i -> Event.<Object>of("keep-alive").name("ping"));
        return Flux.merge(events, keepAlive);
    }

    private static long parseId(String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // Answered below.
        }
        throw DoorplateException.badRequest("id: expected a positive number, found '" + id + "'");
    }

    private static int parseLimit(@Nullable String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw DoorplateException.badRequest("limit: expected a number, found '" + limit + "'");
        }
    }

    /** An alert and its history. */
    @Serdeable
    record AlertDetail(Alert alert, List<AlertHistoryEntry> history) {
    }
}
