package org.doorplate.sim.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.Scenario;
import org.doorplate.sim.ScenarioResult;
import org.doorplate.sim.SimulatedMarker;
import org.doorplate.sim.Transport;
import org.doorplate.sim.api.ServerApi;
import org.doorplate.sim.api.ServerApiException;
import org.doorplate.sim.cli.DurationConverter;
import org.doorplate.sim.cli.ExitCodes;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.Provisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one-command demo: starts the server on its embedded defaults with the demo data, runs a
 * small fleet against it, prints where to look, injects a marker fault so that an alert
 * appears, and stops everything on Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Starts the server jar as a child process on embedded defaults (DOORPLATE_DEMO=true),"
            + " runs a small fleet against it, prints the URLs of a doorplate page and the crew page, and"
            + " after --fault-after displaces a marker so that an alert appears.",
        "Ctrl-C stops the fleet, then the server."})
public final class DemoCommand implements Callable<Integer> {
    /** The environment the demo server must not inherit: it runs on embedded defaults. */
    static final List<String> UNSET = List.of("DOORPLATE_DB_URL", "DOORPLATE_DB_USER", "DOORPLATE_DB_PASSWORD",
        "DOORPLATE_MQTT_URL", "DOORPLATE_MASTER_KEY");

    @Spec
    CommandSpec spec;

