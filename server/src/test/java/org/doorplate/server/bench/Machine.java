package org.doorplate.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.doorplate.server.ingest.ServerProcess;

/** What the benchmark reads of the machine and of the server process. */
final class Machine {
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final String HEAP = "area=\"heap\"";

    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages. */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static String mosquittoVersion() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mosquitto", "-h").redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("mosquitto");
        process.waitFor(5, TimeUnit.SECONDS);
        return first.replace(" version", "");
    }

    /**
     * The server's RSS ({@code /proc/<pid>/status}) and heap used ({@code /prometheus}) as they
     * are, then the heap used after a full GC asked for with jcmd: what the data still alive
     * takes.
     */
    static Memory memory(ServerProcess server) throws IOException, InterruptedException {
        String status = Files.readString(Path.of("/proc", Long.toString(server.pid()), "status"));
        Matcher rss = RSS.matcher(status);
        long rssKb = rss.find() ? Long.parseLong(rss.group(1)) : -1;
        double heap = server.metricSum("jvm_memory_used_bytes", HEAP);
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
            Long.toString(server.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed for the server " + server.pid());
        }
        return new Memory(rssKb, heap, server.metricSum("jvm_memory_used_bytes", HEAP));
    }

    /**
     * The server's memory at one moment.
     *
     * @param rssKb resident set size
     * @param heapBytes heap used
     * @param liveHeapBytes heap used right after a full GC
     */
    record Memory(long rssKb, double heapBytes, double liveHeapBytes) {
        @Override
        public String toString() {
            return String.format("RSS %,d MB, heap used %,.0f MB, heap live %,.1f MB", rssKb / 1024,
                heapBytes / 1e6, liveHeapBytes / 1e6);
        }
    }
}
