package org.doorplate.protocol.message;

import java.util.Optional;

/**
 * A smart doorplate's periodic report (its heartbeat).
 *
 * @param header device, sequence number, time
 * @param batteryMv battery voltage in millivolts, 0..65535
 * @param tamper whether the tamper switch is open
 * @param backlight the backlight state
 * @param ambientLux ambient light in lux, 0..200000
 * @param fix an occasional position fix, empty on most reports
 */
public record DoorplateReading(Header header, int batteryMv, boolean tamper, Backlight backlight,
        int ambientLux, Optional<GnssFix> fix) implements BatchEntry {
    public static final int MAX_MILLIVOLTS = 65_535;
    public static final int MAX_LUX = 200_000;

    /** Checks the fields; see the component descriptions. */
    public DoorplateReading {
        Check.notNull("header", header);
        Check.range("battery_mv", batteryMv, 0, MAX_MILLIVOLTS);
        Check.notNull("backlight", backlight);
        Check.range("lux", ambientLux, 0, MAX_LUX);
        Check.notNull("fix", fix);
    }

    @Override
    public MessageType type() {
        return MessageType.DOORPLATE_READING;
    }

    public double batteryVolts() {
        return batteryMv / 1000.0;
    }
}
