package org.doorplate.server.device;

import io.micronaut.core.annotation.Nullable;
import org.doorplate.protocol.message.DeviceIds;
import org.doorplate.server.error.DoorplateException;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A device to register, checked: every factory rejects bad input with a BAD_REQUEST that names
 * the field, the value found and what is expected.
 *
 * @param id                 the device id
 * @param kind               doorplate or marker
 * @param reportInterval     expected report interval
 * @param areaCode           12-digit division code, or null
 * @param firmwareVersion    firmware version, or null
 * @param installLatitudeE7  installed latitude in 1e-7 degree, or null
 * @param installLongitudeE7 installed longitude in 1e-7 degree, or null
 */
public record NewDevice(String id, DeviceKind kind, Duration reportInterval, @Nullable String areaCode,
                        @Nullable String firmwareVersion, @Nullable Integer installLatitudeE7,
                        @Nullable Integer installLongitudeE7) {
    private static final Pattern AREA_CODE = Pattern.compile("[0-9]{12}");
    private static final Pattern FIRMWARE = Pattern.compile("[A-Za-z0-9._+-]{1,32}");
    private static final double E7 = 1e7;

    /** A doorplate or marker with nothing but an id and a kind. */
    public static NewDevice of(String id, DeviceKind kind) {
        return of(id, kind.wire(), null, null, null, null, null);
    }

    /**
     * Checks raw input, as it comes from JSON or a CSV line.
     *
     * @param installLat latitude in degrees, -90..90
     * @param installLon longitude in degrees, -180..180; given together with the latitude
     */
    public static NewDevice of(@Nullable String id, @Nullable String kind, @Nullable String reportInterval,
                               @Nullable String areaCode, @Nullable String firmwareVersion,
                               @Nullable Double installLat, @Nullable Double installLon) {
        if (!DeviceIds.isValid(id)) {
            throw DoorplateException.badRequest("id must be 1 to " + DeviceIds.MAX_LENGTH
                + " characters of A-Z a-z 0-9 . _ -, found '" + (id == null ? "" : id) + "'");
        }
        DeviceKind deviceKind = DeviceKind.parse(kind);
        Duration interval = ReportIntervals.parse(reportInterval, deviceKind);
        String area = blankToNull(areaCode);
        if (area != null && !AREA_CODE.matcher(area).matches()) {
            throw DoorplateException.badRequest("areaCode must be a 12-digit division code, found '" + area + "'");
        }
        String firmware = blankToNull(firmwareVersion);
        if (firmware != null && !FIRMWARE.matcher(firmware).matches()) {
            throw DoorplateException.badRequest("firmware must be 1 to 32 of A-Z a-z 0-9 . _ + -, found '"
                + firmware + "'");
        }
        if ((installLat == null) != (installLon == null)) {
            throw DoorplateException.badRequest("installLat and installLon must be given together");
        }
        return new NewDevice(id, deviceKind, interval, area, firmware,
            installLat == null ? null : degrees("installLat", installLat, 90),
            installLon == null ? null : degrees("installLon", installLon, 180));
    }

    private static int degrees(String field, double value, int limit) {
        if (!Double.isFinite(value) || Math.abs(value) > limit) {
            throw DoorplateException.badRequest(field + " must be between -" + limit + " and " + limit
                + " degrees, found " + value);
        }
        return (int) Math.round(value * E7);
    }

    @Nullable
    private static String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
