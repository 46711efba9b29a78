package org.doorplate.protocol.message;

/**
 * A boundary marker's periodic report.
 *
 * @param header device, sequence number, time
 * @param fix the GNSS fix, of type {@link FixType#NONE} when the receiver has no position
 * @param tiltCentiDegrees tilt from vertical in 0.01 degree, 0..180 degrees
 * @param tamper whether the tamper switch is open
 * @param batteryMv battery voltage in millivolts, 0..65535
 * @param solarMv solar panel charge voltage in millivolts, 0..65535
 * @param temperatureDeciC enclosure temperature in 0.1 degree Celsius, -60..125 C
 * @param signalDbm received signal strength in dBm, -200..0
 */
public record MarkerReading(Header header, GnssFix fix, int tiltCentiDegrees, boolean tamper, int batteryMv,
        int solarMv, int temperatureDeciC, int signalDbm) implements BatchEntry {
    public static final int MAX_TILT_CENTI_DEGREES = 18_000;
    public static final int MIN_TEMPERATURE_DECI_C = -600;
    public static final int MAX_TEMPERATURE_DECI_C = 1_250;
    public static final int MIN_SIGNAL_DBM = -200;

    /** Checks the fields; see the component descriptions. */
    public MarkerReading {
        Check.notNull("header", header);
        Check.notNull("fix", fix);
        Check.range("tilt", tiltCentiDegrees, 0, MAX_TILT_CENTI_DEGREES);
        Check.range("battery_mv", batteryMv, 0, DoorplateReading.MAX_MILLIVOLTS);
        Check.range("solar_mv", solarMv, 0, DoorplateReading.MAX_MILLIVOLTS);
        Check.range("temp", temperatureDeciC, MIN_TEMPERATURE_DECI_C, MAX_TEMPERATURE_DECI_C);
        Check.range("signal_dbm", signalDbm, MIN_SIGNAL_DBM, 0);
    }

    @Override
    public MessageType type() {
        return MessageType.MARKER_READING;
    }

    public double tiltDegrees() {
        return tiltCentiDegrees / 100.0;
    }

    public double temperatureCelsius() {
        return temperatureDeciC / 10.0;
    }

    public double batteryVolts() {
        return batteryMv / 1000.0;
    }

    public double solarVolts() {
        return solarMv / 1000.0;
    }
}
