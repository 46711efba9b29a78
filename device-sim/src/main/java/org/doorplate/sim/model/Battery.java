package org.doorplate.sim.model;

/**
 * A battery that drains with every radio and GNSS use and a small sleep current, and that a
 * solar panel may charge.
 *
 * <p>Not thread-safe: each simulated device owns its battery.
 */
public final class Battery {
    private final Chemistry chemistry;
    private final double capacityMah;
    private double chargeMah;
    private double drainFactor = 1;

    /**
     * @param capacityMah the rated capacity in mAh, above 0
     * @param stateOfCharge the starting charge as a fraction of the capacity, 0..1
     */
    public Battery(Chemistry chemistry, double capacityMah, double stateOfCharge) {
        if (!(capacityMah > 0) || Double.isInfinite(capacityMah)) {
            throw new IllegalArgumentException("capacity: expected a finite value > 0 mAh, found " + capacityMah);
        }
        this.chemistry = chemistry;
        this.capacityMah = capacityMah;
        setStateOfCharge(stateOfCharge);
    }

    public Chemistry chemistry() {
        return chemistry;
    }

    public double capacityMah() {
        return capacityMah;
    }

    /** The charge left as a fraction of the capacity, 0..1. */
    public double stateOfCharge() {
        return chargeMah / capacityMah;
    }

    /** The charge left in percent, rounded, 0..100. */
    public int percent() {
        return (int) Math.round(100 * stateOfCharge());
    }

    /** The terminal voltage in millivolts. */
    public int millivolts() {
        return chemistry.millivolts(stateOfCharge());
    }

    /** Whether the battery is empty: the device has browned out and can no longer transmit. */
    public boolean isEmpty() {
        return chargeMah <= 0;
    }

    /** Takes {@code mah} from the battery, multiplied by the drain factor; never below empty. */
    public void drain(double mah) {
        requireNonNegative(mah);
        chargeMah = Math.max(0, chargeMah - mah * drainFactor);
    }

    /** Adds {@code mah} to the battery; never above full. */
    public void charge(double mah) {
        requireNonNegative(mah);
        chargeMah = Math.min(capacityMah, chargeMah + mah);
    }

    /** Sets the charge left as a fraction of the capacity, 0..1. */
    public void setStateOfCharge(double stateOfCharge) {
        if (!(stateOfCharge >= 0 && stateOfCharge <= 1)) {
            throw new IllegalArgumentException("state of charge: expected 0..1, found " + stateOfCharge);
        }
        this.chargeMah = capacityMah * stateOfCharge;
    }

    /**
     * Multiplies every later drain by {@code factor}: a failing cell or a stuck-on component
     * (the drain-battery scenario) drains many times faster than the budget.
     */
    public void setDrainFactor(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("drain factor: expected a finite value >= 0, found " + factor);
        }
        this.drainFactor = factor;
    }

    public double drainFactor() {
        return drainFactor;
    }

    private static void requireNonNegative(double mah) {
        if (!(mah >= 0) || Double.isInfinite(mah)) {
            throw new IllegalArgumentException("charge: expected a finite value >= 0 mAh, found " + mah);
        }
    }
}
