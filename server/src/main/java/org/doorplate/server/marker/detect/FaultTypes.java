package org.doorplate.server.marker.detect;

/** The fault types the detectors raise (the {@code faultType} of their alerts). */
public final class FaultTypes {
    /** A marker's robust position estimate left its reference circle. */
    public static final String DISPLACED = "displaced";
    /** A marker leans further from vertical than allowed. */
    public static final String TILTED = "tilted";
    /** The tamper switch is open (or a tamper event arrived). */
    public static final String TAMPER = "tamper";
    /** The battery is below its limit (or a low-battery event arrived). */
    public static final String LOW_BATTERY = "low_battery";
    /** No report within the silence factor times the device's report interval. */
    public static final String SILENT = "silent";
    /** A doorplate's backlight driver reports a fault. */
    public static final String BACKLIGHT_FAILURE = "backlight_failure";
    /** The device reported a component fault event. */
    public static final String DEVICE_FAULT = "device_fault";

    private FaultTypes() {
    }
}
