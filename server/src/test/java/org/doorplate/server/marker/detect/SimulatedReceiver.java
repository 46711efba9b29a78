package org.doorplate.server.marker.detect;

import java.util.Random;

/**
 * A consumer GNSS receiver on a marker, for the detector tests: per-axis noise of
 * {@code sigma * HDOP}, HDOP mostly near 1 with spells of poor geometry, some reports without a
 * fix, and multipath outliers 10 to 50 m off that HDOP does not reveal. Seeded: the same seed
 * gives the same trace.
 */
final class SimulatedReceiver {
    /** One report's fix, before the detector's screening. */
    record Report(double east, double north, double hdop, int satellites, boolean position3d) {
    }

    private final Random random;
    private final double sigma;
    private final double outlierRate;

    SimulatedReceiver(long seed, double sigma, double outlierRate) {
        this.random = new Random(seed);
        this.sigma = sigma;
        this.outlierRate = outlierRate;
    }

    /** The next report of a receiver whose antenna stands at the given offset. */
    Report next(double trueEast, double trueNorth) {
        double hdop;
        int satellites;
        double roll = random.nextDouble();
        if (roll < 0.85) {
            hdop = 0.7 + 0.6 * random.nextDouble();
            satellites = 8 + random.nextInt(8);
        } else if (roll < 0.97) {
            hdop = 1.3 + 1.7 * random.nextDouble();
            satellites = 5 + random.nextInt(4);
        } else {
            hdop = 3.0 + 5.0 * random.nextDouble();
            satellites = 3 + random.nextInt(3);
        }
        if (random.nextDouble() < 0.03) {
            return new Report(0, 0, hdop, satellites, false);
        }
        double east = trueEast + random.nextGaussian() * sigma * hdop;
        double north = trueNorth + random.nextGaussian() * sigma * hdop;
        if (random.nextDouble() < outlierRate) {
            double bearing = 2 * Math.PI * random.nextDouble();
            double distance = 10 + 40 * random.nextDouble();
            east += distance * Math.sin(bearing);
            north += distance * Math.cos(bearing);
        }
        return new Report(east, north, hdop, satellites, true);
    }

    double uniform() {
        return random.nextDouble();
    }
}
