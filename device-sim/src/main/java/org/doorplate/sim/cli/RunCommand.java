package org.doorplate.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.verify.AckLog;
import org.doorplate.sim.verify.AckedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs a fleet on its schedules until the duration ends or Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Runs a simulated fleet: devices report on jittered schedules, drop offline now and then and"
        + " back-fill, obey commands. Stops after --duration or on Ctrl-C.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    TransportOptions transport;

    @Mixin
    DeviceSource source;

    @Option(names = "--doorplates", defaultValue = "0", description = "Doorplates to provision (default: 0).")
    int doorplates;

    @Option(names = "--markers", defaultValue = "0", description = "Markers to provision (default: 0).")
    int markers;

    @Option(names = "--time-scale", defaultValue = "1", paramLabel = "X",
        description = "Run simulated time X times faster: 60 makes a 15-minute interval 15 s (default: 1).")
    double timeScale;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Stop after this long, e.g. 10m (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--offline-chance", defaultValue = "0.02", paramLabel = "P",
        description = "Chance that a device drops offline after a report (default: ${DEFAULT-VALUE}).")
    double offlineChance;

    @Option(names = "--mean-offline", defaultValue = "1h", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Mean length of an offline period in simulated time (default: ${DEFAULT-VALUE}).")
    Duration meanOffline;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for a repeatable fleet (default: random).")
    Long seed;

    @Option(names = {"--verbose", "-v"}, description = "Print every delivery.")
    boolean verbose;

    @Option(names = "--acked-file", paramLabel = "FILE",
        description = "Write every acknowledged (device, seq) here, back-filled ones included, for 'verify'.")
    Path ackedFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<DeviceCredentials> devices = source.devices(server, transport.guard(), doorplates, markers, out);
        Fleet.Builder builder = transport.fleet().devices(devices).timeScale(timeScale)
            .offline(offlineChance, meanOffline);
        if (seed != null) {
            builder.seed(seed);
        }
        if (verbose) {
            builder.listener(d -> out.println(Instant.now() + " " + d.describe()));
        }
        AckLog log = ackedFile == null ? null : AckLog.create(ackedFile);
        if (log != null) {
            builder.listener(d -> {
                if (d.acknowledged()) {
                    d.stored().forEach(h -> log.append(new AckedMessage(h.deviceId(), h.seq(), h.deviceTime())));
                }
            });
        }
        CountDownLatch done = new CountDownLatch(1);
        try (Fleet fleet = builder.build(); AckLog closing = log) {
            Thread hook = new Thread(() -> {
                done.countDown();
                fleet.close();
            }, "device-sim-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            fleet.connect();
            fleet.start();
            String over = transport.transport.name().toLowerCase(Locale.ROOT);
            out.println("running " + devices.size() + " devices over " + over
                + (duration == null ? " until Ctrl-C" : " for " + duration));
            out.flush();
            long until = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < until && !done.await(Math.min(10_000, remainingMillis(until)),
                    TimeUnit.MILLISECONDS)) {
                out.println(Instant.now() + " " + fleet.stats());
                out.flush();
            }
            out.println("done: " + fleet.stats() + (log == null ? ""
                : "; acknowledged list: " + log.written() + " messages in " + ackedFile));
            out.flush();
            removeHook(hook);
            return fleet.stats().acknowledged() > 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    private static long remainingMillis(long untilNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilNanos - System.nanoTime()));
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running.
            return;
        }
    }
}
