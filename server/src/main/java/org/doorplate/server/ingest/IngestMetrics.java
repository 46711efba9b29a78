package org.doorplate.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of the pipeline: {@code doorplate.ingest.rejected{transport,reason}} and
 * {@code doorplate.ingest.uplinks{transport,outcome}}. Built once, so the hot path only increments.
 */
@Singleton
final class IngestMetrics {
    private final Map<Transport, Map<RejectReason, Counter>> rejected = new EnumMap<>(Transport.class);
    private final Map<Transport, Counter[]> outcomes = new EnumMap<>(Transport.class);

    IngestMetrics(MeterRegistry meters) {
        for (Transport transport : Transport.values()) {
            String tag = transport.name().toLowerCase();
            Map<RejectReason, Counter> byReason = new EnumMap<>(RejectReason.class);
            for (RejectReason reason : RejectReason.values()) {
                byReason.put(reason, Counter.builder("doorplate.ingest.rejected")
                    .description("uplinks refused, by transport and reason")
                    .tag("transport", tag).tag("reason", reason.name().toLowerCase()).register(meters));
            }
            rejected.put(transport, byReason);
            outcomes.put(transport, new Counter[] {
                outcome(meters, tag, "stored"), outcome(meters, tag, "duplicate"),
                outcome(meters, tag, "unavailable")});
        }
    }

    void rejected(Transport transport, RejectReason reason) {
        rejected.get(transport).get(reason).increment();
    }

    void stored(Transport transport) {
        outcomes.get(transport)[0].increment();
    }

    void duplicate(Transport transport) {
        outcomes.get(transport)[1].increment();
    }

    void unavailable(Transport transport) {
        outcomes.get(transport)[2].increment();
    }

    private static Counter outcome(MeterRegistry meters, String transport, String outcome) {
        return Counter.builder("doorplate.ingest.uplinks")
            .description("uplinks answered, by transport and outcome (rejections counted apart)")
            .tag("transport", transport).tag("outcome", outcome).register(meters);
    }
}
