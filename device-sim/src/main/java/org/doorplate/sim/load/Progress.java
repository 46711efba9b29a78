package org.doorplate.sim.load;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The live figures of a load run on the terminal: one line rewritten in place on a TTY,
 * a plain line every few seconds otherwise (so that a log file stays readable).
 */
public final class Progress {
    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final boolean tty;
    private final long plainEveryNanos;
    private long lastPlain = Long.MIN_VALUE;

    /**
     * @param tty whether {@code out} is a terminal that understands a carriage return
     * @param plainEverySeconds how often a non-TTY line is printed
     */
    public Progress(PrintWriter out, boolean tty, int plainEverySeconds) {
        this.out = out;
        this.tty = tty;
        this.plainEveryNanos = plainEverySeconds * 1_000_000_000L;
    }

    /** Figures at one moment of the run. */
    public record Snapshot(long planned, long sent, long acknowledged, long rejected, long errors,
            double elapsedSeconds, double durationSeconds, double currentRate, double p99Millis) {
    }

    /** Shows {@code s}; on a non-TTY only if enough time passed since the last line. */
    public void show(Snapshot s, long nowNanos) {
        if (tty) {
            out.print("\r" + line(s) + "  ");
            out.flush();
        } else if (lastPlain == Long.MIN_VALUE || nowNanos - lastPlain >= plainEveryNanos) {
            lastPlain = nowNanos;
            out.println(line(s));
        }
    }

    /** Ends the live line so that the summary starts on a fresh one. */
    public void finish(Snapshot s) {
        if (tty) {
            out.println("\r" + line(s) + "  ");
        } else {
            out.println(line(s));
        }
    }

    /** The line itself: bar, percentage, time, counts, rate and p99. */
    public static String line(Snapshot s) {
        double fraction = s.durationSeconds() <= 0 ? 1 : Math.min(1, s.elapsedSeconds() / s.durationSeconds());
        if (s.planned() > 0) {
            fraction = Math.max(fraction, Math.min(1, s.sent() / (double) s.planned()));
        }
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        return String.format(Locale.ROOT,
            "[%s] %3d%% %5.1fs sent %d ack %d rej %d err %d  %.0f msg/s  p99 %.1f ms",
            bar, Math.round(fraction * 100), s.elapsedSeconds(), s.sent(), s.acknowledged(), s.rejected(),
            s.errors(), s.currentRate(), s.p99Millis());
    }
}
