package org.doorplate.server.marker.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.doorplate.server.marker.detect.DisplacementDetector.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Verifies the estimator's robustness, the tangent plane and the detector's state changes. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DisplacementDetectorTest {
    @Test
    void multipathOutliersDoNotDragTheEstimate() {
        // GIVEN 100 fixes at (3, -2) with 0.5 m noise, 30 of them reflections 40 m to the east
        Random random = new Random(5);
        List<PlaneFix> fixes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double outlier = i % 10 < 3 ? 40 : 0;
            fixes.add(new PlaneFix(3 + outlier + 0.5 * random.nextGaussian(), -2 + 0.5 * random.nextGaussian(), 1.0));
        }

        // WHEN the offset is estimated
        OffsetEstimate estimate = new RobustOffsetEstimator(0.1).estimate(fixes);

        // THEN the reflections are rejected and the estimate stays within a few centimetres
        assertEquals(70, estimate.inliers());
        assertEquals(3, estimate.east(), 0.2);
        assertEquals(-2, estimate.north(), 0.2);
        assertEquals(0.5, estimate.sigma(), 0.1);
        assertTrue(estimate.pValue() < 1e-12);
    }

    @Test
    void fixesAtTheReferenceAreNotSignificant() {
        // GIVEN fixes symmetric around the reference
        List<PlaneFix> fixes = List.of(new PlaneFix(1, 0, 1), new PlaneFix(-1, 0, 1), new PlaneFix(0, 1, 1),
            new PlaneFix(0, -1, 1), new PlaneFix(0.5, 0.5, 2), new PlaneFix(-0.5, -0.5, 2));

        // WHEN estimated THEN the offset is zero and the p-value one
        OffsetEstimate estimate = new RobustOffsetEstimator(0.1).estimate(fixes);
        assertEquals(0, estimate.offset(), 1e-9);
        assertEquals(1, estimate.pValue(), 1e-9);
    }

    @Test
    void tangentPlaneMeasuresMetresOnTheEllipsoid() {
        // GIVEN a reference at 40 degrees north
        LocalTangentPlane plane = new LocalTangentPlane(40.0, 111.0);

        // WHEN points 1e-5 degree north and east are measured
        // THEN they lie 1.11 m north and 0.85 m east (meridian and parallel radii at 40 degrees)
        assertEquals(1.1104, plane.north(40.00001, 111.0), 1e-3);
        assertEquals(0.8531, plane.east(40.0, 111.00001), 1e-3);
        assertEquals(40.00001, plane.latitudeAt(plane.north(40.00001, 111.0)), 1e-12);
        assertEquals(111.00001, plane.longitudeAt(plane.east(40.0, 111.00001)), 1e-12);
    }

    @Test
    void restoredMarkerClearsOnceTheWindowsProveIt() {
        // GIVEN a detected 5 m displacement
        SimulatedReceiver receiver = new SimulatedReceiver(42, 2.0, 0.05);
        DisplacementDetector detector = new DisplacementDetector(DisplacementSettings.DEFAULTS);
        int displacedAt = feedUntil(detector, receiver, 5, 0, Transition.DISPLACED, 200);
        assertTrue(displacedAt > 0 && detector.displaced());

        // WHEN the crew puts it back on its reference
        int returnedAt = feedUntil(detector, receiver, 0, 0, Transition.RETURNED, 2_000);

        // THEN it clears, but only after enough fixes at the reference, and not on the first
        assertTrue(returnedAt > 15, "returned after " + returnedAt);
        assertFalse(detector.displaced());
        assertTrue(detector.latest().orElseThrow().offset() < 0.5);
    }

    @Test
    void withoutAutomaticClearingTheMarkerStaysDisplaced() {
        // GIVEN automatic clearing switched off and a detected displacement
        DisplacementSettings d = DisplacementSettings.DEFAULTS;
        DisplacementSettings settings = new DisplacementSettings(d.threshold(), d.minWindow(), d.maxWindow(),
            d.falseAlarmProbability(), d.confirmations(), d.clearSigmas(), false, d.minSigma(), d.maxHdop(),
            d.minSatellites());
        SimulatedReceiver receiver = new SimulatedReceiver(43, 2.0, 0.05);
        DisplacementDetector detector = new DisplacementDetector(settings);
        assertTrue(feedUntil(detector, receiver, 5, 0, Transition.DISPLACED, 200) > 0);

        // WHEN it returns WHEN a long time passes THEN it stays displaced
        assertEquals(-1, feedUntil(detector, receiver, 0, 0, Transition.RETURNED, 1_500));
        assertTrue(detector.displaced());
    }

    @Test
    void nonsensicalSettingsAreRefused() {
        DisplacementSettings d = DisplacementSettings.DEFAULTS;
        assertThrows(IllegalArgumentException.class, () -> new DisplacementSettings(0, 15, 480, 1e-5, 3, 3,
            true, 0.3, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new DisplacementSettings(0.5, 20, 10, 1e-5, 3, 3,
            true, 0.3, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new DisplacementSettings(0.5, 15, 480, 0.7, 3, 3,
            true, 0.3, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new PlaneFix(0, 0, 0));
        assertFalse(d.usable(true, 4.5, 9), "HDOP above the limit");
        assertFalse(d.usable(false, 1.0, 9), "no 3-D position");
        assertFalse(d.usable(true, 1.0, 3), "too few satellites");
        assertTrue(d.usable(true, 1.0, 9));
    }

    /** Feeds fixes at the given offset until the transition; returns the fix count, or -1. */
    private static int feedUntil(DisplacementDetector detector, SimulatedReceiver receiver, double east,
            double north, Transition wanted, int limit) {
        for (int i = 1; i <= limit; i++) {
            SimulatedReceiver.Report r = receiver.next(east, north);
            if (DisplacementSettings.DEFAULTS.usable(r.position3d(), r.hdop(), r.satellites())
                    && detector.offer(new PlaneFix(r.east(), r.north(), r.hdop())) == wanted) {
                return i;
            }
        }
        return -1;
    }
}