    @Option(names = "--server-jar", required = true, paramLabel = "JAR",
        description = "The server to start, e.g. server/target/doorplate-server.jar.")
    Path serverJar;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
        description = "HTTP port, if free; another one otherwise (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--doorplates", defaultValue = "20",
        description = "Doorplates to simulate (default: ${DEFAULT-VALUE}).")
    int doorplates;

    @Option(names = "--markers", defaultValue = "10", description = "Markers to simulate (default: ${DEFAULT-VALUE}).")
    int markers;

    @Option(names = "--transport", defaultValue = "mixed", paramLabel = "mqtt|coap|mixed",
        description = "How the fleet sends (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--time-scale", defaultValue = "60", paramLabel = "X",
        description = "Simulated time runs X times faster: markers report every 15 s at 60"
            + " (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--fault-after", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
        description = "When to displace a marker (default: ${DEFAULT-VALUE}).")
    Duration faultAfter;

    @Option(names = "--fault", defaultValue = "displace", paramLabel = "displace|tilt",
        description = "The marker fault to inject (default: ${DEFAULT-VALUE}).")
    String fault;

    @Option(names = "--startup-timeout", defaultValue = "180s", converter = DurationConverter.class,
        paramLabel = "TIME",
        description = "How long the server may take to become healthy (default: ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Option(names = "--run-for", converter = DurationConverter.class, paramLabel = "TIME",
        description = "Stop by itself after this long (default: run until Ctrl-C).")
    Duration runFor;

    @Option(names = "--keep-data", description = "Keep the demo's data folder (database, log) after it stops.")
    boolean keepData;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Fleet fleet;
    private volatile ServerProcess server;
    private volatile Path dataDir;
    private volatile boolean failed;
    private volatile List<DemoMarkers.Placed> placed = List.of();
    private volatile String lastProblem;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = faultScenario();
        Transport chosen = Transport.parse(transport);
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalArgumentException("--server-jar: " + serverJar + " does not exist; build it first with"
                + " mvn -B -q -DskipTests package");
        }
        Thread hook = new Thread(this::shutdown, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            DemoServer started = startServer(out);
            ServerApi api = started.api();
            runFleet(out, api, started, chosen);
            injectFault(out, api, scenario);
            awaitStop(out);
            return ExitCodes.OK;
        } catch (Exception | Error e) {
            // Keep the data folder: its server.log tells what went wrong.
            failed = true;
            throw e;
        } finally {
            shutdown();
            removeHook(hook);
        }
    }

    /** The server's addresses once it runs. */
    private record DemoServer(ServerApi api, URI http, URI mqtt, URI coaps, String password) {
    }

    private Scenario faultScenario() {
        return switch (fault) {
            // The detector wants a window of 15 good fixes and three agreeing evaluations: send
            // enough displaced fixes at once that the alert does not wait for the schedule.
            case "displace" -> new Scenario.Displace(30, 45, 20);
            case "tilt" -> new Scenario.Tilt(35, 2);
            default -> throw new IllegalArgumentException("--fault: expected displace or tilt, found '" + fault + "'");
        };
    }

    private DemoServer startServer(PrintWriter out) throws IOException, InterruptedException {
        int http = Ports.tcp(httpPort);
        int mqtt = Ports.tcp(1883);
        int coap = Ports.udp(5683);
        int coaps = Ports.udp(5684);
        String password = "demo-" + HexFormat.of().formatHex(random(4));
        dataDir = Files.createTempDirectory("doorplate-demo-");
        // Run as root, the embedded PostgreSQL drops to 'nobody', which must be able to enter.
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        URI base = URI.create("http://127.0.0.1:" + http);
        Map<String, String> env = Map.of(
            "DOORPLATE_DEMO", "true",
            "DOORPLATE_ADMIN_PASSWORD", password,
            "DOORPLATE_HTTP_PORT", Integer.toString(http),
            "DOORPLATE_MQTT_EMBEDDED_PORT", Integer.toString(mqtt),
            "DOORPLATE_COAP_PORT", Integer.toString(coap),
            "DOORPLATE_COAPS_PORT", Integer.toString(coaps),
            "DOORPLATE_PUBLIC_URL", base.toString(),
            "DOORPLATE_DATA_DIR", dataDir.toString());
        out.println("starting the server (" + serverJar + "), log in " + dataDir.resolve("server.log"));
        out.flush();
        server = ServerProcess.start(serverJar, env, UNSET, dataDir, dataDir.resolve("server.log"));
        ServerApi api = new ServerApi(base);
        server.awaitHealthy(api, startupTimeout);
        out.println("server healthy at " + base + " (pid " + server.pid() + ")");
        api.login("admin", password);
        return new DemoServer(api, base, URI.create("tcp://127.0.0.1:" + mqtt),
            URI.create("coaps://127.0.0.1:" + coaps), password);
    }

    private void runFleet(PrintWriter out, ServerApi api, DemoServer s, Transport chosen) throws Exception {
        List<String> plates = api.doorplateCodes(1);
        if (plates.isEmpty()) {
            throw new ServerApiException(200, "the server's demo data has no doorplates (GET /api/v1/doorplates"
                + "?limit=1 answered an empty list); is DOORPLATE_DEMO supported by this server jar?");
        }
        String prefix = "demo-" + HexFormat.of().formatHex(random(2));
        placed = DemoMarkers.place(api, markers, prefix + "-b", out::println);
        List<DeviceCredentials> devices = new ArrayList<>();
        placed.forEach(p -> devices.add(p.device()));
        Provisioner provisioner = new Provisioner(api, out::println);
        devices.addAll(provisioner.provision(prefix, doorplates, Math.max(0, markers - devices.size())));
        Transport used = checkBroker(out, s.mqtt(), chosen);
        fleet = Fleet.builder().mqtt(s.mqtt()).coap(s.coaps()).transport(used).devices(devices)
            .timeScale(timeScale).offline(0.01, Duration.ofMinutes(30)).firstReportWithin(Duration.ofSeconds(5))
            .build();
        fleet.addListener(d -> {
            if (!d.acknowledged()) {
                lastProblem = d.describe();
            }
        });
        fleet.connect();
        fleet.start();
        out.println();
        out.println("== doorplate demo running ==");
        out.println("fleet:          " + fleet.doorplates().size() + " doorplates, " + fleet.markers().size()
            + " markers over " + used.name().toLowerCase(Locale.ROOT) + ", time " + timeScale + "x");
        out.println("doorplate page: " + s.http().resolve("/q/" + plates.get(0)));
        out.println("crew page:      " + s.http().resolve("/crew"));
        out.println("sign in as:     admin / " + s.password());
        out.println("marker fault in " + faultAfter.toSeconds() + " s; Ctrl-C stops everything");
        out.println();
        out.flush();
        warnIfNothingAcknowledged(out);
    }

    // A server whose ingest is not running answers nothing, or refuses everything; say so
    // early rather than leave the operator watching a silent demo.
    private void warnIfNothingAcknowledged(PrintWriter out) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (fleet.stats().acknowledged() == 0 && System.nanoTime() < until) {
            if (stopped.await(500, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        if (fleet.stats().acknowledged() == 0) {
            out.println("warning: the server acknowledged nothing in 15 s" + (lastProblem == null ? ""
                : "; last answer: " + lastProblem));
            out.flush();
        }
    }

    /**
     * The transport to use: without a reachable embedded broker, a mixed fleet goes all CoAP
     * and an MQTT-only one fails with the reason.
     */
    private static Transport checkBroker(PrintWriter out, URI broker, Transport chosen) {
        if (chosen == Transport.COAP || Ports.accepts(broker.getHost(), broker.getPort())) {
            return chosen;
        }
        String problem = "the server's embedded MQTT broker does not accept connections on " + broker.getHost()
            + ":" + broker.getPort();
        if (chosen == Transport.MQTT) {
            throw new IllegalStateException(problem + "; try --transport coap");
        }
        out.println(problem + "; the whole fleet uses CoAP");
        return Transport.COAP;
    }

    private void injectFault(PrintWriter out, ServerApi api, Scenario scenario) throws Exception {
        if (stopped.await(faultAfter.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
        }
        if (fleet.markers().isEmpty()) {
            out.println("no markers in the fleet: no fault to inject");
            return;
        }
        Scenario chosen = scenario;
        List<String> subjects = new ArrayList<>();
        SimulatedMarker marker;
        if (placed.isEmpty()) {
            marker = fleet.markers().get(0);
            if (chosen instanceof Scenario.Displace) {
                // Displacement is measured against a surveyed reference, which only a registered
                // marker has; a free-standing one can still lean.
                out.println("no registered boundary marker to displace; tilting " + marker.id() + " instead");
                chosen = new Scenario.Tilt(35, 2);
            }
        } else {
            marker = fleet.marker(placed.get(0).device().id());
            subjects.add(placed.get(0).number());
        }
        subjects.add(marker.id());
        ScenarioResult result = chosen.applyTo(marker).toCompletableFuture().get(2, TimeUnit.MINUTES);
        result.describe().forEach(out::println);
        out.flush();
        DemoAlerts.awaitOpenAlert(api, subjects, Duration.ofSeconds(90), stopped, out);
    }

    private void awaitStop(PrintWriter out) throws InterruptedException {
        long until = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        while (!stopped.await(30, TimeUnit.SECONDS)) {
            out.println("fleet: " + fleet.stats());
            out.flush();
            if (System.nanoTime() > until) {
                return;
            }
        }
    }

    // Runs twice at most (Ctrl-C hook and the finally block); the second call finds nothing to do.
    private synchronized void shutdown() {
        stopped.countDown();
        Fleet f = fleet;
        fleet = null;
        if (f != null) {
            f.close();
        }
        ServerProcess s = server;
        server = null;
        if (s != null) {
            s.stop();
        }
        Path dir = dataDir;
        dataDir = null;
        if (dir != null && !keepData && !failed && s != null && !s.isAlive()) {
            DemoFiles.deleteTree(dir);
        } else if (dir != null) {
            spec.commandLine().getOut().println("demo data kept in " + dir);
            spec.commandLine().getOut().flush();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and running the hook.
            return;
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    static String text(JsonNode node, String... names) {
        for (String name : names) {
            if (node.hasNonNull(name)) {
                return node.get(name).asText();
            }
        }
        return null;
    }
}
