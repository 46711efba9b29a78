package org.doorplate.sim.model;

/**
 * One simulated receiver output.
 *
 * @param position the reported position, or null when the receiver has no fix
 * @param hdop horizontal dilution of precision
 * @param satellites satellites used in the solution
 * @param outlier whether a multipath reflection pulled this fix far off (for tests and logs;
 *     a real receiver cannot tell)
 */
public record GnssSample(GeoPoint position, double hdop, int satellites, boolean outlier) {
    /** Whether the receiver has a position. */
    public boolean hasFix() {
        return position != null;
    }
}
