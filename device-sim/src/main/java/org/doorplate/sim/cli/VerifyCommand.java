package org.doorplate.sim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.doorplate.sim.api.ServerApi;
import org.doorplate.sim.net.LoopbackGuard;
import org.doorplate.sim.verify.AckLog;
import org.doorplate.sim.verify.AckedMessage;
import org.doorplate.sim.verify.StoredSequences;
import org.doorplate.sim.verify.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks that every acknowledged message of a load run was stored exactly once. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Reads the acknowledged list a load run wrote and asks the server"
            + " (GET /api/v1/devices/{id}/sequences) whether each message was stored exactly once.",
        "Prints the missing and doubled counts; exits 1 if there are any."})
final class VerifyCommand implements Callable<Integer> {
    private static final int EXAMPLES = 10;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--acked-file", defaultValue = "acked.csv", paramLabel = "FILE",
        description = "The list 'load' wrote (default: ${DEFAULT-VALUE}).")
    Path ackedFile;

    @Option(names = "--margin", defaultValue = "1m", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Widen each device's time window by this much either way (default: ${DEFAULT-VALUE}).")
    Duration margin;

    @Option(names = "--wait", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
        description = "While messages are missing, ask again every 2 s for this long: an MQTT broker"
            + " acknowledges before the server stores (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--allow-remote", description = "Allow a server that is not on this machine.")
    boolean allowRemote;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        List<AckedMessage> acked = AckLog.read(ackedFile);
        if (acked.isEmpty()) {
            out.println("verify: " + ackedFile + " lists no acknowledged messages; nothing to check");
            return ExitCodes.CHECK_FAILED;
        }
        ServerApi api = server.signIn(new LoopbackGuard(allowRemote));
        List<Verification.Window> windows = Verification.windows(acked, margin);
        Map<String, StoredSequences> stored = new HashMap<>();
        for (Verification.Window w : windows) {
            stored.put(w.device(), api.sequences(w.device(), w.from(), w.to()));
        }
        Verification.Report report = Verification.compare(acked, stored);
        long until = System.nanoTime() + wait.toNanos();
        while (!report.missing().isEmpty() && System.nanoTime() < until) {
            out.println("missing " + report.missingCount() + " so far; asking again in 2 s");
            out.flush();
            Thread.sleep(2000);
            for (Verification.Window w : windows) {
                if (report.missing().containsKey(w.device())) {
                    stored.put(w.device(), api.sequences(w.device(), w.from(), w.to()));
                }
            }
            report = Verification.compare(acked, stored);
        }
        out.println("acknowledged " + report.acknowledged() + " messages from " + stored.size() + " devices");
        out.println("missing " + report.missingCount() + ", doubled " + report.doubledCount());
        examples(out, "missing", report.missing());
        examples(out, "doubled", report.doubled());
        out.println(report.passed() ? "verify: passed, every acknowledged message is stored exactly once"
            : "verify: FAILED");
        out.flush();
        return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static void examples(PrintWriter out, String what, Map<String, List<Long>> byDevice) {
        int shown = 0;
        for (Map.Entry<String, List<Long>> e : byDevice.entrySet()) {
            if (shown++ == EXAMPLES) {
                out.println("  ... and " + (byDevice.size() - EXAMPLES) + " more devices");
                return;
            }
            List<Long> seqs = e.getValue();
            String list = seqs.size() <= 5 ? seqs.toString()
                : seqs.subList(0, 5) + " and " + (seqs.size() - 5) + " more";
            out.println("  " + what + " " + e.getKey() + ": " + list);
        }
    }
}
