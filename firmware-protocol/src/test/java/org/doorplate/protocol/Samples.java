package org.doorplate.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.Message;
import org.doorplate.protocol.message.Outcome;
import org.doorplate.protocol.message.ReadingBatch;

/** The example messages of PROTOCOL.md, one or more of every type. */
public final class Samples {
    public static final String MARKER = "4501001A";
    public static final String DOORPLATE = "DP150102000123";
    public static final Instant TIME = Instant.parse("2025-06-01T08:00:00Z");
    public static final DeviceKey MARKER_KEY =
        DeviceKey.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    public static final DeviceKey DOORPLATE_KEY =
        DeviceKey.fromHex("c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00");

    private Samples() {
    }

    public static GnssFix markerFix() {
        return new GnssFix(408424123, 1117490456, 1050123, 87, 14, FixType.FIX_3D);
    }

    public static MarkerReading markerReading() {
        return markerReading(new Header(MARKER, 1042, TIME));
    }

    public static MarkerReading markerReading(Header header) {
        return new MarkerReading(header, markerFix(), 125, false, 3712, 5120, 235, -87);
    }

    public static DoorplateReading doorplateReading() {
        return new DoorplateReading(new Header(DOORPLATE, 77, TIME), 3010, false, Backlight.ON, 12,
            Optional.empty());
    }

    public static DoorplateReading doorplateReadingWithFix() {
        return new DoorplateReading(new Header(DOORPLATE, 78, TIME.plusSeconds(3600)), 3005, false, Backlight.OFF,
            35000, Optional.of(new GnssFix(408161234, 1116712345, 1063500, 120, 9, FixType.FIX_3D)));
    }

    public static DeviceEvent tamperEvent() {
        return new DeviceEvent(new Header(MARKER, 1043, TIME.plusSeconds(95)), EventKind.TAMPER,
            OptionalLong.empty(), Optional.empty());
    }

    public static DeviceEvent faultEvent() {
        return new DeviceEvent(new Header(DOORPLATE, 79, TIME.plusSeconds(7200)), EventKind.FAULT,
            OptionalLong.of(17), Optional.of("backlight driver open circuit"));
    }

    public static DeviceEvent bootEvent() {
        return new DeviceEvent(new Header(DOORPLATE, 0, Instant.EPOCH), EventKind.BOOT,
            OptionalLong.of(DeviceEvent.MAX_CODE), Optional.of("重启：看门狗"));
    }

    public static MarkerReading markerReadingSouthWest() {
        return new MarkerReading(new Header(MARKER, Header.MAX_SEQ, Header.MAX_TIME),
            new GnssFix(-338688000, -700000001, -12345, 0, 0, FixType.RTK_FLOAT), 18000, true, 0, 65535, -600, -200);
    }

    public static ReadingBatch markerBatch() {
        List<BatchEntry> entries = List.of(
            markerReading(new Header(MARKER, 1044, TIME.plusSeconds(300))),
            new DeviceEvent(new Header(MARKER, 1045, TIME.plusSeconds(420)), EventKind.LOW_BATTERY,
                OptionalLong.of(3390), Optional.empty()),
            new MarkerReading(new Header(MARKER, 1046, TIME.plusSeconds(600)), GnssFix.none(9999, 2),
                130, false, 3385, 0, -52, -101));
        return new ReadingBatch(new Header(MARKER, 1047, TIME.plusSeconds(3900)), entries);
    }

    public static CommandResult commandResult() {
        return new CommandResult(new Header(MARKER, 1048, TIME.plusSeconds(3960)), 501, Outcome.OK, Optional.empty());
    }

    public static CommandResult failedCommandResult() {
        return new CommandResult(new Header(DOORPLATE, 80, TIME.plusSeconds(7300)), 502, Outcome.UNSUPPORTED,
            Optional.of("no tilt sensor"));
    }

    public static Command setInterval() {
        return new Command(501, MARKER, TIME.plusSeconds(3950), new CommandAction.SetReportInterval(600));
    }

    public static Command setThresholds() {
        return new Command(502, DOORPLATE, TIME.plusSeconds(7250),
            new CommandAction.SetThresholds(OptionalInt.of(500), OptionalInt.of(3300)));
    }

    public static Command reboot() {
        return new Command(503, MARKER, TIME.plusSeconds(8000), new CommandAction.Reboot());
    }

    public static Command locate() {
        return new Command(504, DOORPLATE, TIME.plusSeconds(8100), new CommandAction.Locate());
    }

    /** Every sample message, each type at least once. */
    public static List<Message> all() {
        return List.of(markerReading(), markerReadingSouthWest(), doorplateReading(), doorplateReadingWithFix(),
            tamperEvent(), faultEvent(), bootEvent(), markerBatch(), commandResult(), failedCommandResult(),
            setInterval(), setThresholds(), reboot(), locate());
    }

    public static DeviceKey keyOf(Message message) {
        return message.deviceId().equals(MARKER) ? MARKER_KEY : DOORPLATE_KEY;
    }
}
