package org.doorplate.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorplate.protocol.auth.DeviceKey;

/**
 * The server as a child JVM on the test classpath, for tests that kill it: started with
 * environment variables as an operator would, killed with SIGKILL, or stopped with SIGTERM.
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
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.doorplate.server.Application"));
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
        String token = match(TOKEN, post("/login", "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}",
            null));
        String answer = post("/api/v1/devices", "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\"}", token);
        return DeviceKey.of(HexFormat.of().parseHex(match(KEY, answer)));
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

    private String post(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
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

    static int freePort() {
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
