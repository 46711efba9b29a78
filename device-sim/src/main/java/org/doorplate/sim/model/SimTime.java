package org.doorplate.sim.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Simulated time for the physics (battery, sun, temperature), running {@code scale} times
 * faster than the real clock from a common start. With a scale of 60 a marker's 15-minute
 * interval passes in 15 real seconds and a day's solar cycle in 24 minutes.
 *
 * <p>Messages do not carry simulated time: they carry the real clock (plus any skew), because
 * the server rightly refuses times far from its own. Thread-safe.
 */
public final class SimTime {
    /** The largest speed-up accepted: a day in under nine seconds. */
    public static final double MAX_SCALE = 10_000;

    private final Clock real;
    private final double scale;
    private final Instant start;

    /**
     * @param real the real clock, injectable for tests
     * @param scale how much faster simulated time runs, 1..{@value #MAX_SCALE}
     */
    public SimTime(Clock real, double scale) {
        if (!(scale >= 1 && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("time scale: expected 1.." + MAX_SCALE + ", found " + scale);
        }
        this.real = real;
        this.scale = scale;
        this.start = real.instant();
    }

    public Clock realClock() {
        return real;
    }

    public double scale() {
        return scale;
    }

    /** The real time now. */
    public Instant realNow() {
        return real.instant();
    }

    /** The simulated time now. */
    public Instant now() {
        Duration elapsed = Duration.between(start, real.instant());
        return start.plusNanos(Math.round(elapsed.toNanos() * scale));
    }

    /** How long {@code simulated} lasts on the real clock. */
    public Duration toReal(Duration simulated) {
        return Duration.ofNanos(Math.round(simulated.toNanos() / scale));
    }
}
