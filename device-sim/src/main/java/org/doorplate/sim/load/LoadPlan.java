package org.doorplate.sim.load;

import java.time.Duration;

/**
 * When each message of a load run is due: the rate climbs linearly from 0 to the target over
 * the ramp, then holds until the duration ends or the count is reached.
 *
 * <p>The number of messages due after {@code t} seconds is the area under the rate curve:
 * {@code r t^2 / 2R} during a ramp of {@code R} seconds, then {@code r R / 2 + r (t - R)}.
 * Pacing by this schedule rather than by sleeping 1/r between sends keeps the long-run rate
 * exact when one send is slow: the sender catches up instead of drifting.
 *
 * @param rate the target rate in messages per second, above 0
 * @param ramp how long the rate takes to climb to the target; zero for a step
 * @param duration how long the run lasts, including the ramp
 * @param maxMessages a cap on the number of messages, above 0
 */
public record LoadPlan(double rate, Duration ramp, Duration duration, long maxMessages) {
    /** The highest rate a plan accepts, messages per second. */
    public static final double MAX_RATE = 100_000;

    /** The longest run a plan accepts: load is bounded in time. */
    public static final Duration MAX_DURATION = Duration.ofHours(24);

    /** Checks that the plan is bounded: rate, duration and count. */
    public LoadPlan {
        if (!(rate > 0 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException("rate: expected above 0 and at most " + MAX_RATE
                + " msgs/s, found " + rate);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration: expected above 0 and at most " + MAX_DURATION
                + ", found " + duration);
        }
        if (ramp.isNegative() || ramp.compareTo(duration) > 0) {
            throw new IllegalArgumentException("ramp: expected 0.." + duration + ", found " + ramp);
        }
        if (maxMessages < 1) {
            throw new IllegalArgumentException("max messages: expected >= 1, found " + maxMessages);
        }
    }

    /** How many messages the plan sends in all: the schedule's count at the end, or the cap. */
    public long totalMessages() {
        return Math.min(maxMessages, (long) Math.floor(scheduledBy(seconds(duration)) + 1e-9));
    }

    /** How many messages are due once {@code elapsed} has passed since the start. */
    public long dueBy(Duration elapsed) {
        double t = Math.min(seconds(elapsed), seconds(duration));
        long due = (long) Math.floor(scheduledBy(t) + 1e-9);
        return Math.min(due, totalMessages());
    }

    /**
     * When message {@code n} (counted from 0) is due, measured from the start: the moment the
     * schedule reaches {@code n + 1} messages.
     */
    public Duration dueAt(long n) {
        if (n < 0 || n >= totalMessages()) {
            throw new IllegalArgumentException("message: expected 0.." + (totalMessages() - 1) + ", found " + n);
        }
        double count = n + 1;
        double r = seconds(ramp);
        double rampCount = rate * r / 2;
        double t = count <= rampCount ? Math.sqrt(2 * r * count / rate) : r + (count - rampCount) / rate;
        return Duration.ofNanos(Math.round(t * 1e9));
    }

    /** The planned rate at {@code elapsed}, messages per second. */
    public double rateAt(Duration elapsed) {
        double t = seconds(elapsed);
        double r = seconds(ramp);
        return t < r ? rate * t / r : rate;
    }

    private double scheduledBy(double t) {
        double r = seconds(ramp);
        if (t <= r) {
            return r == 0 ? 0 : rate * t * t / (2 * r);
        }
        return rate * r / 2 + rate * (t - r);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
