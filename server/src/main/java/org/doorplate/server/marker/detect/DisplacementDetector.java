package org.doorplate.server.marker.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tells a moved marker from GNSS noise, one marker's fixes at a time.
 *
 * <p>Why one fix outside a circle is not a displacement: a consumer receiver's fixes scatter
 * with about 2 m standard deviation per axis, so with a 0.5 m circle nine fixes in ten fall
 * outside it for a marker that never moved, and a few percent of fixes are multipath
 * reflections tens of metres off. Only an average over many fixes is precise enough: its
 * standard error falls with the square root of their number (2 m / sqrt(240) is 0.13 m).
 *
 * <p>So each new usable fix is added to a sliding window, and the robust offset (see
 * {@link RobustOffsetEstimator}) is computed over the most recent {@code minWindow},
 * {@code 2 minWindow}, {@code 4 minWindow}... fixes up to {@code maxWindow}. Short windows
 * catch a marker knocked metres away within a few reports; long windows prove a sub-metre
 * move that short ones cannot tell from noise. The receiver's noise is estimated over the
 * longest window and used by all of them. A window votes "outside" when its offset exceeds
 * the threshold and its p-value is below its share of the false-alarm probability; the marker becomes
 * displaced when one window has voted outside in {@code confirmations} consecutive
 * evaluations. It returns (when automatic clearing is on) when one window has placed it
 * inside the circle with margin, {@code offset + clearSigmas * SE < threshold}, as many times
 * in a row and no window votes outside. The margin keeps a marker that moved by about the
 * threshold from flapping between the two states.
 *
 * <p>The shares: a day holds many more independent short windows than long ones (about
 * {@code fixes / window} of each length), so a short window must pass a stricter test for
 * every length to contribute the same false alarms per day. The longest window's p-value
 * limit is the configured false-alarm probability; a window half as long gets half of it.
 *
 * <p>Windows longer than {@code 4 minWindow} are evaluated every {@code window / (4 minWindow)}
 * fixes only: consecutive evaluations of a long window share almost all their fixes, so
 * evaluating it on every fix costs much and tells little.
 *
 * <p>Not thread-safe: one instance per marker, fed in the order its fixes arrive.
 */
public final class DisplacementDetector {
    /** What one new fix changed. */
    public enum Transition {
        NONE,
        DISPLACED,
        RETURNED
    }

    private final DisplacementSettings settings;
    private final RobustOffsetEstimator estimator;
    private final int[] windows;
    private final int[] strides;
    private final double[] pLimits;
    private final int[] outsideRuns;
    private final int[] insideRuns;
    private final OffsetEstimate[] estimates;
    // The fixes as parallel arrays, oldest first, in [start, end); compacted to the front when
    // the end reaches the capacity, so that every window is one contiguous slice.
    private final double[] east;
    private final double[] north;
    private final double[] hdop;
    private int start;
    private int end;
    private long offered;
    private OffsetEstimate noise;
    private boolean displaced;

    public DisplacementDetector(DisplacementSettings settings) {
        this.settings = settings;
        this.estimator = new RobustOffsetEstimator(settings.minSigma());
        List<Integer> sizes = new ArrayList<>();
        for (int w = settings.minWindow(); w < settings.maxWindow(); w *= 2) {
            sizes.add(w);
        }
        sizes.add(settings.maxWindow());
        this.windows = sizes.stream().mapToInt(Integer::intValue).toArray();
        this.strides = sizes.stream().mapToInt(w -> Math.max(1, w / (4 * settings.minWindow()))).toArray();
        this.pLimits = sizes.stream()
            .mapToDouble(w -> settings.falseAlarmProbability() * w / settings.maxWindow()).toArray();
        this.outsideRuns = new int[windows.length];
        this.insideRuns = new int[windows.length];
        this.estimates = new OffsetEstimate[windows.length];
        // Room for a quarter window beyond the longest: a compaction every so many fixes.
        int capacity = settings.maxWindow() + Math.max(settings.minWindow(), settings.maxWindow() / 4);
        this.east = new double[capacity];
        this.north = new double[capacity];
        this.hdop = new double[capacity];
    }

