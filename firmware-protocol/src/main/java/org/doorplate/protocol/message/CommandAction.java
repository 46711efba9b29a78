package org.doorplate.protocol.message;

import java.util.OptionalInt;

/** What a {@link Command} asks the device to do. */
public sealed interface CommandAction {
    /** The action code (CBOR key 8) and name (JSON {@code "action"}). */
    Kind kind();

    /** The action codes. */
    enum Kind implements WireCode {
        SET_REPORT_INTERVAL(1, "set_report_interval"),
        SET_THRESHOLDS(2, "set_thresholds"),
        REBOOT(3, "reboot"),
        LOCATE(4, "locate");

        private final int code;
        private final String wireName;

        Kind(int code, String wireName) {
            this.code = code;
            this.wireName = wireName;
        }

        @Override
        public int code() {
            return code;
        }

        @Override
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Report every {@code seconds} from now on.
     *
     * @param seconds the new interval, 60..86400 (one minute to one day)
     */
    record SetReportInterval(int seconds) implements CommandAction {
        public static final int MIN_SECONDS = 60;
        public static final int MAX_SECONDS = 86_400;

        /** Checks the range. */
        public SetReportInterval {
            Check.range("interval_s", seconds, MIN_SECONDS, MAX_SECONDS);
        }

        @Override
        public Kind kind() {
            return Kind.SET_REPORT_INTERVAL;
        }
    }

    /**
     * Change the thresholds at which the device raises an event at once; an absent value
     * keeps the device's current threshold, but at least one must be present.
     *
     * @param tiltCentiDegrees tilt from vertical that raises a TAMPER event, in 0.01 degree, 1..18000
     * @param lowBatteryMv battery voltage below which the device raises LOW_BATTERY, 0..65535 mV
     */
    record SetThresholds(OptionalInt tiltCentiDegrees, OptionalInt lowBatteryMv) implements CommandAction {
        /** Checks the ranges and that something is set. */
        public SetThresholds {
            Check.notNull("tilt_limit", tiltCentiDegrees);
            Check.notNull("low_battery_mv", lowBatteryMv);
            tiltCentiDegrees.ifPresent(t -> Check.range("tilt_limit", t, 1, MarkerReading.MAX_TILT_CENTI_DEGREES));
            lowBatteryMv.ifPresent(v -> Check.range("low_battery_mv", v, 0, DoorplateReading.MAX_MILLIVOLTS));
            if (tiltCentiDegrees.isEmpty() && lowBatteryMv.isEmpty()) {
                throw new IllegalArgumentException("set_thresholds: expected tilt_limit or low_battery_mv");
            }
        }

        @Override
        public Kind kind() {
            return Kind.SET_THRESHOLDS;
        }
    }

    /** Restart the device. */
    record Reboot() implements CommandAction {
        @Override
        public Kind kind() {
            return Kind.REBOOT;
        }
    }

    /** Take a GNSS fix now and report it at once (and flash the backlight, where there is one). */
    record Locate() implements CommandAction {
        @Override
        public Kind kind() {
            return Kind.LOCATE;
        }
    }
}
