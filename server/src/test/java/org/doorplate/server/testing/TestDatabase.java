package org.doorplate.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * One fresh PostgreSQL database per test JVM, on the real server named by the system property
 * {@code doorplate.test.db.admin-url} (set by the root pom) or the environment variable
 * {@code DOORPLATE_TEST_DB_ADMIN_URL}. It is created on first use and dropped when the JVM exits.
 *
 * <p>Use it from a {@code TestPropertyProvider}:
 * <pre>{@code
 * public Map<String, String> getProperties() {
 *     Map<String, String> properties = new HashMap<>(TestDatabase.properties());
 *     properties.put("doorplate.mqtt.url", "tcp://127.0.0.1:1883");
 *     return properties;
 * }
 * }</pre>
 * Besides the database it names a scratch data directory and a fixed master key, so tests never
 * write into the user's {@code ~/.doorplate}, and a low PBKDF2 iteration count. Create accounts
 * with {@link TestAccounts} rather than {@code doorplate.admin-password}: all test classes of a
 * JVM share this database, and the first admin password set would win (a test of the first
 * start takes {@link #isolatedProperties()}).
 */
public final class TestDatabase {
    /** The master key every test context shares, so tokens made in one test work in another. */
    public static final String MASTER_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String ADMIN_USER = "postgres";

    private static Database database;

    private TestDatabase() {
    }

    /** The Micronaut properties that point a context at the test database. */
    public static synchronized Map<String, String> properties() {
        return properties(database());
    }

    /**
     * The properties of another fresh database of its own, also dropped at JVM exit, for a test
     * that must see an empty database whatever ran before it in the JVM (the first start, the
     * admin account).
     */
    public static Map<String, String> isolatedProperties() {
        return properties(create());
    }

    private static Map<String, String> properties(Database db) {
        return Map.of(
            "doorplate.db.url", db.url(),
            "doorplate.db.user", ADMIN_USER,
            "doorplate.db.password", "",
            "doorplate.data-dir", db.dataDir().toString(),
            "doorplate.master-key", MASTER_KEY,
            // Real PBKDF2, with a count that keeps a login in tests at a millisecond.
            "doorplate.security.password-iterations", "1000");
    }

    /** The JDBC URL of the test database (user {@code postgres}, no password). */
    public static synchronized String url() {
        return database().url();
    }

    /** Opens a connection to the test database, for asserting on stored rows. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), ADMIN_USER, "");
    }

    private static Database database() {
        if (database == null) {
            database = create();
        }
        return database;
    }

    private static Database create() {
        String adminUrl = adminUrl();
        String name = "doorplate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(adminUrl, ADMIN_USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database through " + adminUrl
                + " (is PostgreSQL running? .ci/services.sh starts it): " + e.getMessage(), e);
        }
        Path dataDir = scratchDirectory();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(adminUrl, name, dataDir), "drop-" + name));
        return new Database(withDatabase(adminUrl, name), dataDir);
    }

    private static String adminUrl() {
        String fromEnvironment = System.getenv("DOORPLATE_TEST_DB_ADMIN_URL");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        return System.getProperty("doorplate.test.db.admin-url", DEFAULT_ADMIN_URL);
    }

    /** Replaces the database name in {@code jdbc:postgresql://host:port/name?params}. */
    static String withDatabase(String adminUrl, String name) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        String server = slash < 0 ? base : base.substring(0, slash);
        return server + "/" + name + params;
    }

    private static Path scratchDirectory() {
        try {
            return Files.createTempDirectory("doorplate-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void drop(String adminUrl, String name, Path dataDir) {
        try (Connection admin = DriverManager.getConnection(adminUrl, ADMIN_USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop the test database " + name + ": " + e.getMessage());
        }
        ScratchFolders.delete(dataDir);
    }

    private record Database(String url, Path dataDir) {
    }
}
