package org.doorplate.sim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.doorplate.sim.Delivery;
import org.doorplate.sim.Fleet;
import org.doorplate.sim.Scenario;
import org.doorplate.sim.ScenarioResult;
import org.doorplate.sim.SimulatedDevice;
import org.doorplate.sim.Transport;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Plays one named scenario on one device and prints the server's answers. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
    description = {"Plays a fault or an attack on one device and prints what it did and the server's answers.",
        "Scenarios: displace, tilt (markers only), tamper, drain-battery, silent, clock-skew, replay, forge,"
            + " malformed."})
final class ScenarioCommand implements Callable<Integer> {
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    TransportOptions transport;

    @Mixin
    DeviceSource source;

    @Parameters(index = "0", paramLabel = "SCENARIO", completionCandidates = Names.class,
        description = "One of: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--device", paramLabel = "ID",
        description = "The device from --credentials (default: the first one of a fitting kind).")
    String deviceId;

    @Option(names = "--kind", defaultValue = "marker", paramLabel = "doorplate|marker",
        description = "The kind to provision when no --credentials are given (default: ${DEFAULT-VALUE};"
            + " displace and tilt need a marker).")
    String kind;

    @Option(names = "--baseline", defaultValue = "3", paramLabel = "N",
        description = "Normal reports sent first, so that the server knows the device (default: ${DEFAULT-VALUE}).")
    int baseline;

    @Option(names = "--metres", defaultValue = "25", description = "displace: how far (default: ${DEFAULT-VALUE}).")
    double metres;

    @Option(names = "--bearing", defaultValue = "90",
        description = "displace: direction in degrees from north (default: ${DEFAULT-VALUE}).")
    double bearing;

    @Option(names = "--readings", defaultValue = "5",
        description = "displace, tilt: reports sent afterwards (default: ${DEFAULT-VALUE}).")
    int readings;

    @Option(names = "--degrees", defaultValue = "30",
        description = "tilt: lean from vertical (default: ${DEFAULT-VALUE}).")
    double degrees;

    @Option(names = "--percent", defaultValue = "3",
        description = "drain-battery: charge left in percent (default: ${DEFAULT-VALUE}).")
    double percent;

    @Option(names = "--drain-factor", defaultValue = "50",
        description = "drain-battery: how much faster it drains from then on (default: ${DEFAULT-VALUE}).")
    double drainFactor;

    @Option(names = "--skew", defaultValue = "2h", converter = DurationConverter.class,
        description = "clock-skew: how far ahead the clock runs; negative for behind, e.g. -3h (default: 2h).")
    Duration skew;

    @Option(names = "--length", defaultValue = "40",
        description = "malformed: bytes of garbage (default: ${DEFAULT-VALUE}).")
    int length;

    /** The scenario names for the help text. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Scenario.NAMES.iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Scenario scenario = scenario();
        DeviceKind wanted = scenario instanceof Scenario.Displace || scenario instanceof Scenario.Tilt
            ? DeviceKind.MARKER : DeviceKind.parse(kind);
        List<DeviceCredentials> devices = source.devices(server, transport.guard(),
            wanted == DeviceKind.DOORPLATE ? 1 : 0, wanted == DeviceKind.MARKER ? 1 : 0, out);
        DeviceCredentials chosen = choose(devices, wanted);
        try (Fleet fleet = transport.fleet().devices(List.of(chosen)).build()) {
            fleet.connect();
            SimulatedDevice device = fleet.device(chosen.id());
            for (int i = 0; i < baseline; i++) {
                for (Delivery d : await(device.report())) {
                    out.println("baseline " + d.describe());
                }
            }
            ScenarioResult result = await(scenario.applyTo(device));
            result.describe().forEach(out::println);
            if (transport.transport == Transport.MQTT && !result.deliveries().isEmpty()) {
                // An external broker acknowledges on receipt (MQTT 5.0 section 4.3.2); the server
                // decides later and has no way to tell the device.
                out.println("note: over MQTT the PUBACK is the broker's; the server's verdict shows in its"
                    + " log and metrics, or use --transport coap to see its response code");
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private Scenario scenario() {
        return switch (name) {
            case "displace" -> new Scenario.Displace(metres, bearing, readings);
            case "tilt" -> new Scenario.Tilt(degrees, readings);
            case "tamper" -> new Scenario.Tamper();
            case "drain-battery" -> new Scenario.DrainBattery(percent, drainFactor);
            case "silent" -> new Scenario.Silent();
            case "clock-skew" -> new Scenario.ClockSkew(skew);
            case "replay" -> new Scenario.Replay();
            case "forge" -> new Scenario.Forge();
            case "malformed" -> new Scenario.Malformed(length);
            default -> throw new ParameterException(spec.commandLine(),
                "unknown scenario '" + name + "'; expected one of " + String.join(", ", Scenario.NAMES));
        };
    }

    private DeviceCredentials choose(List<DeviceCredentials> devices, DeviceKind wanted) {
        if (deviceId != null) {
            return devices.stream().filter(d -> d.id().equals(deviceId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--device: no device '" + deviceId + "' in "
                    + source.credentials));
        }
        return devices.stream().filter(d -> d.kind() == wanted).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no " + wanted.apiName() + " among the devices"));
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
