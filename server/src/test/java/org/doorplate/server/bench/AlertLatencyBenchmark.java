package org.doorplate.server.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.transport.Topics;
import org.doorplate.server.ingest.ServerProcess;
import org.doorplate.server.ingest.TestDevices;
import org.doorplate.server.marker.detect.LocalTangentPlane;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * The alert latency benchmark (run by {@code bench/alerts.sh}, not by Surefire). A server runs
 * as a child JVM on the real Mosquitto and TimescaleDB; {@value #MARKERS} registered markers,
 * fitted with devices, report fixes in the background (through the ingest pipeline and the
 * displacement detector). Meanwhile, at a steady pace, one more device publishes a tilted
 * reading, and the time from its publish to the {@code opened} event arriving on
 * {@code GET /api/v1/alerts/stream} is recorded. In the same run and under the same background
 * load, the baseline: a message published to the same broker and received by a plain
 * subscriber. Both are measured from this JVM's clock.
 */
public final class AlertLatencyBenchmark {
    static final int MARKERS = 1_000;
    private static final int MARKERS_PER_LINE = 500;
    private static final String AREA_LEFT = "150105001001";
    private static final String AREA_RIGHT = "150104002001";
    private static final double LAT = 40.80;
    private static final double LON = 111.60;
    private static final Pattern SUBJECT = Pattern.compile("\"subjectId\":\"(ft-[0-9]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Long> opened = new ConcurrentHashMap<>();
    private final AtomicLong background = new AtomicLong();

    private AlertLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Duration backgroundInterval = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 2_000);
        String admin = System.getProperty("bench.db.admin-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String database = "doorplate_bench_" + Long.toHexString(System.nanoTime());
        execute(admin, "CREATE DATABASE " + database);
        String url = admin.substring(0, admin.lastIndexOf('/') + 1) + database;
        Path work = Files.createTempDirectory("doorplate-alert-bench-");
        try {
            new AlertLatencyBenchmark().run(url, work, samples, backgroundInterval);
        } finally {
            execute(admin, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void run(String url, Path work, int samples, Duration interval) throws Exception {
        int warmup = 30;
        System.out.printf("alert latency benchmark: %,d markers each reporting every %d ms in the background"
            + " (%,.0f msg/s), loopback Mosquitto and TimescaleDB, %d samples%n", MARKERS, interval.toMillis(),
            MARKERS * 1000.0 / interval.toMillis(), samples);
        ServerProcess server = ServerProcess.start(env(url), work.resolve("server.log"));
        String base = "http://127.0.0.1:" + server.httpPort();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        try {
            // Registered through the bulk CSV import, as an operator would.
            List<DeviceKey> markerKeys = keys(server, "bg-", MARKERS);
            List<DeviceKey> faultKeys = keys(server, "ft-", samples + warmup);
            String token = server.adminToken();
            registerMarkers(server, token);
            threads.add(stream(base, token));
            threads.add(backgroundLoad(markerKeys, interval, running));
            MqttAsyncClient device = client("bench-alert-fault-device");
            Thread.sleep(5_000);

            long[] warm = faults(device, faultKeys, 0, warmup);
            long[] alerts = faults(device, faultKeys, warmup, samples);
            long[] baseline = baseline(device, samples);
            long backgroundSent = background.get();
            report("(a) baseline: MQTT publish -> plain subscriber, same broker", baseline);
            report("(b) tilted reading published -> 'opened' on the SSE stream", alerts);
            System.out.printf("    b - a: p50 %+.1f ms, p99 %+.1f ms; alerts seen %d of %d (warm-up %d not counted);"
                + " background readings sent %,d%n", percentile(alerts, 50) - percentile(baseline, 50),
                percentile(alerts, 99) - percentile(baseline, 99), Arrays.stream(alerts).filter(v -> v >= 0).count(),
                samples, warm.length, backgroundSent);
            device.disconnect().waitForCompletion(5_000);
            device.close();
        } finally {
            running.set(false);
            threads.forEach(Thread::interrupt);
            server.stop();
        }
    }

    private static List<DeviceKey> keys(ServerProcess server, String prefix, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        Map<String, DeviceKey> imported = server.importDevices(ids, "marker");
        return ids.stream().map(imported::get).toList();
    }

    /** Publishes one tilted reading per fault device, every 100 ms; answers each alert's latency in nanoseconds. */
    private long[] faults(MqttAsyncClient device, List<DeviceKey> keys, int from, int count) throws Exception {
        long[] sent = new long[count];
        for (int i = 0; i < count; i++) {
            String id = "ft-" + (from + i);
            MarkerReading tilted = new MarkerReading(new Header(id, 1, Instant.now()), fix(new Random(i), 0, 0),
                1_200, false, 3_800, 5_100, 200, -85);
            sent[i] = System.nanoTime();
            device.publish(Topics.uplink(id), TestDevices.cbor(keys.get(from + i), tilted), 1, false);
            Thread.sleep(100);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !allSeen(from, count)) {
            Thread.sleep(50);
        }
        long[] latency = new long[count];
        for (int i = 0; i < count; i++) {
            Long at = opened.get("ft-" + (from + i));
            latency[i] = at == null ? -1 : at - sent[i];
        }
        return latency;
    }

    private boolean allSeen(int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!opened.containsKey("ft-" + i)) {
                return false;
            }
        }
        return true;
    }

    /** The same pace of messages through the broker to a subscriber that only notes the time. */
    private static long[] baseline(MqttAsyncClient publisher, int count) throws Exception {
        long[] received = new long[count];
        MqttAsyncClient subscriber = client("bench-alert-echo-subscriber");
        IMqttMessageListener listener = (topic, message) -> {
            int i = Integer.parseInt(topic.substring(topic.lastIndexOf('/') + 1));
            received[i] = System.nanoTime();
        };
        subscriber.subscribe(new MqttSubscription[] {new MqttSubscription("bench/echo/#", 1)}, null, null,
            new IMqttMessageListener[] {listener}, null).waitForCompletion(10_000);
        long[] sent = new long[count];
        for (int i = 0; i < count; i++) {
            sent[i] = System.nanoTime();
            publisher.publish("bench/echo/" + i, new byte[120], 1, false);
            Thread.sleep(100);
        }
        Thread.sleep(2_000);
        subscriber.disconnect().waitForCompletion(5_000);
        subscriber.close();
        long[] latency = new long[count];
        for (int i = 0; i < count; i++) {
            latency[i] = received[i] == 0 ? -1 : received[i] - sent[i];
        }
        return latency;
    }

    /** Every background marker reports a fix with 2 m noise around its reference, at the interval. */
    private Thread backgroundLoad(List<DeviceKey> keys, Duration interval, AtomicBoolean running) throws Exception {
        MqttAsyncClient publisher = client("bench-alert-background");
        Thread thread = new Thread(() -> {
            Random random = new Random(1);
            long[] seq = new long[keys.size()];
            long pause = interval.toNanos() / keys.size();
            long next = System.nanoTime();
            try {
                for (int i = 0; running.get(); i = (i + 1) % keys.size()) {
                    String id = "bg-" + i;
                    MarkerReading reading = new MarkerReading(new Header(id, ++seq[i], Instant.now()),
                        fix(random, i, 2.0), 150, false, 3_800, 5_100, 200, -85);
                    publisher.publish(Topics.uplink(id), TestDevices.cbor(keys.get(i), reading), 1, false);
                    background.incrementAndGet();
                    next += pause;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("background load stopped: " + e);
            } finally {
                // Paho's own threads are not daemons: an open client keeps the JVM from exiting.
                closeQuietly(publisher);
            }
        }, "background-load");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A fix around marker {@code index}'s reference (see {@link #registerMarkers}), with the given noise. */
    private static GnssFix fix(Random random, int index, double sigma) {
        LocalTangentPlane plane = new LocalTangentPlane(referenceLatitude(index), referenceLongitude(index));
        double lat = plane.latitudeAt(sigma * random.nextGaussian());
        double lon = plane.longitudeAt(sigma * random.nextGaussian());
        return new GnssFix((int) Math.round(lat * 1e7), (int) Math.round(lon * 1e7), 1_000_000,
            80 + random.nextInt(60), 12, FixType.FIX_3D);
    }

    /**
     * The background markers along boundary lines, each fitted with its device. A line numbers
     * its markers with three digits (001 to 999), so they are spread over lines of
     * {@value #MARKERS_PER_LINE}.
     */
    private void registerMarkers(ServerProcess server, String token) throws Exception {
        StringBuilder csv = new StringBuilder("number,type,lat,lon,height,line,notes,device\n");
        for (int line = 0; line * MARKERS_PER_LINE < MARKERS; line++) {
            String code = String.format("BM%02d", line + 1);
            double lon = referenceLongitude(line * MARKERS_PER_LINE);
            server.post("/api/v1/boundary-lines", "application/json", "{\"code\":\"" + code + "\",\"name\":"
                + "\"bench line " + (line + 1) + "\",\"leftDivision\":\"" + AREA_LEFT + "\",\"rightDivision\":\""
                + AREA_RIGHT + "\",\"course\":[[" + lon + "," + LAT + "],[" + lon + ","
                + (LAT + MARKERS_PER_LINE * 1e-4) + "]]}", token);
            for (int i = line * MARKERS_PER_LINE; i < Math.min(MARKERS, (line + 1) * MARKERS_PER_LINE); i++) {
                csv.append(String.format(Locale.ROOT, "%s%03dQ,Q,%.7f,%.7f,1000,%s,,bg-%d%n", code,
                    i % MARKERS_PER_LINE + 1, referenceLatitude(i), lon, code, i));
            }
        }
        server.post("/api/v1/markers/import", "text/csv", csv.toString(), token);
    }

    private static double referenceLatitude(int index) {
        return LAT + (index % MARKERS_PER_LINE) * 1e-4;
    }

    private static double referenceLongitude(int index) {
        return LON + (index / MARKERS_PER_LINE) * 1e-2;
    }

    /** Reads the event stream on its own thread and notes when each fault device's alert opened. */
    private Thread stream(String base, String token) {
        Thread thread = new Thread(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/alerts/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
                try (Stream<String> lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
                    String[] event = {""};
                    lines.forEach(line -> {
                        if (line.startsWith("event:")) {
                            event[0] = line.substring(6).strip();
                        } else if (line.startsWith("data:") && "opened".equals(event[0])) {
                            Matcher m = SUBJECT.matcher(line);
                            if (m.find()) {
                                opened.putIfAbsent(m.group(1), System.nanoTime());
                            }
                        }
                    });
                }
            } catch (IOException | UncheckedIOException e) {
                // The stream ends when the server stops at the end of the run.
                System.err.println("event stream closed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sse-reader");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void report(String label, long[] nanos) {
        long[] seen = Arrays.stream(nanos).filter(v -> v >= 0).toArray();
        System.out.printf("%-62s p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (n=%d)%n", label, percentile(nanos, 50),
            percentile(nanos, 99), seen.length == 0 ? Double.NaN : Arrays.stream(seen).max().getAsLong() / 1e6,
            seen.length);
    }

    /** Nearest-rank percentile in milliseconds over the samples that arrived. */
    private static double percentile(long[] nanos, int p) {
        long[] sorted = Arrays.stream(nanos).filter(v -> v >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static void closeQuietly(MqttAsyncClient client) {
        try {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        } catch (MqttException e) {
            System.err.println("closing " + client.getClientId() + ": " + e.getMessage());
        }
    }

    private static MqttAsyncClient client(String id) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:1883", id + "-" + ProcessHandle.current().pid(),
            new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return client;
    }

    private static Map<String, String> env(String url) throws IOException {
        String group = "bench-alerts-" + ProcessHandle.current().pid();
        Map<String, String> env = new HashMap<>();
        env.put("DOORPLATE_DB_URL", url);
        env.put("DOORPLATE_DB_USER", "postgres");
        env.put("DOORPLATE_DB_PASSWORD", "");
        env.put("DOORPLATE_MQTT_URL", "tcp://127.0.0.1:1883");
        env.put("DOORPLATE_MQTT_SHARED_GROUP", group);
        env.put("DOORPLATE_MQTT_CLIENT_ID", group + "-server");
        env.put("DOORPLATE_MQTT_SESSION_EXPIRY", "1m");
        env.put("DOORPLATE_COAP_PORT", "0");
        env.put("DOORPLATE_COAPS_PORT", "0");
        env.put("DOORPLATE_MASTER_KEY", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        env.put("DOORPLATE_DATA_DIR", Files.createTempDirectory("doorplate-alert-bench-data-").toString());
        return env;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
