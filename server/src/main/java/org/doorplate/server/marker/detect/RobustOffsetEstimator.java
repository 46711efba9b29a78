package org.doorplate.server.marker.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Estimates a marker's offset from its reference from a window of fixes, in a way that a few
 * multipath fixes tens of metres off cannot drag.
 *
 * <p>The noise model: a consumer GNSS fix scatters around the true position with a standard
 * deviation of about {@code sigma * HDOP} per axis, where {@code sigma} (the user equivalent
 * range error, about 2 m for a single-frequency receiver) is the same for all fixes of one
 * receiver and HDOP is the geometry factor the receiver reports with each fix. On top of that a
 * few percent of fixes are reflected-signal (multipath) outliers, off by 10 to 50 m, which HDOP
 * does not reveal. So:
 * <ol>
 *   <li>each fix is weighted by {@code 1 / HDOP^2}, the inverse of its variance;</li>
 *   <li>a robust centre is found first: the median of each coordinate, which half of the
 *       fixes would have to be wrong to move;</li>
 *   <li>{@code sigma} is estimated from the median of the fixes' HDOP-normalised distances to
 *       that centre (for a 2-D Gaussian the distance follows a Rayleigh law whose median is
 *       {@code sigma * sqrt(2 ln 2)}); this is a MAD-type scale that outliers barely move;</li>
 *   <li>fixes farther than {@link #REJECTION_SIGMAS} normalised sigmas are rejected (a good
 *       fix lands there with probability {@code exp(-3.5^2 / 2)}, 0.2%); the centre becomes the
 *       weighted mean of the rest, and the rejection is repeated around the new centre;</li>
 *   <li>with the inliers, {@code sigma} is re-estimated as their weighted residual variance
 *       (corrected for the truncation), the standard error of each coordinate is
 *       {@code sigma / sqrt(sum of weights)}, and the offset is tested against zero.</li>
 * </ol>
 * The test: with the noise variance estimated from the same window, {@code F = |offset|^2 /
 * (2 SE^2)} follows Fisher's F with 2 and {@code 2(m - 1)} degrees of freedom for a marker
 * that has not moved ({@code m} inliers). For 2 numerator degrees of freedom its tail has the
 * closed form {@code P(F > f) = (1 + 2f / d)^(-d / 2)}, which this class uses as the p-value.
 * Estimating the noise from the data rather than configuring it keeps a noisier receiver (or
 * a marker under trees) from raising alarms. A short window's own noise estimate is too
 * uncertain for the far tail the test works in (and its median-based rejection radius too
 * unstable), so the caller passes the noise estimated over a long window of the same receiver
 * for the short ones; the degrees of freedom are then the long window's.
 *
 * <p>Not thread-safe: it reuses scratch arrays between calls; use one per detector.
 */
public final class RobustOffsetEstimator {
    /** Normalised distance beyond which a fix is treated as an outlier. */
    static final double REJECTION_SIGMAS = 3.5;
    /** Fixes reported with a smaller HDOP are weighted as if they had this one. */
    static final double MIN_HDOP = 0.5;
    /** Median of a Rayleigh distribution with unit sigma: sqrt(2 ln 2). */
    private static final double RAYLEIGH_MEDIAN = Math.sqrt(2 * Math.log(2));
    /** E[d^2 | d < c sigma] / (2 sigma^2) for a 2-D Gaussian truncated at c = 3.5. */
    private static final double TRUNCATION_FACTOR = truncationFactor(REJECTION_SIGMAS);
    private static final int REJECTION_ROUNDS = 2;

    private final double minSigma;
    private double[] scratch = new double[0];
    private boolean[] inlier = new boolean[0];

    /**
     * @param minSigma the smallest per-axis noise (at HDOP 1) the estimate assumes, metres; keeps
     *     a receiver that repeats the same fix from making a tiny offset look significant
     */
    public RobustOffsetEstimator(double minSigma) {
        if (!(minSigma > 0)) {
            throw new IllegalArgumentException("minSigma must be positive, found " + minSigma);
        }
        this.minSigma = minSigma;
    }

    /** Estimates the offset over the given fixes (at least 3), from their own noise. */
    public OffsetEstimate estimate(List<PlaneFix> fixes) {
        int n = fixes.size();
        double[] east = new double[n];
        double[] north = new double[n];
        double[] hdop = new double[n];
        for (int i = 0; i < n; i++) {
            east[i] = fixes.get(i).east();
            north[i] = fixes.get(i).north();
            hdop[i] = fixes.get(i).hdop();
        }
        return estimate(east, north, hdop, 0, n, null);
    }

