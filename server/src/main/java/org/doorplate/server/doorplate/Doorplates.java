package org.doorplate.server.doorplate;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Fields;
import org.doorplate.server.gazetteer.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store of doorplates. Every write publishes {@link DoorplateChanged} after it commits. */
@Singleton
public class Doorplates {
    private static final Logger LOG = LoggerFactory.getLogger(Doorplates.class);
    private static final String COLUMNS = "code, road_code, number, building, unit, postcode, community_code,"
            + " latitude, longitude, device_id, state, successor_code, retired_at, created_at, updated_at";
    /** A fresh 65-bit code collides with one of a million plates once in 10^13 tries. */
    private static final int CODE_ATTEMPTS = 5;
    /** A symbol ZXing cannot read turns up once in a hundred codes: 20 in a row never do. */
    private static final int UNREADABLE_ATTEMPTS = 20;

    private final DataSource dataSource;
    private final PublicUrl publicUrl;
    private final ApplicationEventPublisher<DoorplateChanged> events;
    private final Clock clock;

    public Doorplates(DataSource dataSource, PublicUrl publicUrl,
                      ApplicationEventPublisher<DoorplateChanged> events, Clock clock) {
        this.dataSource = dataSource;
        this.publicUrl = publicUrl;
        this.events = events;
        this.clock = clock;
    }

    /** Issues a new plate with a fresh random code. */
    public Doorplate create(PlateInput input) {
        input.validated();
        String code;
        try (Connection c = dataSource.getConnection()) {
            code = insert(c, input);
        } catch (SQLException e) {
            throw Sql.failure("plate at " + input.roadCode() + " " + input.number(), e);
        }
        events.publishEvent(new DoorplateChanged(code));
        return find(code).orElseThrow();
    }

