package org.doorplate.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;

/**
 * A small panel on a boundary marker's cap: no charge at night, a half-sine over the day that
 * peaks at local noon, scaled by the day's cloud cover.
 *
 * <p>Not thread-safe: each simulated marker owns its panel.
 */
public final class SolarPanel {
    private static final double SUNRISE_HOUR = 6;
    private static final double SUNSET_HOUR = 18;

    private final double peakMilliamps;
    private final ZoneOffset zone;
    private final RandomGenerator random;
    private long weatherDay = Long.MIN_VALUE;
    private double clearSky = 1;

    /**
     * @param peakMilliamps the charge current at noon under a clear sky (a 1 W panel gives
     *     about 150 mA into a 3.7 V cell after the charger's losses)
     * @param zone the local time zone, which sets where noon falls
     */
    public SolarPanel(double peakMilliamps, ZoneOffset zone, RandomGenerator random) {
        if (!(peakMilliamps >= 0) || Double.isInfinite(peakMilliamps)) {
            throw new IllegalArgumentException("peak current: expected a finite value >= 0 mA, found "
                + peakMilliamps);
        }
        this.peakMilliamps = peakMilliamps;
        this.zone = zone;
        this.random = random;
    }

    /** The charge current in mA at {@code at}. */
    public double milliamps(Instant at) {
        double hour = localHour(at);
        if (hour <= SUNRISE_HOUR || hour >= SUNSET_HOUR) {
            return 0;
        }
        double sun = Math.sin(Math.PI * (hour - SUNRISE_HOUR) / (SUNSET_HOUR - SUNRISE_HOUR));
        return peakMilliamps * sun * clearSkyOn(at);
    }

    /**
     * The charge in mAh collected from {@code from} over {@code period}, integrated in steps
     * of at most ten minutes.
     */
    public double chargeMah(Instant from, Duration period) {
        long seconds = Math.max(0, period.toSeconds());
        long step = Math.min(600, Math.max(1, seconds));
        double mah = 0;
        for (long t = 0; t < seconds; t += step) {
            long width = Math.min(step, seconds - t);
            mah += milliamps(from.plusSeconds(t + width / 2)) * width / 3600.0;
        }
        return mah;
    }

    private double localHour(Instant at) {
        long secondOfDay = Math.floorMod(at.getEpochSecond() + zone.getTotalSeconds(), 86_400L);
        return secondOfDay / 3600.0;
    }

    // One cloud cover per local day, from overcast (20% of clear sky) to clear.
    private double clearSkyOn(Instant at) {
        long day = Math.floorDiv(at.getEpochSecond() + zone.getTotalSeconds(), 86_400L);
        if (day != weatherDay) {
            weatherDay = day;
            clearSky = 0.2 + 0.8 * random.nextDouble();
        }
        return clearSky;
    }
}
