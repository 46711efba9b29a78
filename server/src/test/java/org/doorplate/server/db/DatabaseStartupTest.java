package org.doorplate.server.db;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.doorplate.server.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies that the server starts on the configured PostgreSQL with its schema in place. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class DatabaseStartupTest implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TimescaleFeatures timescale;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @Test
    void flywayHasMigratedTheDatabaseAtStart() throws SQLException {
        // GIVEN a context started on the test database
        // WHEN the migration history and the users table are read
        try (Connection connection = TestDatabase.connect();
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                "SELECT count(*) FILTER (WHERE NOT success), count(*) FILTER (WHERE version = '1')"
                    + " FROM flyway_schema_history")) {
                rows.next();
                // THEN every migration succeeded, the first among them
                assertEquals(0, rows.getInt(1));
                assertEquals(1, rows.getInt(2));
            }
            try (ResultSet rows = statement.executeQuery("SELECT to_regclass('users')")) {
                rows.next();
                assertEquals("users", rows.getString(1));
            }
        }
    }

    @Test
    void timescaleExtensionIsCreatedWhereTheServerOffersIt() throws SQLException {
        // GIVEN a PostgreSQL server that offers timescaledb (as .ci/services.sh installs it)
        boolean offered;
        String installed;
        try (Connection connection = TestDatabase.connect();
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
                offered = rows.next();
            }
            try (ResultSet rows = statement.executeQuery(
                "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
                installed = rows.next() ? rows.getString(1) : null;
            }
        }

        // THEN the server created it before Flyway ran and reports what it found
        assertEquals(offered, installed != null);
        assertEquals(offered, timescale.present());
        assertEquals(installed, timescale.version());
        if (offered) {
            assertTrue(Set.of("apache", "timescale").contains(timescale.license()), timescale.license());
            assertEquals("timescale".equals(timescale.license()), timescale.hasCompression());
        } else {
            assertNull(timescale.license());
        }
    }

    @Test
    void healthIsUpAndAnonymous() {
        // WHEN an anonymous caller asks for /health
        HttpResponse<Health> response = client.toBlocking().exchange(HttpRequest.GET("/health"), Health.class);

        // THEN the database is reachable, so the answer is 200 UP
        assertEquals(HttpStatus.OK, response.status());
        assertEquals("UP", response.body().status());
    }

    @Test
    void prometheusServesJvmPoolAndHttpMetrics() {
        // GIVEN one HTTP request served
        client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);

        // WHEN an anonymous caller scrapes /prometheus
        String text = client.toBlocking().retrieve(HttpRequest.GET("/prometheus"), String.class);

        // THEN the text exposition holds JVM, connection pool and HTTP server metrics
        assertTrue(text.contains("jvm_memory_used_bytes"), "JVM metrics");
        assertTrue(text.contains("hikaricp_connections_active{pool=\"doorplate\""), "pool metrics");
        assertTrue(text.contains("http_server_requests_seconds_count"), "HTTP server metrics");
    }

    @Serdeable
    record Health(String status) {
    }
}
