package org.doorplate.sim.model;

import java.util.random.RandomGenerator;

/**
 * A consumer GNSS (GPS/Beidou) receiver standing still at a known true position.
 *
 * <p>Fixes scatter around the truth with a normal error of {@link Settings#sigmaMetres()} on
 * each horizontal axis (single-frequency receivers with a clear sky measure 1.5 to 3 m), and
 * now and then a multipath reflection off a wall or a truck pulls one fix 10 to 40 m away.
 * Satellites in use wander between 5 and 24 and HDOP follows them. A displacement detector
 * must tell a moved marker from exactly this noise.
 *
 * <p>The scatter does not grow with HDOP as a real receiver's does (roughly sigma = UERE x
 * HDOP), so that the noise has one known sigma that tests and detectors can be checked against.
 *
 * <p>Not thread-safe: each simulated device owns its receiver.
 */
public final class GnssReceiver {
    private static final int MIN_SATELLITES = 5;
    private static final int MAX_SATELLITES = 24;

    private final RandomGenerator random;
    private final Settings settings;
    private int satellites;

    /**
     * How the receiver scatters.
     *
     * @param sigmaMetres the standard deviation of the horizontal error on each axis
     * @param heightSigmaMetres the standard deviation of the height error (about 1.5x horizontal)
     * @param outlierRate the share of fixes pulled off by multipath, 0..1
     * @param outlierMinMetres the shortest multipath pull
     * @param outlierMaxMetres the longest multipath pull
     * @param noFixRate the share of attempts that end without a fix (canopy, snow on the antenna)
     */
    public record Settings(double sigmaMetres, double heightSigmaMetres, double outlierRate,
            double outlierMinMetres, double outlierMaxMetres, double noFixRate) {
        /** A typical single-frequency receiver on an open boundary line. */
        public static final Settings TYPICAL = new Settings(2.0, 3.0, 0.02, 10, 40, 0.005);

        /** Checks that the numbers describe a receiver. */
        public Settings {
            requireNonNegative("sigma", sigmaMetres);
            requireNonNegative("height sigma", heightSigmaMetres);
            requireRate("outlier rate", outlierRate);
            requireRate("no-fix rate", noFixRate);
            requireNonNegative("outlier min", outlierMinMetres);
            if (!(outlierMaxMetres >= outlierMinMetres)) {
                throw new IllegalArgumentException("outlier max: expected >= " + outlierMinMetres
                    + ", found " + outlierMaxMetres);
            }
        }

        private static void requireNonNegative(String field, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(field + ": expected a finite value >= 0, found " + value);
            }
        }

        private static void requireRate(String field, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException(field + ": expected 0..1, found " + value);
            }
        }
    }

    public GnssReceiver(RandomGenerator random, Settings settings) {
        this.random = random;
        this.settings = settings;
        this.satellites = 9 + random.nextInt(8);
    }

    /** One fix attempt at the true position {@code truth}. */
    public GnssSample fix(GeoPoint truth) {
        satellites = wander(satellites);
        double hdop = hdopFor(satellites);
        if (random.nextDouble() < settings.noFixRate()) {
            return new GnssSample(null, Math.max(hdop, 5.0), Math.min(satellites, 3), false);
        }
        double north = random.nextGaussian() * settings.sigmaMetres();
        double east = random.nextGaussian() * settings.sigmaMetres();
        double up = random.nextGaussian() * settings.heightSigmaMetres();
        boolean outlier = random.nextDouble() < settings.outlierRate();
        if (outlier) {
            double pull = settings.outlierMinMetres() == settings.outlierMaxMetres()
                ? settings.outlierMinMetres()
                : random.nextDouble(settings.outlierMinMetres(), settings.outlierMaxMetres());
            double bearing = random.nextDouble(0, 2 * Math.PI);
            north += pull * Math.cos(bearing);
            east += pull * Math.sin(bearing);
        }
        return new GnssSample(truth.offset(north, east, up), hdop, satellites, outlier);
    }

    private int wander(int current) {
        int next = current + random.nextInt(-1, 2);
        return Math.max(MIN_SATELLITES, Math.min(MAX_SATELLITES, next));
    }

    // Fewer satellites spread over the sky worse: HDOP near 0.7 with 20 in view, above 2 with 5.
    private double hdopFor(int sats) {
        double base = 0.5 + 8.0 / sats;
        double hdop = base * (1 + 0.1 * random.nextGaussian());
        return Math.max(0.5, Math.round(hdop * 100) / 100.0);
    }
}