    /**
     * Refills the window with earlier fixes, oldest first, without evaluating them: after a
     * restart, so that a long window need not be collected again. Keeps the current state.
     */
    public void restore(List<PlaneFix> history) {
        for (PlaneFix fix : history) {
            append(fix);
        }
    }

    /** Adds a usable fix and evaluates the windows that are due; returns the state change. */
    public Transition offer(PlaneFix fix) {
        append(fix);
        offered++;
        int longest = longestFull();
        if (longest < 0) {
            return Transition.NONE;
        }
        if (noise == null || offered % strides[longest] == 0 || noise.fixes() < windows[longest]) {
            noise = estimator.estimate(east, north, hdop, end - windows[longest], windows[longest], null);
            evaluated(longest, noise);
        }
        for (int i = 0; i < longest; i++) {
            if (offered % strides[i] == 0 || estimates[i] == null) {
                evaluated(i, estimator.estimate(east, north, hdop, end - windows[i], windows[i], noise));
            }
        }
        return decide(longest);
    }

    private void evaluated(int window, OffsetEstimate estimate) {
        estimates[window] = estimate;
        outsideRuns[window] = outside(window, estimate) ? outsideRuns[window] + 1 : 0;
        insideRuns[window] = inside(estimate) ? insideRuns[window] + 1 : 0;
    }

    private Transition decide(int longest) {
        boolean confirmedOutside = false;
        boolean anyOutside = false;
        boolean confirmedInside = false;
        for (int i = 0; i <= longest; i++) {
            confirmedOutside |= outsideRuns[i] >= settings.confirmations();
            anyOutside |= outsideRuns[i] > 0;
            confirmedInside |= insideRuns[i] >= settings.confirmations();
        }
        if (!displaced && confirmedOutside) {
            displaced = true;
            return Transition.DISPLACED;
        }
        if (displaced && settings.clearAutomatically() && confirmedInside && !anyOutside) {
            displaced = false;
            return Transition.RETURNED;
        }
        return Transition.NONE;
    }

    private boolean outside(int window, OffsetEstimate estimate) {
        return estimate.offset() > settings.threshold() && estimate.pValue() < pLimits[window];
    }

    private boolean inside(OffsetEstimate estimate) {
        return estimate.offset() + settings.clearSigmas() * estimate.standardError() < settings.threshold();
    }

    /** Index of the longest window the fixes fill, or -1 when they fill none. */
    private int longestFull() {
        int longest = -1;
        for (int i = 0; i < windows.length && windows[i] <= fixes(); i++) {
            longest = i;
        }
        return longest;
    }

    private void append(PlaneFix fix) {
        if (end == east.length) {
            int keep = settings.maxWindow() - 1;
            System.arraycopy(east, end - keep, east, 0, keep);
            System.arraycopy(north, end - keep, north, 0, keep);
            System.arraycopy(hdop, end - keep, hdop, 0, keep);
            start = 0;
            end = keep;
        }
        east[end] = fix.east();
        north[end] = fix.north();
        hdop[end] = fix.hdop();
        end++;
        start = Math.max(start, end - settings.maxWindow());
    }

    /** Whether the marker currently counts as displaced. */
    public boolean displaced() {
        return displaced;
    }

    /**
     * The estimate to show: the strongest of the windows now voting outside, else the most
     * precise one; empty before the first evaluation.
     */
    public Optional<OffsetEstimate> latest() {
        OffsetEstimate best = null;
        boolean bestOutside = false;
        for (int i = 0; i < windows.length; i++) {
            OffsetEstimate e = estimates[i];
            if (e == null || windows[i] > fixes()) {
                continue;
            }
            boolean eOutside = outsideRuns[i] > 0;
            boolean better = best == null
                || eOutside && (!bestOutside || e.pValue() < best.pValue())
                || !bestOutside && !eOutside && e.standardError() < best.standardError();
            if (better) {
                best = e;
                bestOutside = eOutside;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Usable fixes currently in the window. */
    public int fixes() {
        return end - start;
    }
}
