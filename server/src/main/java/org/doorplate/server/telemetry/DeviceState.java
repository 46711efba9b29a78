package org.doorplate.server.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import org.doorplate.server.device.DeviceKind;

/**
 * The latest known state of a device, in SI units. Values are null until a reading carried
 * them (a doorplate has no tilt; a marker has no backlight).
 *
 * @param id the device
 * @param kind its kind
 * @param lastSeen when the server last received an uplink from it
 * @param lastSeq the highest sequence number stored for it
 * @param readingTime device time of the reading the values come from
 * @param batteryVolts battery voltage
 * @param tamper whether the tamper switch was open
 * @param backlight doorplate backlight: off, on or fault
 * @param ambientLux doorplate ambient light
 * @param tiltDegrees marker tilt from vertical
 * @param solarVolts marker solar charge voltage
 * @param temperatureCelsius marker enclosure temperature
 * @param signalDbm marker signal strength
 * @param position the latest GNSS fix with a position
 */
@Serdeable
public record DeviceState(String id, DeviceKind kind, Instant lastSeen, long lastSeq,
                          @Nullable Instant readingTime, @Nullable Double batteryVolts,
                          @Nullable Boolean tamper, @Nullable String backlight, @Nullable Integer ambientLux,
                          @Nullable Double tiltDegrees, @Nullable Double solarVolts,
                          @Nullable Double temperatureCelsius, @Nullable Integer signalDbm,
                          @Nullable Position position) {
    /**
     * A GNSS position.
     *
     * @param time device time of the fix
     * @param latitude degrees north (CGCS2000, within a metre of WGS84)
     * @param longitude degrees east
     * @param heightMetres ellipsoidal height
     * @param hdop horizontal dilution of precision
     * @param satellites satellites used
     * @param fixType none, 2d, 3d, dgnss, rtk_fixed or rtk_float
     */
    @Serdeable
    public record Position(Instant time, double latitude, double longitude, double heightMetres, double hdop,
                           int satellites, String fixType) {
    }
}
