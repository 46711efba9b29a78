package org.doorplate.server.bench;

import java.io.ByteArrayInputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.ingest.ServerProcess;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.ingest.coap.DtlsTestClient;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.postgresql.PGConnection;

/**
 * The CoAP ingest benchmark (run by {@code bench/coap.sh}, not by Surefire). In one run, on the
 * real TimescaleDB on loopback, it measures:
 * (a) a plain Java COPY of the rows that the readings become, into the readings hypertable;
 * (b) the server as a child JVM, CoAP over DTLS to committed rows: many devices, each with its
 * own DTLS session, each sending sealed CBOR marker readings as CON requests one at a time
 * (NSTART = 1, RFC 7252 4.7), each counted when its 2.04 arrives (which means committed).
 *
 * <p>The devices run in this JVM on the same two cores as the server, so (b) pays for the
 * client side of DTLS too: a real fleet brings its own CPUs.
 */
public final class CoapIngestBenchmark {
    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);
    private static final int HANDSHAKES_AT_ONCE = 4;
    /**
     * Untimed readings per device between the handshakes and the timed stream: without them the
     * timed stream of a fresh server JVM mostly measured its JIT compiler (as in the MQTT
     * benchmark, where a per-thread CPU sample showed it).
     */
    private static final int WARM_UP_READINGS = 10;

    private CoapIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perDevice = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String admin = System.getProperty("bench.db.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String database = "doorplate_coap_bench_" + Long.toHexString(System.nanoTime());
        execute(admin, "CREATE DATABASE " + database);
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        Path work = Files.createTempDirectory("doorplate-coap-bench-");
        try {
            run(url, work, devices, perDevice);
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void run(String url, Path work, int devices, int perDevice) throws Exception {
        int messages = devices * perDevice;
        System.out.printf("coap benchmark: %,d timed CON readings from %,d DTLS devices (%,d each),"
            + " loopback TimescaleDB%n", messages, devices, perDevice);
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            ids.add("coap-" + d);
        }
        int coapsPort = freeUdpPort();
        // The server runs with the optimizing compiler, as in production (the helper's default
        // stops at C1 for quick starts in the fault tests).
        String[] jvm = System.getProperty("bench.server.jvm", "-XX:TieredStopAtLevel=4").split("\\|");
        try (ServerProcess server = ServerProcess.start(env(url, coapsPort), work.resolve("server.log"), jvm)) {
            // Registered through the bulk CSV import, as an operator would.
            Map<String, DeviceKey> imported = server.importDevices(ids, "marker");
            List<DeviceKey> keys = ids.stream().map(imported::get).toList();
            double copyRate = copyBaseline(url, messages);
            System.out.printf("(a) Java COPY into readings:            %,10.0f rows/s%n", copyRate);
            double coapRate = coapRate(ids, keys, perDevice, new InetSocketAddress("127.0.0.1", coapsPort));
            System.out.printf("(b) server CoAP/DTLS -> TimescaleDB:    %,10.0f msg/s%n", coapRate);
            System.out.printf("    b/a = %.2f (goal >= 0.5)%n", coapRate / copyRate);
            long stored = count(url, "coap-");
            long sent = (long) devices * (1 + WARM_UP_READINGS + perDevice);
            if (stored != sent) {
                throw new IllegalStateException("stored " + stored + " readings, expected " + sent);
            }
            System.out.printf("    all %,d readings stored once%n", stored);
            server.stop();
        }
    }

    /** (b): DTLS sessions first (measured apart), then from the first reading to the last 2.04. */
    private static double coapRate(List<String> ids, List<DeviceKey> keys, int perDevice, InetSocketAddress server)
            throws Exception {
        ExecutorService dtls = Executors.newFixedThreadPool(2);
        ExecutorService senders = Executors.newFixedThreadPool(ids.size());
        List<DtlsTestClient> clients = new ArrayList<>();
        try {
            for (int d = 0; d < ids.size(); d++) {
                clients.add(new DtlsTestClient(ids.get(d), keys.get(d).bytes(), server, dtls, Duration.ofSeconds(3)));
            }
            // A few devices at a time: a burst of simultaneous handshakes on two cores would
            // measure handshake retransmissions, not ingest.
            long handshakeStart = System.nanoTime();
            ExecutorService handshakes = Executors.newFixedThreadPool(HANDSHAKES_AT_ONCE);
            try {
                runAll(handshakes, clients, ids, keys, 0, 1);
            } finally {
                handshakes.shutdown();
            }
            System.out.printf("    %,d DTLS handshakes, each with a first reading: %.1f s%n", ids.size(),
                seconds(handshakeStart));
            long warmUpStart = System.nanoTime();
            runAll(senders, clients, ids, keys, 1, WARM_UP_READINGS);
            System.out.printf("    warm-up, %,d readings per device: %.1f s%n", WARM_UP_READINGS,
                seconds(warmUpStart));
            long start = System.nanoTime();
            long answered = runAll(senders, clients, ids, keys, 1 + WARM_UP_READINGS, perDevice);
            return answered / seconds(start);
        } finally {
            clients.forEach(DtlsTestClient::close);
            senders.shutdownNow();
            dtls.shutdownNow();
        }
    }

    private static long runAll(ExecutorService senders, List<DtlsTestClient> clients, List<String> ids,
            List<DeviceKey> keys, long firstSeq, int count) throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        for (int d = 0; d < clients.size(); d++) {
            DtlsTestClient client = clients.get(d);
            String id = ids.get(d);
            DeviceKey key = keys.get(d);
            results.add(senders.submit(() -> send(client, id, key, firstSeq, count)));
        }
        long total = 0;
        for (Future<Integer> result : results) {
            total += result.get();
        }
        return total;
    }

    private static int send(DtlsTestClient client, String id, DeviceKey key, long firstSeq, int count)
            throws InterruptedException {
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            byte[] payload = TestDevices.cbor(key, TestDevices.markerReading(id, seq, T0.plusSeconds(seq * 300), 100));
            Response response = client.exchange(client.post(payload, MediaTypeRegistry.APPLICATION_CBOR, true),
                ANSWER_WAIT);
            if (response == null || response.getCode() != ResponseCode.CHANGED) {
                throw new IllegalStateException(id + " seq " + seq + " answered "
                    + (response == null ? "nothing" : response.getCode()));
            }
        }
        return count;
    }

    /** (a): the same rows a reading becomes, COPY'd straight into the hypertable in one statement. */
    private static double copyBaseline(String url, int messages) throws Exception {
        StringBuilder text = new StringBuilder(messages * 120);
        for (int i = 0; i < messages; i++) {
            long seq = i;
            text.append(T0.plusSeconds(seq * 300)).append('\t').append("copy-").append(i % 1000).append('\t')
                .append(seq).append('\t').append(Instant.now()).append("\t2\t3700\tf\t\\N\t\\N\t2\t409000000\t")
                .append("1116000000\t1050000\t90\t12\t100\t5100\t215\t-85\n");
        }
        byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            long start = System.nanoTime();
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY readings (time, device_id, seq,"
                + " received_at, kind, battery_mv, tamper, backlight, ambient_lux, fix_type, latitude_e7,"
                + " longitude_e7, height_mm, hdop_centi, satellites, tilt_centi_deg, solar_mv, temperature_deci_c,"
                + " signal_dbm) FROM STDIN", new ByteArrayInputStream(data));
            return messages / seconds(start);
        }
    }

    private static Map<String, String> env(String url, int coapsPort) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DOORPLATE_DB_URL", url);
        env.put("DOORPLATE_DB_USER", "postgres");
        env.put("DOORPLATE_DB_PASSWORD", "");
        env.put("DOORPLATE_MQTT_URL", "tcp://127.0.0.1:1883");
        env.put("DOORPLATE_MQTT_SHARED_GROUP", "coap-bench-" + Long.toHexString(System.nanoTime()));
        env.put("DOORPLATE_COAPS_PORT", Integer.toString(coapsPort));
        env.put("DOORPLATE_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        env.put("DOORPLATE_DATA_DIR", Files.createTempDirectory("doorplate-coap-bench-data-").toString());
        return env;
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long count(String url, String prefix) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM readings WHERE device_id LIKE '"
                 + prefix + "%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
