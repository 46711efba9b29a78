package org.doorplate.server.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorplate.protocol.message.Header;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.ingest.IngestDevices;
import org.doorplate.server.security.Roles;

/** A device's latest state, its readings over time, and its stored sequence numbers. */
@Controller("/api/v1/devices/{id}")
@Secured({Roles.ADMIN, Roles.CREW})
final class TelemetryController {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhd])");
    private static final Duration DEFAULT_SPAN = Duration.ofDays(1);
    private static final Duration MIN_BUCKET = Duration.ofSeconds(1);

    private final IngestDevices registry;
    private final DeviceStates states;
    private final TelemetryQueries queries;

    TelemetryController(IngestDevices registry, DeviceStates states, TelemetryQueries queries) {
        this.registry = registry;
        this.states = states;
        this.queries = queries;
    }

    @Get("/state")
    DeviceState state(@PathVariable String id) {
        requireDevice(id);
        return states.find(id).orElseThrow(() -> DoorplateException.notFound(
            "device '" + id + "' has not sent anything yet"));
    }

    @Get("/telemetry")
    TelemetryAnswer telemetry(@PathVariable String id, @Nullable @QueryValue String from,
                              @Nullable @QueryValue String to, @Nullable @QueryValue String bucket) {
        Instant end = to == null ? Instant.now() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_SPAN) : instant("from", from);
        requireOrder(start, end);
        requireDevice(id);
        if (bucket == null) {
            List<TelemetryReading> readings = queries.readings(id, start, end);
            boolean truncated = readings.size() > queries.maxRows();
            return new TelemetryAnswer(id, start, end, null,
                truncated ? readings.subList(0, queries.maxRows()) : readings, null, truncated);
        }
        Duration size = duration(bucket);
        long count = Duration.between(start, end).dividedBy(size);
        if (count > queries.maxRows()) {
            throw DoorplateException.badRequest("bucket: " + bucket + " makes " + count + " buckets between from and"
                + " to, more than the limit of " + queries.maxRows() + "; choose a larger bucket or a shorter span");
        }
        return new TelemetryAnswer(id, start, end, size.toString(), null, queries.buckets(id, start, end, size),
            false);
    }

    @Get("/sequences")
    StoredSequences sequences(@PathVariable String id, @Nullable @QueryValue String from,
                              @Nullable @QueryValue String to) {
        Instant start = from == null ? Instant.EPOCH : instant("from", from);
        Instant end = to == null ? Header.MAX_TIME.plusSeconds(1) : instant("to", to);
        requireOrder(start, end);
        requireDevice(id);
        return queries.sequences(id, start, end);
    }

    private void requireDevice(String id) {
        if (registry.find(id).isEmpty()) {
            throw DoorplateException.notFound("no device '" + id + "'");
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw DoorplateException.badRequest(name + ": expected an ISO-8601 instant such as "
                + "2025-01-31T08:00:00Z, found '" + value + "'");
        }
    }

    private static void requireOrder(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw DoorplateException.badRequest("from must be before to, found from " + from + " and to " + to);
        }
    }

    /** An ISO-8601 duration ({@code PT1H}) or a short one ({@code 15m}, {@code 1h}, {@code 1d}). */
    static Duration duration(String value) {
        Duration duration;
        Matcher matcher = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw DoorplateException.badRequest("bucket: expected an ISO-8601 duration such as PT1H or a short"
                    + " one such as 15m, 1h, 1d; found '" + value + "'");
            }
        }
        if (duration.compareTo(MIN_BUCKET) < 0 || duration.getNano() != 0) {
            throw DoorplateException.badRequest("bucket: expected whole seconds of at least 1s, found '" + value
                + "'");
        }
        return duration;
    }

    /**
     * The telemetry answer: raw readings without a bucket, buckets with one.
     *
     * @param device the device
     * @param from start (inclusive, device time)
     * @param to end (exclusive)
     * @param bucket the bucket size as an ISO-8601 duration, or null for raw readings
     * @param readings raw readings, oldest first, or null
     * @param buckets buckets, oldest first, or null
     * @param truncated whether more readings exist than the answer's limit
     */
    @Serdeable
    record TelemetryAnswer(String device, Instant from, Instant to, @Nullable String bucket,
                           @Nullable List<TelemetryReading> readings, @Nullable List<TelemetryBucket> buckets,
                           boolean truncated) {
    }
}
