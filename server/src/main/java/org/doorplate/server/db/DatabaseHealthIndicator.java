package org.doorplate.server.db;

import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.health.HealthStatus;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;

/** Reports the database UP when a pooled connection answers a validity check within two seconds. */
@Singleton
@Readiness
public class DatabaseHealthIndicator implements HealthIndicator {
    private static final String NAME = "database";
    private static final int VALID_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final TimescaleFeatures timescale;
    private final ExecutorService blocking;

    DatabaseHealthIndicator(DataSource dataSource, TimescaleFeatures timescale,
                            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.dataSource = dataSource;
        this.timescale = timescale;
        this.blocking = blocking;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.fromExecutorService(blocking));
    }

    HealthResult check() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("timescaledb", timescale.present() ? timescale.version() + " " + timescale.license() : "absent");
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALID_TIMEOUT_SECONDS)) {
                return HealthResult.builder(NAME, HealthStatus.UP).details(details).build();
            }
            details.put("error", "the connection did not answer within " + VALID_TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            details.put("error", e.getMessage());
        }
        return HealthResult.builder(NAME, HealthStatus.DOWN).details(details).build();
    }
}
