package org.doorplate.server.marker.detect;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.doorplate.protocol.message.Backlight;
import org.doorplate.protocol.message.DeviceEvent;
import org.doorplate.protocol.message.DoorplateReading;
import org.doorplate.protocol.message.FixType;
import org.doorplate.protocol.message.GnssFix;
import org.doorplate.protocol.message.MarkerReading;
import org.doorplate.server.alert.AlertRequest;
import org.doorplate.server.alert.Alerts;
import org.doorplate.server.alert.Severity;
import org.doorplate.server.ingest.StoredUplink;
import org.doorplate.server.ingest.UplinksStored;
import org.doorplate.server.marker.BoundaryRegistry;
import org.doorplate.server.marker.Marker;
import org.doorplate.server.marker.MarkerChanged;
import org.doorplate.server.telemetry.TelemetryQueries;
import org.doorplate.server.telemetry.TelemetryReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds device faults in the stream of stored uplinks: for markers displacement, tilt, tamper
 * and low battery; for doorplates tamper, backlight failure and low battery; for both the
 * fault events they send. A report from a silent device also ends its silence.
 *
 * <p>The pipeline publishes {@link UplinksStored} on its writer thread; this class only queues
 * the batch for its own single thread, which keeps each device's messages in order and needs
 * no locks. Alerts are raised when a condition starts and cleared when it ends; a condition
 * between its raise and clear limits (hysteresis) changes nothing. What the detectors know is
 * kept in memory; after a restart the first message of each device settles its conditions
 * again (raising is idempotent, clearing a cleared fault does nothing) and a marker's fix
 * window is refilled from the stored readings.
 */
@Singleton
@Requires(beans = DeviceFacts.class)
public class FaultDetector {
    private static final Logger LOG = LoggerFactory.getLogger(FaultDetector.class);

    private final Alerts alerts;
    private final BoundaryRegistry registry;
    private final DeviceFacts facts;
    private final BeanProvider<TelemetryQueries> telemetry;
    private final DetectionConfiguration config;
    private final DisplacementSettings displacement;
    private final ExecutorService executor;
    private final Map<String, DeviceTrack> tracks = new HashMap<>();
    private final Map<String, OffsetEstimate> estimates = new ConcurrentHashMap<>();

