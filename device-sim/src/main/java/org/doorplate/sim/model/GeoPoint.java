package org.doorplate.sim.model;

/**
 * A position on the WGS84 ellipsoid (CGCS2000 is within centimetres of it), in degrees and
 * metres of ellipsoidal height.
 *
 * <p>Offsets use a local flat-earth approximation, good to well under a centimetre over the
 * few hundred metres a simulated fix or displacement spans.
 */
public record GeoPoint(double latitude, double longitude, double heightMetres) {
    /** Checks the ranges: latitude -90..90, longitude -180..180 degrees. */
    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude: expected -90..90, found " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude: expected -180..180, found " + longitude);
        }
        if (!Double.isFinite(heightMetres)) {
            throw new IllegalArgumentException("height: expected a finite number, found " + heightMetres);
        }
    }

    /** This point moved {@code north} and {@code east} metres and {@code up} metres higher. */
    public GeoPoint offset(double north, double east, double up) {
        double lat = latitude + north / metresPerDegreeLatitude(latitude);
        double lon = longitude + east / metresPerDegreeLongitude(latitude);
        return new GeoPoint(lat, lon, heightMetres + up);
    }

    /** This point moved {@code metres} along {@code bearingDegrees} (clockwise from north). */
    public GeoPoint move(double metres, double bearingDegrees) {
        double bearing = Math.toRadians(bearingDegrees);
        return offset(metres * Math.cos(bearing), metres * Math.sin(bearing), 0);
    }

    /** Metres north of {@code origin} (negative south of it). */
    public double northOf(GeoPoint origin) {
        return (latitude - origin.latitude) * metresPerDegreeLatitude(origin.latitude);
    }

    /** Metres east of {@code origin} (negative west of it). */
    public double eastOf(GeoPoint origin) {
        return (longitude - origin.longitude) * metresPerDegreeLongitude(origin.latitude);
    }

    /** The horizontal distance to {@code other} in metres. */
    public double horizontalDistanceTo(GeoPoint other) {
        return Math.hypot(other.northOf(this), other.eastOf(this));
    }

    // The series for the length of a degree on the WGS84 ellipsoid, accurate to about a
    // centimetre per degree; the ellipsoid's flattening makes a degree of latitude ~1.1 km
    // longer at the poles than at the equator.
    static double metresPerDegreeLatitude(double latitude) {
        double phi = Math.toRadians(latitude);
        return 111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    }

    static double metresPerDegreeLongitude(double latitude) {
        double phi = Math.toRadians(latitude);
        return 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi);
    }
}
