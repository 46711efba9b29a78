package org.doorplate.server.inspection;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.marker.BoundaryRegistry;
import org.doorplate.server.marker.Marker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Joint inspections: open one for a line, record each marker's condition, attach photos. */
@Singleton
public class Inspections {
    private static final Logger LOG = LoggerFactory.getLogger(Inspections.class);
    private static final String COLUMNS = "id, line_code, inspected_on, left_inspectors, right_inspectors, notes,"
        + " created_by, created_at";
    private static final int MAX_NAMES = 10;
    private static final int MAX_TEXT = 2_000;
    private static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);

    private final DataSource dataSource;
    private final BoundaryRegistry boundaries;
    private final InspectionConfiguration config;
    private final Clock clock;

    public Inspections(DataSource dataSource, BoundaryRegistry boundaries, InspectionConfiguration config,
            BeanProvider<Clock> clock) {
        this.dataSource = dataSource;
        this.boundaries = boundaries;
        this.config = config;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Opens an inspection of a registered line. */
    public Inspection create(NewInspection input, String user) {
        boundaries.line(input.lineCode());
        LocalDate date = date(input.date());
        List<String> left = names("leftInspectors", input.leftInspectors());
        List<String> right = names("rightInspectors", input.rightInspectors());
        String notes = text("notes", input.notes());
        String sql = "INSERT INTO inspections (line_code, inspected_on, left_inspectors, right_inspectors, notes,"
            + " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS;
        Inspection created = run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, input.lineCode());
                s.setDate(2, Date.valueOf(date));
                s.setArray(3, c.createArrayOf("text", left.toArray()));
                s.setArray(4, c.createArrayOf("text", right.toArray()));
                s.setString(5, notes);
                s.setString(6, user);
                s.setTimestamp(7, Timestamp.from(clock.instant()));
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return read(rows);
                }
            }
        });
        LOG.info("inspection opened [id: {}, line: {}, date: {}]", created.id(), created.lineCode(), date);
        return created;
    }

    public List<Inspection> list(@Nullable String lineCode) {
        String sql = "SELECT " + COLUMNS + " FROM inspections" + (lineCode == null ? "" : " WHERE line_code = ?")
            + " ORDER BY inspected_on DESC, id DESC";
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (lineCode != null) {
                    s.setString(1, lineCode);
                }
                List<Inspection> all = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        all.add(read(rows));
                    }
                }
                return all;
            }
        });
    }

    /** One inspection; {@code not_found} for an unknown id. */
    public Inspection find(long id) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM inspections WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.<Inspection>empty();
                }
            }
        }).orElseThrow(() -> DoorplateException.notFound("no inspection " + id));
    }

    /** Records (or records again) one marker's condition; the marker must stand on the inspected line. */
    public MarkerRecord record(long inspectionId, String markerNumber, MarkerCondition condition,
            @Nullable String notes, String user) {
        Inspection inspection = find(inspectionId);
        Marker marker = boundaries.marker(markerNumber);
        if (!marker.lineCode().equals(inspection.lineCode())) {
            throw DoorplateException.badRequest("marker " + markerNumber + " stands on line " + marker.lineCode()
                + ", not on the inspected line " + inspection.lineCode());
        }
        String sql = "INSERT INTO inspection_records (inspection_id, marker_number, condition, notes, recorded_by,"
            + " recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (inspection_id, marker_number) DO UPDATE SET"
            + " condition = excluded.condition, notes = excluded.notes, recorded_by = excluded.recorded_by,"
            + " recorded_at = excluded.recorded_at RETURNING id";
        String text = text("notes", notes);
        run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, inspectionId);
                s.setString(2, markerNumber);
                s.setString(3, condition.wireName());
                s.setString(4, text);
                s.setString(5, user);
                s.setTimestamp(6, Timestamp.from(clock.instant()));
                s.executeQuery().close();
                return null;
            }
        });
        return records(inspectionId).get(markerNumber);
    }

    /**
     * Attaches a photo to a marker's record: the bytes must be a JPEG, PNG or WebP image (by
     * their signature, whatever the declared type), of at most the configured size.
     */
    public MarkerRecord.Photo addPhoto(long inspectionId, String markerNumber, String fileName, byte[] data,
            String user) {
        if (data.length == 0) {
            throw DoorplateException.badRequest("photo: the file is empty");
        }
        if (data.length > config.getMaxPhotoBytes()) {
            throw new DoorplateException(ErrorStatus.PAYLOAD_TOO_LARGE, "photo: at most "
                + config.getMaxPhotoBytes() + " bytes, found " + data.length);
        }
        String type = PhotoCheck.imageType(data).orElseThrow(() -> DoorplateException.badRequest(
            "photo: expected a JPEG, PNG or WebP image; the file's content is none of them"));
        MarkerRecord record = Optional.ofNullable(records(inspectionId).get(markerNumber)).orElseThrow(() ->
            DoorplateException.notFound("marker " + markerNumber + " has no record in inspection " + inspectionId
                + "; record its condition first"));
        if (record.photos().size() >= config.getMaxPhotosPerMarker()) {
            throw DoorplateException.conflict("marker " + markerNumber + " already has "
                + record.photos().size() + " photos in this inspection (the most allowed)");
        }
        String name = fileName == null || fileName.isBlank() ? "photo" : fileName.strip();
        String safeName = name.length() > 200 ? name.substring(0, 200) : name;
        String sha = sha256(data);
        String sql = "INSERT INTO inspection_photos (record_id, content_type, file_name, size_bytes, sha256, data,"
            + " uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        long id = run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, record.id());
                s.setString(2, type);
                s.setString(3, safeName);
                s.setInt(4, data.length);
                s.setString(5, sha);
                s.setBytes(6, data);
                s.setString(7, user);
                s.setTimestamp(8, Timestamp.from(clock.instant()));
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        LOG.info("inspection photo added [inspection: {}, marker: {}, photo: {}, bytes: {}]", inspectionId,
            markerNumber, id, data.length);
        return new MarkerRecord.Photo(id, type, safeName, data.length, sha);
    }

    /** A photo's type and bytes; {@code not_found} unless it belongs to this inspection. */
    public StoredPhoto photo(long inspectionId, long photoId) {
        String sql = "SELECT p.content_type, p.data FROM inspection_photos p JOIN inspection_records r"
            + " ON r.id = p.record_id WHERE p.id = ? AND r.inspection_id = ?";
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, photoId);
                s.setLong(2, inspectionId);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(new StoredPhoto(rows.getString(1), rows.getBytes(2)))
                        : Optional.<StoredPhoto>empty();
                }
            }
        }).orElseThrow(() -> DoorplateException.notFound("no photo " + photoId + " in inspection " + inspectionId));
    }

    /** The records of an inspection by marker number, each with its photos' descriptions. */
    public Map<String, MarkerRecord> records(long inspectionId) {
        String sql = "SELECT r.id, r.marker_number, r.condition, r.notes, r.recorded_by, r.recorded_at, p.id,"
            + " p.content_type, p.file_name, p.size_bytes, p.sha256 FROM inspection_records r"
            + " LEFT JOIN inspection_photos p ON p.record_id = r.id WHERE r.inspection_id = ?"
            + " ORDER BY r.marker_number, p.id";
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, inspectionId);
                Map<String, MarkerRecord> records = new LinkedHashMap<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        String number = rows.getString(2);
                        MarkerRecord record = records.get(number);
                        if (record == null) {
                            record = new MarkerRecord(rows.getLong(1), number, MarkerCondition.of(rows.getString(3)),
                                rows.getString(4), rows.getString(5), rows.getTimestamp(6).toInstant(),
                                new ArrayList<>());
                            records.put(number, record);
                        }
                        long photo = rows.getLong(7);
                        if (!rows.wasNull()) {
                            record.photos().add(new MarkerRecord.Photo(photo, rows.getString(8), rows.getString(9),
                                rows.getInt(10), rows.getString(11)));
                        }
                    }
                }
                return records;
            }
        });
    }

    /** Bytes of one photo with their type. */
    public record StoredPhoto(String contentType, byte[] data) {
    }

    private static LocalDate date(String text) {
        try {
            LocalDate date = LocalDate.parse(text == null ? "" : text.strip());
            if (date.isBefore(EARLIEST)) {
                throw DoorplateException.badRequest("date: expected " + EARLIEST + " or later, found " + date);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw DoorplateException.badRequest("date: expected an ISO date such as 2025-05-20, found '" + text + "'");
        }
    }

    private static List<String> names(String field, List<String> names) {
        if (names == null || names.isEmpty() || names.size() > MAX_NAMES) {
            throw DoorplateException.badRequest(field + ": expected 1.." + MAX_NAMES + " names");
        }
        List<String> clean = new ArrayList<>();
        for (String name : names) {
            if (name == null || name.isBlank() || name.length() > 100) {
                throw DoorplateException.badRequest(field + ": each name must have 1..100 characters");
            }
            clean.add(name.strip());
        }
        return clean;
    }

    private static String text(String field, @Nullable String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw DoorplateException.badRequest(field + ": at most " + MAX_TEXT + " characters");
        }
        return text == null ? "" : text.strip();
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Inspection read(ResultSet rows) throws SQLException {
        return new Inspection(rows.getLong("id"), rows.getString("line_code"),
            rows.getDate("inspected_on").toLocalDate(), strings(rows.getArray("left_inspectors")),
            strings(rows.getArray("right_inspectors")), rows.getString("notes"), rows.getString("created_by"),
            rows.getTimestamp("created_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DoorplateException(ErrorStatus.UNAVAILABLE, "the inspection store is unavailable", e);
        }
    }

    /** JDBC work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
