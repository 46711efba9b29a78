package org.doorplate.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BatteryTest {
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    // 2026-06-01 00:00 in China Standard Time.
    private static final Instant MIDNIGHT = Instant.parse("2026-05-31T16:00:00Z");

    @Test
    void drainingLowersChargeAndVoltageButNeverBelowEmpty() {
        // GIVEN a full 3000 mAh lithium-ion pack
        Battery battery = new Battery(Chemistry.LITHIUM_ION, 3000, 1.0);
        int full = battery.millivolts();

        // WHEN half of it is used
        battery.drain(1500);

        // THEN the charge is half and the voltage fell
        assertEquals(0.5, battery.stateOfCharge(), 1e-9);
        assertTrue(battery.millivolts() < full);
        assertEquals(4150, full);

        // WHEN far more than is left is drawn, THEN it is empty, not negative
        battery.drain(10_000);
        assertTrue(battery.isEmpty());
        assertEquals(0, battery.percent());
        assertEquals(3000, battery.millivolts());
    }

    @Test
    void voltageFallsMonotonicallyWithCharge() {
        for (Chemistry chemistry : Chemistry.values()) {
            int previous = Integer.MAX_VALUE;
            for (int percent = 100; percent >= 0; percent--) {
                int mv = chemistry.millivolts(percent / 100.0);
                assertTrue(mv <= previous, chemistry + " rises at " + percent + "%");
                previous = mv;
            }
        }
    }

    @Test
    void primaryCellStaysFlatUntilItsKnee() {
        Chemistry cell = Chemistry.LITHIUM_THIONYL_CHLORIDE;

        assertTrue(cell.millivolts(0.9) - cell.millivolts(0.2) < 100, "a primary cell is flat over its life");
        assertTrue(cell.millivolts(0.2) - cell.millivolts(0.02) > 300, "and falls off a knee at the end");
    }

    @Test
    void drainFactorMultipliesLaterDrains() {
        Battery battery = new Battery(Chemistry.LITHIUM_ION, 1000, 1.0);

        battery.setDrainFactor(50);
        battery.drain(10);

        assertEquals(0.5, battery.stateOfCharge(), 1e-9);
    }

    @Test
    void chargingStopsAtFull() {
        Battery battery = new Battery(Chemistry.LITHIUM_ION, 1000, 0.9);

        battery.charge(500);

        assertEquals(1.0, battery.stateOfCharge(), 1e-9);
    }

    @Test
    void solarPanelChargesByDayAndNotAtNight() {
        // GIVEN a 150 mA panel in China Standard Time
        SolarPanel panel = new SolarPanel(150, CHINA, new SplittableRandom(3));

        // THEN it gives nothing at night and most at noon
        assertEquals(0, panel.milliamps(MIDNIGHT.plus(Duration.ofHours(2))));
        assertEquals(0, panel.milliamps(MIDNIGHT.plus(Duration.ofHours(20))));
        double morning = panel.milliamps(MIDNIGHT.plus(Duration.ofHours(8)));
        double noon = panel.milliamps(MIDNIGHT.plus(Duration.ofHours(12)));
        assertTrue(noon > morning && morning > 0, morning + " then " + noon);
        assertTrue(noon <= 150);

        // AND a whole day's charge is the half-sine's area (12 h x 150 mA x 2/pi) times the clouds
        double day = panel.chargeMah(MIDNIGHT, Duration.ofHours(24));
        double clearSky = 12 * 150 * 2 / Math.PI;
        double cloudFactor = noon / 150;
        assertEquals(clearSky * cloudFactor, day, clearSky * 0.01);
        assertEquals(0, panel.chargeMah(MIDNIGHT, Duration.ofHours(5)), 1e-9);
    }

    @Test
    void impossibleBatteriesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Battery(Chemistry.LITHIUM_ION, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Battery(Chemistry.LITHIUM_ION, 100, 1.2));
        Battery battery = new Battery(Chemistry.LITHIUM_ION, 100, 1);
        assertThrows(IllegalArgumentException.class, () -> battery.drain(-1));
        assertThrows(IllegalArgumentException.class, () -> battery.setDrainFactor(Double.POSITIVE_INFINITY));
        assertEquals(1.0, battery.stateOfCharge(), 1e-9);
    }
}