    public FaultDetector(Alerts alerts, BoundaryRegistry registry, DeviceFacts facts,
            BeanProvider<TelemetryQueries> telemetry, DetectionConfiguration config) {
        this.alerts = alerts;
        this.registry = registry;
        this.facts = facts;
        this.telemetry = telemetry;
        this.config = config;
        this.displacement = config.displacement();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fault-detection");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The latest robust offset estimate of a marker device, for the crew page; empty before one. */
    public Optional<OffsetEstimate> estimate(String deviceId) {
        return Optional.ofNullable(estimates.get(deviceId));
    }

    @EventListener
    void onStored(UplinksStored stored) {
        executor.execute(() -> stored.uplinks().forEach(this::detect));
    }

    /** A marker's reference or device changed: forget what its devices' windows hold. */
    @EventListener
    void onMarkerChanged(MarkerChanged changed) {
        executor.execute(() -> {
            dropWindow(changed.deviceId());
            dropWindow(changed.previousDeviceId());
        });
    }

    private void dropWindow(@Nullable String deviceId) {
        DeviceTrack track = deviceId == null ? null : tracks.get(deviceId);
        if (track != null) {
            track.forgetMarker();
        }
        if (deviceId != null) {
            estimates.remove(deviceId);
        }
    }

    private void detect(StoredUplink uplink) {
        try {
            DeviceTrack track = tracks.computeIfAbsent(uplink.deviceId(), DeviceTrack::new);
            condition(track, uplink, FaultTypes.SILENT, false, Severity.MEDIUM, null);
            // Command results carry no device condition.
            if (uplink.message() instanceof MarkerReading reading) {
                marker(track, uplink, reading);
            } else if (uplink.message() instanceof DoorplateReading reading) {
                doorplate(track, uplink, reading);
            } else if (uplink.message() instanceof DeviceEvent event) {
                event(track, uplink, event);
            }
        } catch (RuntimeException e) {
            LOG.warn("fault detection failed [device: {}, seq: {}]", uplink.deviceId(), uplink.message().seq(), e);
        }
    }

    private void marker(DeviceTrack track, StoredUplink uplink, MarkerReading reading) {
        Optional<Marker> marker = registry.markerOfDevice(uplink.deviceId());
        String name = marker.map(m -> "marker " + m.number()).orElse("marker device " + uplink.deviceId());
        if (track.isLatest(reading.deviceTime())) {
            double tilt = reading.tiltDegrees();
            Boolean tilted = tilt > config.getTiltThresholdDegrees() ? Boolean.TRUE
                : tilt < config.getTiltThresholdDegrees() - config.getTiltHysteresisDegrees() ? Boolean.FALSE : null;
            condition(track, uplink, FaultTypes.TILTED, tilted, Severity.HIGH, () -> String.format(
                "%s tilted %.1f° from vertical (limit %.1f°)", name, tilt, config.getTiltThresholdDegrees()));
            condition(track, uplink, FaultTypes.TAMPER, reading.tamper(), Severity.HIGH,
                () -> name + ": tamper switch open");
            battery(track, uplink, reading.batteryMv(), config.getMarkerLowBatteryMv(), name);
        }
        if (marker.isPresent() && reading.fix().hasPosition()) {
            fix(track, uplink, reading, marker.get());
        }
    }

    private void fix(DeviceTrack track, StoredUplink uplink, MarkerReading reading, Marker marker) {
        GnssFix fix = reading.fix();
        boolean position3d = fix.fixType() != FixType.FIX_2D;
        if (!displacement.usable(position3d, fix.hdop(), fix.satellites())) {
            return;
        }
        DeviceTrack.Window window = track.window(marker, displacement, () -> history(uplink, reading, marker));
        double east = window.plane().east(fix.latitudeDegrees(), fix.longitudeDegrees());
        double north = window.plane().north(fix.latitudeDegrees(), fix.longitudeDegrees());
        DisplacementDetector.Transition transition = window.detector().offer(new PlaneFix(east, north, fix.hdop()));
        window.detector().latest().ifPresent(e -> estimates.put(uplink.deviceId(), e));
        if (transition == DisplacementDetector.Transition.DISPLACED) {
            OffsetEstimate e = window.detector().latest().orElseThrow();
            raise(uplink, FaultTypes.DISPLACED, Severity.HIGH, String.format(
                "marker %s displaced %.2f m from its reference (%.2f m east, %.2f m north, ±%.2f m over %d fixes)",
                marker.number(), e.offset(), e.east(), e.north(), e.standardError(), e.fixes()), marker);
        } else if (transition == DisplacementDetector.Transition.RETURNED) {
            alerts.clear(uplink.deviceId(), FaultTypes.DISPLACED, uplink.receivedAt());
        }
    }

    /** Usable fixes stored before this reading, to refill the window after a restart. */
    private List<PlaneFix> history(StoredUplink uplink, MarkerReading reading, Marker marker) {
        if (!telemetry.isPresent()) {
            return List.of();
        }
        TelemetryQueries queries = telemetry.get();
        LocalTangentPlane plane = new LocalTangentPlane(marker.latitude(), marker.longitude());
        Instant to = reading.deviceTime();
        Duration lookback = config.getRestoreLookback();
        for (int attempt = 0; attempt < 4; attempt++, lookback = lookback.dividedBy(2)) {
            List<TelemetryReading> readings = queries.readings(uplink.deviceId(), to.minus(lookback), to);
            if (readings.size() <= queries.maxRows()) {
                List<PlaneFix> fixes = readings.stream().map(TelemetryReading::fix)
                    .filter(f -> f != null && f.latitude() != null && f.longitude() != null)
                    .filter(f -> displacement.usable(!"2d".equals(f.type()), f.hdop(), f.satellites()))
                    .map(f -> new PlaneFix(plane.east(f.latitude(), f.longitude()),
                        plane.north(f.latitude(), f.longitude()), f.hdop()))
                    .toList();
                int from = Math.max(0, fixes.size() - displacement.maxWindow());
                LOG.debug("restored {} fixes [device: {}]", fixes.size() - from, uplink.deviceId());
                return fixes.subList(from, fixes.size());
            }
        }
        return List.of();
    }

    private void doorplate(DeviceTrack track, StoredUplink uplink, DoorplateReading reading) {
        if (!track.isLatest(reading.deviceTime())) {
            return;
        }
        String name = "doorplate device " + uplink.deviceId();
        condition(track, uplink, FaultTypes.TAMPER, reading.tamper(), Severity.HIGH,
            () -> name + ": tamper switch open");
        condition(track, uplink, FaultTypes.BACKLIGHT_FAILURE, reading.backlight() == Backlight.FAULT, Severity.LOW,
            () -> name + ": backlight driver reports a fault");
        battery(track, uplink, reading.batteryMv(), config.getDoorplateLowBatteryMv(), name);
    }

    private void event(DeviceTrack track, StoredUplink uplink, DeviceEvent event) {
        String detail = event.text().map(t -> ": " + t).orElse("")
            + (event.code().isPresent() ? " (code " + event.code().getAsLong() + ")" : "");
        String name = uplink.kind().name().toLowerCase(Locale.ROOT) + " device " + uplink.deviceId();
        switch (event.kind()) {
            case TAMPER -> condition(track, uplink, FaultTypes.TAMPER, true, Severity.HIGH,
                () -> name + " reported tampering" + detail);
            case LOW_BATTERY -> condition(track, uplink, FaultTypes.LOW_BATTERY, true, Severity.LOW,
                () -> name + " reported a low battery" + detail);
            case FAULT -> raise(uplink, FaultTypes.DEVICE_FAULT, Severity.MEDIUM, name + " reported a fault"
                + detail, null);
            default -> {
                // A boot is no fault.
            }
        }
    }

    private void battery(DeviceTrack track, StoredUplink uplink, int millivolts, int limit, String name) {
        Boolean low = millivolts < limit ? Boolean.TRUE
            : millivolts >= limit + config.getBatteryHysteresisMv() ? Boolean.FALSE : null;
        condition(track, uplink, FaultTypes.LOW_BATTERY, low, Severity.LOW,
            () -> String.format("%s: battery %.2f V (limit %.2f V)", name, millivolts / 1000.0, limit / 1000.0));
    }

    /**
     * Raises or clears a condition when it changed since this device's last message. The message
     * is written only for a raise: formatting it for every reading took most of this thread's
     * time in the ingest benchmark's profile.
     */
    private void condition(DeviceTrack track, StoredUplink uplink, String fault, @Nullable Boolean present,
            Severity severity, Supplier<String> message) {
        if (present == null || !track.changes(fault, present)) {
            return;
        }
        if (present) {
            raise(uplink, fault, severity, message.get(), registry.markerOfDevice(uplink.deviceId()).orElse(null));
        } else {
            alerts.clear(uplink.deviceId(), fault, uplink.receivedAt());
        }
    }

    private void raise(StoredUplink uplink, String fault, Severity severity, String message, @Nullable Marker marker) {
        alerts.raise(new AlertRequest(uplink.deviceId(), fault, severity, areaOf(uplink.deviceId(), marker), message,
            uplink.receivedAt()));
    }

    /** The device's area code, else the first division of its marker's boundary line. */
    @Nullable
    private String areaOf(String deviceId, @Nullable Marker marker) {
        String area = facts.find(deviceId).map(DeviceFacts.Facts::areaCode).orElse(null);
        if (area == null && marker != null) {
            area = registry.line(marker.lineCode()).leftDivision();
        }
        return area;
    }

    @PreDestroy
    void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
