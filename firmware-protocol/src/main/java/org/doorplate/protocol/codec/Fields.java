package org.doorplate.protocol.codec;

import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.CommandAction.SetReportInterval;

/**
 * The key table of PROTOCOL.md. Keys 0..4 and 31 are the envelope; keys from 8 are
 * type-specific, and within the two reading types one key always means one quantity.
 */
final class Fields {
    static final int PROTOCOL_VERSION = 1;

    static final Field VERSION = Field.integer(0, "v", 0, 0, Long.MAX_VALUE);
    static final Field TYPE = Field.of(1, "type", Field.Kind.ENUM);
    static final Field DEVICE = Field.of(2, "device", Field.Kind.TEXT);
    static final Field SEQ = Field.integer(3, "seq", 0, 0, Header.MAX_SEQ);
    static final Field TIME = Field.of(4, "time", Field.Kind.TIME);
    static final Field MAC = Field.of(31, "mac", Field.Kind.MAC);

    static final Field LAT = Field.integer(8, "lat", 7, -GnssFix.MAX_LATITUDE_E7, GnssFix.MAX_LATITUDE_E7);
    static final Field LON = Field.integer(9, "lon", 7, -GnssFix.MAX_LONGITUDE_E7, GnssFix.MAX_LONGITUDE_E7);
    static final Field HEIGHT = Field.integer(10, "height", 3, GnssFix.MIN_HEIGHT_MM, GnssFix.MAX_HEIGHT_MM);
    static final Field HDOP = Field.integer(11, "hdop", 2, 0, GnssFix.MAX_HDOP_CENTI);
    static final Field SATS = Field.integer(12, "sats", 0, 0, GnssFix.MAX_SATELLITES);
    static final Field FIX = Field.of(13, "fix", Field.Kind.ENUM);
    static final Field TILT = Field.integer(14, "tilt", 2, 0, MarkerReading.MAX_TILT_CENTI_DEGREES);
    static final Field TAMPER = Field.of(15, "tamper", Field.Kind.BOOLEAN);
    static final Field BATTERY = Field.integer(16, "battery_mv", 0, 0, DoorplateReading.MAX_MILLIVOLTS);
    static final Field SOLAR = Field.integer(17, "solar_mv", 0, 0, DoorplateReading.MAX_MILLIVOLTS);
    static final Field TEMP = Field.integer(18, "temp", 1,
        MarkerReading.MIN_TEMPERATURE_DECI_C, MarkerReading.MAX_TEMPERATURE_DECI_C);
    static final Field SIGNAL = Field.integer(19, "signal_dbm", 0, MarkerReading.MIN_SIGNAL_DBM, 0);
    static final Field BACKLIGHT = Field.of(20, "backlight", Field.Kind.ENUM);
    static final Field LUX = Field.integer(21, "lux", 0, 0, DoorplateReading.MAX_LUX);

    static final Field EVENT_KIND = Field.of(8, "kind", Field.Kind.ENUM);
    static final Field EVENT_CODE = Field.integer(9, "code", 0, 0, DeviceEvent.MAX_CODE);
    static final Field EVENT_TEXT = Field.of(10, "text", Field.Kind.TEXT);

    static final Field ENTRIES = Field.of(8, "entries", Field.Kind.ENTRIES);

    static final Field RESULT_COMMAND = Field.integer(8, "command", 0, 1, Header.MAX_SEQ);
    static final Field RESULT_OUTCOME = Field.of(9, "outcome", Field.Kind.ENUM);
    static final Field RESULT_DETAIL = Field.of(10, "detail", Field.Kind.TEXT);

    static final Field COMMAND_ID = Field.integer(3, "id", 0, 1, Header.MAX_SEQ);
    static final Field ISSUED = Field.of(4, "issued", Field.Kind.TIME);
    static final Field ACTION = Field.of(8, "action", Field.Kind.ENUM);
    static final Field INTERVAL = Field.integer(9, "interval_s", 0,
        SetReportInterval.MIN_SECONDS, SetReportInterval.MAX_SECONDS);
    static final Field TILT_LIMIT = Field.integer(10, "tilt_limit", 2, 1, MarkerReading.MAX_TILT_CENTI_DEGREES);
    static final Field LOW_BATTERY = Field.integer(11, "low_battery_mv", 0, 0, DoorplateReading.MAX_MILLIVOLTS);

    private Fields() {
    }
}
