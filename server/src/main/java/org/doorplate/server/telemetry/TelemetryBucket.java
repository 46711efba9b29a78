package org.doorplate.server.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * Readings of one time bucket.
 *
 * @param time start of the bucket
 * @param readings readings in it
 * @param metrics per metric the device reported in it: average, minimum, maximum, latest
 */
@Serdeable
public record TelemetryBucket(Instant time, long readings, List<Metric> metrics) {
    /**
     * One metric over the bucket, in SI units.
     *
     * @param name batteryVolts, tiltDegrees, temperatureCelsius, solarVolts, signalDbm or ambientLux
     * @param avg average
     * @param min minimum
     * @param max maximum
     * @param last value of the latest reading that had it
     */
    @Serdeable
    public record Metric(String name, double avg, @Nullable Double min, @Nullable Double max,
                         @Nullable Double last) {
    }
}
