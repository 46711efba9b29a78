package org.doorplate.sim.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The readings a device keeps while it cannot reach the network, oldest first, so that it can
 * send them later with their original times and sequence numbers. When full it drops the
 * oldest reading, as a ring buffer in a marker's flash does: the newest state matters most.
 *
 * <p>Thread-safe: the fleet's scheduler and a scenario may touch it at once.
 *
 * @param <T> the buffered reading
 */
public final class UplinkBuffer<T> {
    private final int capacity;
    private final Deque<T> entries = new ArrayDeque<>();
    private long dropped;

    public UplinkBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer capacity: expected >= 1, found " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps {@code entry}, dropping the oldest one if the buffer is full. */
    public synchronized void add(T entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(entry);
    }

    /** Takes up to {@code max} of the oldest entries out of the buffer, oldest first. */
    public synchronized List<T> take(int max) {
        List<T> taken = new ArrayList<>(Math.min(max, entries.size()));
        while (taken.size() < max && !entries.isEmpty()) {
            taken.add(entries.removeFirst());
        }
        return taken;
    }

    /** Puts entries that could not be sent back at the front, keeping their order. */
    public synchronized void putBack(List<T> unsent) {
        for (int i = unsent.size() - 1; i >= 0; i--) {
            entries.addFirst(unsent.get(i));
        }
        while (entries.size() > capacity) {
            entries.removeFirst();
            dropped++;
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many entries were dropped because the buffer was full. */
    public synchronized long dropped() {
        return dropped;
    }

    public int capacity() {
        return capacity;
    }
}
