package org.doorplate.server.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.ingest.ServerProcess;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.postgresql.PGConnection;

/**
 * The ingest benchmark (run by {@code bench/ingest.sh}, not by Surefire). In one run, on one
 * stream of sealed CBOR marker readings over a Mosquitto of its own and the machine's
 * TimescaleDB, all on loopback, it measures:
 * (a) a plain Java COPY of the same rows into the readings hypertable, in one statement;
 * (b) a Paho subscriber that does nothing with the stream;
 * (c) the packaged server ({@code java -jar}), from the first publish to the last row
 * committed, once with the INSERT writer (the default) and once with the COPY writer;
 * and the server's RSS and heap with {@value #FLEET} more markers, provisioned through the bulk
 * CSV import, each sending.
 *
 * <p>Every consumer first takes a warm-up stream from those {@value #FLEET} markers (untimed),
 * then the timed stream; the readings table is emptied before each timed writer so that each
 * writes into the same empty hypertable.
 */
public final class IngestBenchmark {
    static final int FLEET = 10_000;
    /**
     * Warm-up readings per fleet marker. With two, the JIT compiler threads still took more CPU
     * during the timed stream than any thread of the server's own (a per-thread CPU sample of
     * the server); eight bring the server to its compiled steady state first.
     */
    private static final int FLEET_READINGS = 8;
    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final Duration MEMORY_POLL = Duration.ofMillis(5);
    /**
     * A count over the stream's rows costs the database a few milliseconds: polled every 50 ms
     * it takes little from the server measured, and the end of a run of several seconds is
     * still known to about one per cent.
     */
    private static final Duration SQL_POLL = Duration.ofMillis(50);

    private final Settings settings;
    private final Path work;
    private final String url;

