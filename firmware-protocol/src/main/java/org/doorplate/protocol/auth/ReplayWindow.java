package org.doorplate.protocol.auth;

import java.util.Arrays;
import java.util.OptionalLong;
import org.doorplate.protocol.message.Header;

/**
 * One device's replay window: the highest accepted sequence number and a bitmap of the
 * {@code width} numbers up to it (the scheme of RFC 4303 section 3.4.3, widened so that
 * buffered readings sent late still fit).
 *
 * <p>The default width, {@value #DEFAULT_WIDTH}, holds two weeks of 5-minute readings, or one
 * week with room for events, that a marker buffered offline and sends once it is back.
 *
 * <p>Use it in two steps: {@link #check} before storing, {@link #accept} only after the store
 * committed. Marking a number accepted before the commit would make the redelivery of a
 * message whose store failed look like a {@link ReplayVerdict#DUPLICATE}, and it would be
 * acknowledged and lost.
 *
 * <p>Not thread-safe: confine each window to one thread or guard it with the device's lock.
 */
public final class ReplayWindow {
    /** The default width in sequence numbers. */
    public static final int DEFAULT_WIDTH = 4096;

    /** The widest window allowed (128 KiB of bitmap). */
    public static final int MAX_WIDTH = 1 << 20;

    private final int width;
    private final long[] bits;
    private long highest = -1;
    private long seededAt = -1;

    /** An empty window of {@link #DEFAULT_WIDTH}. */
    public ReplayWindow() {
        this(DEFAULT_WIDTH);
    }

    /**
     * An empty window: every sequence number is {@link ReplayVerdict#ACCEPT} until one is accepted.
     *
     * @param width a multiple of 64 in 64..{@value #MAX_WIDTH}
     */
    public ReplayWindow(int width) {
        if (width < 64 || width > MAX_WIDTH || width % 64 != 0) {
            throw new IllegalArgumentException("width: expected a multiple of 64 in 64.." + MAX_WIDTH
                + ", found " + width);
        }
        this.width = width;
        this.bits = new long[width / 64];
    }

    /**
     * A window after a restart, when only the highest sequence number known to be durably
     * stored survived. That number reads {@link ReplayVerdict#DUPLICATE}, higher ones
     * {@link ReplayVerdict#ACCEPT}, the {@code width - 1} below it {@link ReplayVerdict#UNKNOWN}
     * until accepted again, and older ones {@link ReplayVerdict#STALE}.
     */
    public static ReplayWindow seeded(long highestStored, int width) {
        checkSeq(highestStored);
        ReplayWindow window = new ReplayWindow(width);
        window.highest = highestStored;
        window.seededAt = highestStored;
        window.set(highestStored);
        return window;
    }

    public int width() {
        return width;
    }

    /** The highest accepted (or seeded) sequence number, empty for a fresh window. */
    public OptionalLong highest() {
        return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest);
    }

    /**
     * Classifies {@code seq} without changing the window.
     *
     * @throws IllegalArgumentException if {@code seq} is outside {@code 0..}{@link Header#MAX_SEQ}
     */
    public ReplayVerdict check(long seq) {
        checkSeq(seq);
        if (seq > highest) {
            return ReplayVerdict.ACCEPT;
        }
        if (seq <= highest - width) {
            return ReplayVerdict.STALE;
        }
        if (isSet(seq)) {
            return ReplayVerdict.DUPLICATE;
        }
        return seq <= seededAt ? ReplayVerdict.UNKNOWN : ReplayVerdict.ACCEPT;
    }

    /**
     * Records {@code seq} as stored if {@link #check} says it should be, and returns that verdict;
     * a duplicate or stale number leaves the window unchanged.
     */
    public ReplayVerdict accept(long seq) {
        ReplayVerdict verdict = check(seq);
        if (!verdict.shouldStore()) {
            return verdict;
        }
        if (seq > highest) {
            advanceTo(seq);
        }
        set(seq);
        return verdict;
    }

    /** Moves the top of the window to {@code seq}, forgetting the numbers that slide out. */
    private void advanceTo(long seq) {
        long distance = highest < 0 ? width : seq - highest;
        if (distance >= width) {
            Arrays.fill(bits, 0L);
        } else {
            for (long s = highest + 1; s <= seq; s++) {
                clear(s);
            }
        }
        highest = seq;
    }

    private boolean isSet(long seq) {
        int index = (int) (seq % width);
        return (bits[index >>> 6] & 1L << index) != 0;
    }

    private void set(long seq) {
        int index = (int) (seq % width);
        bits[index >>> 6] |= 1L << index;
    }

    private void clear(long seq) {
        int index = (int) (seq % width);
        bits[index >>> 6] &= ~(1L << index);
    }

    private static void checkSeq(long seq) {
        if (seq < 0 || seq > Header.MAX_SEQ) {
            throw new IllegalArgumentException("seq: expected 0.." + Header.MAX_SEQ + ", found " + seq);
        }
    }

    @Override
    public String toString() {
        return "ReplayWindow[highest=" + highest + ", width=" + width + "]";
    }
}
