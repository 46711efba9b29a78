package org.doorplate.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A fault or an attack played on one simulated device, named as on the command line. The
 * names are stable: the server's tests use them.
 *
 * <p>Each scenario changes the device, sends what a real device in that state would send, and
 * completes with a {@link ScenarioResult} holding the server's answers.
 */
public sealed interface Scenario {
    /** Every scenario name, in the order the help lists them. */
    List<String> NAMES = List.of("displace", "tilt", "tamper", "drain-battery", "silent", "clock-skew", "replay",
        "forge", "malformed");

    /** The name on the command line. */
    String name();

    /** Plays the scenario on {@code device}. */
    CompletionStage<ScenarioResult> applyTo(SimulatedDevice device);

    /**
     * Moves a marker {@code metres} along {@code bearingDegrees}, then sends {@code readings}
     * reports one after another, so that a detector sees a lasting shift rather than one stray
     * fix.
     */
    record Displace(double metres, double bearingDegrees, int readings) implements Scenario {
        /** Checks the numbers. */
        public Displace {
            requireReadings(readings);
            if (!(metres > 0 && metres <= 100_000)) {
                throw new IllegalArgumentException("metres: expected above 0 and at most 100000, found " + metres);
            }
        }

        @Override
        public String name() {
            return "displace";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            SimulatedMarker marker = requireMarker(device, name());
            var before = marker.truePosition();
            marker.displace(metres, bearingDegrees);
            var after = marker.truePosition();
            String action = String.format(Locale.ROOT, "moved %.1f m at %.0f degrees, from %.7f,%.7f to %.7f,%.7f",
                metres, bearingDegrees, before.latitude(), before.longitude(), after.latitude(), after.longitude());
            return reports(device, readings).thenApply(d -> new ScenarioResult(name(), device.id(), action, d));
        }
    }

    /** Leans a marker to {@code degrees} from vertical and sends {@code readings} reports. */
    record Tilt(double degrees, int readings) implements Scenario {
        /** Checks the numbers. */
        public Tilt {
            requireReadings(readings);
            if (!(degrees >= 0 && degrees <= 180)) {
                throw new IllegalArgumentException("degrees: expected 0..180, found " + degrees);
            }
        }

        @Override
        public String name() {
            return "tilt";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            SimulatedMarker marker = requireMarker(device, name());
            marker.setTilt(degrees);
            String action = String.format(Locale.ROOT, "leaned to %.1f degrees (TAMPER above %.1f)", degrees,
                marker.tiltLimitCenti() / 100.0);
            return reports(device, readings).thenApply(d -> new ScenarioResult(name(), device.id(), action, d));
        }
    }

    /** Opens the tamper switch (a marker's or a doorplate's) and reports. */
    record Tamper() implements Scenario {
        @Override
        public String name() {
            return "tamper";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            if (device instanceof SimulatedMarker marker) {
                marker.setTamper(true);
            } else if (device instanceof SimulatedDoorplate plate) {
                plate.setTamper(true);
            }
            return reports(device, 1).thenApply(d -> new ScenarioResult(name(), device.id(),
                "opened the tamper switch", d));
        }
    }

    /** Empties the battery to {@code percent} and makes it drain {@code drainFactor} times faster. */
    record DrainBattery(double percent, double drainFactor) implements Scenario {
        /** Checks the numbers. */
        public DrainBattery {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("percent: expected 0..100, found " + percent);
            }
            if (!(drainFactor >= 1) || Double.isInfinite(drainFactor)) {
                throw new IllegalArgumentException("drain factor: expected a finite value >= 1, found " + drainFactor);
            }
        }

        @Override
        public String name() {
            return "drain-battery";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            device.drainBattery(Math.max(percent / 100, 0.001), drainFactor);
            String action = String.format(Locale.ROOT, "battery at %.0f%% (%d mV, LOW_BATTERY below %d mV),"
                + " draining %.0fx faster", percent, device.batteryMillivolts(), device.lowBatteryThresholdMv(),
                drainFactor);
            return reports(device, 1).thenApply(d -> new ScenarioResult(name(), device.id(), action, d));
        }
    }

    /** Stops the device's scheduled reports, as a dead modem or a stolen marker would. */
    record Silent() implements Scenario {
        @Override
        public String name() {
            return "silent";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            device.setSilent(true);
            String action = "stopped reporting (interval " + device.reportInterval()
                + "); the server should notice the silence after its inactivity timeout";
            return CompletableFuture.completedFuture(new ScenarioResult(name(), device.id(), action, List.of()));
        }
    }

    /** Sets the device's clock {@code skew} off and reports with it. */
    record ClockSkew(Duration skew) implements Scenario {
        /** Checks that the skew is given. */
        public ClockSkew {
            if (skew == null) {
                throw new NullPointerException("skew: must not be null");
            }
        }

        @Override
        public String name() {
            return "clock-skew";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            device.setClockSkew(skew);
            String action = "set the device clock " + (skew.isNegative() ? "behind by " + skew.negated()
                : "ahead by " + skew) + ": it now reads " + device.deviceNow();
            return reports(device, 1).thenApply(d -> new ScenarioResult(name(), device.id(), action, d));
        }
    }

    /** Sends the device's last message again, byte for byte; sends a reading first if there is none. */
    record Replay() implements Scenario {
        @Override
        public String name() {
            return "replay";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            return device.sendReading().thenCompose(original -> device.replayLast().thenApply(replayed ->
                new ScenarioResult(name(), device.id(), "sent a reading, then the same bytes again",
                    List.of(original, replayed))));
        }
    }

    /** Sends a reading whose MAC was made with a wrong key. */
    record Forge() implements Scenario {
        @Override
        public String name() {
            return "forge";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            return device.sendForged().thenApply(d -> new ScenarioResult(name(), device.id(),
                "sent a reading with a MAC made under a random key", List.of(d)));
        }
    }

    /** Sends {@code length} bytes of garbage. */
    record Malformed(int length) implements Scenario {
        /** Checks the length. */
        public Malformed {
            if (length < 1 || length > 65_536) {
                throw new IllegalArgumentException("length: expected 1..65536 bytes, found " + length);
            }
        }

        @Override
        public String name() {
            return "malformed";
        }

        @Override
        public CompletionStage<ScenarioResult> applyTo(SimulatedDevice device) {
            return device.sendGarbage(length).thenApply(d -> new ScenarioResult(name(), device.id(),
                "sent " + length + " random bytes", List.of(d)));
        }
    }

    private static void requireReadings(int readings) {
        if (readings < 1 || readings > 1000) {
            throw new IllegalArgumentException("readings: expected 1..1000, found " + readings);
        }
    }

    private static SimulatedMarker requireMarker(SimulatedDevice device, String scenario) {
        if (device instanceof SimulatedMarker marker) {
            return marker;
        }
        throw new IllegalArgumentException(scenario + ": expected a marker, but " + device.id() + " is a "
            + device.kind().apiName());
    }

    /** {@code count} reports, each sent once the one before was answered. */
    private static CompletionStage<List<Delivery>> reports(SimulatedDevice device, int count) {
        CompletionStage<List<Delivery>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (int i = 0; i < count; i++) {
            chain = chain.thenCompose(sofar -> device.report().thenApply(more -> {
                List<Delivery> all = new ArrayList<>(sofar);
                all.addAll(more);
                return all;
            }));
        }
        return chain;
    }
}
