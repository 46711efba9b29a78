package org.doorplate.protocol.message;

/**
 * A GNSS (GPS/Beidou) fix in fixed-point units.
 *
 * <p>With {@link FixType#NONE} the receiver has no position: latitude, longitude and height
 * must then be 0, while HDOP and satellites still tell how close it was to a fix.
 *
 * @param latitudeE7 latitude in 1e-7 degree, north positive, -90..90 degrees
 * @param longitudeE7 longitude in 1e-7 degree, east positive, -180..180 degrees
 * @param heightMm ellipsoidal height in millimetres, -1000 m..10000 m
 * @param hdopCenti horizontal dilution of precision in 0.01, 0..99.99
 * @param satellites satellites used, 0..255
 * @param fixType the fix quality
 */
public record GnssFix(int latitudeE7, int longitudeE7, int heightMm, int hdopCenti, int satellites,
        FixType fixType) {
    public static final int MAX_LATITUDE_E7 = 900_000_000;
    public static final int MAX_LONGITUDE_E7 = 1_800_000_000;
    public static final int MIN_HEIGHT_MM = -1_000_000;
    public static final int MAX_HEIGHT_MM = 10_000_000;
    public static final int MAX_HDOP_CENTI = 9_999;
    public static final int MAX_SATELLITES = 255;

    /** Checks the ranges; see the component descriptions. */
    public GnssFix {
        Check.range("lat", latitudeE7, -MAX_LATITUDE_E7, MAX_LATITUDE_E7);
        Check.range("lon", longitudeE7, -MAX_LONGITUDE_E7, MAX_LONGITUDE_E7);
        Check.range("height", heightMm, MIN_HEIGHT_MM, MAX_HEIGHT_MM);
        Check.range("hdop", hdopCenti, 0, MAX_HDOP_CENTI);
        Check.range("sats", satellites, 0, MAX_SATELLITES);
        Check.notNull("fix", fixType);
        if (fixType == FixType.NONE && (latitudeE7 != 0 || longitudeE7 != 0 || heightMm != 0)) {
            throw new IllegalArgumentException("fix: with fix type none, lat, lon and height must be 0");
        }
    }

    /** A fix of type {@link FixType#NONE}: the receiver sees {@code satellites} but has no position. */
    public static GnssFix none(int hdopCenti, int satellites) {
        return new GnssFix(0, 0, 0, hdopCenti, satellites, FixType.NONE);
    }

    /** Whether this fix has a position (its type is not {@link FixType#NONE}). */
    public boolean hasPosition() {
        return fixType != FixType.NONE;
    }

    public double latitudeDegrees() {
        return latitudeE7 / 1e7;
    }

    public double longitudeDegrees() {
        return longitudeE7 / 1e7;
    }

    public double heightMetres() {
        return heightMm / 1000.0;
    }

    public double hdop() {
        return hdopCenti / 100.0;
    }
}
