package org.doorplate.server.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * One stored reading in SI units; fields a device kind does not report are null.
 *
 * @param time device time
 * @param receivedAt when the server received it
 * @param seq its sequence number
 * @param batteryVolts battery voltage
 * @param tamper whether the tamper switch was open
 * @param backlight doorplate backlight
 * @param ambientLux doorplate ambient light
 * @param tiltDegrees marker tilt
 * @param solarVolts marker solar voltage
 * @param temperatureCelsius marker temperature
 * @param signalDbm marker signal strength
 * @param fix the GNSS fix, if the reading had one
 */
@Serdeable
public record TelemetryReading(Instant time, Instant receivedAt, long seq, @Nullable Double batteryVolts,
                               @Nullable Boolean tamper, @Nullable String backlight,
                               @Nullable Integer ambientLux, @Nullable Double tiltDegrees,
                               @Nullable Double solarVolts, @Nullable Double temperatureCelsius,
                               @Nullable Integer signalDbm, @Nullable Fix fix) {
    /**
     * A GNSS fix; position fields are null for fix type none.
     *
     * @param type fix type
     * @param latitude degrees north
     * @param longitude degrees east
     * @param heightMetres ellipsoidal height
     * @param hdop horizontal dilution of precision
     * @param satellites satellites used
     */
    @Serdeable
    public record Fix(String type, @Nullable Double latitude, @Nullable Double longitude,
                      @Nullable Double heightMetres, double hdop, int satellites) {
    }
}
