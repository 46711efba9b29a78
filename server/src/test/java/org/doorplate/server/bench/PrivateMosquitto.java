package org.doorplate.server.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.ingest.ServerProcess;

/**
 * A Mosquitto of the benchmark's own on a free loopback port. The machine's shared broker also
 * serves every other test context running at the time, each subscribed in a group of its own,
 * so there every benchmark message would be copied to them too; here the stream reaches only
 * the consumer being measured. Without persistence, {@link #restart} leaves no session behind.
 */
final class PrivateMosquitto implements AutoCloseable {
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private PrivateMosquitto(Path config, Path log, int port) {
        this.config = config;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts a broker with the development stack's in-flight window and no queue limit: the
     * benchmark offers its whole stream at once, a burst larger than the stack's queue of
     * 10,000 per session, and a broker that dropped messages would measure its own losses.
     *
     * @param inflight most QoS 1 messages in flight from each publisher
     */
    static PrivateMosquitto start(Path folder, int inflight) throws IOException, InterruptedException {
        int port = ServerProcess.freePort();
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
            "listener " + port + " 127.0.0.1",
            "allow_anonymous true",
            "persistence false",
            "max_inflight_messages " + inflight,
            "max_queued_messages 0",
            "log_dest stdout",
            "log_type error",
            "log_type warning",
            ""));
        PrivateMosquitto broker = new PrivateMosquitto(config, folder.resolve("mosquitto.log"), port);
        broker.launch();
        return broker;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops and starts the broker: every session and queued message is gone. */
    void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder("mosquitto", "-c", config.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on port " + port + " within 10 s");
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
