package org.doorplate.sim.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.doorplate.sim.api.ServerApi;

/**
 * The doorplate server as a child process: started from its jar with a chosen environment,
 * its output in a log file, stopped with SIGTERM (Micronaut's orderly shutdown) and, failing
 * that, killed together with anything it started.
 */
final class ServerProcess {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final Process process;
    private final Path dataDir;
    private final Path log;

    private ServerProcess(Process process, Path dataDir, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts {@code java -jar jar} with {@code set} added to this process's environment and
     * {@code unset} removed from it.
     */
    static ServerProcess start(Path jar, Map<String, String> set, List<String> unset, Path dataDir, Path log)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        unset.forEach(env::remove);
        env.putAll(set);
        return new ServerProcess(builder.start(), dataDir, log);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until {@code GET /health} answers 200.
     *
     * @throws IllegalStateException if the process exits first or the time runs out; the
     *     message carries the end of the server's log
     */
    void awaitHealthy(ServerApi api, Duration timeout) throws InterruptedException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with status " + process.exitValue()
                    + " before it was healthy: " + cause() + " (see " + log + ")");
            }
            if (api.healthy()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server was not healthy within " + timeout.toSeconds() + " s: "
            + cause() + " (see " + log + ")");
    }

    /** Stops the server: SIGTERM, a grace period, then SIGKILL for it and its descendants. */
    void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // An embedded PostgreSQL runs as the server's child; it must not outlive the demo.
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        stopOrphans();
    }

    /**
     * Stops what the server started in the demo's own data folder but left behind when it died
     * first (its embedded PostgreSQL, reparented to init): those processes name the folder,
     * a fresh temporary path, on their command line.
     */
    private void stopOrphans() {
        String folder = dataDir.toString();
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(c -> c.contains(folder)).orElse(false))
            .toList();
        orphans.forEach(ProcessHandle::destroy);
        for (ProcessHandle orphan : orphans) {
            try {
                orphan.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                orphan.destroyForcibly();
            } catch (ExecutionException | TimeoutException e) {
                orphan.destroyForcibly();
            }
        }
    }

    /**
     * What the log says went wrong: the innermost "Caused by" of the last stack trace, else the
     * last ERROR line, else the last line.
     */
    String cause() {
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
        String error = null;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith("Caused by: ")) {
                return line.substring("Caused by: ".length());
            }
            if (error == null && line.contains("ERROR")) {
                error = line;
            }
        }
        return error != null ? error : lines.isEmpty() ? "(empty log)" : lines.get(lines.size() - 1);
    }
}
