package org.doorplate.server.telemetry;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** Storage of readings and events: the batch writer, retention and queries. */
@ConfigurationProperties("doorplate.telemetry")
public interface TelemetryConfiguration {
    /**
     * How batches are written: {@code insert} (multi-row INSERT) or {@code copy} (COPY into a
     * staging table, then INSERT ... SELECT). INSERT by default: at batches of up to a thousand
     * rows the staging detour costs more than COPY's cheaper parsing saves (bench/ingest.sh,
     * which measures both in one run, found INSERT faster).
     */
    @Bindable(defaultValue = "INSERT")
    WriteMode getWriteMode();

    /** Most uplinks the intake queue holds; when it is full, submissions answer Unavailable. */
    @Bindable(defaultValue = "20000")
    @Min(1)
    int getQueueCapacity();

    /**
     * Most uplinks written in one transaction: half the MQTT receive maximum, so one batch
     * fills while the other is written. bench/ingest.sh gave 16,607 and 20,281 msg/s at 2,500
     * against 14,675 to 17,911 at 1,000: a gain about the size of the run-to-run spread.
     */
    @Bindable(defaultValue = "2500")
    @Min(1)
    @Max(100_000)
    int getBatchMaxRows();

    /** Longest time the writer waits for more uplinks before it writes a batch that is not full. */
    @Bindable(defaultValue = "5ms")
    Duration getBatchMaxWait();

    /** First pause before a failed batch is written again; it doubles up to the maximum. */
    @Bindable(defaultValue = "100ms")
    Duration getRetryInitialDelay();

    /** Longest pause between attempts to write a failed batch. */
    @Bindable(defaultValue = "5s")
    Duration getRetryMaxDelay();

    /** The wait a device is told while storage is down or the queue is full (CoAP Max-Age). */
    @Bindable(defaultValue = "30s")
    Duration getUnavailableRetryAfter();

    /** How long readings are kept; a yearly joint boundary inspection looks back a year. */
    @Bindable(defaultValue = "400d")
    Duration getReadingsRetention();

    /** How long events, command results and batch headers are kept. */
    @Bindable(defaultValue = "800d")
    Duration getEventsRetention();

    /** How often the server itself drops expired data where the database has no retention policy. */
    @Bindable(defaultValue = "1h")
    Duration getRetentionInterval();

    /** Most rows one telemetry query answers. */
    @Bindable(defaultValue = "10000")
    @Min(1)
    int getQueryMaxRows();

    /** How batches reach the database. */
    enum WriteMode {
        /** COPY into a temporary staging table, then INSERT ... SELECT ... ON CONFLICT DO NOTHING. */
        COPY,
        /** Multi-row INSERT ... VALUES ... ON CONFLICT DO NOTHING. */
        INSERT
    }
}
