package org.doorplate.server.doorplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every scan as a time-series row without making the scan wait: {@link #record} only
 * offers to a bounded queue, and one writer thread inserts what has queued up in batches. When
 * the queue is full (the database is down or far behind), a scan is counted as dropped rather
 * than slowing the page: scan statistics are a trend, not a ledger.
 */
@Context
public class ScanRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ScanRecorder.class);
    private static final String INSERT = "INSERT INTO scans (scanned_at, plate_code, representation, language,"
            + " status) SELECT * FROM unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::smallint[])";

    private final DataSource dataSource;
    private final Clock clock;
    private final BlockingQueue<Scan> queue;
    private final int batchSize;
    private final ScheduledExecutorService writer;
    private final Counter recorded;
    private final Counter dropped;

    public ScanRecorder(DataSource dataSource, Clock clock, ScanConfiguration configuration, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(configuration.getQueueCapacity());
        this.batchSize = configuration.getBatchSize();
        this.recorded = meters.counter("doorplate.scans.recorded");
        this.dropped = meters.counter("doorplate.scans.dropped");
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "scan-writer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = configuration.getFlushInterval().toMillis();
        writer.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Queues a scan of a known plate; never blocks. */
    public void record(String plateCode, Negotiation.Kind kind, Language language, int status) {
        Scan scan = new Scan(clock.millis(), plateCode, kind, language, status);
        if (!queue.offer(scan)) {
            dropped.increment();
        }
    }

    /** Writes everything queued so far; runs on the writer thread (and at shutdown). */
    void flush() {
        List<Scan> batch = new ArrayList<>(batchSize);
        while (queue.drainTo(batch, batchSize) > 0) {
            try {
                write(batch);
                recorded.increment(batch.size());
            } catch (SQLException e) {
                dropped.increment(batch.size());
                LOG.warn("scans dropped [count: {}]: {}", batch.size(), e.getMessage());
            } catch (RuntimeException e) {
                dropped.increment(batch.size());
                LOG.warn("scans dropped [count: {}]", batch.size(), e);
            }
            batch.clear();
        }
    }

    @PreDestroy
    void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private void write(List<Scan> batch) throws SQLException {
        int size = batch.size();
        Timestamp[] times = new Timestamp[size];
        String[] codes = new String[size];
        String[] kinds = new String[size];
        String[] languages = new String[size];
        Short[] statuses = new Short[size];
        for (int i = 0; i < size; i++) {
            Scan scan = batch.get(i);
            times[i] = new Timestamp(scan.atMillis());
            codes[i] = scan.plateCode();
            kinds[i] = scan.kind().name().toLowerCase(Locale.ROOT);
            languages[i] = scan.language().name().toLowerCase(Locale.ROOT);
            statuses[i] = (short) scan.status();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            Array timeArray = c.createArrayOf("timestamptz", times);
            s.setArray(1, timeArray);
            s.setArray(2, c.createArrayOf("text", codes));
            s.setArray(3, c.createArrayOf("text", kinds));
            s.setArray(4, c.createArrayOf("text", languages));
            s.setArray(5, c.createArrayOf("int2", statuses));
            s.executeUpdate();
        }
    }

    private record Scan(long atMillis, String plateCode, Negotiation.Kind kind, Language language, int status) {
    }
}
