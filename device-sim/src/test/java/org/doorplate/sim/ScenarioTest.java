package org.doorplate.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.auth.MessageAuthenticator;
import org.doorplate.protocol.codec.CborCodec;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.sim.model.GeoPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScenarioTest {
    private final TestDevices devices = new TestDevices();

    @Test
    void displacedMarkerReportsFixesAroundItsNewSpot() {
        // GIVEN a marker at its reference
        SimulatedMarker marker = devices.marker("m-1");

        // WHEN it is displaced 40 m east and sends 30 readings
        ScenarioResult result = play(new Scenario.Displace(40, 90, 30), marker);

        // THEN the mean of its fixes lies about 40 m east of the reference, well outside the noise
        List<MarkerReading> readings = markerReadings();
        double east = readings.stream().mapToDouble(r -> point(r).eastOf(marker.reference())).average().orElseThrow();
        double north = readings.stream().mapToDouble(r -> point(r).northOf(marker.reference())).average()
            .orElseThrow();
        assertEquals(40, east, 3);
        assertEquals(0, north, 3);
        assertEquals(40, marker.reference().horizontalDistanceTo(marker.truePosition()), 0.01);
        assertTrue(result.describe().get(0).startsWith("displace on m-1: moved 40.0 m"), result.describe().get(0));
    }

    @Test
    void tiltBeyondTheLimitRaisesTamperOnceAndShowsInReadings() {
        SimulatedMarker marker = devices.marker("m-1");

        play(new Scenario.Tilt(35, 3), marker);

        long tamperEvents = events(EventKind.TAMPER);
        assertEquals(1, tamperEvents);
        assertTrue(markerReadings().stream().allMatch(r -> Math.abs(r.tiltDegrees() - 35) < 0.5));
    }

    @Test
    void smallTiltRaisesNoEvent() {
        SimulatedMarker marker = devices.marker("m-1");

        play(new Scenario.Tilt(4, 2), marker);

        assertEquals(0, events(EventKind.TAMPER));
    }

    @Test
    void tamperOpensTheSwitchOnADoorplate() {
        SimulatedDoorplate plate = devices.doorplate("p-1");

        play(new Scenario.Tamper(), plate);

        assertEquals(1, events(EventKind.TAMPER));
        assertTrue(messages().stream().filter(DoorplateReading.class::isInstance).map(DoorplateReading.class::cast)
            .allMatch(DoorplateReading::tamper));
    }

    @Test
    void drainedBatteryReportsLowVoltageAndALowBatteryEvent() {
        SimulatedMarker marker = devices.marker("m-1");

        play(new Scenario.DrainBattery(3, 50), marker);

        assertEquals(1, events(EventKind.LOW_BATTERY));
        assertTrue(markerReadings().get(0).batteryMv() < SimulatedMarker.DEFAULT_LOW_BATTERY_MV);
    }

    @Test
    void silentDeviceSendsNothing() {
        SimulatedDoorplate plate = devices.doorplate("p-1");

        ScenarioResult result = play(new Scenario.Silent(), plate);

        assertTrue(plate.isSilent());
        assertTrue(result.deliveries().isEmpty());
        assertTrue(devices.link.payloads.isEmpty());
    }

    @Test
    void clockSkewSendsTheSkewedTime() {
        SimulatedDoorplate plate = devices.doorplate("p-1");

        play(new Scenario.ClockSkew(Duration.ofHours(-3)), plate);

        assertTrue(messages().stream().allMatch(m -> m.deviceTime().equals(TestDevices.START.minus(
            Duration.ofHours(3)))));
    }

    @Test
    void replaySendsTheSameBytesTwice() {
        SimulatedMarker marker = devices.marker("m-1");

        ScenarioResult result = play(new Scenario.Replay(), marker);

        assertEquals(2, devices.link.payloads.size());
        assertArrayEquals(devices.link.payloads.get(0), devices.link.payloads.get(1));
        assertEquals(result.deliveries().get(0).stored(), result.deliveries().get(1).stored());
    }

    @Test
    void forgedMessageDecodesButItsMacFails() {
        SimulatedMarker marker = devices.marker("m-1");

        play(new Scenario.Forge(), marker);

        var envelope = devices.link.envelopes().get(0);
        assertFalse(new MessageAuthenticator().verify(marker.credentials().deviceKey(), envelope));
    }

    @Test
    void malformedPayloadDoesNotDecode() {
        SimulatedDoorplate plate = devices.doorplate("p-1");

        ScenarioResult result = play(new Scenario.Malformed(40), plate);

        assertEquals(40, devices.link.payloads.get(0).length);
        assertFalse(new CborCodec().decodeUplink(devices.link.payloads.get(0)).isOk());
        assertTrue(result.deliveries().get(0).stored().isEmpty());
    }

    @Test
    void markerOnlyScenariosRefuseADoorplate() {
        SimulatedDoorplate plate = devices.doorplate("p-1");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new Scenario.Displace(10, 0, 1).applyTo(plate));

        assertTrue(e.getMessage().contains("expected a marker"), e.getMessage());
        assertTrue(devices.link.payloads.isEmpty());
    }

    @Test
    void scenarioParametersAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Scenario.Displace(0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Scenario.Displace(5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Scenario.Tilt(190, 1));
        assertThrows(IllegalArgumentException.class, () -> new Scenario.DrainBattery(120, 2));
        assertThrows(IllegalArgumentException.class, () -> new Scenario.Malformed(0));
        assertEquals(9, Scenario.NAMES.size());
    }

    private static ScenarioResult play(Scenario scenario, SimulatedDevice device) {
        return scenario.applyTo(device).toCompletableFuture().join();
    }

    private List<Uplink> messages() {
        return devices.link.envelopes().stream().map(e -> (Uplink) e.message()).toList();
    }

    private List<MarkerReading> markerReadings() {
        return messages().stream().filter(MarkerReading.class::isInstance).map(MarkerReading.class::cast).toList();
    }

    private long events(EventKind kind) {
        return messages().stream().filter(m -> m instanceof DeviceEvent e && e.kind() == kind).count();
    }

    private static GeoPoint point(MarkerReading r) {
        assertInstanceOf(MarkerReading.class, r);
        return new GeoPoint(r.fix().latitudeDegrees(), r.fix().longitudeDegrees(), 0);
    }
}
