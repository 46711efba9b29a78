package org.doorplate.server.alert;

import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox: posts each event, signed, and retries failures with exponential
 * back-off (doubling from {@code webhook-retry-initial} up to {@code webhook-retry-max}, with up
 * to 20% random spread so that endpoints coming back are not hit by every server at once).
 *
 * <p>Each endpoint gets its events in order: only its oldest pending event is attempted, so one
 * that is down holds back its own queue and nobody else's. A claimed delivery is leased for
 * twice the timeout; a server that dies mid-delivery leaves it to be retried when the lease
 * ends. That is the one case in which an endpoint can see an event twice (it arrived but was not
 * yet marked delivered), which is why every delivery carries the event id in
 * {@link WebhookSignature#EVENT_HEADER}: receivers drop an id they have seen.
 */
@Singleton
public class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final AlertConfiguration config;
    private final HttpClient http;
    private final ExecutorService executor;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean closed;

    public WebhookDispatcher(DataSource dataSource, BeanProvider<Clock> clock, AlertConfiguration config) {
        this.dataSource = dataSource;
        // The server's clock bean where there is one (tests move time with it), else the system's.
        this.clock = clock.orElse(Clock.systemUTC());
        this.config = config;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "webhook-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        // The client keeps its own threads: the dispatch thread waits for the responses.
        this.http = HttpClient.newBuilder().connectTimeout(config.getWebhookTimeout())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A new event may have queued deliveries: look now rather than at the next tick. */
    @EventListener
    void onAlertEvent(AlertEvent event) {
        wake();
    }

    @Scheduled(fixedDelay = "${doorplate.alerts.webhook-dispatch-interval:1s}",
        initialDelay = "${doorplate.alerts.webhook-dispatch-interval:1s}")
    void tick() {
        wake();
    }

    private void wake() {
        if (!closed && pending.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        pending.set(false);
        try {
            while (!closed && dispatchOnce() > 0) {
                // Each success may have made the endpoint's next event due: keep going.
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("webhook dispatch failed; retrying at the next tick: {}", e.getMessage());
        }
    }

    /** Attempts every due delivery once; returns how many succeeded. */
    private int dispatchOnce() throws SQLException {
        Instant now = clock.instant();
        List<WebhookStore.Delivery> due;
        try (Connection c = dataSource.getConnection()) {
            due = WebhookStore.claimDue(c, now, now.plus(config.getWebhookTimeout().multipliedBy(2)));
        }
        if (due.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Boolean>> attempts = new ArrayList<>();
        for (WebhookStore.Delivery delivery : due) {
            attempts.add(send(delivery));
        }
        int delivered = 0;
        for (CompletableFuture<Boolean> attempt : attempts) {
            delivered += attempt.join() ? 1 : 0;
        }
        return delivered;
    }

    private CompletableFuture<Boolean> send(WebhookStore.Delivery delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(config.getWebhookTimeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.sign(delivery.secret(), body))
                .header(WebhookSignature.EVENT_HEADER, Long.toString(delivery.eventId()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(outcome(delivery, "bad url: " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
            .handle((response, failure) -> {
                if (failure != null) {
                    return outcome(delivery, failure.getClass().getSimpleName() + ": " + failure.getMessage());
                }
                int status = response.statusCode();
                return outcome(delivery, status >= 200 && status < 300 ? null : "HTTP " + status);
            });
    }

    /** Records the attempt's outcome ({@code error} null: delivered); returns whether it was delivered. */
    private boolean outcome(WebhookStore.Delivery delivery, String error) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            if (error == null) {
                WebhookStore.delivered(c, delivery.id(), now);
                LOG.debug("webhook delivered [webhook: {}, event: {}, attempt: {}]", delivery.webhookId(),
                    delivery.eventId(), delivery.attempt());
                return true;
            }
            Instant retryAt = delivery.attempt() >= config.getWebhookMaxAttempts() ? null
                : now.plus(backoff(delivery.attempt()));
            WebhookStore.failed(c, delivery.id(), error, retryAt, now);
            if (retryAt == null) {
                LOG.warn("webhook delivery given up [webhook: {}, event: {}, attempts: {}]: {}",
                    delivery.webhookId(), delivery.eventId(), delivery.attempt(), error);
            } else {
                LOG.debug("webhook delivery failed [webhook: {}, event: {}, attempt: {}], retry at {}: {}",
                    delivery.webhookId(), delivery.eventId(), delivery.attempt(), retryAt, error);
            }
        } catch (SQLException e) {
            // The lease runs out and the delivery is attempted again.
            LOG.warn("could not record a webhook attempt [webhook: {}, event: {}]: {}", delivery.webhookId(),
                delivery.eventId(), e.getMessage());
        }
        return false;
    }

    /** The wait after the given failed attempt (1-based). */
    Duration backoff(int attempt) {
        Duration max = config.getWebhookRetryMax();
        Duration base = config.getWebhookRetryInitial();
        Duration wait = attempt > 30 ? max : base.multipliedBy(1L << Math.min(attempt - 1, 30));
        if (wait.compareTo(max) > 0 || wait.isNegative()) {
            wait = max;
        }
        long spread = wait.toMillis() / 5;
        return wait.plusMillis(spread > 0 ? ThreadLocalRandom.current().nextLong(spread + 1) : 0);
    }

    @PreDestroy
    void close() {
        closed = true;
        executor.shutdown();
    }
}
