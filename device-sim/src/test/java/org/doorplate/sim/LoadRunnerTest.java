package org.doorplate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.doorplate.sim.load.LoadPlan;
import org.doorplate.sim.load.LoadRunner;
import org.doorplate.sim.load.LoadSummary;
import org.doorplate.sim.load.Progress;
import org.doorplate.sim.transport.LinkAnswer;
import org.doorplate.sim.verify.AckedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load runner end to end on recording links: counts, the acknowledged list, rejections. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadRunnerTest {
    private final TestDevices devices = new TestDevices();
    private final List<AckedMessage> acked = new CopyOnWriteArrayList<>();
    private final StringWriter terminal = new StringWriter();

    @Test
    void everyPlannedMessageIsSentAndEachAcknowledgedOneIsListed() {
        // GIVEN four markers and a plan of 300 messages (a 1 s ramp to 200 msgs/s, then 1 s of it)
        List<SimulatedMarker> fleet = List.of(devices.marker("m-1"), devices.marker("m-2"), devices.marker("m-3"),
            devices.marker("m-4"));
        LoadPlan plan = new LoadPlan(200, Duration.ofSeconds(1), Duration.ofSeconds(2), 10_000);

        // WHEN the run is done
        LoadSummary summary = runner(plan, fleet).run();

        // THEN all 300 were sent and acknowledged, spread over the devices, each listed once
        assertEquals(300, plan.totalMessages());
        assertEquals(300, summary.sent());
        assertEquals(300, summary.acknowledged());
        assertEquals(0, summary.rejected() + summary.errors());
        assertEquals(300, acked.size());
        Set<String> pairs = new HashSet<>();
        acked.forEach(a -> pairs.add(a.device() + "/" + a.seq()));
        assertEquals(300, pairs.size());
        assertEquals(4, acked.stream().map(AckedMessage::device).distinct().count());
        assertTrue(summary.describe().get(0).startsWith("planned 300, sent 300, acknowledged 300"));
        assertTrue(terminal.toString().contains("sent 300 ack 300"), terminal.toString());
    }

    @Test
    void rejectionsAndErrorsAreCountedApartAndNotListed() {
        // GIVEN a link that rejects every third message and loses every fifth
        AtomicInteger n = new AtomicInteger();
        devices.link.answers = p -> {
            int i = n.incrementAndGet();
            return i % 3 == 0 ? LinkAnswer.rejected("4.01 UNAUTHORIZED")
                : i % 5 == 0 ? LinkAnswer.failed("timeout") : LinkAnswer.accepted("2.04 CHANGED");
        };
        LoadPlan plan = new LoadPlan(500, Duration.ZERO, Duration.ofMillis(200), 10_000);

        LoadSummary summary = runner(plan, List.of(devices.doorplate("p-1"), devices.doorplate("p-2"))).run();

        // THEN of 100: 33 rejected, 14 lost (the 20 multiples of 5 less the 6 of 15), 53 acknowledged
        assertEquals(100, summary.sent());
        assertEquals(33, summary.rejected());
        assertEquals(14, summary.errors());
        assertEquals(53, summary.acknowledged());
        assertEquals(53, acked.size());
        assertEquals(33L, summary.rejections().get("4.01 UNAUTHORIZED"));
    }

    @Test
    void stoppedRunEndsEarly() {
        LoadPlan plan = new LoadPlan(10, Duration.ZERO, Duration.ofHours(1), 10_000);
        LoadRunner runner = runner(plan, List.of(devices.doorplate("p-1")));
        runner.stop();

        LoadSummary summary = runner.run();

        assertEquals(0, summary.sent());
    }

    private LoadRunner runner(LoadPlan plan, List<? extends SimulatedDevice> fleet) {
        Progress progress = new Progress(new PrintWriter(terminal, true), false, 5);
        return new LoadRunner(plan, fleet, 8, acked::add, progress, Duration.ofSeconds(5));
    }
}
