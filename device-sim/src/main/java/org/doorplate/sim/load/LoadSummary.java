package org.doorplate.sim.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of a finished load run.
 *
 * @param planned how many messages the plan held
 * @param sent how many were handed to a transport
 * @param acknowledged answered with PUBACK below 0x80 or CoAP 2.xx
 * @param rejected answered with a refusal
 * @param errors no answer, or the send failed
 * @param elapsed from the first send to the last answer
 * @param latency acknowledgement latencies in microseconds
 * @param rejections how many rejections each answer text had
 */
public record LoadSummary(long planned, long sent, long acknowledged, long rejected, long errors, Duration elapsed,
        Histogram latency, Map<String, Long> rejections) {
    /** Messages acknowledged per second over the run. */
    public double acknowledgedPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : acknowledged / seconds;
    }

    /** The latency at {@code percentile} (0..100) in milliseconds. */
    public double latencyMillis(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The summary as lines for a terminal. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "planned %d, sent %d, acknowledged %d, rejected %d, errors %d",
            planned, sent, acknowledged, rejected, errors));
        lines.add(String.format(Locale.ROOT, "elapsed %.1f s, %.1f acknowledged msgs/s", elapsed.toNanos() / 1e9,
            acknowledgedPerSecond()));
        if (latency.getTotalCount() > 0) {
            lines.add(String.format(Locale.ROOT,
                "ack latency ms: p50 %.2f, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f",
                latencyMillis(50), latencyMillis(90), latencyMillis(99), latencyMillis(99.9),
                latency.getMaxValue() / 1000.0));
        }
        rejections.forEach((answer, count) -> lines.add("rejected " + count + " x " + answer));
        return lines;
    }
}
