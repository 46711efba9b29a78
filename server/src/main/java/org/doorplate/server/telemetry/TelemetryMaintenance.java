package org.doorplate.server.telemetry;

import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.doorplate.server.db.TimescaleFeatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@link RetentionPlan} the database allows, at start and on a schedule. */
@Context
final class TelemetryMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryMaintenance.class);

    private final DataSource dataSource;
    private final RetentionPlan plan;
    private final List<String> periodic;

    TelemetryMaintenance(DataSource dataSource, TimescaleFeatures features, TelemetryConfiguration config,
                         @Named("scheduled") TaskScheduler scheduler) {
        this.dataSource = dataSource;
        this.plan = RetentionPlan.choose(features);
        this.periodic = plan.periodicStatements(config);
        LOG.info("telemetry retention [plan: {}, readings: {}, events: {}]", plan,
            config.getReadingsRetention(), config.getEventsRetention());
        try {
            execute(plan.setupStatements(config));
        } catch (SQLException e) {
            // The data stays; only its automatic trimming is missing. Loud, but not fatal.
            LOG.error("cannot set up the telemetry policies: {}", e.getMessage(), e);
        }
        if (!periodic.isEmpty()) {
            scheduler.scheduleWithFixedDelay(config.getRetentionInterval(), config.getRetentionInterval(),
                this::dropExpired);
        }
    }

    /** Drops readings and events past their retention, where the database does not do it itself. */
    void dropExpired() {
        try {
            execute(periodic);
            LOG.debug("expired telemetry dropped [plan: {}]", plan);
        } catch (SQLException e) {
            LOG.warn("dropping expired telemetry failed; trying again next interval: {}", e.getMessage());
        }
    }

    RetentionPlan plan() {
        return plan;
    }

    private void execute(List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
