package org.doorplate.server.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.ingest.ServerProcess;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.ingest.TestIngestDevices;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.postgresql.PGConnection;

/**
 * The ingest benchmark (run by {@code bench/ingest.sh}, not by Surefire). In one run, on one
 * stream of sealed CBOR marker readings from {@value #DEVICES} devices over the real Mosquitto
 * and TimescaleDB on loopback, it measures:
 * (a) a plain Java COPY of the same rows into the readings hypertable,
 * (b) a Paho subscriber that does nothing with the stream,
 * (c) the server, MQTT to committed rows, once with the COPY writer and once with INSERT,
 * and the server's heap and RSS while it holds the 10,000 devices' state.
 *
 * <p>Publishers keep at most {@value #WINDOW} messages ahead of the consumer being measured:
 * Mosquitto queues at most 1000 messages per session by default and drops the rest, so an
 * open-loop publisher would measure the broker's losses, not the consumer.
 */
public final class IngestBenchmark {
    static final int DEVICES = 10_000;
    static final int WINDOW = 800;
    private static final int PUBLISHERS = 4;
    private static final Instant T0 = Instant.parse("2025-04-01T00:00:00Z");

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        String admin = System.getProperty("bench.db.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String database = "doorplate_bench_" + Long.toHexString(System.nanoTime());
        execute(admin, "CREATE DATABASE " + database);
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        Path work = Files.createTempDirectory("doorplate-bench-");
        Path devicesFile = work.resolve("devices.csv");
        try {
            List<DeviceKey> keys = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                keys.add(TestIngestDevices.writeTo(devicesFile, deviceId("c", d), DeviceKind.MARKER));
            }
            run(url, work, devicesFile, keys, messages);
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void run(String url, Path work, Path devicesFile, List<DeviceKey> keys, int messages)
            throws Exception {
        System.out.printf("ingest benchmark: %,d messages from %,d devices, loopback Mosquitto and TimescaleDB%n",
            messages, DEVICES);
        List<byte[]> stream = stream("c", keys, messages, 0);
        List<String> topics = topics("c", messages);

        ServerProcess server = ServerProcess.start(env(url, devicesFile, "COPY", "bench-copy"),
            work.resolve("server-copy.log"));
        double copyServer;
        String memory;
        try {
            double copyRate = copyBaseline(url, messages);
            System.out.printf("(a) Java COPY into readings:          %,10.0f rows/s%n", copyRate);
            double idleRate = idleSubscriber(stream, topics);
            System.out.printf("(b) Paho subscriber doing nothing:    %,10.0f msg/s%n", idleRate);
            copyServer = serverRate(url, "c", stream, topics, 0);
            System.out.printf("(c) server MQTT -> TimescaleDB, COPY: %,10.0f msg/s%n", copyServer);
            System.out.printf("    c/a = %.2f (goal >= 0.5), c/b = %.2f (goal >= 0.85)%n", copyServer / copyRate,
                copyServer / idleRate);
            memory = memory(server);
        } finally {
            server.stop();
        }
        // The INSERT writer on a second stream: new sequence numbers, so nothing is a duplicate.
        List<byte[]> second = stream("c", keys, messages, messages / DEVICES + 1);
        ServerProcess insert = ServerProcess.start(env(url, devicesFile, "INSERT", "bench-insert"),
            work.resolve("server-insert.log"));
        try {
            long before = count(url, "c");
            double insertServer = serverRate(url, "c", second, topics, before);
            System.out.printf("    server with the INSERT writer:    %,10.0f msg/s (COPY/INSERT = %.2f)%n",
                insertServer, copyServer / insertServer);
        } finally {
            insert.stop();
        }
        System.out.printf("server memory with %,d devices: %s%n", DEVICES, memory);
    }

    /** Sealed readings: message i comes from device i % DEVICES with its next sequence number. */
    private static List<byte[]> stream(String prefix, List<DeviceKey> keys, int messages, long firstSeq) {
        List<byte[]> payloads = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            int device = i % DEVICES;
            long seq = firstSeq + i / DEVICES + 1;
            payloads.add(TestDevices.cbor(keys.get(device), TestDevices.markerReading(deviceId(prefix, device), seq,
                T0.plusSeconds(seq * 300), 100)));
        }
        return payloads;
    }

