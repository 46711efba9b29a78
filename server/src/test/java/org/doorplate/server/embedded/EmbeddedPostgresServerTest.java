package org.doorplate.server.embedded;

import io.micronaut.context.ApplicationContext;
import org.doorplate.server.db.TimescaleFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the default of a first run: no database configured, so the server starts its own
 * PostgreSQL under the data directory, keeps the data across restarts and stops it on close.
 */
@Timeout(180)
class EmbeddedPostgresServerTest {
    @TempDir
    Path scratch;

    @Test
    void withoutDatabaseUrlTheEmbeddedPostgresStartsMigratesAndKeepsItsData() throws Exception {
        // GIVEN a data directory that the database user can enter (also when the test runs as root)
        Path dataDir = Files.createDirectory(scratch.resolve("data"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, Object> properties = Map.of(
            "doorplate.db.url", "",
            "doorplate.data-dir", dataDir.toString(),
            "micronaut.server.port", -1);

        // WHEN a context starts without a database URL and stores a row
        EmbeddedPostgresServer first;
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            first = context.getBean(EmbeddedPostgresServer.class);
            assertFalse(context.getBean(TimescaleFeatures.class).present());
            execute(context.getBean(DataSource.class), "INSERT INTO users (username, password_hash,"
                + " password_salt, password_iterations, roles) VALUES ('kept', '\\x00', '\\x00', 1, '{crew}')");
        }

        // THEN closing the context stopped PostgreSQL, and a second start finds the row again
        assertThrows(SQLException.class, () -> connect(first).close());
        assertTrue(Files.exists(dataDir.resolve("pgdata/PG_VERSION")));
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertEquals(1, count(context.getBean(DataSource.class), "SELECT count(*) FROM users"));
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.target().url(), server.target().user(),
            server.target().password());
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int count(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
