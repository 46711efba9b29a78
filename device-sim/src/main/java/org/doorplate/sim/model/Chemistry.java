package org.doorplate.sim.model;

/**
 * A battery chemistry: its open-circuit voltage as a function of the state of charge.
 *
 * <p>The curves are piecewise linear through points read off typical datasheet discharge
 * curves at room temperature and a light load.
 */
public enum Chemistry {
    /**
     * Lithium thionyl chloride primary cell (ER18505 class), what battery-only doorplates use:
     * flat near 3.6 V for most of its life, then a steep knee.
     */
    LITHIUM_THIONYL_CHLORIDE(new double[] {0, 0.03, 0.08, 0.15, 1.0},
        new double[] {2.90, 3.20, 3.45, 3.58, 3.66}),
    /** Rechargeable lithium-ion (18650 class), what solar-charged markers use. */
    LITHIUM_ION(new double[] {0, 0.05, 0.10, 0.20, 0.50, 0.80, 1.0},
        new double[] {3.00, 3.30, 3.50, 3.62, 3.76, 3.96, 4.15});

    private final double[] charge;
    private final double[] volts;

    Chemistry(double[] charge, double[] volts) {
        this.charge = charge;
        this.volts = volts;
    }

    /** The open-circuit voltage in millivolts at state of charge {@code soc} (0..1). */
    public int millivolts(double soc) {
        double s = Math.max(0, Math.min(1, soc));
        for (int i = 1; i < charge.length; i++) {
            if (s <= charge[i]) {
                double t = (s - charge[i - 1]) / (charge[i] - charge[i - 1]);
                return (int) Math.round(1000 * (volts[i - 1] + t * (volts[i] - volts[i - 1])));
            }
        }
        return (int) Math.round(1000 * volts[volts.length - 1]);
    }
}
