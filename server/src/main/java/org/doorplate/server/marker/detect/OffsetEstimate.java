package org.doorplate.server.marker.detect;

/**
 * A robust estimate of a marker's horizontal offset from its surveyed reference over one window
 * of fixes.
 *
 * @param east estimated offset east, metres
 * @param north estimated offset north, metres
 * @param standardError standard error of each coordinate of the estimate, metres
 * @param sigma estimated noise of one fix per axis at HDOP 1, metres (the receiver's UERE)
 * @param degrees degrees of freedom of the noise estimate
 * @param fixes fixes in the window
 * @param inliers fixes kept after the outlier rejection
 * @param pValue probability of an offset at least this large if the marker had not moved
 */
public record OffsetEstimate(double east, double north, double standardError, double sigma,
        int degrees, int fixes, int inliers, double pValue) {
    /** Distance of the estimate from the reference, metres. */
    public double offset() {
        return Math.hypot(east, north);
    }

    /** How many standard errors the estimate lies from the reference. */
    public double zScore() {
        return offset() / standardError;
    }
}
