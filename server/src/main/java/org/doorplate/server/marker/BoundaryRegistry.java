package org.doorplate.server.marker;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boundary lines and markers. Keeps a map from device id to marker for the detectors (they
 * look it up for every fix); the map is rebuilt after each change here and every minute, so
 * that changes made through another server instance arrive too.
 */
@Singleton
public class BoundaryRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(BoundaryRegistry.class);
    private static final String LINE_COLUMNS = "code, name, left_division, right_division, course::text, created_at";
    private static final String MARKER_COLUMNS = "number, line_code, sequence, type, latitude, longitude, height,"
        + " device_id, notes, updated_at";
    private static final int MAX_COURSE_POINTS = 10_000;
    private static final String DEVICE_ID = "[A-Za-z0-9._-]{1,64}";
    private static final Argument<List<List<Double>>> COURSE =
        Argument.listOf(Argument.listOf(Double.class));

    private final DataSource dataSource;
    private final Clock clock;
    private final JsonMapper json;
    private final ApplicationEventPublisher<MarkerChanged> changes;
    private volatile Map<String, Marker> byDevice;

    public BoundaryRegistry(DataSource dataSource, BeanProvider<Clock> clock, JsonMapper json,
            ApplicationEventPublisher<MarkerChanged> changes) {
        this.dataSource = dataSource;
        this.clock = clock.orElse(Clock.systemUTC());
        this.json = json;
        this.changes = changes;
    }

    /** Registers a boundary line; {@code conflict} when the code is taken. */
    public BoundaryLine createLine(NewBoundaryLine line) {
        validate(line);
        String sql = "INSERT INTO boundary_lines (code, name, left_division, right_division, course, created_at)"
            + " VALUES (?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (code) DO NOTHING RETURNING " + LINE_COLUMNS;
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, line.code());
                s.setString(2, line.name().strip());
                s.setString(3, line.leftDivision());
                s.setString(4, line.rightDivision());
                s.setString(5, courseJson(line.course()));
                s.setTimestamp(6, Timestamp.from(clock.instant()));
                try (ResultSet rows = s.executeQuery()) {
                    if (!rows.next()) {
                        throw DoorplateException.conflict("boundary line " + line.code() + " already exists");
                    }
                    LOG.info("boundary line registered [line: {}]", line.code());
                    return readLine(rows);
                }
            }
        });
    }

    public List<BoundaryLine> lines() {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + LINE_COLUMNS + " FROM boundary_lines"
                    + " ORDER BY code"); ResultSet rows = s.executeQuery()) {
                List<BoundaryLine> lines = new ArrayList<>();
                while (rows.next()) {
                    lines.add(readLine(rows));
                }
                return lines;
            }
        });
    }

    /** One line; {@code not_found} for an unknown code. */
    public BoundaryLine line(String code) {
        return run(c -> findLine(c, code))
            .orElseThrow(() -> DoorplateException.notFound("no boundary line " + code));
    }

    /** Registers one marker; its line must exist and its number must be free. */
    public Marker createMarker(MarkerInput input) {
        return importMarkers(List.of(input)).get(0);
    }

    /**
     * Registers markers all together or not at all: every one is checked first (number, line,
     * position, device, the A/B, C/D/E and Q rule), and one bad row rejects the whole set with
     * every problem listed.
     */
    public List<Marker> importMarkers(List<MarkerInput> inputs) {
        if (inputs.isEmpty()) {
            throw DoorplateException.badRequest("no markers given");
        }
        List<Marker> created = run(c -> {
            List<String> problems = new ArrayList<>();
            Map<String, MarkerNumber> numbers = checkRows(c, inputs, problems);
            if (!problems.isEmpty()) {
                throw DoorplateException.badRequest(String.join("; ", problems.subList(0,
                    Math.min(problems.size(), 20))) + (problems.size() > 20 ? "; and "
                    + (problems.size() - 20) + " more" : ""));
            }
            List<Marker> out = new ArrayList<>();
            for (MarkerInput input : inputs) {
                out.add(insert(c, input, numbers.get(input.number())));
            }
            return out;
        });
        created.forEach(m -> changes.publishEvent(new MarkerChanged(m.number(), m.deviceId(), null)));
        reload();
        LOG.info("markers registered [count: {}]", created.size());
        return created;
    }

    /** Changes a marker's reference position, device or notes; {@code not_found} if unknown. */
    public Marker updateMarker(String number, MarkerInput input) {
        if (!number.equals(input.number())) {
            throw DoorplateException.badRequest("number: the body names " + input.number() + ", the path " + number);
        }
        checkPosition(input).ifPresent(p -> {
            throw DoorplateException.badRequest(p);
        });
        checkDevice(input.deviceId()).ifPresent(p -> {
            throw DoorplateException.badRequest(p);
        });
        Marker before = marker(number);
        String sql = "UPDATE markers SET latitude = ?, longitude = ?, height = ?, device_id = ?, notes = ?,"
            + " updated_at = ? WHERE number = ? RETURNING " + MARKER_COLUMNS;
        Marker after = run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setDouble(1, input.latitude());
                s.setDouble(2, input.longitude());
                s.setDouble(3, input.height());
                s.setString(4, input.deviceId());
                s.setString(5, input.notes() == null ? before.notes() : input.notes());
                s.setTimestamp(6, Timestamp.from(clock.instant()));
                s.setString(7, number);
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return readMarker(rows);
                }
            } catch (SQLException e) {
                throw uniqueDevice(e, input.deviceId());
            }
        });
        changes.publishEvent(new MarkerChanged(number, after.deviceId(), before.deviceId()));
        reload();
        LOG.info("marker changed [marker: {}, device: {}]", number, after.deviceId());
        return after;
    }

    /** Markers, of one line or all, by line and sequence. */
    public List<Marker> markers(String lineCode) {
        String sql = "SELECT " + MARKER_COLUMNS + " FROM markers"
            + (lineCode == null ? "" : " WHERE line_code = ?") + " ORDER BY line_code, sequence, type";
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (lineCode != null) {
                    s.setString(1, lineCode);
                }
                return readMarkers(s);
            }
        });
    }

    /** One marker; {@code not_found} for an unknown number. */
    public Marker marker(String number) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + MARKER_COLUMNS
                    + " FROM markers WHERE number = ?")) {
                s.setString(1, number);
                return readMarkers(s).stream().findFirst();
            }
        }).orElseThrow(() -> DoorplateException.notFound("no marker " + number));
    }

    /** The marker a device is fitted to, if any; answered from memory. */
    public Optional<Marker> markerOfDevice(String deviceId) {
        Map<String, Marker> map = byDevice;
        if (map == null) {
            reload();
            map = byDevice;
        }
        return Optional.ofNullable(map.get(deviceId));
    }

    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void reload() {
        try {
            byDevice = markers(null).stream().filter(m -> m.deviceId() != null)
                .collect(Collectors.toUnmodifiableMap(Marker::deviceId, m -> m));
        } catch (DoorplateException e) {
            LOG.warn("could not reload the marker map; keeping the previous one: {}", e.getMessage());
            if (byDevice == null) {
                byDevice = Map.of();
            }
        }
    }

    private Map<String, MarkerNumber> checkRows(Connection c, List<MarkerInput> inputs, List<String> problems)
            throws SQLException {
        Map<String, MarkerNumber> numbers = new HashMap<>();
        Map<String, Set<MarkerType>> siblings = new HashMap<>();
        Map<String, String> devices = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            MarkerInput input = inputs.get(i);
            String where = inputs.size() > 1 ? "row " + (i + 1) + " (" + input.number() + "): " : "";
            MarkerNumber number;
            try {
                number = MarkerNumber.parse(input.number());
            } catch (DoorplateException e) {
                problems.add(where + e.getMessage());
                continue;
            }
            if (numbers.put(input.number(), number) != null) {
                problems.add(where + "the number appears twice");
            }
            checkPosition(input).ifPresent(p -> problems.add(where + p));
            checkDevice(input.deviceId()).ifPresent(p -> problems.add(where + p));
            if (input.deviceId() != null && devices.put(input.deviceId(), input.number()) != null) {
                problems.add(where + "device " + input.deviceId() + " is given to two markers");
            }
            if (findLine(c, number.lineCode()).isEmpty()) {
                problems.add(where + "no boundary line " + number.lineCode() + " is registered");
                continue;
            }
            String key = number.lineCode() + number.sequence();
            Set<MarkerType> types = siblings.computeIfAbsent(key, k -> existingTypes(c, number));
            typeProblem(number, types).ifPresent(p -> problems.add(where + p));
            types.add(number.type());
        }
        return numbers;
    }

    /** The A/B, C/D/E and Q rule: markers sharing a line and sequence must form one group. */
    private static Optional<String> typeProblem(MarkerNumber number, Set<MarkerType> existing) {
        if (existing.contains(number.type())) {
            return Optional.of("marker " + number.text() + " already exists");
        }
        for (MarkerType other : existing) {
            if (other.group() != number.type().group() || number.type() == MarkerType.Q) {
                return Optional.of("a " + number.type().group().chineseName() + " marker (" + number.type().letter()
                    + ") cannot share sequence " + String.format("%03d", number.sequence()) + " with type "
                    + other.letter());
            }
        }
        return Optional.empty();
    }

    private Set<MarkerType> existingTypes(Connection c, MarkerNumber number) {
        String sql = "SELECT type FROM markers WHERE line_code = ? AND sequence = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, number.lineCode());
            s.setInt(2, number.sequence());
            Set<MarkerType> types = EnumSet.noneOf(MarkerType.class);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    types.add(MarkerType.valueOf(rows.getString(1)));
                }
            }
            return types;
        } catch (SQLException e) {
            throw new DoorplateException(ErrorStatus.UNAVAILABLE, "the marker registry is unavailable", e);
        }
    }

    private static Optional<String> checkPosition(MarkerInput input) {
        if (!(Math.abs(input.latitude()) <= 90) || !(Math.abs(input.longitude()) <= 180)) {
            return Optional.of("position: expected latitude -90..90 and longitude -180..180, found "
                + input.latitude() + ", " + input.longitude());
        }
        if (!(input.height() >= -1_000 && input.height() <= 10_000)) {
            return Optional.of("height: expected -1000..10000 m, found " + input.height());
        }
        if (input.notes() != null && input.notes().length() > 1_000) {
            return Optional.of("notes: at most 1000 characters");
        }
        return Optional.empty();
    }

    private static Optional<String> checkDevice(String deviceId) {
        if (deviceId != null && !deviceId.matches(DEVICE_ID)) {
            return Optional.of("deviceId: expected 1..64 characters from A-Z a-z 0-9 . _ -, found '" + deviceId + "'");
        }
        return Optional.empty();
    }

    private Marker insert(Connection c, MarkerInput input, MarkerNumber number) throws SQLException {
        String sql = "INSERT INTO markers (number, line_code, sequence, type, latitude, longitude, height, device_id,"
            + " notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING " + MARKER_COLUMNS;
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, input.number());
            s.setString(2, number.lineCode());
            s.setInt(3, number.sequence());
            s.setString(4, number.type().letter());
            s.setDouble(5, input.latitude());
            s.setDouble(6, input.longitude());
            s.setDouble(7, input.height());
            s.setString(8, input.deviceId());
            s.setString(9, input.notes() == null ? "" : input.notes().strip());
            s.setTimestamp(10, now);
            s.setTimestamp(11, now);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return readMarker(rows);
            }
        } catch (SQLException e) {
            throw uniqueDevice(e, input.deviceId());
        }
    }

    private static RuntimeException uniqueDevice(SQLException e, String deviceId) throws SQLException {
        if ("23505".equals(e.getSQLState())) {
            return DoorplateException.conflict("device " + deviceId + " is already fitted to another marker");
        }
        throw e;
    }

    private Optional<BoundaryLine> findLine(Connection c, String code) throws SQLException {
        String sql = "SELECT " + LINE_COLUMNS + " FROM boundary_lines WHERE code = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, code);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(readLine(rows)) : Optional.empty();
            }
        }
    }

    private static void validate(NewBoundaryLine line) {
        if (line.code() == null || !line.code().matches(MarkerNumber.LINE_CODE)) {
            throw DoorplateException.badRequest("code: expected 4 digits or capital letters, found '" + line.code()
                + "'");
        }
        if (line.name() == null || line.name().isBlank() || line.name().length() > 100) {
            throw DoorplateException.badRequest("name: expected 1..100 characters");
        }
        for (String division : new String[] {line.leftDivision(), line.rightDivision()}) {
            if (division == null || !division.matches("[0-9]{12}")) {
                throw DoorplateException.badRequest("divisions: expected 12-digit division codes, found '"
                    + division + "'");
            }
        }
        if (line.leftDivision().equals(line.rightDivision())) {
            throw DoorplateException.badRequest("divisions: a boundary separates two different divisions");
        }
        List<List<Double>> course = line.course();
        if (course == null || course.size() < 2 || course.size() > MAX_COURSE_POINTS) {
            throw DoorplateException.badRequest("course: expected 2.." + MAX_COURSE_POINTS
                + " [longitude, latitude] points");
        }
        for (int i = 0; i < course.size(); i++) {
            List<Double> p = course.get(i);
            if (p == null || p.size() != 2 || p.get(0) == null || p.get(1) == null
                    || !(Math.abs(p.get(0)) <= 180) || !(Math.abs(p.get(1)) <= 90)) {
                throw DoorplateException.badRequest("course[" + i + "]: expected [longitude -180..180,"
                    + " latitude -90..90], found " + p);
            }
        }
    }

    private static String courseJson(List<List<Double>> course) {
        return course.stream().map(p -> "[" + p.get(0) + "," + p.get(1) + "]")
            .collect(Collectors.joining(",", "[", "]"));
    }

    private BoundaryLine readLine(ResultSet rows) throws SQLException {
        List<List<Double>> course;
        try {
            course = json.readValue(rows.getString(5), COURSE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BoundaryLine(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
            course, rows.getTimestamp(6).toInstant());
    }

    private static List<Marker> readMarkers(PreparedStatement s) throws SQLException {
        List<Marker> markers = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                markers.add(readMarker(rows));
            }
        }
        return markers;
    }

    private static Marker readMarker(ResultSet rows) throws SQLException {
        Instant updated = rows.getTimestamp("updated_at").toInstant();
        return new Marker(rows.getString("number"), rows.getString("line_code"), rows.getInt("sequence"),
            MarkerType.valueOf(rows.getString("type")), rows.getDouble("latitude"), rows.getDouble("longitude"),
            rows.getDouble("height"), rows.getString("device_id"), rows.getString("notes"), updated);
    }

    private <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DoorplateException(ErrorStatus.UNAVAILABLE, "the marker registry is unavailable", e);
        }
    }

    /** JDBC work in one transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
