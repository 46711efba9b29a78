package org.doorplate.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.doorplate.protocol.message.BatchEntry;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.EventKind;
import org.doorplate.protocol.message.Header;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.ReadingBatch;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.sim.provision.DeviceKind;
import org.doorplate.sim.transport.LinkAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatedDeviceTest {
    private final TestDevices devices = new TestDevices();

    @Test
    void firstReportAnnouncesTheBootThenReads() {
        SimulatedMarker marker = devices.marker("m-1");

        List<Delivery> sent = marker.report().toCompletableFuture().join();

        List<Uplink> messages = devices.link.verified(marker.credentials().deviceKey());
        assertEquals(2, sent.size());
        assertEquals(EventKind.BOOT, assertInstanceOf(DeviceEvent.class, messages.get(0)).kind());
        assertInstanceOf(MarkerReading.class, messages.get(1));
        assertTrue(messages.get(0).seq() < messages.get(1).seq());
        assertTrue(sent.stream().allMatch(Delivery::acknowledged));
    }

    @Test
    void bufferedReadingsAreBackFilledWithTheirOriginalTimesAndSeqs() throws Exception {
        // GIVEN a marker that reported once, then lost the network
        SimulatedMarker marker = devices.marker("m-1");
        marker.report().toCompletableFuture().join();
        marker.goOffline();

        // WHEN it takes three readings 15 minutes apart while offline
        for (int i = 0; i < 3; i++) {
            devices.clock.advance(Duration.ofMinutes(15));
            List<Delivery> kept = marker.report().toCompletableFuture().join();
            assertEquals(Delivery.Status.BUFFERED, kept.get(0).status());
        }
        List<Header> offlineHeaders = devices.deliveries.stream()
            .filter(d -> d.status() == Delivery.Status.BUFFERED).flatMap(d -> d.stored().stream()).toList();
        int sentBefore = devices.link.payloads.size();

        // AND comes back an hour later
        devices.clock.advance(Duration.ofHours(1));
        List<Delivery> backFill = marker.goOnline().toCompletableFuture().join();

        // THEN one batch carries the three readings with the seqs and times they were taken at
        assertEquals(1, backFill.size());
        assertTrue(backFill.get(0).acknowledged());
        List<Uplink> messages = devices.link.verified(marker.credentials().deviceKey());
        ReadingBatch batch = assertInstanceOf(ReadingBatch.class, messages.get(sentBefore));
        assertEquals(offlineHeaders, batch.entries().stream().map(BatchEntry::header).toList());
        assertEquals(TestDevices.START.plus(Duration.ofMinutes(15)), batch.entries().get(0).deviceTime());
        assertEquals(TestDevices.START.plus(Duration.ofMinutes(45)), batch.entries().get(2).deviceTime());
        assertEquals(TestDevices.START.plus(Duration.ofMinutes(105)), batch.deviceTime());
        assertTrue(batch.seq() > batch.entries().get(2).seq());
        assertEquals(0, marker.buffered());
    }

    @Test
    void failedSendIsKeptAndGoesOutWithTheNextReport() {
        // GIVEN a link that fails once
        SimulatedMarker marker = devices.marker("m-1");
        marker.report().toCompletableFuture().join();
        devices.link.answers = p -> LinkAnswer.failed("timeout");
        List<Delivery> failed = marker.report().toCompletableFuture().join();
        long lostSeq = failed.get(0).stored().get(0).seq();

        // WHEN the link recovers and the device reports again
        devices.link.answers = p -> LinkAnswer.accepted("2.04 CHANGED");
        List<Delivery> next = marker.report().toCompletableFuture().join();

        // THEN the failed reading rides in a batch before the fresh one
        assertEquals(Delivery.Status.FAILED, failed.get(0).status());
        assertEquals(2, next.size());
        assertEquals(List.of(lostSeq), next.get(0).stored().stream().map(Header::seq).toList());
        assertTrue(next.get(0).what().startsWith("reading_batch"), next.get(0).what());
    }

    @Test
    void seqStaysMonotonicAcrossAReboot() {
        // GIVEN a doorplate that has sent a few messages
        SimulatedDoorplate plate = devices.doorplate("p-1");
        for (int i = 0; i < 3; i++) {
            plate.report().toCompletableFuture().join();
        }

        // WHEN it reboots and reports again
        plate.reboot().toCompletableFuture().join();
        plate.report().toCompletableFuture().join();

        // THEN every seq exceeds the one before, the reboot announced itself and the session was dropped
        List<Uplink> messages = devices.link.verified(plate.credentials().deviceKey());
        for (int i = 1; i < messages.size(); i++) {
            assertTrue(messages.get(i).seq() > messages.get(i - 1).seq(), "seq fell at message " + i);
        }
        long boots = messages.stream().filter(m -> m instanceof DeviceEvent e && e.kind() == EventKind.BOOT).count();
        assertEquals(2, boots);
        assertEquals(1, devices.link.sessionsForgotten);
    }

    @Test
    void lowBatteryRaisesOneEventUntilRecharged() {
        SimulatedMarker marker = devices.marker("m-1");
        marker.report().toCompletableFuture().join();

        marker.drainBattery(0.04, 1);
        marker.report().toCompletableFuture().join();
        marker.report().toCompletableFuture().join();

        long lowEvents = devices.link.verified(marker.credentials().deviceKey()).stream()
            .filter(m -> m instanceof DeviceEvent e && e.kind() == EventKind.LOW_BATTERY).count();
        assertEquals(1, lowEvents);
    }

    @Test
    void replacedBatteryReportsFullVoltageAndRaisesLowBatteryAgainWhenDrained() {
        // GIVEN a doorplate whose failing cell raised LOW_BATTERY
        SimulatedDoorplate plate = devices.doorplate("p-1");
        plate.drainBattery(0.01, 50);
        plate.report().toCompletableFuture().join();
        int drained = plate.batteryMillivolts();

        // WHEN the crew fits a new battery and it reports
        plate.replaceBattery();
        plate.report().toCompletableFuture().join();

        // THEN the reading shows the full cell, and a later drain raises LOW_BATTERY again
        List<Uplink> sent = devices.link.verified(plate.credentials().deviceKey());
        DoorplateReading last = assertInstanceOf(DoorplateReading.class, sent.get(sent.size() - 1));
        assertTrue(last.batteryMv() > drained + 500, last.batteryMv() + " mV after " + drained + " mV");
        assertTrue(last.batteryMv() > plate.lowBatteryThresholdMv());
        plate.drainBattery(0.01, 1);
        plate.report().toCompletableFuture().join();
        long lowEvents = devices.link.verified(plate.credentials().deviceKey()).stream()
            .filter(m -> m instanceof DeviceEvent e && e.kind() == EventKind.LOW_BATTERY).count();
        assertEquals(2, lowEvents);
    }

    @Test
    void emptyBatterySendsNothing() {
        SimulatedDoorplate plate = devices.doorplate("p-1");
        plate.drainBattery(0, 1);

        assertTrue(plate.report().toCompletableFuture().join().isEmpty());
        assertTrue(devices.link.payloads.isEmpty());
    }

    @Test
    void clockSkewShiftsTheDeviceTime() {
        SimulatedDoorplate plate = devices.doorplate("p-1");

        plate.setClockSkew(Duration.ofHours(3));
        plate.sendReading().toCompletableFuture().join();

        Instant sent = devices.link.verified(plate.credentials().deviceKey()).get(0).deviceTime();
        assertEquals(TestDevices.START.plus(Duration.ofHours(3)), sent);
    }

    @Test
    void messageOfAnotherDeviceIsRefused() {
        SimulatedDoorplate plate = devices.doorplate("p-1");
        SimulatedDoorplate other = devices.doorplate("p-2");
        Uplink foreign = other.reading(other.nextHeader());

        assertThrows(IllegalArgumentException.class, () -> plate.send(foreign));
        assertFalse(devices.link.payloads.stream().findAny().isPresent());
    }

    @Test
    void deviceWithoutLinkSaysSo() {
        SimulatedDoorplate loose = new SimulatedDoorplate(TestDevices.credentials("p-9", DeviceKind.DOORPLATE),
            TestDevices.HERE, DeviceSettings.DEFAULTS, devices.time, new SplittableRandom(1));

        IllegalStateException e = assertThrows(IllegalStateException.class, loose::sendReading);

        assertTrue(e.getMessage().contains("no link"), e.getMessage());
    }
}
