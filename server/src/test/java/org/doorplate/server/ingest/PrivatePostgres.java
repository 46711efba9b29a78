package org.doorplate.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.testing.ScratchFolders;

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary directory, TimescaleDB
 * preloaded, a free port on loopback), so a test can stop it without touching the machine's
 * shared server.
 */
public final class PrivatePostgres implements AutoCloseable {
    private static final String BIN = "/usr/lib/postgresql/15/bin/";

    private final Path dataDir;
    private final int port;

    private PrivatePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    public static PrivatePostgres start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("doorplate-pg-");
        if (isRoot()) {
            // initdb refuses to run as root; the cluster belongs to the postgres account.
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        run(asPostgres(BIN + "initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--no-sync"));
        PrivatePostgres postgres = new PrivatePostgres(dir.resolve("data"), ServerProcess.freePort());
        postgres.startAgain();
        return postgres;
    }

    /** Starts the cluster (again) and waits until it takes connections. */
    public void startAgain() throws IOException, InterruptedException {
        run(asPostgres(BIN + "pg_ctl", "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(),
            "-w", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="
                + dataDir + " -c shared_preload_libraries=timescaledb -c timescaledb.telemetry_level=off"
                + " -c fsync=off", "start"));
    }

    /** Stops the cluster the hard way: no checkpoint, connections cut (a crash, as far as clients see). */
    public void stopImmediately() throws IOException, InterruptedException {
        run(asPostgres(BIN + "pg_ctl", "-D", dataDir.toString(), "-w", "-m", "immediate", "stop"));
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public void createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopImmediately();
        } catch (IllegalStateException ignored) {
            // Already stopped.
        }
        ScratchFolders.delete(dataDir.getParent());
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
