package org.doorplate.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.load.LoadPlan;
import org.doorplate.sim.load.LoadRunner;
import org.doorplate.sim.load.LoadSummary;
import org.doorplate.sim.load.Progress;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;
import org.doorplate.sim.verify.AckLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Sends readings at a target rate and reports what was acknowledged, how fast. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = {"Sends readings at a target rate for a bounded time and prints sent, acknowledged,"
            + " rejected, errors and acknowledgement latency percentiles. Writes every acknowledged"
            + " (device, seq) to --acked-file for 'verify'.",
        "Only loopback targets unless --allow-remote is given."})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    TransportOptions transport;

    @Mixin
    DeviceSource source;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "MSGS/S",
        description = "Target rate in messages per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
        description = "How long to send, ramp included (default: ${DEFAULT-VALUE}; at most 24h).")
    Duration duration;

    @Option(names = "--ramp", defaultValue = "0s", converter = DurationConverter.class, paramLabel = "TIME",
        description = "How long the rate takes to climb from 0 to the target (default: ${DEFAULT-VALUE}).")
    Duration ramp;

    @Option(names = "--max-messages", defaultValue = "1000000", paramLabel = "N",
        description = "Stop after this many messages (default: ${DEFAULT-VALUE}).")
    long maxMessages;

    @Option(names = "--devices", defaultValue = "20", paramLabel = "N",
        description = "Devices to provision and spread the load over (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--kind", defaultValue = "marker", paramLabel = "doorplate|marker",
        description = "The kind of device to provision (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--acked-file", defaultValue = "acked.csv", paramLabel = "FILE",
        description = "Where to write the acknowledged messages (default: ${DEFAULT-VALUE}).")
    Path ackedFile;

    @Option(names = "--drain-timeout", defaultValue = "30s", converter = DurationConverter.class,
        paramLabel = "TIME", description = "How long to wait for the last answers (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadPlan plan = new LoadPlan(rate, ramp, duration, maxMessages);
        if (devices < 1 || devices > 10_000) {
            throw new IllegalArgumentException("--devices: expected 1..10000, found " + devices);
        }
        DeviceKind deviceKind = DeviceKind.parse(kind);
        List<DeviceCredentials> credentials = source.devices(server, transport.guard(),
            deviceKind == DeviceKind.DOORPLATE ? devices : 0, deviceKind == DeviceKind.MARKER ? devices : 0, out);
        try (Fleet fleet = transport.fleet().devices(credentials).build(); AckLog log = AckLog.create(ackedFile)) {
            out.println("connecting " + credentials.size() + " devices over "
                + transport.transport.name().toLowerCase(Locale.ROOT));
            out.flush();
            fleet.connect();
            out.println(String.format(Locale.ROOT, "sending %d messages: %.0f msgs/s for %s (ramp %s)",
                plan.totalMessages(), rate, duration, ramp));
            out.flush();
            Progress progress = new Progress(out, System.console() != null, 5);
            LoadRunner runner = new LoadRunner(plan, fleet.devices(), transport.perDeviceInFlight(), log::append,
                progress, drainTimeout);
            Thread hook = new Thread(runner::stop, "load-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            LoadSummary summary = runner.run();
            RunCommand.removeHook(hook);
            summary.describe().forEach(out::println);
            out.println("acknowledged list: " + log.written() + " messages in " + ackedFile);
            out.flush();
            return summary.acknowledged() > 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }
}
