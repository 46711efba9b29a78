package org.doorplate.server.embedded;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.doorplate.server.config.DoorplateConfiguration;
import org.doorplate.server.db.JdbcTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 started by the server itself when no database is configured, so the first run
 * needs no services. Its files persist under {@code ${doorplate.data-dir}/pgdata}; it listens on
 * a free loopback port and accepts only the password kept beside the data directory.
 *
 * <p>PostgreSQL refuses to run as root. When the server is root, the database processes run as
 * the unprivileged user {@code nobody}, which then owns the data directory and must be able to
 * reach it (a data directory under {@code /root} is out of its reach: the start fails and says
 * so).
 *
 * <p>A JVM killed with SIGKILL leaves PostgreSQL running; the next start then fails on the
 * data directory's lock file, naming the process, until that process is stopped. Taking the
 * running server over is not done because another server instance may own it.
 */
@Singleton
public final class EmbeddedPostgresServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final String DATABASE = "doorplate";
    private static final int NOBODY = 65534;
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final Path logFile;
    private final boolean root;
    private final Process process;
    private final JdbcTarget target;

    @Inject
    EmbeddedPostgresServer(DoorplateConfiguration config) {
        this(config.getDataDir());
    }

    EmbeddedPostgresServer(Path dataDir) {
        this.dataDirectory = dataDir.resolve("pgdata");
        this.logFile = dataDir.resolve("postgres.log");
        this.root = runningAsRoot();
        try {
            Files.createDirectories(dataDir);
            Path binaries = PostgresBinaries.unpack(dataDir);
            String password = password(dataDir.resolve("pgdata.password"));
            if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                initdb(binaries, password);
            }
            int port = freePort();
            LOG.info("starting the embedded PostgreSQL in {} on 127.0.0.1:{}", dataDirectory, port);
            this.process = startPostmaster(binaries, port);
            this.target = new JdbcTarget("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE,
                SUPERUSER, password);
            awaitReady(port, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The database the server uses. */
    public JdbcTarget target() {
        return target;
    }

    /** Stops PostgreSQL with a fast shutdown: open sessions are rolled back, data is kept. */
    @Override
    @PreDestroy
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        LOG.info("stopping the embedded PostgreSQL in {}", dataDirectory);
        try {
            // SIGINT is PostgreSQL's fast shutdown; Process.destroy() would send SIGTERM, the
            // smart shutdown, which waits for every client to disconnect.
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            if (!process.waitFor(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("the embedded PostgreSQL did not stop within {}; killing it", SHUTDOWN_WAIT);
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void initdb(Path binaries, String password) throws IOException {
        LOG.info("creating the embedded PostgreSQL data directory {}", dataDirectory);
        Files.createDirectories(dataDirectory, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
        Path passwordFile = dataDirectory.resolveSibling(".initdb-password");
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        try {
            if (root) {
                handToNobody(dataDirectory);
                handToNobody(passwordFile);
            }
            run(List.of(binaries.resolve("bin/initdb").toString(), "-D", dataDirectory.toString(),
                "-U", SUPERUSER, "--pwfile=" + passwordFile, "-A", "scram-sha-256",
                "-E", "UTF-8", "--no-locale"));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private Process startPostmaster(Path binaries, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(asDatabaseUser(List.of(
            binaries.resolve("bin/postgres").toString(), "-D", dataDirectory.toString(),
            "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
            // No Unix socket: the server connects over TCP, and the socket directory compiled
            // into these binaries may not exist or be writable here.
            "-c", "unix_socket_directories=")));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        return builder.start();
    }

    private void awaitReady(int port, String password) {
        Instant deadline = Instant.now().plus(STARTUP_WAIT);
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the embedded PostgreSQL stopped during start; its log "
                    + logFile + " ends with:\n" + logTail());
            }
            try (Connection connection = DriverManager.getConnection(url, SUPERUSER, password)) {
                createDatabase(connection);
                return;
            } catch (SQLException e) {
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("the embedded PostgreSQL did not accept connections within "
                        + STARTUP_WAIT + ": " + e.getMessage(), e);
                }
            }
            pause();
        }
    }

    private static void createDatabase(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (rows.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private void run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(asDatabaseUser(command));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(Path.of(command.get(0)).getFileName() + " failed with exit code "
                    + exit + "; its log " + logFile + " ends with:\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the embedded PostgreSQL", e);
        }
    }

    private List<String> asDatabaseUser(List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
            "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void handToNobody(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", NOBODY);
        Files.setAttribute(path, "unix:gid", NOBODY);
        for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
            if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(parent)).endsWith("x")) {
                throw new IllegalStateException("PostgreSQL cannot run as root, so the embedded database runs as"
                    + " 'nobody', which cannot enter " + parent + ". Set DOORPLATE_DATA_DIR to a directory"
                    + " that others may enter, run the server as an ordinary user, or set DOORPLATE_DB_URL.");
            }
        }
    }

    private static String password(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.writeString(file, password, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL", e);
        }
    }
}
