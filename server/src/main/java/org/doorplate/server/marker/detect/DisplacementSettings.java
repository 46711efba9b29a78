package org.doorplate.server.marker.detect;

/**
 * How the displacement detector decides; see {@link DisplacementDetector}.
 *
 * @param threshold offset from the reference, metres, beyond which a marker counts as displaced
 * @param minWindow fixes in the shortest window (it catches large moves quickly)
 * @param maxWindow fixes in the longest window (it proves small moves); windows double from
 *     the shortest up to this one
 * @param falseAlarmProbability the p-value below which the longest window's offset counts as
 *     real; shorter windows get a proportionally smaller limit
 * @param confirmations consecutive evaluations that must agree before the state changes
 * @param clearSigmas clearing needs {@code offset + clearSigmas * SE < threshold} in a window
 * @param clearAutomatically whether a return inside the circle clears the alert
 * @param minSigma the smallest per-axis fix noise at HDOP 1 the estimate assumes, metres
 * @param maxHdop fixes with a larger HDOP are ignored
 * @param minSatellites fixes from fewer satellites are ignored
 */
public record DisplacementSettings(double threshold, int minWindow, int maxWindow,
        double falseAlarmProbability, int confirmations, double clearSigmas,
        boolean clearAutomatically, double minSigma, double maxHdop, int minSatellites) {
    /** The defaults, tuned on the simulated traces of the detector quality test. */
    public static final DisplacementSettings DEFAULTS =
        new DisplacementSettings(0.5, 15, 480, 1e-5, 3, 3.0, true, 0.3, 4.0, 4);

    public DisplacementSettings {
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be positive, found " + threshold);
        }
        if (minWindow < 5 || maxWindow < minWindow) {
            throw new IllegalArgumentException("windows must satisfy 5 <= min <= max, found "
                + minWindow + ", " + maxWindow);
        }
        if (!(falseAlarmProbability > 0 && falseAlarmProbability < 0.5)) {
            throw new IllegalArgumentException("falseAlarmProbability must lie in (0, 0.5), found "
                + falseAlarmProbability);
        }
        if (confirmations < 1) {
            throw new IllegalArgumentException("confirmations must be at least 1, found " + confirmations);
        }
        if (!(clearSigmas >= 0) || !(minSigma > 0) || !(maxHdop > 0) || minSatellites < 0) {
            throw new IllegalArgumentException("clearSigmas, minSigma, maxHdop and minSatellites must be"
                + " non-negative (minSigma and maxHdop positive)");
        }
    }

    /** Whether a fix is good enough to use: it has a 3-D position, enough satellites, fair HDOP. */
    public boolean usable(boolean position3d, double hdop, int satellites) {
        return position3d && hdop > 0 && hdop <= maxHdop && satellites >= minSatellites;
    }
}