    private IngestBenchmark(Settings settings, Path work, String url) {
        this.settings = settings;
        this.work = work;
        this.url = url;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.of(args);
        String admin = System.getProperty("bench.db.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String database = "doorplate_bench_" + Long.toHexString(System.nanoTime());
        execute(admin, "CREATE DATABASE " + database);
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        Path work = Files.createTempDirectory("doorplate-bench-");
        try {
            new IngestBenchmark(settings, work, url).run();
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        System.out.println("logs of the broker and the servers: " + work);
    }

    private void run() throws Exception {
        try (PrivateMosquitto broker = PrivateMosquitto.start(work, settings.inflight())) {
            List<String> rateIds = ids("r", settings.devices());
            List<String> fleetIds = ids("f", FLEET);
            Map<String, DeviceKey> keys = provision(broker, rateIds, fleetIds);
            BenchStream fleet = BenchStream.of(fleetIds, keys, FLEET * FLEET_READINGS, T0.minus(Duration.ofDays(1)));
            BenchStream stream = BenchStream.of(rateIds, keys, settings.messages(), T0);
            header(rateIds.size() + fleetIds.size());

            double copy = copyBaseline(stream);
            System.out.printf("(a) Java COPY into readings, one statement:  %,9.0f rows/s%n", copy);
            Rate idle = idleSubscriber(broker, fleet, stream);
            System.out.printf("(b) Paho subscriber doing nothing:           %,9.0f msg/s   %s%n", idle.perSecond(),
                idle.publishers());
            ServerRun insertWriter = server(broker, "INSERT", fleet, stream);
            System.out.printf("(c) server MQTT -> TimescaleDB, INSERT writer (default): %,9.0f msg/s   %s%n",
                insertWriter.rate().perSecond(), insertWriter.rate().publishers());
            emptyTelemetry();
            ServerRun copyWriter = server(broker, "COPY", fleet, stream);
            System.out.printf("    the same, COPY writer:                               %,9.0f msg/s   %s%n",
                copyWriter.rate().perSecond(), copyWriter.rate().publishers());
            summary(copy, idle, insertWriter, copyWriter, rateIds.size() + fleetIds.size());
        }
    }

    /** Registers every device through the bulk CSV import of a first server, which then stops. */
    private Map<String, DeviceKey> provision(PrivateMosquitto broker, List<String> rateIds, List<String> fleetIds)
            throws Exception {
        ServerProcess server = startServer(broker, "COPY", "bench-setup");
        try {
            List<String> all = new ArrayList<>(rateIds);
            all.addAll(fleetIds);
            return server.importDevices(all, "marker");
        } finally {
            server.stop();
        }
    }

    private void header(int devices) throws Exception {
        System.out.printf("ingest benchmark, %s: %,d readings from %,d markers, QoS 1, CBOR%n",
            Instant.now().truncatedTo(ChronoUnit.SECONDS), settings.messages(), settings.devices());
        System.out.printf("machine: %d cores, load average %s (1, 5, 15 min); %s, TimescaleDB %s, loopback%n",
            Runtime.getRuntime().availableProcessors(), Machine.loadAverage(), Machine.mosquittoVersion(),
            timescaleVersion());
        System.out.printf("publishers: %d asynchronous Paho clients, %d in flight each; receive maximum %d%n",
            settings.publishers(), settings.inflight(), settings.receiveMaximum());
        System.out.printf("server: java %s -jar doorplate-server.jar %s%n", String.join(" ", settings.serverJvm()),
            settings.serverEnv().isEmpty() ? "" : settings.serverEnv());
        System.out.printf("warm-up before each timed stream: %,d readings from %,d other markers;"
            + " %,d devices registered%n", FLEET * FLEET_READINGS, FLEET, devices);
    }

    /** (a): the rows the stream becomes, COPY'd straight into the hypertable; then removed again. */
    private double copyBaseline(BenchStream stream) throws Exception {
        byte[] rows = stream.copyRows(Instant.now().truncatedTo(ChronoUnit.MICROS));
        double rate;
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            long start = System.nanoTime();
            long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY readings ("
                + BenchStream.COPY_COLUMNS + ") FROM STDIN", new ByteArrayInputStream(rows));
            rate = copied / seconds(start);
        }
        emptyTelemetry();
        return rate;
    }

    /** (b): a subscriber in a shared group of its own that only counts, acknowledging automatically. */
    private Rate idleSubscriber(PrivateMosquitto broker, BenchStream fleet, BenchStream stream) throws Exception {
        broker.restart();
        AtomicLong received = new AtomicLong();
        MqttAsyncClient subscriber = new MqttAsyncClient(broker.url(), "bench-idle", new MemoryPersistence());
        subscriber.setCallback(new CountingCallback(received));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(settings.receiveMaximum());
        subscriber.connect(options).waitForCompletion(10_000);
        subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.sharedUplinkSubscription(
            "bench-idle"), Topics.QOS)}, null, null, null).waitForCompletion(10_000);
        try (BurstPublisher publisher = publisher(broker, "bench-idle-pub")) {
            measure(publisher, fleet, received::get, MEMORY_POLL);
            long before = received.get();
            return measure(publisher, stream, () -> received.get() - before, MEMORY_POLL);
        } finally {
            subscriber.disconnect().waitForCompletion(5000);
            subscriber.close();
        }
    }

    /** (c): a fresh server; warm-up stream, memory, timed stream, memory again. */
    private ServerRun server(PrivateMosquitto broker, String mode, BenchStream fleet, BenchStream stream)
            throws Exception {
        // A fresh broker: the previous consumer's session would otherwise queue a copy of
        // everything published while this one is measured.
        broker.restart();
        ServerProcess server = startServer(broker, mode, "bench-" + mode.toLowerCase());
        try (RowCounter rows = new RowCounter(url);
             BurstPublisher publisher = publisher(broker, "bench-" + mode.toLowerCase() + "-pub")) {
            Machine.Memory started = Machine.memory(server);
            measure(publisher, fleet, () -> rows.count(fleet.start(), stream.start()), SQL_POLL);
            Rate rate = measure(publisher, stream, () -> rows.count(stream.start(), RowCounter.END), SQL_POLL);
            Machine.Memory after = Machine.memory(server);
            rows.requireStoredOnce(stream.start(), stream.size());
            double rejected = server.metricSum("doorplate_ingest_rejected_total", "");
            if (rejected > 0) {
                throw new IllegalStateException("the " + mode + " server rejected " + rejected + " uplinks");
            }
            double unavailable = server.metricSum("doorplate_ingest_uplinks_total", "outcome=\"unavailable\"");
            System.out.printf("    %s: %,.0f submissions answered 'unavailable' and held for a retry%n", mode,
                unavailable);
            return new ServerRun(rate, started, after);
        } finally {
            server.stop();
        }
    }

    private ServerProcess startServer(PrivateMosquitto broker, String mode, String group) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DOORPLATE_DB_URL", url);
        env.put("DOORPLATE_DB_USER", "postgres");
        env.put("DOORPLATE_DB_PASSWORD", "");
        env.put("DOORPLATE_MQTT_URL", broker.url());
        env.put("DOORPLATE_MQTT_SHARED_GROUP", group);
        env.put("DOORPLATE_MQTT_CLIENT_ID", group + "-server");
        env.put("DOORPLATE_MQTT_SESSION_EXPIRY", "1m");
        env.put("DOORPLATE_MQTT_RECEIVE_MAXIMUM", Integer.toString(settings.receiveMaximum()));
        env.put("DOORPLATE_TELEMETRY_WRITE_MODE", mode);
        env.put("DOORPLATE_COAP_PORT", Integer.toString(ServerProcess.freePort()));
        env.put("DOORPLATE_COAPS_PORT", Integer.toString(ServerProcess.freePort()));
        env.put("DOORPLATE_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        env.put("DOORPLATE_DATA_DIR", Files.createTempDirectory(work, "data-").toString());
        env.putAll(settings.serverEnv());
        return ServerProcess.startJar(settings.jar(), env, work.resolve("server-" + group + ".log"),
            settings.serverJvm().toArray(String[]::new));
    }

    private BurstPublisher publisher(PrivateMosquitto broker, String name) throws MqttException {
        return new BurstPublisher(broker.url(), name, settings.publishers(), settings.inflight());
    }

    /** Publishes a stream and answers the rate from the first publish until all were consumed. */
    private static Rate measure(BurstPublisher publisher, BenchStream stream, LongSupplier consumed,
                                Duration poll) throws Exception {
        BurstPublisher.Publication publication = publisher.start(stream.messages());
        long deadline = publication.startedNanos() + TIMEOUT.toNanos();
        while (consumed.getAsLong() < stream.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + consumed.getAsLong() + " of " + stream.size()
                    + " messages were consumed within " + TIMEOUT);
            }
            Thread.sleep(poll.toMillis());
        }
        long done = System.nanoTime();
        double published = publication.awaitAcknowledged(TIMEOUT.toMillis());
        double seconds = (done - publication.startedNanos()) / 1e9;
        return new Rate(stream.size() / seconds, seconds, published);
    }

    private void emptyTelemetry() throws SQLException {
        execute(url, "TRUNCATE readings, device_events, device_state");
    }

    private void summary(double copy, Rate idle, ServerRun insertWriter, ServerRun copyWriter, int devices)
            throws Exception {
        double c = insertWriter.rate().perSecond();
        System.out.printf("    c/a = %.2f (goal >= 0.5), c/b = %.2f (goal >= 0.85), INSERT/COPY writer = %.2f%n",
            c / copy, c / idle.perSecond(), c / copyWriter.rate().perSecond());
        System.out.printf("server memory, INSERT run (heap live = used after a full GC):%n");
        System.out.printf("    started, no uplink yet:          %s%n", insertWriter.started());
        System.out.printf("    after %,d devices sent:      %s%n", devices, insertWriter.after());
        System.out.printf("    live heap per device that sent: %,.0f bytes%n",
            (insertWriter.after().liveHeapBytes() - insertWriter.started().liveHeapBytes()) / devices);
        System.out.printf("    COPY run, after:                 %s%n", copyWriter.after());
        System.out.printf("load average at the end: %s%n", Machine.loadAverage());
    }

    private String timescaleVersion() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery(
                 "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
            return rows.next() ? rows.getString(1) : "absent";
        }
    }

    private static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%s-%05d", prefix, i));
        }
        return ids;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * A consumer's rate.
     *
     * @param perSecond messages per second, first publish to last consumed
     * @param seconds that time
     * @param published seconds until the broker had acknowledged the last publish
     */
    record Rate(double perSecond, double seconds, double published) {
        String publishers() {
            return String.format("(%.2f s; publishers done after %.2f s)", seconds, published);
        }
    }

    /** One server's timed rate and its memory before and after. */
    record ServerRun(Rate rate, Machine.Memory started, Machine.Memory after) {
    }
}
