package org.doorplate.sim.model;

/**
 * A device's message sequence numbers, kept monotonic across reboots the way firmware does it
 * without wearing out its flash: it writes a reserved upper bound to flash once per block of
 * numbers, and after a reboot it starts from that bound. A reboot therefore skips the unused
 * rest of the block; it never repeats a number, which the server would reject as a replay.
 *
 * <p>Not thread-safe: each simulated device owns its counter.
 */
public final class SequenceCounter {
    /** How many numbers one flash write reserves. */
    public static final int DEFAULT_BLOCK = 64;

    private final int block;
    private long next;
    private long reservedUpTo;
    private int flashWrites;

    /** A counter whose first number is {@code first}, reserving {@code block} at a time. */
    public SequenceCounter(long first, int block) {
        if (first < 0) {
            throw new IllegalArgumentException("first seq: expected >= 0, found " + first);
        }
        if (block < 1) {
            throw new IllegalArgumentException("block: expected >= 1, found " + block);
        }
        this.block = block;
        this.next = first;
        this.reservedUpTo = first;
    }

    /** Takes the next number. */
    public long next() {
        if (next >= reservedUpTo) {
            reservedUpTo = next + block;
            flashWrites++;
        }
        return next++;
    }

    /** The number {@link #next()} would return, without taking it. */
    public long peek() {
        return next;
    }

    /** Loses the RAM copy, as a power cycle does: numbering goes on from the flash bound. */
    public void reboot() {
        next = reservedUpTo;
    }

    /** How many times the counter wrote its bound to flash. */
    public int flashWrites() {
        return flashWrites;
    }
}
