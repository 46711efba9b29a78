package org.doorplate.server.alert.crew;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorplate.server.testing.ScratchFolders;

/**
 * The real Chromium, headless, for page tests: its command line ({@code --dump-dom},
 * {@code --screenshot}) for pages anyone may see, and the DevTools protocol over a WebSocket
 * for a session that signs in, runs the page's script and watches it change.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    private final Process process;
    private final Path profile;
    private final JsonMapper json;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private String session;

    private HeadlessChromium(Process process, Path profile, JsonMapper json, String devtools) {
        this.process = process;
        this.profile = profile;
        this.json = json;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(URI.create(devtools), new Listener()).join();
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The flags every run gets: no sandbox (root in CI), nothing that reaches the network by itself. */
    private static List<String> command(Path profile, String... extra) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900"));
        command.addAll(List.of(extra));
        return command;
    }

    /** The DOM of a page after load, as {@code chromium --dump-dom} prints it. */
    static String dumpDom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-");
        try {
            Process p = new ProcessBuilder(command(profile, "--dump-dom", url)).redirectError(
                ProcessBuilder.Redirect.DISCARD).start();
            String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return dom;
        } finally {
            ScratchFolders.delete(profile);
        }
    }

    /** Saves a screenshot of a page, as {@code chromium --screenshot} takes it. */
    static void screenshot(String url, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Path profile = Files.createTempDirectory("chromium-");
        try {
            Process p = new ProcessBuilder(command(profile, "--screenshot=" + file, url))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(60, TimeUnit.SECONDS);
        } finally {
            ScratchFolders.delete(profile);
        }
    }

    /** Starts a browser with the DevTools protocol on a random loopback port, with one blank page. */
    static HeadlessChromium launch(JsonMapper json) throws IOException {
        Path profile = Files.createTempDirectory("chromium-");
        Process process = new ProcessBuilder(command(profile, "--remote-debugging-port=0",
            "--remote-debugging-address=127.0.0.1", "about:blank")).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
            StandardCharsets.UTF_8));
        String devtools = null;
        for (String line = err.readLine(); line != null && devtools == null; line = err.readLine()) {
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                devtools = m.group(1);
            }
        }
        if (devtools == null) {
            process.destroyForcibly();
            throw new IOException("chromium did not start its DevTools endpoint");
        }
        // Keep reading its log so that the pipe never fills up.
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-log");
        drain.setDaemon(true);
        drain.start();
        HeadlessChromium browser = new HeadlessChromium(process, profile, json, devtools);
        browser.attach();
        return browser;
    }

    private void attach() {
        String target = (String) call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId");
        session = (String) call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
            .get("sessionId");
        call(session, "Page.enable", Map.of());
        call(session, "Runtime.enable", Map.of());
    }

    /** Opens a URL and waits until the document has loaded. */
    void navigate(String url) {
        call(session, "Page.navigate", Map.of("url", url));
        waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(20));
    }

    /** Evaluates an expression in the page and answers its value (awaiting a promise). */
    Object evaluate(String expression) {
        Map<String, Object> result = call(session, "Runtime.evaluate", Map.of("expression", expression,
            "returnByValue", true, "awaitPromise", true));
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) result.get("result");
        return value == null ? null : value.get("value");
    }

    /** Polls a boolean expression until it is true. */
    void waitFor(String condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(evaluate("Boolean(" + condition + ")"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the page never satisfied: " + condition);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Saves a PNG of the page as it is now. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String data = (String) call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport",
            true)).get("data");
        Files.write(file, Base64.getDecoder().decode(data));
    }

    private Map<String, Object> call(String sessionId, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> message = sessionId == null ? Map.of("id", id, "method", method, "params", params)
            : Map.of("id", id, "method", method, "params", params, "sessionId", sessionId);
        try {
            socket.sendText(new String(json.writeValueAsBytes(message), StandardCharsets.UTF_8), true).join();
            Map<String, Object> reply = answer.get(30, TimeUnit.SECONDS);
            if (reply.containsKey("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) reply.getOrDefault("result", Map.of());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer", e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ScratchFolders.delete(profile);
    }

    /** Collects text frames into messages and completes the matching calls. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    Map<String, Object> message = json.readValue(text, MAP);
                    Object id = message.get("id");
                    if (id instanceof Number number) {
                        CompletableFuture<Map<String, Object>> answer = pending.remove(number.intValue());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
