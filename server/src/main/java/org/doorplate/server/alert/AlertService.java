package org.doorplate.server.alert;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle on the database: raise with de-duplication, automatic clearing, crew
 * acknowledgement and resolution, reminders and escalation. Every change is one transaction
 * that updates the alert, appends its history entry and queues the webhook deliveries; the
 * {@link AlertEvent} is published to the in-process listeners (event stream, MQTT) only after
 * the commit.
 */
@Singleton
public class AlertService implements Alerts {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);
    private static final Pattern FAULT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern AREA_CODE = Pattern.compile("[0-9]{1,12}");
    private static final int MAX_SUBJECT = 100;
    private static final int MAX_MESSAGE = 1_000;
    private static final int RAISE_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final Clock clock;
    private final JsonMapper json;
    private final ApplicationEventPublisher<AlertEvent> events;
    private final AlertConfiguration config;

    public AlertService(DataSource dataSource, BeanProvider<Clock> clock, JsonMapper json,
            ApplicationEventPublisher<AlertEvent> events, AlertConfiguration config) {
        this.dataSource = dataSource;
        // The server's clock bean where there is one (tests move time with it), else the system's.
        this.clock = clock.orElse(Clock.systemUTC());
        this.json = json;
        this.events = events;
        this.config = config;
    }

    @Override
    public Alert raise(AlertRequest request) {
        validate(request);
        // The insert and the look-up are two statements: between them the live alert may be
        // resolved by someone else, so a miss on both is simply tried again.
        for (int attempt = 0; attempt < RAISE_ATTEMPTS; attempt++) {
            Optional<Alert> alert = change(c -> {
                Optional<Alert> opened = AlertStore.insertIfNoneLive(c, request);
                if (opened.isPresent()) {
                    return List.of(record(c, opened.get(), AlertEventKind.OPENED, request.at(), null));
                }
                return List.of();
            }).stream().findFirst().map(AlertEvent::alert);
            if (alert.isPresent()) {
                LOG.info("alert opened [id: {}, subject: {}, fault: {}, severity: {}]", alert.get().id(),
                    request.subjectId(), request.faultType(), request.severity().wireName());
                return alert.get();
            }
            Optional<Alert> live = read(c -> AlertStore.findLive(c, request.subjectId(), request.faultType()));
            if (live.isPresent()) {
                return live.get();
            }
        }
        throw new DoorplateException(ErrorStatus.UNAVAILABLE, "could not raise the alert for "
            + request.subjectId() + ": it kept changing concurrently");
    }

    @Override
    public void clear(String subjectId, String faultType, Instant at) {
        List<AlertEvent> cleared = change(c -> {
            Optional<Alert> alert = AlertStore.clearLive(c, subjectId, faultType, at);
            return alert.isPresent() ? List.of(record(c, alert.get(), AlertEventKind.CLEARED, at, null)) : List.of();
        });
        cleared.forEach(e -> LOG.info("alert cleared [id: {}, subject: {}, fault: {}]", e.alert().id(),
            subjectId, faultType));
    }

    /**
     * Acknowledges an open alert.
     *
     * @throws DoorplateException {@code not_found} for an unknown id, {@code conflict} when the
     *     alert is not open
     */
    public Alert acknowledge(long id, String actor) {
        Instant now = clock.instant();
        return transition(id, "acknowledged", "only an open alert can be acknowledged", c -> {
            Optional<Alert> alert = AlertStore.acknowledge(c, id, now, actor);
            return alert.isPresent() ? List.of(record(c, alert.get(), AlertEventKind.ACKNOWLEDGED, now, actor))
                : List.of();
        });
    }

    /**
     * Resolves an open or acknowledged alert.
     *
     * @throws DoorplateException {@code not_found} for an unknown id, {@code conflict} when the
     *     alert is already resolved
     */
    public Alert resolve(long id, String actor) {
        Instant now = clock.instant();
        return transition(id, "resolved", "it is already resolved", c -> {
            Optional<Alert> alert = AlertStore.resolve(c, id, now, actor);
            return alert.isPresent() ? List.of(record(c, alert.get(), AlertEventKind.RESOLVED, now, actor))
                : List.of();
        });
    }

    /** One alert; {@code not_found} for an unknown id. */
    public Alert find(long id) {
        return read(c -> AlertStore.find(c, id))
            .orElseThrow(() -> DoorplateException.notFound("no alert with id " + id));
    }

    /** The history of one alert, oldest first; {@code not_found} for an unknown id. */
    public List<AlertHistoryEntry> history(long id) {
        find(id);
        return read(c -> AlertStore.history(c, id));
    }

    /** The subjects that have a live alert of this fault type (for the periodic detectors). */
    public Set<String> liveSubjects(String faultType) {
        return read(c -> AlertStore.liveSubjects(c, faultType));
    }

    /** Alerts matching the query, newest first. */
    public List<Alert> list(AlertQuery query) {
        return read(c -> AlertStore.list(c, query));
    }

    /**
     * Sends the reminders and escalations that are due: an open alert gets a reminder
     * {@code remind-after} after it opened and then every {@code remind-every}; each
     * {@code escalate-after} it stays open raises its severity one step (up to critical) and
     * brings in the supervisors' webhooks.
     *
     * @return how many notices went out
     */
    public int sendDueNotices() {
        Instant now = clock.instant();
        List<AlertEvent> notices = change(c -> {
            List<AlertEvent> out = new ArrayList<>();
            for (Alert alert : AlertStore.dueForNotice(c, now, config.getRemindAfter(), config.getRemindEvery(),
                    config.getEscalateAfter())) {
                out.add(notice(c, alert, now));
            }
            return out;
        });
        notices.forEach(e -> LOG.info("alert {} [id: {}, subject: {}, severity: {}, reminders: {}]",
            e.kind().wireName(), e.alert().id(), e.alert().subjectId(), e.alert().severity().wireName(),
            e.alert().reminders()));
        return notices.size();
    }

    private AlertEvent notice(Connection c, Alert alert, Instant now) throws SQLException {
        long open = Duration.between(alert.openedAt(), now).toNanos();
        int level = (int) Math.min(Integer.MAX_VALUE, open / config.getEscalateAfter().toNanos());
        boolean escalate = level > alert.escalations()
            && (alert.escalations() == 0 || alert.severity() != Severity.CRITICAL);
        Severity severity = alert.severity();
        for (int i = alert.escalations(); escalate && i < level; i++) {
            severity = severity.raised();
        }
        Alert updated = AlertStore.notified(c, alert.id(), now, severity, escalate ? level : alert.escalations());
        return record(c, updated, escalate ? AlertEventKind.ESCALATED : AlertEventKind.REMINDED, now, null);
    }

    private Alert transition(long id, String verb, String rule, SqlWork<List<AlertEvent>> work) {
        List<AlertEvent> changed = change(work);
        if (!changed.isEmpty()) {
            Alert alert = changed.get(0).alert();
            LOG.info("alert {} [id: {}, subject: {}, by: {}]", verb, id, alert.subjectId(),
                verb.equals("acknowledged") ? alert.acknowledgedBy() : alert.resolvedBy());
            return alert;
        }
        Alert current = find(id);
        throw DoorplateException.conflict("alert " + id + " is " + current.state().wireName() + "; " + rule);
    }

    /** Appends the history entry, queues the webhook deliveries, and returns the event. */
    private AlertEvent record(Connection c, Alert alert, AlertEventKind kind, Instant at, @Nullable String actor)
            throws SQLException {
        long eventId = AlertStore.appendHistory(c, alert, kind, at, actor);
        AlertEvent event = new AlertEvent(eventId, kind, at, actor, alert);
        WebhookStore.enqueue(c, event, serialize(event), at);
        return event;
    }

    private String serialize(AlertEvent event) {
        try {
            return new String(json.writeValueAsBytes(event), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void validate(AlertRequest request) {
        if (request.subjectId().isBlank() || request.subjectId().length() > MAX_SUBJECT) {
            throw DoorplateException.badRequest("subjectId: expected 1.." + MAX_SUBJECT + " characters, found '"
                + request.subjectId() + "'");
        }
        if (!FAULT_TYPE.matcher(request.faultType()).matches()) {
            throw DoorplateException.badRequest("faultType: expected a lower-case name like tilted, found '"
                + request.faultType() + "'");
        }
        if (request.areaCode() != null && !AREA_CODE.matcher(request.areaCode()).matches()) {
            throw DoorplateException.badRequest("areaCode: expected 1..12 digits, found '"
                + request.areaCode() + "'");
        }
        if (request.message().isBlank() || request.message().length() > MAX_MESSAGE) {
            throw DoorplateException.badRequest("message: expected 1.." + MAX_MESSAGE + " characters");
        }
    }

    /** Runs a change in one transaction, then publishes its events. */
    private List<AlertEvent> change(SqlWork<List<AlertEvent>> work) {
        List<AlertEvent> changed = inTransaction(work);
        for (AlertEvent event : changed) {
            try {
                events.publishEvent(event);
            } catch (RuntimeException e) {
                // The change is committed and its webhooks queued; a failing listener must not
                // make the caller believe otherwise.
                LOG.warn("an alert event listener failed [event: {}]", event.eventId(), e);
            }
        }
        return changed;
    }

    private <T> T read(SqlWork<T> work) {
        return inTransaction(work);
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DoorplateException(ErrorStatus.UNAVAILABLE, "the alert store is unavailable", e);
        }
    }

    /** A unit of JDBC work inside a transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