    /**
     * Estimates the offset over {@code count} fixes stored from {@code from} in parallel arrays.
     *
     * @param east metres east of the reference
     * @param north metres north of the reference
     * @param hdop each fix's HDOP (positive)
     * @param from index of the first fix of the window
     * @param count fixes in the window, at least 3
     * @param noise the receiver's noise as estimated over a longer window, used for the
     *     rejection and the test instead of this window's own; null to use this window's own
     * @return the estimate
     */
    public OffsetEstimate estimate(double[] east, double[] north, double[] hdop, int from, int count,
            OffsetEstimate noise) {
        if (count < 3) {
            throw new IllegalArgumentException("need at least 3 fixes, found " + count);
        }
        if (scratch.length < count) {
            scratch = new double[count];
            inlier = new boolean[count];
        }
        int to = from + count;
        // The starting centre only has to be robust, not efficient: the plain coordinate-wise
        // median, which needs half the window wrong to move; the weights enter in the mean.
        double centreEast = median(east, from, count);
        double centreNorth = median(north, from, count);
        double scale;
        if (noise != null) {
            scale = noise.sigma();
        } else {
            for (int i = from; i < to; i++) {
                double h = Math.max(hdop[i], MIN_HDOP);
                double de = east[i] - centreEast;
                double dn = north[i] - centreNorth;
                scratch[i - from] = (de * de + dn * dn) / (h * h);
            }
            scale = Math.max(Math.sqrt(select(scratch, count, count / 2)) / RAYLEIGH_MEDIAN, minSigma);
        }
        double limit = REJECTION_SIGMAS * REJECTION_SIGMAS * scale * scale;
        for (int round = 0; round < REJECTION_ROUNDS; round++) {
            markInliers(east, north, hdop, from, count, centreEast, centreNorth, limit);
            double sumWeight = 0;
            double sumEast = 0;
            double sumNorth = 0;
            for (int i = from; i < to; i++) {
                if (inlier[i - from]) {
                    double w = weight(hdop[i]);
                    sumWeight += w;
                    sumEast += w * east[i];
                    sumNorth += w * north[i];
                }
            }
            centreEast = sumEast / sumWeight;
            centreNorth = sumNorth / sumWeight;
        }
        return finish(east, north, hdop, from, count, centreEast, centreNorth, noise);
    }

    private OffsetEstimate finish(double[] east, double[] north, double[] hdop, int from, int count,
            double centreEast, double centreNorth, OffsetEstimate noise) {
        int m = 0;
        double sumWeight = 0;
        double sumSquares = 0;
        for (int i = from; i < from + count; i++) {
            if (inlier[i - from]) {
                double w = weight(hdop[i]);
                double de = east[i] - centreEast;
                double dn = north[i] - centreNorth;
                m++;
                sumWeight += w;
                sumSquares += w * (de * de + dn * dn);
            }
        }
        int degrees = noise != null ? noise.degrees() : 2 * (m - 1);
        double sigma = noise != null ? noise.sigma()
            : Math.max(Math.sqrt(sumSquares / (2 * (m - 1)) / TRUNCATION_FACTOR), minSigma);
        double standardError = sigma / Math.sqrt(sumWeight);
        double f = (centreEast * centreEast + centreNorth * centreNorth) / (2 * standardError * standardError);
        double pValue = Math.pow(1 + 2 * f / degrees, -degrees / 2.0);
        return new OffsetEstimate(centreEast, centreNorth, standardError, sigma, degrees, count, m, pValue);
    }

    /**
     * Marks the fixes within the rejection radius of the centre ({@code limit} is the squared
     * radius in HDOP-normalised metres). Keeps at least the three nearest, so that a window
     * whose centre is poor still gives an estimate.
     */
    private void markInliers(double[] east, double[] north, double[] hdop, int from, int count,
            double centreEast, double centreNorth, double limit) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            double h = Math.max(hdop[from + i], MIN_HDOP);
            double de = east[from + i] - centreEast;
            double dn = north[from + i] - centreNorth;
            scratch[i] = (de * de + dn * dn) / (h * h);
            inlier[i] = scratch[i] <= limit;
            kept += inlier[i] ? 1 : 0;
        }
        if (kept < 3) {
            double[] distances = Arrays.copyOf(scratch, count);
            double third = select(scratch, count, 2);
            for (int i = 0; i < count; i++) {
                inlier[i] = distances[i] <= third;
            }
        }
    }

    private static double weight(double hdop) {
        double h = Math.max(hdop, MIN_HDOP);
        return 1 / (h * h);
    }

    private double median(double[] values, int from, int count) {
        System.arraycopy(values, from, scratch, 0, count);
        if (count % 2 == 1) {
            return select(scratch, count, count / 2);
        }
        double upper = select(scratch, count, count / 2);
        double lower = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count / 2; i++) {
            lower = Math.max(lower, scratch[i]);
        }
        return (lower + upper) / 2;
    }

    /**
     * The k-th smallest of the first {@code count} values (Hoare's quickselect; reorders them so
     * that the k smallest come first).
     */
    static double select(double[] values, int count, int k) {
        int left = 0;
        int right = count - 1;
        while (left < right) {
            double pivot = values[(left + right) >>> 1];
            int i = left;
            int j = right;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = values[i];
                    values[i] = values[j];
                    values[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static double truncationFactor(double c) {
        double tail = Math.exp(-c * c / 2);
        return 1 - c * c * tail / (2 * (1 - tail));
    }
}