    private static List<String> topics(String prefix, int messages) {
        List<String> topics = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            topics.add(Topics.uplink(deviceId(prefix, i % DEVICES)));
        }
        return topics;
    }

    private static String deviceId(String prefix, int device) {
        return prefix + "-" + device;
    }

    /** (a): the same rows a reading becomes, COPY'd straight into the hypertable in one statement. */
    private static double copyBaseline(String url, int messages) throws Exception {
        StringBuilder text = new StringBuilder(messages * 120);
        for (int i = 0; i < messages; i++) {
            long seq = i / DEVICES + 1;
            text.append(T0.plusSeconds(seq * 300)).append('\t').append("a-").append(i % DEVICES).append('\t')
                .append(seq).append('\t').append(Instant.now()).append("\t2\t3700\tf\t\\N\t\\N\t2\t409000000\t")
                .append("1116000000\t1050000\t90\t12\t100\t5100\t215\t-85\n");
        }
        byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            long start = System.nanoTime();
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY readings (time, device_id, seq,"
                + " received_at, kind, battery_mv, tamper, backlight, ambient_lux, fix_type, latitude_e7,"
                + " longitude_e7, height_mm, hdop_centi, satellites, tilt_centi_deg, solar_mv, temperature_deci_c,"
                + " signal_dbm) FROM STDIN", new java.io.ByteArrayInputStream(data));
            return messages / seconds(start);
        }
    }

    /** (b): a subscriber that only counts, acknowledging automatically. */
    private static double idleSubscriber(List<byte[]> stream, List<String> topics) throws Exception {
        AtomicLong received = new AtomicLong();
        MqttAsyncClient subscriber = new MqttAsyncClient("tcp://127.0.0.1:1883", "bench-idle-subscriber",
            new MemoryPersistence());
        subscriber.setCallback(new CountingCallback(received));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(1000);
        subscriber.connect(options).waitForCompletion(10_000);
        subscriber.subscribe(new MqttSubscription[] {new MqttSubscription("$share/bench-idle/" + Topics.UPLINK_FILTER,
            1)}, null, null, null).waitForCompletion(10_000);
        try {
            return publish(stream, topics, received::get, 0);
        } finally {
            subscriber.disconnect().waitForCompletion(5000);
            subscriber.close();
        }
    }

    /** (c): from the first publish to the last row committed. */
    private static double serverRate(String url, String prefix, List<byte[]> stream, List<String> topics,
                                     long before) throws Exception {
        AtomicLong stored = new AtomicLong(before);
        Thread poller = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    stored.set(count(url, prefix));
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        poller.setDaemon(true);
        poller.start();
        try {
            return publish(stream, topics, stored::get, before);
        } finally {
            poller.interrupt();
        }
    }

    /**
     * Publishes the stream from {@value #PUBLISHERS} clients, never more than {@value #WINDOW}
     * ahead of {@code consumed}, and answers messages per second until all are consumed.
     */
    private static double publish(List<byte[]> stream, List<String> topics, LongSupplier consumed, long offset)
            throws Exception {
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int p = 0; p < PUBLISHERS; p++) {
            MqttClient client = new MqttClient("tcp://127.0.0.1:1883", "bench-publisher-" + p, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options);
            Thread thread = new Thread(() -> {
                try {
                    for (long i = next.getAndIncrement(); i < stream.size(); i = next.getAndIncrement()) {
                        while (i - (consumed.getAsLong() - offset) > WINDOW) {
                            Thread.onSpinWait();
                        }
                        client.publish(topics.get((int) i), stream.get((int) i), 1, false);
                    }
                    client.disconnect();
                    client.close();
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (consumed.getAsLong() - offset < stream.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (consumed.getAsLong() - offset) + " of " + stream.size()
                    + " messages arrived");
            }
            Thread.sleep(5);
        }
        return stream.size() / seconds(start);
    }

    private static String memory(ServerProcess server) throws Exception {
        String status = Files.readString(Path.of("/proc", Long.toString(server.pid()), "status"));
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
        double heap = server.metricSum("jvm_memory_used_bytes", "area=\"heap\"");
        return String.format("heap used %.0f MB, RSS %s MB (%.1f KB RSS per device)", heap / 1e6,
            rss.find() ? Long.parseLong(rss.group(1)) / 1024 : -1, rss.find(0) ? Long.parseLong(rss.group(1))
                / (double) DEVICES : -1);
    }

    private static Map<String, String> env(String url, Path devicesFile, String mode, String group) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DOORPLATE_DB_URL", url);
        env.put("DOORPLATE_DB_USER", "postgres");
        env.put("DOORPLATE_DB_PASSWORD", "");
        env.put("DOORPLATE_MQTT_URL", "tcp://127.0.0.1:1883");
        env.put("DOORPLATE_MQTT_SHARED_GROUP", group);
        env.put("DOORPLATE_MQTT_CLIENT_ID", group + "-server");
        env.put("DOORPLATE_MQTT_SESSION_EXPIRY", "1m");
        env.put("DOORPLATE_TELEMETRY_WRITE_MODE", mode);
        env.put("DOORPLATE_TEST_INGEST_DEVICES", "true");
        env.put("DOORPLATE_TEST_DEVICES_FILE", devicesFile.toString());
        env.put("DOORPLATE_COAP_PORT", "0");
        env.put("DOORPLATE_COAPS_PORT", "0");
        env.put("DOORPLATE_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        env.put("DOORPLATE_DATA_DIR", Files.createTempDirectory("doorplate-bench-data-").toString());
        return env;
    }

    private static long count(String url, String prefix) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM readings WHERE device_id LIKE '"
                 + prefix + "-%'")) {
            rows.next();
            return rows.getLong(1);
        }
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

    private record CountingCallback(AtomicLong received) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
