package org.doorplate.server.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.ReadingBatch;
import org.doorplate.server.ingest.StoredUplink;
import org.doorplate.server.ingest.UplinksStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the intake queue into batches and writes each batch, with the device-state upsert, in
 * one transaction; only after the commit does it complete the uplinks' futures, which is when
 * transports acknowledge. A batch that fails is kept and written again with back-off until the
 * database takes it; meanwhile {@link #offer} refuses new uplinks, so nothing is acknowledged
 * that is not stored and intake stops instead of piling up.
 *
 * <p>One writer thread: batches commit in queue order and the database sees one writer per
 * server instance, which is what a COPY-based path wants.
 */
@Singleton
public final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final TelemetryConfiguration config;
    private final BatchStore store;
    private final ApplicationEventPublisher<UplinksStored> events;
    private final BlockingQueue<UplinkWrite> queue;
    private final Thread thread;
    private final Counter batches;
    private final Counter failures;
    private final DistributionSummary batchSize;
    private final Timer writeTime;
    private volatile boolean storageUp = true;
    private volatile boolean accepting = true;
    private volatile long stopDeadline = Long.MAX_VALUE;

    BatchWriter(DataSource dataSource, TelemetryConfiguration config,
                ApplicationEventPublisher<UplinksStored> events, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config;
        this.store = config.getWriteMode() == TelemetryConfiguration.WriteMode.COPY
            ? new CopyBatchStore()
            : new InsertBatchStore();
        this.events = events;
        this.queue = new ArrayBlockingQueue<>(config.getQueueCapacity());
        this.batches = meters.counter("doorplate.telemetry.batches");
        this.failures = meters.counter("doorplate.telemetry.write.failures");
        this.batchSize = DistributionSummary.builder("doorplate.telemetry.batch.size").register(meters);
        this.writeTime = Timer.builder("doorplate.telemetry.batch.write").register(meters);
        Gauge.builder("doorplate.ingest.queue.depth", queue, BlockingQueue::size)
            .description("uplinks waiting for the batch writer").register(meters);
        Gauge.builder("doorplate.telemetry.storage.up", this, w -> w.storageUp ? 1 : 0).register(meters);
        this.thread = new Thread(this::run, "telemetry-writer");
        this.thread.setDaemon(true);
        this.thread.start();
        LOG.info("batch writer started [mode: {}, queue: {}, batch: {} rows / {}]", config.getWriteMode(),
            config.getQueueCapacity(), config.getBatchMaxRows(), config.getBatchMaxWait());
    }

    /**
     * Queues an uplink for the next batch.
     *
     * @return false, at once, when storage is known to be down, the queue is full or the writer
     *     is stopping; the uplink is then not queued and its future never completes
     */
    public boolean offer(UplinkWrite write) {
        return accepting && storageUp && queue.offer(write);
    }

    /** How long a refused device should wait before it sends again. */
    public Duration retryAfter() {
        return config.getUnavailableRetryAfter();
    }

    /** Whether the last write reached the database. */
    public boolean storageUp() {
        return storageUp;
    }

    /** Uplinks waiting to be written. */
    public int queueDepth() {
        return queue.size();
    }

    /**
     * Stops intake and writes what is queued, waiting up to ten seconds while the database
     * is down; uplinks still unwritten then fail (their transports do not acknowledge
     * them, so devices and the broker send them again).
     */
    @PreDestroy
    public void stop() {
        accepting = false;
        stopDeadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        try {
            thread.join(STOP_TIMEOUT.plusSeconds(1).toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<UplinkWrite> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(w -> w.result().completeExceptionally(new IllegalStateException("the writer stopped")));
        LOG.info("batch writer stopped [unwritten: {}]", left.size());
    }

    private void run() {
        List<UplinkWrite> batch = new ArrayList<>(config.getBatchMaxRows());
        while (accepting || !queue.isEmpty()) {
            try {
                UplinkWrite first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                writeUntilStored(batch);
            } catch (InterruptedException e) {
                batch.forEach(w -> w.result().completeExceptionally(e));
                return;
            } catch (RuntimeException e) {
                // A bug, not an outage: fail this batch (nothing acknowledged) and keep writing.
                LOG.error("batch writer failed on a batch of {} uplinks", batch.size(), e);
                batch.forEach(w -> w.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void fill(List<UplinkWrite> batch) throws InterruptedException {
        int max = config.getBatchMaxRows();
        queue.drainTo(batch, max - batch.size());
        long deadline = System.nanoTime() + config.getBatchMaxWait().toNanos();
        while (batch.size() < max) {
            long wait = deadline - System.nanoTime();
            UplinkWrite next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, max - batch.size());
        }
    }

    private void writeUntilStored(List<UplinkWrite> batch) throws InterruptedException {
        PreparedBatch prepared = PreparedBatch.of(batch);
        long delay = config.getRetryInitialDelay().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                long start = System.nanoTime();
                Set<RowKey> inserted = write(prepared);
                writeTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                if (!storageUp) {
                    LOG.info("storage is back: batch of {} uplinks written after {} attempts",
                        batch.size(), attempt);
                }
                storageUp = true;
                batches.increment();
                batchSize.record(batch.size());
                complete(prepared, inserted, attempt > 1);
                return;
            } catch (SQLException e) {
                failures.increment();
                if (storageUp) {
                    LOG.warn("storage write failed; holding a batch of {} uplinks and refusing intake until "
                        + "it is written: {}", batch.size(), e.getMessage());
                }
                storageUp = false;
                if (System.nanoTime() > stopDeadline) {
                    throw new InterruptedException("stopping while storage is down");
                }
                Thread.sleep(delay);
                delay = Math.min(delay * 2, config.getRetryMaxDelay().toMillis());
            }
        }
    }

    private Set<RowKey> write(PreparedBatch prepared) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                store.prepare(connection);
                Set<RowKey> inserted = new HashSet<>();
                if (!prepared.readings().isEmpty()) {
                    inserted.addAll(store.insert(connection, TelemetryTable.READINGS, prepared.readings()));
                }
                if (!prepared.events().isEmpty()) {
                    inserted.addAll(store.insert(connection, TelemetryTable.EVENTS, prepared.events()));
                }
                prepared.state().apply(connection);
                connection.commit();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /**
     * Completes the futures, then publishes what is new. After a failed attempt the commit may
     * have happened without this writer hearing of it; every uplink of such a batch is then
     * published (detectors see it at least once) and rows found already stored count as stored.
     */
    private void complete(PreparedBatch prepared, Set<RowKey> inserted, boolean retried) {
        List<StoredUplink> fresh = new ArrayList<>(prepared.writes().size());
        // A message and its replay can share one batch; the row is new for the first only, so
        // each inserted key is claimed once.
        Set<RowKey> unclaimed = new HashSet<>(inserted);
        for (int i = 0; i < prepared.writes().size(); i++) {
            UplinkWrite write = prepared.writes().get(i);
            boolean isNew = retried || unclaimed.remove(prepared.keys().get(i));
            if (write.message() instanceof ReadingBatch readingBatch) {
                for (BatchEntry entry : readingBatch.entries()) {
                    if (retried || unclaimed.remove(UplinkRows.key(entry))) {
                        fresh.add(new StoredUplink(entry.deviceId(), write.kind(), entry, write.receivedAt()));
                    }
                }
            } else if (isNew) {
                fresh.add(new StoredUplink(write.message().deviceId(), write.kind(), write.message(),
                    write.receivedAt()));
            }
            write.result().complete(isNew);
        }
        if (fresh.isEmpty()) {
            return;
        }
        try {
            events.publishEvent(new UplinksStored(fresh));
        } catch (RuntimeException e) {
            LOG.error("a listener of stored uplinks failed", e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed: {}", e.getMessage());
        }
    }
}
