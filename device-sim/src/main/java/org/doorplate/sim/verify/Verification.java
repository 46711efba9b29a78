package org.doorplate.sim.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the server acknowledged with what it stored: every acknowledged message must
 * be stored exactly once. A stored message that was never acknowledged is fine (the device may
 * have timed out waiting for an acknowledgement that was already on its way).
 */
public final class Verification {
    private Verification() {
    }

    /**
     * The time range to ask the server about for one device.
     *
     * @param device the device
     * @param from the earliest acknowledged device time, less a margin
     * @param to the latest acknowledged device time, plus a margin
     */
    public record Window(String device, Instant from, Instant to) {
    }

    /**
     * The result of a comparison.
     *
     * @param acknowledged how many distinct (device, seq) pairs were acknowledged
     * @param missing per device, acknowledged sequence numbers the server does not have
     * @param doubled per device, acknowledged sequence numbers the server stored more than once
     */
    public record Report(long acknowledged, SortedMap<String, List<Long>> missing,
            SortedMap<String, List<Long>> doubled) {
        public long missingCount() {
            return count(missing);
        }

        public long doubledCount() {
            return count(doubled);
        }

        /** Whether every acknowledged message was stored exactly once. */
        public boolean passed() {
            return missing.isEmpty() && doubled.isEmpty();
        }

        private static long count(Map<String, List<Long>> byDevice) {
            return byDevice.values().stream().mapToLong(List::size).sum();
        }
    }

    /** One window per device, spanning its acknowledged times widened by {@code margin}. */
    public static List<Window> windows(Collection<AckedMessage> acked, Duration margin) {
        SortedMap<String, Instant[]> span = new TreeMap<>();
        for (AckedMessage m : acked) {
            Instant[] s = span.computeIfAbsent(m.device(), d -> new Instant[] {m.deviceTime(), m.deviceTime()});
            if (m.deviceTime().isBefore(s[0])) {
                s[0] = m.deviceTime();
            }
            if (m.deviceTime().isAfter(s[1])) {
                s[1] = m.deviceTime();
            }
        }
        List<Window> windows = new ArrayList<>(span.size());
        span.forEach((device, s) -> windows.add(new Window(device, s[0].minus(margin), s[1].plus(margin))));
        return windows;
    }

    /**
     * Compares the acknowledged messages with what the server stored.
     *
     * @param stored the server's answer per device; a device absent here stored nothing
     */
    public static Report compare(Collection<AckedMessage> acked, Map<String, StoredSequences> stored) {
        SortedMap<String, TreeSet<Long>> ackedByDevice = new TreeMap<>();
        for (AckedMessage m : acked) {
            ackedByDevice.computeIfAbsent(m.device(), d -> new TreeSet<>()).add(m.seq());
        }
        long distinct = 0;
        SortedMap<String, List<Long>> missing = new TreeMap<>();
        SortedMap<String, List<Long>> doubled = new TreeMap<>();
        for (Map.Entry<String, TreeSet<Long>> e : ackedByDevice.entrySet()) {
            distinct += e.getValue().size();
            StoredSequences s = stored.get(e.getKey());
            Set<Long> have = s == null ? Set.of() : new HashSet<>(s.sequences());
            Set<Long> twice = s == null ? Set.of() : new HashSet<>(s.duplicates());
            List<Long> lost = new ArrayList<>();
            List<Long> again = new ArrayList<>();
            for (long seq : e.getValue()) {
                if (twice.contains(seq)) {
                    again.add(seq);
                } else if (!have.contains(seq)) {
                    lost.add(seq);
                }
            }
            if (!lost.isEmpty()) {
                missing.put(e.getKey(), List.copyOf(lost));
            }
            if (!again.isEmpty()) {
                doubled.put(e.getKey(), List.copyOf(again));
            }
        }
        return new Report(distinct, missing, doubled);
    }
}
