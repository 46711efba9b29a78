package org.doorplate.server.marker.detect;

/**
 * East and north offsets, in metres, of positions near a reference point.
 *
 * <p>Uses the CGCS2000 ellipsoid (the same semi-major axis as WGS84; the flattening differs in
 * the eleventh digit). Over the tens of metres a marker's fixes scatter, scaling the latitude
 * difference by the meridian radius and the longitude difference by the parallel radius at
 * the reference latitude is exact to well under a millimetre; no full ECEF rotation is needed.
 */
public final class LocalTangentPlane {
    private static final double SEMI_MAJOR_AXIS = 6_378_137.0;
    private static final double FLATTENING = 1 / 298.257222101;
    private static final double ECCENTRICITY_SQUARED = FLATTENING * (2 - FLATTENING);

    private final double latitude;
    private final double longitude;
    private final double metresPerRadianNorth;
    private final double metresPerRadianEast;

    /**
     * @param latitude reference latitude in degrees
     * @param longitude reference longitude in degrees
     */
    public LocalTangentPlane(double latitude, double longitude) {
        if (!(Math.abs(latitude) <= 89.0) || !(Math.abs(longitude) <= 180.0)) {
            throw new IllegalArgumentException("reference must have |lat| <= 89 and |lon| <= 180, found "
                + latitude + ", " + longitude);
        }
        this.latitude = latitude;
        this.longitude = longitude;
        double phi = Math.toRadians(latitude);
        double w = 1 - ECCENTRICITY_SQUARED * Math.sin(phi) * Math.sin(phi);
        this.metresPerRadianNorth = SEMI_MAJOR_AXIS * (1 - ECCENTRICITY_SQUARED) / (w * Math.sqrt(w));
        this.metresPerRadianEast = SEMI_MAJOR_AXIS / Math.sqrt(w) * Math.cos(phi);
    }

    /** Metres east of the reference (negative: west). */
    public double east(double lat, double lon) {
        double dLon = lon - longitude;
        if (dLon > 180) {
            dLon -= 360;
        } else if (dLon < -180) {
            dLon += 360;
        }
        return Math.toRadians(dLon) * metresPerRadianEast;
    }

    /** Metres north of the reference (negative: south). */
    public double north(double lat, double lon) {
        return Math.toRadians(lat - latitude) * metresPerRadianNorth;
    }

    /** The latitude, in degrees, of a point {@code north} metres from the reference. */
    public double latitudeAt(double north) {
        return latitude + Math.toDegrees(north / metresPerRadianNorth);
    }

    /** The longitude, in degrees, of a point {@code east} metres from the reference. */
    public double longitudeAt(double east) {
        return longitude + Math.toDegrees(east / metresPerRadianEast);
    }
}
