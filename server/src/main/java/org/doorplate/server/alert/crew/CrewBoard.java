package org.doorplate.server.alert.crew;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.doorplate.server.alert.Alert;
import org.doorplate.server.alert.AlertQuery;
import org.doorplate.server.alert.AlertService;
import org.doorplate.server.alert.AlertState;
import org.doorplate.server.device.DeviceKind;
import org.doorplate.server.device.DeviceRegistry;
import org.doorplate.server.device.DeviceView;
import org.doorplate.server.marker.BoundaryLine;
import org.doorplate.server.marker.BoundaryRegistry;
import org.doorplate.server.marker.Marker;
import org.doorplate.server.marker.detect.DetectionConfiguration;
import org.doorplate.server.marker.detect.FaultDetector;
import org.doorplate.server.marker.detect.LocalTangentPlane;
import org.doorplate.server.marker.detect.OffsetEstimate;
import org.doorplate.server.telemetry.DeviceState;
import org.doorplate.server.telemetry.DeviceStates;
import org.doorplate.server.telemetry.TelemetryQueries;
import org.doorplate.server.telemetry.TelemetryReading;

/** Gathers what the crew page shows: live alerts, markers and plates with their status, recent fixes. */
@Singleton
public class CrewBoard {
    /** Markers whose recent fixes are plotted on the page (those with alerts first). */
    static final int PLOTS = 12;
    /** How far back the plots read fixes. */
    static final Duration PLOT_SPAN = Duration.ofHours(48);
    /** Most fixes one plot draws. */
    static final int PLOT_FIXES = 200;
    private static final int LIST_LIMIT = 500;

    /** A device's status on the page, worst first. */
    enum Status {
        ALERT("alert", "#c62828"),
        ACKNOWLEDGED("acknowledged", "#b26a00"),
        OK("ok", "#2e7d32"),
        NO_DATA("no data", "#8c959f");

        private final String label;
        private final String colour;

        Status(String label, String colour) {
            this.label = label;
            this.colour = colour;
        }

        String label() {
            return label;
        }

        String colour() {
            return colour;
        }
    }

    /** A marker with its device's state and alerts. */
    record MarkerRow(Marker marker, Status status, List<Alert> alerts, @Nullable DeviceState state,
            @Nullable OffsetEstimate estimate) {
    }

    /** A doorplate device with its state, alerts and position (if known). */
    record PlateRow(String deviceId, Status status, List<Alert> alerts, @Nullable DeviceState state,
            @Nullable Double latitude, @Nullable Double longitude) {
    }

    /** A marker's recent fixes in metres east and north of its reference. */
    record Plot(MarkerRow row, List<double[]> fixes) {
    }

    /** Everything on the page, read at one moment. */
    record Board(Instant at, List<Alert> live, List<Alert> resolved, List<BoundaryLine> lines,
            List<MarkerRow> markers, List<PlateRow> plates, List<Plot> plots, double threshold) {
    }

    private final AlertService alerts;
    private final BoundaryRegistry boundaries;
    private final DeviceStates states;
    private final DeviceRegistry devices;
    private final BeanProvider<FaultDetector> detector;
    private final BeanProvider<TelemetryQueries> telemetry;
    private final double threshold;
    private final Clock clock;

    public CrewBoard(AlertService alerts, BoundaryRegistry boundaries, DeviceStates states, DeviceRegistry devices,
            BeanProvider<FaultDetector> detector, BeanProvider<TelemetryQueries> telemetry,
            DetectionConfiguration detection, BeanProvider<Clock> clock) {
        this.alerts = alerts;
        this.boundaries = boundaries;
        this.states = states;
        this.devices = devices;
        this.detector = detector;
        this.telemetry = telemetry;
        this.threshold = detection.getDisplacementThresholdMetres();
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Reads the board now. */
    Board read() {
        Instant now = clock.instant();
        List<Alert> live = alerts.list(new AlertQuery(AlertQuery.States.LIVE, null, null, null, LIST_LIMIT));
        List<Alert> resolved = alerts.list(new AlertQuery(AlertQuery.States.RESOLVED, null, null, null, 10));
        Map<String, List<Alert>> bySubject = new HashMap<>();
        live.forEach(a -> bySubject.computeIfAbsent(a.subjectId(), k -> new ArrayList<>()).add(a));
        Map<String, DeviceState> stateById = new HashMap<>();
        states.all().forEach(s -> stateById.put(s.id(), s));

        List<MarkerRow> markers = new ArrayList<>();
        for (Marker marker : boundaries.markers(null)) {
            String device = marker.deviceId();
            List<Alert> own = device == null ? List.of() : bySubject.getOrDefault(device, List.of());
            DeviceState state = device == null ? null : stateById.get(device);
            OffsetEstimate estimate = device == null || !detector.isPresent() ? null
                : detector.get().estimate(device).orElse(null);
            markers.add(new MarkerRow(marker, status(own, state), own, state, estimate));
        }
        List<PlateRow> plates = plates(bySubject, stateById);
        return new Board(now, live, resolved, boundaries.lines(), markers, plates, plots(markers, now), threshold);
    }

    private List<PlateRow> plates(Map<String, List<Alert>> bySubject, Map<String, DeviceState> stateById) {
        Map<String, PlateRow> rows = new LinkedHashMap<>();
        for (DeviceView device : devices.list(DeviceKind.DOORPLATE, null, LIST_LIMIT)) {
            DeviceState state = stateById.get(device.id());
            List<Alert> own = bySubject.getOrDefault(device.id(), List.of());
            Double lat = state != null && state.position() != null ? state.position().latitude() : device.installLat();
            Double lon = state != null && state.position() != null ? state.position().longitude()
                : device.installLon();
            rows.put(device.id(), new PlateRow(device.id(), status(own, state), own, state, lat, lon));
        }
        return new ArrayList<>(rows.values());
    }

    private List<Plot> plots(List<MarkerRow> markers, Instant now) {
        if (!telemetry.isPresent()) {
            return List.of();
        }
        List<Plot> plots = new ArrayList<>();
        markers.stream().filter(r -> r.marker().deviceId() != null && r.state() != null)
            .sorted(Comparator.comparing(MarkerRow::status).thenComparing(r -> r.marker().number()))
            .limit(PLOTS)
            .forEach(r -> plots.add(new Plot(r, fixes(r.marker(), now))));
        return plots;
    }

    private List<double[]> fixes(Marker marker, Instant now) {
        LocalTangentPlane plane = new LocalTangentPlane(marker.latitude(), marker.longitude());
        List<TelemetryReading> readings = telemetry.get().readings(marker.deviceId(), now.minus(PLOT_SPAN),
            now.plusSeconds(60));
        List<double[]> fixes = new ArrayList<>();
        for (TelemetryReading reading : readings) {
            Optional.ofNullable(reading.fix()).filter(f -> f.latitude() != null && f.longitude() != null)
                .ifPresent(f -> fixes.add(new double[] {plane.east(f.latitude(), f.longitude()),
                    plane.north(f.latitude(), f.longitude())}));
        }
        return fixes.subList(Math.max(0, fixes.size() - PLOT_FIXES), fixes.size());
    }

    private static Status status(List<Alert> own, @Nullable DeviceState state) {
        if (own.stream().anyMatch(a -> a.state() == AlertState.OPEN)) {
            return Status.ALERT;
        }
        if (!own.isEmpty()) {
            return Status.ACKNOWLEDGED;
        }
        return state == null ? Status.NO_DATA : Status.OK;
    }
}
