package org.doorplate.server.alert;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The live feed of alert events behind {@code GET /api/v1/alerts/stream}. It keeps the latest
 * {@link #REPLAY} events so that a client that reconnects with {@code Last-Event-ID} gets what
 * it missed, and a new client starts at the present without a gap.
 *
 * <p>The feed carries the events of this server instance only; with several instances behind a
 * load balancer a client sees the changes made by the instance it is connected to. The MQTT area
 * topics carry every instance's events.
 */
@Singleton
public class AlertStream {
    /** Events kept for clients that reconnect. */
    static final int REPLAY = 1_000;

    private final Sinks.Many<AlertEvent> sink = Sinks.many().replay().limit(REPLAY);
    private volatile long lastEventId;

    @EventListener
    synchronized void onAlertEvent(AlertEvent event) {
        // Synchronized: a sink refuses concurrent emissions instead of queueing them.
        sink.tryEmitNext(event);
        lastEventId = Math.max(lastEventId, event.eventId());
    }

    /**
     * The events after {@code afterEventId} (as far as they are still kept), then every new one.
     *
     * @param afterEventId the last event the client has, or null to start from now
     */
    public Flux<AlertEvent> events(Long afterEventId) {
        long after = afterEventId != null ? afterEventId : lastEventId;
        return sink.asFlux().filter(event -> event.eventId() > after);
    }
}
