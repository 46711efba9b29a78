package org.doorplate.server.marker.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.marker.detect.DisplacementDetector.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Verifies on simulated traces that the displacement detector finds a moved marker and stays
 * quiet for one that has not moved, and shows what a naive one-fix geofence does on the same
 * traces.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DisplacementDetectorQualityTest {
    private static final DisplacementSettings SETTINGS = DisplacementSettings.DEFAULTS;
    private static final double OUTLIER_RATE = 0.05;
    private static final int TRIALS = 1_000;
    /** One fix every 10 minutes on average (the markers report every 5 to 15 minutes). */
    private static final int FIXES_PER_DAY = 144;
    private static final int NEVER = Integer.MAX_VALUE;

    @Test
    void unmovedMarkerRaisesNoAlertInThousandMarkerDays() {
        for (double sigma : new double[] {2.0, 0.8}) {
            // GIVEN 1,000 marker-days of fixes (20 markers, 50 days each) around the reference
            int robustAlerts = 0;
            int naiveAlerts = 0;
            int naiveWideAlerts = 0;
            for (int m = 0; m < 20; m++) {
                long seed = (sigma > 1 ? 1_000 : 2_000) + m;
                SimulatedReceiver receiver = new SimulatedReceiver(seed, sigma, OUTLIER_RATE);
                DisplacementDetector detector = new DisplacementDetector(SETTINGS);
                for (int i = 0; i < 50 * FIXES_PER_DAY; i++) {
                    SimulatedReceiver.Report report = receiver.next(0, 0);
                    // WHEN each fix goes through the robust detector and two naive geofences
                    naiveAlerts += naiveOutside(report, SETTINGS.threshold()) ? 1 : 0;
                    naiveWideAlerts += naiveOutside(report, 10.0) ? 1 : 0;
                    robustAlerts += offer(detector, report) == Transition.DISPLACED ? 1 : 0;
                }
            }

            // THEN the robust detector never raises, while the naive ones fire on noise and multipath
            System.out.printf("unmoved, sigma %.1f m, 1000 marker-days: robust detector %d alerts;"
                + " fixes outside a naive 0.5 m geofence %d, a naive 10 m geofence %d%n",
                sigma, robustAlerts, naiveAlerts, naiveWideAlerts);
            assertEquals(0, robustAlerts, "false displacement alerts at sigma " + sigma);
            assertTrue(naiveAlerts > 1_000 && naiveWideAlerts > 1_000, "the naive geofences fire on noise");
        }
    }

    @Test
    void metreDisplacementIsDetectedOnASingleFrequencyReceiverOnceTheEvidenceSuffices() {
        // GIVEN a receiver with 2 m noise per axis at HDOP 1 (consumer single-frequency)
        // WHEN the marker moves 1.0 m
        int[] delays = detectionDelays(2.0, 1.0, 17_000);

        // THEN 99% of the moves are found within 300 fixes (about two days at one fix per
        // 10 minutes). Within 60 fixes no test can tell 1 m from this noise without false
        // alarms: the mean of 60 such fixes has a standard error of about 0.28 m per axis, so
        // 1 m is only 3.6 standard errors away, while a day of windows needs more than 5.
        assertTrue(countWithin(delays, 300) >= TRIALS * 99 / 100, "within 300 fixes: " + countWithin(delays, 300));
    }

    @Test
    void knockedMarkerIsDetectedWithinSixtyFixesOnASingleFrequencyReceiver() {
        // GIVEN a receiver with 2 m noise per axis WHEN the marker is knocked 3 m away
        int[] delays = detectionDelays(2.0, 3.0, 27_000);

        // THEN 99% of the moves are found within 60 fixes
        assertTrue(countWithin(delays, 60) >= TRIALS * 99 / 100, "within 60 fixes: " + countWithin(delays, 60));
    }

    @Test
    void metreDisplacementIsDetectedWithinSixtyFixesOnAReceiverWithSubMetreNoise() {
        // GIVEN a receiver with 0.8 m noise per axis at HDOP 1 (dual-frequency with SBAS)
        // WHEN the marker moves 1.0 m
        int[] delays = detectionDelays(0.8, 1.0, 7_000);

        // THEN 99% of the moves are found within 60 fixes
        assertTrue(countWithin(delays, 60) >= TRIALS * 99 / 100, "within 60 fixes: " + countWithin(delays, 60));
    }

    /**
     * Runs the trials: each fills a detector's window with fixes at the reference, moves the
     * marker in a random direction and counts the reports (usable or not) until it is declared
     * displaced. Prints the delays' distribution and the naive geofence's result.
     */
    private static int[] detectionDelays(double sigma, double move, long seedBase) {
        int[] delays = new int[TRIALS];
        int naiveAtFirstFix = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            SimulatedReceiver receiver = new SimulatedReceiver(seedBase + trial, sigma, OUTLIER_RATE);
            DisplacementDetector detector = new DisplacementDetector(SETTINGS);
            detector.restore(history(receiver, SETTINGS.maxWindow()));
            double bearing = 2 * Math.PI * receiver.uniform();
            delays[trial] = NEVER;
            for (int i = 1; i <= 2_000 && delays[trial] == NEVER; i++) {
                SimulatedReceiver.Report report = receiver.next(move * Math.sin(bearing), move * Math.cos(bearing));
                if (i == 1 && naiveOutside(report, SETTINGS.threshold())) {
                    naiveAtFirstFix++;
                }
                if (offer(detector, report) == Transition.DISPLACED) {
                    delays[trial] = i;
                }
            }
        }
        int[] sorted = delays.clone();
        Arrays.sort(sorted);
        System.out.printf("%.1f m move, sigma %.1f m, %d trials: robust detector found it within 60 fixes in %d,"
            + " median %d, p99 %d fixes; a naive 0.5 m geofence fired at the first fix in %d%n",
            move, sigma, TRIALS, countWithin(delays, 60), sorted[TRIALS / 2], sorted[TRIALS * 99 / 100 - 1],
            naiveAtFirstFix);
        return delays;
    }

    private static List<PlaneFix> history(SimulatedReceiver receiver, int usable) {
        List<PlaneFix> fixes = new ArrayList<>();
        while (fixes.size() < usable) {
            SimulatedReceiver.Report report = receiver.next(0, 0);
            if (SETTINGS.usable(report.position3d(), report.hdop(), report.satellites())) {
                fixes.add(new PlaneFix(report.east(), report.north(), report.hdop()));
            }
        }
        return fixes;
    }

    private static int countWithin(int[] delays, int fixes) {
        return (int) Arrays.stream(delays).filter(d -> d <= fixes).count();
    }

    private static Transition offer(DisplacementDetector detector, SimulatedReceiver.Report report) {
        if (!SETTINGS.usable(report.position3d(), report.hdop(), report.satellites())) {
            return Transition.NONE;
        }
        return detector.offer(new PlaneFix(report.east(), report.north(), report.hdop()));
    }

    private static boolean naiveOutside(SimulatedReceiver.Report report, double radius) {
        return report.position3d() && Math.hypot(report.east(), report.north()) > radius;
    }
}
