package org.doorplate.server.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Brings a database to the schema this build expects: first the TimescaleDB extension where the
 * server offers it (the hypertable migrations test for it), then every Flyway migration under
 * {@code classpath:db/migration}.
 */
final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {
    }

    static void migrate(DataSource dataSource) {
        createTimescaleExtension(dataSource);
        MigrateResult result = Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            // The migrations are plain SQL with PL/pgSQL bodies; nothing in them is a template.
            .placeholderReplacement(false)
            .load()
            .migrate();
        LOG.info("database schema at version {} ({} migrations applied now)",
            result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
            result.migrationsExecuted);
    }

    private static void createTimescaleExtension(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            if (!offersTimescale(statement)) {
                LOG.info("timescaledb is not available on this server; using plain PostgreSQL tables");
                return;
            }
            statement.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
        } catch (SQLException e) {
            // Typically "extension must be preloaded" or a user without the right to create it:
            // the server still works on plain tables, so this is not fatal.
            LOG.warn("timescaledb is available but could not be created; using plain PostgreSQL tables: {}",
                e.getMessage());
        }
    }

    private static boolean offersTimescale(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")) {
            return rows.next();
        }
    }
}