    /**
     * Imports plates in one transaction: all rows or none. Rows whose active address already
     * has a plate are skipped (so an import can be repeated); returns the codes of new plates.
     */
    public List<String> importAll(List<PlateInput> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            try {
                inputs.get(i).validated();
            } catch (DoorplateException e) {
                throw new DoorplateException(e.status(), "row " + (i + 1) + ": " + e.getMessage());
            }
        }
        List<String> created = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int i = 0; i < inputs.size(); i++) {
                    importRow(c, inputs.get(i), i + 1, created);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("plate import", e);
        }
        LOG.info("plates imported [rows: {}, created: {}]", inputs.size(), created.size());
        events.publishEvent(new DoorplateChanged(null));
        return created;
    }

    /** Changes a plate's address fields; its code (and printed QR symbol) stays. */
    public Doorplate update(String code, PlateInput input) {
        input.validated();
        String sql = "UPDATE doorplates SET road_code = ?, number = ?, building = ?, unit = ?, postcode = ?,"
                + " community_code = ?, latitude = ?, longitude = ?, device_id = ?, updated_at = ?"
                + " WHERE code = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            int next = bind(s, input, 1);
            s.setTimestamp(next, Timestamp.from(clock.instant()));
            s.setString(next + 1, code);
            if (s.executeUpdate() == 0) {
                throw notFound(code);
            }
        } catch (SQLException e) {
            throw Sql.failure("plate " + code, e);
        }
        events.publishEvent(new DoorplateChanged(code));
        return find(code).orElseThrow();
    }

    /**
     * Takes a plate down. Its code keeps answering (410 Gone) with a link to the successor,
     * which must be an active plate.
     */
    public Doorplate retire(String code, @Nullable String successorCode) {
        if (successorCode != null) {
            Doorplate successor = find(successorCode).orElseThrow(() -> new DoorplateException(
                    ErrorStatus.BAD_REQUEST, "successor " + Fields.quote(successorCode) + " is not a plate"));
            if (successor.retired() || successor.code().equals(code)) {
                throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                        "successor " + successorCode + " must be another active plate");
            }
        }
        String sql = "UPDATE doorplates SET state = 'retired', successor_code = ?, retired_at = ?, updated_at = ?"
                + " WHERE code = ? AND state = 'active'";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            Timestamp now = Timestamp.from(clock.instant());
            s.setString(1, successorCode);
            s.setTimestamp(2, now);
            s.setTimestamp(3, now);
            s.setString(4, code);
            if (s.executeUpdate() == 0) {
                Doorplate plate = find(code).orElseThrow(() -> notFound(code));
                throw new DoorplateException(ErrorStatus.CONFLICT, "plate " + plate.code() + " is already retired");
            }
        } catch (SQLException e) {
            throw Sql.failure("plate " + code, e);
        }
        events.publishEvent(new DoorplateChanged(code));
        return find(code).orElseThrow();
    }

    public Optional<Doorplate> find(String code) {
        return where("WHERE code = ?", List.of(code)).stream().findFirst();
    }

    /** Plates ordered by road, number, building and unit; optionally those of one road. */
    public List<Doorplate> list(@Nullable String roadCode, int limit, int offset) {
        String order = " ORDER BY road_code, length(number), number, building NULLS FIRST, unit NULLS FIRST, code"
                + " LIMIT ? OFFSET ?";
        if (roadCode == null) {
            return where(order, List.of(limit, offset));
        }
        return where("WHERE road_code = ?" + order, List.of(roadCode, limit, offset));
    }

    private void importRow(Connection c, PlateInput input, int row, List<String> created) {
        try {
            if (findActive(c, input) == null) {
                created.add(insert(c, input));
            }
        } catch (SQLException e) {
            throw Sql.failure("row " + row + " (" + input.roadCode() + " " + input.number() + ")", e);
        }
    }

    private String insert(Connection c, PlateInput input) throws SQLException {
        String sql = "INSERT INTO doorplates (road_code, number, building, unit, postcode, community_code,"
                + " latitude, longitude, device_id, created_at, updated_at, code)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int next = bind(s, input, 1);
            Timestamp now = Timestamp.from(clock.instant());
            s.setTimestamp(next, now);
            s.setTimestamp(next + 1, now);
            for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
                String code = readableCode();
                s.setString(next + 2, code);
                if (s.executeUpdate() == 1) {
                    return code;
                }
            }
        }
        throw new IllegalStateException("no free plate code after " + CODE_ATTEMPTS + " attempts");
    }

    /**
     * A fresh random code whose symbol ZXing-based scanners read (see
     * {@link QrCodes#zxingReads}); about one in a hundred is drawn again. Readability is checked for
     * the public URL configured now: a later change of that URL changes every symbol.
     */
    private String readableCode() {
        for (int attempt = 0; attempt < UNREADABLE_ATTEMPTS; attempt++) {
            String code = PlateCode.generate();
            if (QrCodes.zxingReads(publicUrl.scan(code))) {
                return code;
            }
            LOG.debug("plate code skipped: its QR symbol defeats ZXing [code: {}]", code);
        }
        throw new IllegalStateException("no readable QR symbol in " + UNREADABLE_ATTEMPTS
                + " codes for the public URL " + publicUrl.base());
    }

    @Nullable
    private String findActive(Connection c, PlateInput input) throws SQLException {
        String sql = "SELECT code FROM doorplates WHERE state = 'active' AND road_code = ? AND number = ?"
                + " AND coalesce(building, '') = coalesce(?, '') AND coalesce(unit, '') = coalesce(?, '')";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, input.roadCode());
            s.setString(2, input.number());
            s.setString(3, input.building());
            s.setString(4, input.unit());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int bind(PreparedStatement s, PlateInput input, int first) throws SQLException {
        s.setString(first, input.roadCode());
        s.setString(first + 1, input.number());
        s.setString(first + 2, input.building());
        s.setString(first + 3, input.unit());
        s.setString(first + 4, input.postcode());
        s.setString(first + 5, input.communityCode());
        s.setObject(first + 6, input.latitude(), Types.DOUBLE);
        s.setObject(first + 7, input.longitude(), Types.DOUBLE);
        s.setString(first + 8, input.deviceId());
        return first + 9;
    }

    private List<Doorplate> where(String clause, List<Object> parameters) {
        String sql = "SELECT " + COLUMNS + " FROM doorplates " + clause;
        List<Doorplate> plates = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plates.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("plates", e);
        }
        return plates;
    }

    private Doorplate row(ResultSet rs) throws SQLException {
        String code = rs.getString(1);
        Timestamp retiredAt = rs.getTimestamp(13);
        return new Doorplate(code, publicUrl.scan(code), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, Double.class),
                rs.getObject(9, Double.class), rs.getString(10), rs.getString(11), rs.getString(12),
                retiredAt == null ? null : retiredAt.toInstant(), instant(rs.getTimestamp(14)),
                instant(rs.getTimestamp(15)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    private static DoorplateException notFound(String code) {
        return new DoorplateException(ErrorStatus.NOT_FOUND, "no plate with code " + Fields.quote(code));
    }
}
