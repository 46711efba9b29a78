package org.doorplate.server.ingest.coap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapter's Micrometer counters: {@code doorplate.coap.requests} by outcome,
 * {@code doorplate.coap.rejections} by reason and {@code doorplate.coap.dtls.handshakes} by
 * result ({@code success}, {@code failure}, {@code unknown_identity}). Tag values come from
 * fixed vocabularies, so the number of series stays bounded.
 */
@Singleton
final class CoapMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
    private final Counter handshakesSucceeded;
    private final Counter handshakesFailed;
    private final Counter identitiesRefused;

    CoapMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.handshakesSucceeded = handshakes("success");
        this.handshakesFailed = handshakes("failure");
        this.identitiesRefused = handshakes("unknown_identity");
    }

    /** Counts an answered uplink request; {@code outcome} is one of {@link Answer}'s names. */
    void request(Answer outcome) {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        requests.computeIfAbsent(name, n -> Counter.builder("doorplate.coap.requests")
            .description("Uplink requests on /up, by how they were answered")
            .tag("outcome", n)
            .register(registry)).increment();
    }

    /** Counts a refused uplink; {@code reason} is a fixed lower-case word. */
    void rejection(String reason) {
        rejections.computeIfAbsent(reason, r -> Counter.builder("doorplate.coap.rejections")
            .description("Uplink requests refused, by reason")
            .tag("reason", r)
            .register(registry)).increment();
    }

    void handshakeSucceeded() {
        handshakesSucceeded.increment();
    }

    void handshakeFailed() {
        handshakesFailed.increment();
    }

    /**
     * A PSK identity that is not an active device. Scandium then drops the handshake without an
     * alert (RFC 4279 2 allows either), so a prober learns nothing; the handshake itself is
     * counted as a failure only later, when it expires.
     */
    void identityRefused() {
        identitiesRefused.increment();
    }

    private Counter handshakes(String result) {
        return Counter.builder("doorplate.coap.dtls.handshakes")
            .description("DTLS handshakes on the coaps endpoint, by result")
            .tag("result", result)
            .register(registry);
    }

    /** How an uplink request was answered: the {@code outcome} tag. */
    enum Answer {
        STORED,
        DUPLICATE,
        REJECTED,
        UNAVAILABLE,
        FAILED
    }
}
