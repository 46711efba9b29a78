package org.doorplate.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GnssReceiverTest {
    private static final GeoPoint TRUTH = new GeoPoint(40.8424, 111.7500, 1050);
    private static final int SAMPLES = 20_000;

    @Test
    void noiseHasZeroMeanAndTwoMetreSigmaOnEachAxis() {
        // GIVEN a receiver without multipath or lost fixes
        GnssReceiver receiver = new GnssReceiver(new SplittableRandom(11),
            new GnssReceiver.Settings(2.0, 3.0, 0, 10, 40, 0));

        // WHEN it takes many fixes at one spot
        double[] north = new double[SAMPLES];
        double[] east = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            GeoPoint p = receiver.fix(TRUTH).position();
            north[i] = p.northOf(TRUTH);
            east[i] = p.eastOf(TRUTH);
        }

        // THEN the mean is within a few standard errors of 0 and sigma is 2 m within 3%
        double standardError = 2.0 / Math.sqrt(SAMPLES);
        assertEquals(0, mean(north), 4 * standardError);
        assertEquals(0, mean(east), 4 * standardError);
        assertEquals(2.0, sigma(north), 0.06);
        assertEquals(2.0, sigma(east), 0.06);
    }

    @Test
    void multipathOutliersOccurAtTheConfiguredRateAndLieFarOff() {
        // GIVEN a receiver where 2% of fixes are pulled 10 to 40 m away
        GnssReceiver receiver = new GnssReceiver(new SplittableRandom(12),
            new GnssReceiver.Settings(2.0, 3.0, 0.02, 10, 40, 0));

        // WHEN it takes many fixes
        int outliers = 0;
        for (int i = 0; i < SAMPLES; i++) {
            GnssSample s = receiver.fix(TRUTH);
            if (s.outlier()) {
                outliers++;
                assertTrue(s.position().horizontalDistanceTo(TRUTH) > 4, "an outlier stays near the truth");
            }
        }

        // THEN the share is 2% within binomial noise (sd = sqrt(p(1-p)/n) ~ 0.1%)
        assertEquals(0.02, outliers / (double) SAMPLES, 0.004);
    }

    @Test
    void satellitesAndHdopVaryWithinRealisticBounds() {
        GnssReceiver receiver = new GnssReceiver(new SplittableRandom(13), GnssReceiver.Settings.TYPICAL);

        int minSats = Integer.MAX_VALUE;
        int maxSats = 0;
        double minHdop = Double.MAX_VALUE;
        double maxHdop = 0;
        int noFix = 0;
        for (int i = 0; i < SAMPLES; i++) {
            GnssSample s = receiver.fix(TRUTH);
            if (!s.hasFix()) {
                noFix++;
                continue;
            }
            minSats = Math.min(minSats, s.satellites());
            maxSats = Math.max(maxSats, s.satellites());
            minHdop = Math.min(minHdop, s.hdop());
            maxHdop = Math.max(maxHdop, s.hdop());
        }

        assertTrue(minSats >= 5 && maxSats <= 24, minSats + ".." + maxSats);
        assertTrue(maxSats - minSats >= 5, "satellites barely vary: " + minSats + ".." + maxSats);
        assertTrue(minHdop >= 0.5 && maxHdop < 5, minHdop + ".." + maxHdop);
        assertTrue(noFix > 0 && noFix < SAMPLES * 0.02, "lost fixes: " + noFix);
    }

    @Test
    void settingsThatDescribeNoReceiverAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GnssReceiver.Settings(-1, 3, 0, 10, 40, 0));
        assertThrows(IllegalArgumentException.class, () -> new GnssReceiver.Settings(2, 3, 1.5, 10, 40, 0));
        assertThrows(IllegalArgumentException.class, () -> new GnssReceiver.Settings(2, 3, 0, 40, 10, 0));
        assertFalse(new GnssSample(null, 9, 2, false).hasFix());
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double sigma(double[] values) {
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / (values.length - 1));
    }
}
