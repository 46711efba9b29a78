package org.doorplate.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.protocol.message.ReadingBatch;
import org.doorplate.protocol.message.Uplink;
import org.doorplate.sim.provision.DeviceCredentials;
import org.doorplate.sim.provision.DeviceKind;
import org.doorplate.sim.transport.DeviceLink;
import org.doorplate.sim.transport.LinkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fleet's schedules, on recording links and a scaled clock: reports, outages, back-fill. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FleetScheduleTest {
    private final Map<String, RecordingLink> links = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Test
    void markersReportOnTheirScaledScheduleWithDistinctSeqs() throws Exception {
        // GIVEN two markers whose 15-minute interval passes in 0.5 s (time scale 1800)
        try (Fleet fleet = fleet(0, 2)) {
            fleet.connect();

            // WHEN the fleet runs
            fleet.start();

            // THEN each marker sends readings again and again, each with a new seq
            await().atMost(Duration.ofSeconds(20)).until(() -> links.values().stream()
                .allMatch(l -> readings(l).size() >= 4));
        }
        for (RecordingLink link : links.values()) {
            List<Long> seqs = link.envelopes().stream().map(e -> e.message().seq()).toList();
            assertEquals(seqs.size(), seqs.stream().distinct().count(), "a seq repeats: " + seqs);
        }
    }

    @Test
    void outagesAreBackFilledInBatches() throws Exception {
        // GIVEN a marker that drops offline after every report for a simulated hour (2 s real)
        try (Fleet fleet = fleet(1.0, 1)) {
            fleet.connect();

            // WHEN it runs for a while
            fleet.start();

            // THEN readings pile up offline and come back in a batch
            await().atMost(Duration.ofSeconds(30)).until(() -> links.values().stream()
                .anyMatch(l -> l.envelopes().stream().anyMatch(e -> e.message() instanceof ReadingBatch)));
            assertTrue(deliveries.stream().anyMatch(d -> d.status() == Delivery.Status.BUFFERED));
            assertTrue(fleet.stats().buffered() > 0);
        }
    }

    @Test
    void fleetWithoutDevicesOrWithTwinIdsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fleet.builder().links(new Recording()).build());
        DeviceCredentials one = TestDevices.credentials("twin", DeviceKind.MARKER);
        assertThrows(IllegalArgumentException.class,
            () -> Fleet.builder().links(new Recording()).devices(List.of(one, one)).build());
        assertThrows(IllegalStateException.class,
            () -> Fleet.builder().devices(List.of(one)).transport(Transport.MIXED)
                .coap(URI.create("coap://127.0.0.1:5683")).build());
    }

    private Fleet fleet(double offlineChance, int markers) {
        List<DeviceCredentials> devices = new ArrayList<>();
        for (int i = 1; i <= markers; i++) {
            devices.add(TestDevices.credentials("sched-m-" + i, DeviceKind.MARKER));
        }
        Consumer<Delivery> listener = deliveries::add;
        return Fleet.builder().links(new Recording()).devices(devices).timeScale(1800).seed(9)
            .offline(offlineChance, Duration.ofHours(1)).firstReportWithin(Duration.ofMillis(200))
            .listener(listener).build();
    }

    private static List<Uplink> readings(RecordingLink link) {
        return link.envelopes().stream().map(e -> (Uplink) e.message()).filter(MarkerReading.class::isInstance)
            .toList();
    }

    /** Hands out one recording link per device. */
    private final class Recording implements LinkFactory {
        @Override
        public DeviceLink create(DeviceCredentials device, Consumer<byte[]> downlinks) {
            RecordingLink link = new RecordingLink();
            links.put(device.id(), link);
            return link;
        }

        @Override
        public void close() {
        }
    }
}
