package org.doorplate.sim.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.doorplate.protocol.message.Header;
import org.doorplate.sim.Delivery;
import org.doorplate.sim.SimulatedDevice;
import org.doorplate.sim.verify.AckedMessage;

/**
 * Sends readings from a set of devices on a {@link LoadPlan}'s schedule and measures what
 * comes back.
 *
 * <p>Messages go to the devices in turn, skipping a device that already has as many messages
 * in flight as its transport allows (CoAP: one, RFC 7252 section 4.7; MQTT: a few under the
 * broker's Receive Maximum); when every device is busy the sender waits, so a server that
 * cannot keep up shows as a rate below the plan rather than as errors. The run is bounded:
 * sending stops at the plan's count or at its duration plus a grace period, whichever comes
 * first, and answers are awaited at most {@code drainTimeout} after that.
 */
public final class LoadRunner {
    /** How long past the planned duration the sender may still catch up. */
    static final Duration GRACE = Duration.ofSeconds(10);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final LoadPlan plan;
    private final List<? extends SimulatedDevice> devices;
    private final int perDeviceInFlight;
    private final Consumer<AckedMessage> acked;
    private final Progress progress;
    private final Duration drainTimeout;
    private final AtomicIntegerArray inFlight;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final Map<String, Long> rejections = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /**
     * @param perDeviceInFlight how many messages one device may have unanswered, at least 1
     * @param acked receives every acknowledged (device, seq), on transport threads
     * @param drainTimeout how long to wait for the last answers after sending stops
     */
    public LoadRunner(LoadPlan plan, List<? extends SimulatedDevice> devices, int perDeviceInFlight,
            Consumer<AckedMessage> acked, Progress progress, Duration drainTimeout) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("load: expected at least one device");
        }
        if (perDeviceInFlight < 1) {
            throw new IllegalArgumentException("in flight: expected >= 1, found " + perDeviceInFlight);
        }
        this.plan = plan;
        this.devices = List.copyOf(devices);
        this.perDeviceInFlight = perDeviceInFlight;
        this.acked = acked;
        this.progress = progress;
        this.drainTimeout = drainTimeout;
        this.inFlight = new AtomicIntegerArray(devices.size());
    }

    /** Asks a running {@link #run()} to stop sending and return its summary. */
    public void stop() {
        stopped = true;
    }

    /** Runs the plan; blocks until it is done or stopped. */
    public LoadSummary run() {
        long start = System.nanoTime();
        long stopSendingAt = start + plan.duration().plus(GRACE).toNanos();
        long total = plan.totalMessages();
        long lastProgress = start;
        int next = 0;
        for (long n = 0; n < total && !stopped; n++) {
            long due = start + plan.dueAt(n).toNanos();
            lastProgress = waitUntil(due, start, lastProgress);
            int device = -1;
            while (!stopped && (device = pick(next, inFlight, perDeviceInFlight)) < 0) {
                if (System.nanoTime() > stopSendingAt) {
                    stopped = true;
                    break;
                }
                LockSupport.parkNanos(100_000);
                lastProgress = showProgress(start, lastProgress);
            }
            if (device < 0 || System.nanoTime() > stopSendingAt) {
                break;
            }
            next = (device + 1) % devices.size();
            send(device);
            lastProgress = showProgress(start, lastProgress);
        }
        long sendingEnded = System.nanoTime();
        long drainUntil = sendingEnded + drainTimeout.toNanos();
        while (answered.get() < sent.get() && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(1_000_000);
            lastProgress = showProgress(start, lastProgress);
        }
        long outstanding = sent.get() - answered.get();
        errors.addAndGet(outstanding);
        progress.finish(snapshot(start, System.nanoTime()));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new LoadSummary(total, sent.get(), acknowledged.get(), rejected.get(), errors.get(), elapsed,
            latency.copy(), new TreeMap<>(rejections));
    }

    /**
     * The next device, from {@code start} on in turn, with fewer than {@code cap} messages in
     * flight; -1 when all are busy.
     */
    static int pick(int start, AtomicIntegerArray inFlight, int cap) {
        int size = inFlight.length();
        for (int i = 0; i < size; i++) {
            int candidate = (start + i) % size;
            if (inFlight.get(candidate) < cap) {
                return candidate;
            }
        }
        return -1;
    }

    private void send(int index) {
        inFlight.incrementAndGet(index);
        sent.incrementAndGet();
        try {
            devices.get(index).sendReading().whenComplete((delivery, error) -> {
                inFlight.decrementAndGet(index);
                record(delivery, error);
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet(index);
            record(null, e);
        }
    }

    private void record(Delivery delivery, Throwable error) {
        if (error != null || delivery == null) {
            errors.incrementAndGet();
        } else if (delivery.acknowledged()) {
            acknowledged.incrementAndGet();
            latency.recordValue(Math.min(latency.getHighestTrackableValue(), delivery.latency().toNanos() / 1000));
            for (Header h : delivery.stored()) {
                acked.accept(new AckedMessage(h.deviceId(), h.seq(), h.deviceTime()));
            }
        } else if (delivery.status() == Delivery.Status.REJECTED) {
            rejected.incrementAndGet();
            rejections.merge(delivery.answer(), 1L, Long::sum);
        } else {
            errors.incrementAndGet();
        }
        answered.incrementAndGet();
    }

    private long waitUntil(long due, long start, long lastProgress) {
        long shown = lastProgress;
        while (!stopped) {
            long wait = due - System.nanoTime();
            if (wait <= 0) {
                return shown;
            }
            LockSupport.parkNanos(Math.min(wait, PROGRESS_EVERY_NANOS));
            shown = showProgress(start, shown);
        }
        return shown;
    }

    private long showProgress(long start, long lastProgress) {
        long now = System.nanoTime();
        if (now - lastProgress < PROGRESS_EVERY_NANOS) {
            return lastProgress;
        }
        progress.show(snapshot(start, now), now);
        return now;
    }

    private Progress.Snapshot snapshot(long start, long now) {
        double elapsed = (now - start) / 1e9;
        double rate = elapsed <= 0 ? 0 : acknowledged.get() / elapsed;
        double p99 = latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99) / 1000.0;
        return new Progress.Snapshot(plan.totalMessages(), sent.get(), acknowledged.get(), rejected.get(),
            errors.get(), elapsed, plan.duration().toNanos() / 1e9, rate, p99);
    }
}
