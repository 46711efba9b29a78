package org.doorplate.sim.model;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Spreads report times the way real fleets do: crystal drift, modem attach time and network
 * back-off make a nominal interval land anywhere within a few percent of itself, so devices
 * that started together drift apart instead of reporting in lock step.
 */
public final class Jitter {
    /** The largest spread allowed, as a fraction of the interval. */
    public static final double MAX_FRACTION = 0.5;

    private final RandomGenerator random;
    private final double fraction;

    /**
     * @param fraction the spread as a fraction of the interval, 0..{@value #MAX_FRACTION}: 0.1
     *     draws each interval uniformly from 90% to 110% of the nominal one
     */
    public Jitter(RandomGenerator random, double fraction) {
        if (!(fraction >= 0 && fraction <= MAX_FRACTION)) {
            throw new IllegalArgumentException("jitter: expected 0.." + MAX_FRACTION + ", found " + fraction);
        }
        this.random = random;
        this.fraction = fraction;
    }

    public double fraction() {
        return fraction;
    }

    /** The nominal {@code interval} spread by up to the fraction either way. */
    public Duration apply(Duration interval) {
        if (fraction == 0) {
            return interval;
        }
        double factor = 1 + random.nextDouble(-fraction, fraction);
        return Duration.ofNanos(Math.round(interval.toNanos() * factor));
    }
}
