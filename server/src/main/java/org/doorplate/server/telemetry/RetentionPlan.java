package org.doorplate.server.telemetry;

import java.time.Duration;
import java.util.List;
import org.doorplate.server.db.TimescaleFeatures;

/**
 * What keeps the telemetry tables bounded, by what the database offers. The community-licensed
 * TimescaleDB runs retention, compression and the hourly rollup itself as background policies;
 * the Apache-2 edition (Debian's) has none of those, so the server drops expired chunks on a
 * schedule and computes rollups with {@code time_bucket} at query time; plain PostgreSQL gets
 * a scheduled DELETE.
 */
enum RetentionPlan {
    /** Database policies: retention, compression after 30 days, an hourly continuous aggregate. */
    DATABASE_POLICIES,
    /** The server calls {@code drop_chunks} every retention interval. */
    SERVER_DROP_CHUNKS,
    /** The server deletes expired rows every retention interval. */
    SERVER_DELETE;

    /** Chunks older than this are compressed: late batches rarely reach that far back. */
    static final Duration COMPRESS_AFTER = Duration.ofDays(30);

    static RetentionPlan choose(TimescaleFeatures features) {
        if (features.hasPolicies() && features.hasCompression() && features.hasContinuousAggregates()) {
            return DATABASE_POLICIES;
        }
        return features.hasHypertables() ? SERVER_DROP_CHUNKS : SERVER_DELETE;
    }

    /** Statements run once at start (idempotent); empty for the server-side plans. */
    List<String> setupStatements(TelemetryConfiguration config) {
        if (this != DATABASE_POLICIES) {
            return List.of();
        }
        return List.of(
            "ALTER TABLE readings SET (timescaledb.compress, timescaledb.compress_segmentby = 'device_id',"
                + " timescaledb.compress_orderby = 'time DESC, seq')",
            "SELECT add_compression_policy('readings', " + interval(COMPRESS_AFTER) + ", if_not_exists => true)",
            "SELECT add_retention_policy('readings', " + interval(config.getReadingsRetention())
                + ", if_not_exists => true)",
            "SELECT add_retention_policy('device_events', " + interval(config.getEventsRetention())
                + ", if_not_exists => true)",
            "CREATE MATERIALIZED VIEW IF NOT EXISTS readings_hourly WITH (timescaledb.continuous) AS"
                + " SELECT device_id, time_bucket(INTERVAL '1 hour', time) AS bucket, count(*) AS readings,"
                + " avg(battery_mv) AS battery_mv_avg, min(battery_mv) AS battery_mv_min,"
                + " max(tilt_centi_deg) AS tilt_centi_deg_max, avg(temperature_deci_c) AS temperature_deci_c_avg"
                + " FROM readings GROUP BY device_id, bucket WITH NO DATA",
            "SELECT add_continuous_aggregate_policy('readings_hourly', start_offset => INTERVAL '3 days',"
                + " end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '1 hour',"
                + " if_not_exists => true)");
    }

    /** Statements run every retention interval; empty when the database does it. */
    List<String> periodicStatements(TelemetryConfiguration config) {
        return switch (this) {
            case DATABASE_POLICIES -> List.of();
            case SERVER_DROP_CHUNKS -> List.of(
                "SELECT drop_chunks('readings', older_than => now() - " + interval(config.getReadingsRetention())
                    + ")",
                "SELECT drop_chunks('device_events', older_than => now() - "
                    + interval(config.getEventsRetention()) + ")");
            case SERVER_DELETE -> List.of(
                "DELETE FROM readings WHERE time < now() - " + interval(config.getReadingsRetention()),
                "DELETE FROM device_events WHERE time < now() - " + interval(config.getEventsRetention()));
        };
    }

    static String interval(Duration duration) {
        return "INTERVAL '" + duration.toSeconds() + " seconds'";
    }
}
