package org.doorplate.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.server.testing.TestDatabase;

/**
 * The server as a child JVM, on the test classpath or from the packaged jar, for tests that
 * kill it and for benchmarks: started with environment variables as an operator would, killed
 * with SIGKILL, or stopped with SIGTERM.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "fault-test-admin-password";
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STORED = Pattern.compile(
        "doorplate_ingest_uplinks_total\\{[^}]*outcome=\"stored\"[^}]*transport=\"mqtt\"[^}]*} ([0-9.E]+)");
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([0-9a-fA-F]{64})\"");

    private final Process process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /**
     * Starts a server and waits until {@code /health} answers 200.
     *
     * @param env DOORPLATE_* settings; the HTTP port and the admin password are added here
     * @param log file that receives the server's output
     */
    public static ServerProcess start(Map<String, String> env, Path log, String... jvmOptions) {
        // Small and quick to start: these servers live for one test.
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.doorplate.server.Application"));
        return start(command, env, log);
    }

    /**
     * Starts the packaged server, {@code java [options] -jar jar}, as an operator would, and
     * waits until {@code /health} answers 200.
     */
    public static ServerProcess startJar(Path jar, Map<String, String> env, Path log, String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString()));
        return start(command, env, log);
    }

    /**
     * The settings of a server on the machine's PostgreSQL and Mosquitto, with free CoAP ports,
     * the tests' master key and a data folder of its own; a mutable map, to add to.
     *
     * @param group the shared subscription group
     * @param clientId the MQTT client id, stable so that a restart finds its session
     */
    public static Map<String, String> environment(String dbUrl, String group, String clientId) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("DOORPLATE_DB_URL", dbUrl);
        env.put("DOORPLATE_DB_USER", "postgres");
        env.put("DOORPLATE_DB_PASSWORD", "");
        env.put("DOORPLATE_MQTT_URL", "tcp://127.0.0.1:1883");
        env.put("DOORPLATE_MQTT_SHARED_GROUP", group);
        env.put("DOORPLATE_MQTT_CLIENT_ID", clientId);
        // Long enough to outlive a restart, short enough not to leave sessions behind for a day.
        env.put("DOORPLATE_MQTT_SESSION_EXPIRY", "3m");
        env.put("DOORPLATE_COAP_PORT", Integer.toString(freePort()));
        env.put("DOORPLATE_COAPS_PORT", Integer.toString(freePort()));
        env.put("DOORPLATE_MASTER_KEY", TestDatabase.MASTER_KEY);
        env.put("DOORPLATE_DATA_DIR", Files.createTempDirectory("doorplate-server-").toString());
        return env;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ServerProcess start(List<String> command, Map<String, String> env, Path log) {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("DOORPLATE_HTTP_PORT", Integer.toString(port));
        builder.environment().put("DOORPLATE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        try {
            ServerProcess server = new ServerProcess(builder.start(), port);
            server.awaitHealthy(Duration.ofSeconds(90));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    /** SIGKILL: no shutdown hook, no drain, no disconnect. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    /** SIGTERM: the orderly shutdown. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Registers a device through the HTTP API as the admin and returns its key. */
    public DeviceKey registerDevice(String id, String kind) throws IOException, InterruptedException {
        String answer = post("/api/v1/devices", "application/json",
            "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\"}", adminToken());
        return DeviceKey.of(HexFormat.of().parseHex(match(KEY, answer)));
    }

    /**
     * Registers many devices of one kind through the bulk CSV import as the admin.
     *
     * @return each device's key by id
     */
    public Map<String, DeviceKey> importDevices(List<String> ids, String kind) throws IOException,
            InterruptedException {
        StringBuilder csv = new StringBuilder("id,kind\n");
        ids.forEach(id -> csv.append(id).append(',').append(kind).append('\n'));
        String answer = post("/api/v1/devices/import", "text/csv", csv.toString(), adminToken());
        Map<String, DeviceKey> keys = new HashMap<>();
        for (String line : answer.split("\n")) {
            String[] fields = line.split(",");
            if (fields.length == 3 && !fields[0].equals("id")) {
                keys.put(fields[0], DeviceKey.of(HexFormat.of().parseHex(fields[2])));
            }
        }
        if (keys.size() != ids.size()) {
            throw new IllegalStateException("imported " + keys.size() + " of " + ids.size() + " devices");
        }
        return keys;
    }

    /** The server's count of uplinks it stored first ({@code doorplate_ingest_uplinks_total}, MQTT, stored). */
    public double storedCount() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/prometheus")).timeout(Duration.ofSeconds(5)).GET().build();
        String text = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = STORED.matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** The sum of a Prometheus metric's samples whose labels contain {@code labelFilter}. */
    public double metricSum(String name, String labelFilter) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/prometheus")).timeout(Duration.ofSeconds(5)).GET().build();
        double sum = 0;
        for (String line : http.send(request, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains(labelFilter)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The HTTP status of {@code GET /health}, or -1 when nothing answers. */
    public int health() {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue()
                    + " while starting; see its log");
            }
            if (health() == 200) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not become healthy within " + timeout);
    }

    /** A bearer token of the admin account, signed in with {@link #ADMIN_PASSWORD}. */
    public String adminToken() throws IOException, InterruptedException {
        return match(TOKEN, post("/login", "application/json",
            "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null));
    }

    /**
     * POSTs {@code body} with the bearer {@code token} (none when null) and answers the response
     * body; any status but 2xx fails.
     */
    public String post(String path, String contentType, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                + response.body());
        }
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected answer: " + text);
        }
        return matcher.group(1);
    }

    /** A TCP port on loopback that nothing listens on at the moment. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
