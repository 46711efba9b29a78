package org.doorplate.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Compares the bitmap window with a plain set of everything accepted, over random histories. */
class ReplayWindowPropertiesTest {
    @Property(tries = 300)
    void windowAgreesWithTheSetOfAcceptedNumbers(
            @ForAll @Size(max = 400) List<@IntRange(min = -80, max = 200) Integer> steps,
            @ForAll @LongRange(min = 0, max = 1L << 40) long start) {
        // GIVEN a 64-wide window and a model that remembers every accepted number
        ReplayWindow window = new ReplayWindow(64);
        Set<Long> accepted = new HashSet<>();
        long highest = -1;
        long seq = start;

        // WHEN numbers arrive around the top of the window, some old, some repeated, some far ahead
        for (int step : steps) {
            seq = Math.max(0, seq + step);
            ReplayVerdict expected = seq > highest ? ReplayVerdict.ACCEPT
                : seq <= highest - 64 ? ReplayVerdict.STALE
                : accepted.contains(seq) ? ReplayVerdict.DUPLICATE : ReplayVerdict.ACCEPT;

            // THEN every verdict is the model's, and accepting changes state only on ACCEPT
            assertEquals(expected, window.check(seq), "seq " + seq + " after highest " + highest);
            assertEquals(expected, window.accept(seq));
            if (expected == ReplayVerdict.ACCEPT) {
                accepted.add(seq);
                highest = Math.max(highest, seq);
            }
        }
    }

    @Property(tries = 300)
    void seededWindowNeverCallsAnUnseenNumberDuplicate(
            @ForAll @LongRange(min = 100, max = 1L << 40) long seed,
            @ForAll @Size(max = 200) List<@IntRange(min = -70, max = 70) Integer> offsets) {
        ReplayWindow window = ReplayWindow.seeded(seed, 64);
        Set<Long> seen = new HashSet<>(Set.of(seed));
        long highest = seed;

        for (int offset : offsets) {
            long seq = seed + offset;
            ReplayVerdict verdict = window.accept(seq);
            if (seq <= highest - 64) {
                assertEquals(ReplayVerdict.STALE, verdict);
            } else if (seen.contains(seq)) {
                assertEquals(ReplayVerdict.DUPLICATE, verdict);
            } else {
                assertEquals(seq < seed ? ReplayVerdict.UNKNOWN : ReplayVerdict.ACCEPT, verdict, "seq " + seq);
                seen.add(seq);
                highest = Math.max(highest, seq);
            }
        }
    }
}
