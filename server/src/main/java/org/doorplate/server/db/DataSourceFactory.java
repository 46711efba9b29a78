package org.doorplate.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import org.doorplate.server.embedded.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Builds the one connection pool of the server. The pool is handed out only after the
 * TimescaleDB extension and the Flyway migrations are in place, so no bean can touch a database
 * whose schema is not ready; and it is created when the context starts, so a database that is
 * unreachable or a migration that fails stops the start with its reason.
 */
@Factory
public class DataSourceFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DataSourceFactory.class);

    @Context
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(DatabaseConfiguration config, BeanProvider<EmbeddedPostgresServer> embedded,
                                BeanProvider<MeterRegistry> meters) {
        JdbcTarget target = config.getUrl() == null
            ? embedded.get().target()
            : new JdbcTarget(config.getUrl(), config.getUser(), config.getPassword());
        LOG.info("using the database at {} as {}", target.loggableUrl(), target.user());
        HikariDataSource pool = open(target, config, meters);
        try {
            SchemaMigration.migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    @Context
    TimescaleFeatures timescaleFeatures(DataSource dataSource) {
        TimescaleFeatures features = TimescaleFeatures.detect(dataSource);
        LOG.info("{}", features.describe());
        return features;
    }

    private static HikariDataSource open(JdbcTarget target, DatabaseConfiguration config,
                                         BeanProvider<MeterRegistry> meters) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("doorplate");
        hikari.setJdbcUrl(target.url());
        hikari.setUsername(target.user());
        hikari.setPassword(target.password());
        hikari.setMaximumPoolSize(config.getPoolSize());
        hikari.setConnectionTimeout(config.getConnectionTimeout().toMillis());
        meters.ifPresent(hikari::setMetricRegistry);
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database at "
                + target.loggableUrl() + " as " + target.user() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
