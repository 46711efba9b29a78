package org.doorplate.server.db;

import io.micronaut.core.annotation.Nullable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * What the connected database offers of TimescaleDB. The Apache-2 edition has hypertables,
 * {@code time_bucket} and {@code drop_chunks} but no compression, continuous aggregates or
 * background policies; the community ("timescale") license has all of them. Features that are
 * missing are done by the server itself.
 *
 * @param present whether the extension is installed in this database
 * @param version the installed extension version, or null when absent
 * @param license {@code apache} or {@code timescale}, or null when absent
 */
public record TimescaleFeatures(boolean present, @Nullable String version, @Nullable String license) {
    /** Plain PostgreSQL. */
    public static final TimescaleFeatures ABSENT = new TimescaleFeatures(false, null, null);

    /** Whether hypertables, {@code time_bucket} and {@code drop_chunks} can be used. */
    public boolean hasHypertables() {
        return present;
    }

    /** Whether native compression can be used. */
    public boolean hasCompression() {
        return communityLicense();
    }

    /** Whether continuous aggregates can be used. */
    public boolean hasContinuousAggregates() {
        return communityLicense();
    }

    /** Whether retention, compression and refresh policies can be scheduled in the database. */
    public boolean hasPolicies() {
        return communityLicense();
    }

    /** One line for the start-up log. */
    public String describe() {
        if (!present) {
            return "timescaledb absent: plain PostgreSQL tables, retention and rollups done by the server";
        }
        return "timescaledb " + version + " (" + license + " license): "
            + (communityLicense()
                ? "compression, continuous aggregates and policies available"
                : "hypertables only; retention and rollups done by the server");
    }

    private boolean communityLicense() {
        return present && "timescale".equals(license);
    }

    /** Asks the database which features it has. */
    public static TimescaleFeatures detect(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            String version = installedVersion(statement);
            if (version == null) {
                return ABSENT;
            }
            try (ResultSet rows = statement.executeQuery(
                "SELECT current_setting('timescaledb.license', true)")) {
                rows.next();
                String license = rows.getString(1);
                return new TimescaleFeatures(true, version, license == null ? "apache" : license);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the timescaledb settings: " + e.getMessage(), e);
        }
    }

    @Nullable
    private static String installedVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery(
            "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
