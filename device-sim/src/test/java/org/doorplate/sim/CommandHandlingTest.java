package org.doorplate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.DeviceKey;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.codec.JsonCodec;
import org.doorplate.protocol.message.Command;
import org.doorplate.protocol.message.CommandAction;
import org.doorplate.protocol.message.CommandResult;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.Outcome;
import org.doorplate.protocol.message.Uplink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandHandlingTest {
    private final TestDevices devices = new TestDevices();

    @Test
    void reportIntervalCommandIsObeyedAndConfirmed() {
        SimulatedMarker marker = devices.marker("m-1");

        Optional<Delivery> answer = handle(marker, cbor(marker, 1, new CommandAction.SetReportInterval(600)));

        assertTrue(answer.isPresent());
        assertEquals(Duration.ofMinutes(10), marker.reportInterval());
        assertEquals(1, devices.scheduleChanges);
        CommandResult result = onlyResult();
        assertEquals(1, result.commandId());
        assertEquals(Outcome.OK, result.outcome());
    }

    @Test
    void repeatedCommandIsAnsweredButNotExecutedTwice() {
        // GIVEN a marker that executed command 5, then got a different interval from command 6
        SimulatedMarker marker = devices.marker("m-1");
        handle(marker, cbor(marker, 5, new CommandAction.SetReportInterval(600)));
        handle(marker, cbor(marker, 6, new CommandAction.SetReportInterval(900)));

        // WHEN command 5 is delivered again (at-least-once delivery)
        handle(marker, cbor(marker, 5, new CommandAction.SetReportInterval(600)));

        // THEN it is answered again, but the interval of command 6 stays
        assertEquals(Duration.ofMinutes(15), marker.reportInterval());
        List<CommandResult> results = results();
        assertEquals(List.of(5L, 6L, 5L), results.stream().map(CommandResult::commandId).toList());
        assertEquals(Optional.of("already executed"), results.get(2).detail());
    }

    @Test
    void thresholdsChangeWhenTiltRaisesTamper() {
        SimulatedMarker marker = devices.marker("m-1");
        marker.setTilt(6);
        marker.report().toCompletableFuture().join();

        handle(marker, cbor(marker, 2, new CommandAction.SetThresholds(OptionalInt.of(500), OptionalInt.of(3500))));
        marker.report().toCompletableFuture().join();

        assertEquals(500, marker.tiltLimitCenti());
        assertEquals(3500, marker.lowBatteryThresholdMv());
        assertEquals(1, messages().stream().filter(m -> m instanceof DeviceEvent e && e.kind() == EventKind.TAMPER)
            .count());
    }

    @Test
    void rebootCommandIsConfirmedThenTheDeviceBootsWithHigherSeqs() {
        SimulatedDoorplate plate = devices.doorplate("p-1");
        plate.report().toCompletableFuture().join();

        handle(plate, cbor(plate, 3, new CommandAction.Reboot()));

        List<Uplink> messages = messages();
        int resultAt = indexOf(messages, CommandResult.class);
        assertTrue(messages.subList(resultAt + 1, messages.size()).stream()
            .anyMatch(m -> m instanceof DeviceEvent e && e.kind() == EventKind.BOOT), "no BOOT after the result");
        for (int i = 1; i < messages.size(); i++) {
            assertTrue(messages.get(i).seq() > messages.get(i - 1).seq());
        }
    }

    @Test
    void locateCommandMakesADoorplateReportAFix() {
        SimulatedDoorplate plate = devices.doorplate("p-1");
        plate.report().toCompletableFuture().join();
        plate.report().toCompletableFuture().join();

        handle(plate, cbor(plate, 4, new CommandAction.Locate()));

        DoorplateReading last = (DoorplateReading) messages().get(messages().size() - 1);
        assertTrue(last.fix().isPresent());
    }

    @Test
    void jsonCommandIsUnderstoodToo() {
        SimulatedMarker marker = devices.marker("m-1");
        Command command = new Command(9, marker.id(), Instant.now(), new CommandAction.SetReportInterval(120));
        byte[] json = new JsonCodec().encode(new MessageAuthenticator().seal(marker.credentials().deviceKey(),
            command));

        assertTrue(handle(marker, json).isPresent());
        assertEquals(Duration.ofMinutes(2), marker.reportInterval());
    }

    @Test
    void commandWithABadMacOrForAnotherDeviceIsIgnored() {
        SimulatedMarker marker = devices.marker("m-1");
        DeviceKey wrong = DeviceKey.generate(new SecureRandom());
        Command forged = new Command(1, marker.id(), Instant.now(), new CommandAction.SetReportInterval(120));
        Command foreign = new Command(2, "m-2", Instant.now(), new CommandAction.SetReportInterval(120));
        CborCodec cbor = new CborCodec();
        MessageAuthenticator auth = new MessageAuthenticator();

        assertTrue(handle(marker, cbor.encode(auth.seal(wrong, forged))).isEmpty());
        assertTrue(handle(marker, cbor.encode(auth.seal(marker.credentials().deviceKey(), foreign))).isEmpty());
        assertTrue(handle(marker, new byte[] {1, 2, 3}).isEmpty());

        assertEquals(SimulatedMarker.DEFAULT_INTERVAL, marker.reportInterval());
        assertTrue(devices.link.payloads.isEmpty());
    }

    private static Optional<Delivery> handle(SimulatedDevice device, byte[] payload) {
        return device.handleDownlink(payload).toCompletableFuture().join();
    }

    private static byte[] cbor(SimulatedDevice device, long id, CommandAction action) {
        Command command = new Command(id, device.id(), Instant.now(), action);
        return new CborCodec().encode(new MessageAuthenticator().seal(device.credentials().deviceKey(), command));
    }

    private List<Uplink> messages() {
        return devices.link.envelopes().stream().map(e -> (Uplink) e.message()).toList();
    }

    private List<CommandResult> results() {
        return messages().stream().filter(CommandResult.class::isInstance).map(CommandResult.class::cast).toList();
    }

    private CommandResult onlyResult() {
        List<CommandResult> results = results();
        assertEquals(1, results.size(), results.toString());
        return results.get(0);
    }

    private static int indexOf(List<Uplink> messages, Class<?> type) {
        for (int i = 0; i < messages.size(); i++) {
            if (type.isInstance(messages.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + messages);
    }
}
