package org.doorplate.server.doorplate;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.doorplate.server.db.TimescaleFeatures;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Fields;
import org.doorplate.server.gazetteer.Sql;

/**
 * Scan counts of a plate over time. With TimescaleDB it groups with {@code time_bucket}; on a
 * plain PostgreSQL (the embedded one) with {@code date_bin}, which buckets the same way from
 * the same origin (2000-01-03, a Monday), so both answer alike.
 */
@Singleton
public class ScanStatistics {
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,6})([smhd])");
    private static final Duration SMALLEST = Duration.ofMinutes(1);
    private static final int MOST_BUCKETS = 10_000;

    private final DataSource dataSource;
    private final boolean timescale;

    public ScanStatistics(DataSource dataSource, TimescaleFeatures features) {
        this.dataSource = dataSource;
        this.timescale = features.hasHypertables();
    }

    /** One bucket of the answer: its start and how many scans fell in it. */
    @Serdeable
    public record Bucket(Instant start, long scans) {
    }

    /** Counts in buckets of {@code bucket} within [from, to); empty buckets are left out. */
    public List<Bucket> counts(String plateCode, Duration bucket, Instant from, Instant to) {
        if (bucket.compareTo(SMALLEST) < 0) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "bucket must be at least 1 minute, found " + bucket);
        }
        if (!to.isAfter(from)) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "to must be after from");
        }
        if (Duration.between(from, to).dividedBy(bucket) > MOST_BUCKETS) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    "at most " + MOST_BUCKETS + " buckets: widen the bucket or narrow the range");
        }
        String function = timescale ? "time_bucket(?::interval, scanned_at, TIMESTAMPTZ '2000-01-03')"
                : "date_bin(?::interval, scanned_at, TIMESTAMPTZ '2000-01-03')";
        String sql = "SELECT " + function + " AS start, count(*) FROM scans WHERE plate_code = ?"
                + " AND scanned_at >= ? AND scanned_at < ? GROUP BY start ORDER BY start";
        List<Bucket> buckets = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, bucket.getSeconds() + " seconds");
            s.setString(2, plateCode);
            s.setTimestamp(3, Timestamp.from(from));
            s.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new Bucket(rs.getTimestamp(1).toInstant(), rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("scan counts", e);
        }
        return buckets;
    }

    /** Parses a bucket width: an ISO-8601 duration (PT1H, P1D) or a short form (15m, 1h, 1d). */
    public static Duration parseBucket(String text) {
        if (text == null || text.length() > 32) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "bucket is required, like PT1H or 1h");
        }
        Matcher shortForm = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST, "bucket must be an ISO-8601 duration like"
                    + " PT1H or a short one like 1h, found " + Fields.quote(text));
        }
    }
}
