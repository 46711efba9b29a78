package org.doorplate.server.gazetteer;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gazetteer's store: divisions, place names with their former names, and public services.
 * Every write publishes {@link GazetteerChanged} after it commits.
 */
@Singleton
public class Gazetteer {
    /** The kinds of public service a scan page may list. */
    public static final Set<String> SERVICE_KINDS =
            Set.of("police", "hospital", "clinic", "school", "post", "community", "fire", "transit");

    private static final Logger LOG = LoggerFactory.getLogger(Gazetteer.class);
    private static final String PLACE_COLUMNS = "code, standard_name, alias, pinyin, mongolian_name,"
            + " category, meaning, history, latitude, longitude, in_use, named_on";

    private final DataSource dataSource;
    private final ApplicationEventPublisher<GazetteerChanged> events;
    private final Clock clock;

    public Gazetteer(DataSource dataSource, ApplicationEventPublisher<GazetteerChanged> events, Clock clock) {
        this.dataSource = dataSource;
        this.events = events;
        this.clock = clock;
    }

    /** Creates or updates a division; its parent must exist (except for a province). */
    public Division saveDivision(DivisionInput input) {
        input.validated();
        String sql = "INSERT INTO divisions (code, name, pinyin, level, parent_code, office_address,"
                + " office_phone) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET"
                + " name = excluded.name, pinyin = excluded.pinyin, office_address = excluded.office_address,"
                + " office_phone = excluded.office_phone, updated_at = now()";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, input.code());
            s.setString(2, input.name());
            s.setString(3, input.pinyin());
            s.setString(4, input.level().wireName());
            s.setString(5, input.parentCode());
            s.setString(6, input.officeAddress());
            s.setString(7, input.officePhone());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("division " + input.code(), e);
        }
        events.publishEvent(new GazetteerChanged("division " + input.code()));
        return division(input.code()).orElseThrow();
    }

    public Optional<Division> division(String code) {
        return divisionsWhere("code = ?", code).stream().findFirst();
    }

    /** The divisions directly under a parent, or the provinces when the parent is null. */
    public List<Division> divisions(@Nullable String parentCode) {
        if (parentCode == null) {
            return divisionsWhere("parent_code IS NULL");
        }
        return divisionsWhere("parent_code = ?", parentCode);
    }

    /** A division and all above it, province first; empty when the code is not recorded. */
    public List<Division> chain(String code) {
        DivisionLevel level = DivisionLevel.of(code);
        List<String> codes = new ArrayList<>();
        for (DivisionLevel up : DivisionLevel.values()) {
            if (up.ordinal() <= level.ordinal()) {
                codes.add(up.ancestorOf(code));
            }
        }
        List<Division> found = divisionsWhere("code = ANY (?)", (Object) codes.toArray(String[]::new));
        found.sort(Comparator.comparingInt(d -> DivisionLevel.of(d.code()).ordinal()));
        return found;
    }

    /**
     * Creates a place name; CONFLICT when the code is taken.
     */
    public PlaceName createPlace(PlaceInput input) {
        savePlace(input.validated(), Mode.CREATE, null);
        return place(input.code()).orElseThrow();
    }

    /**
     * Replaces a place name's record; a changed standard name moves the old one to the history,
     * so plates on a renamed road keep working and say "formerly ...". NOT_FOUND when absent.
     */
    public PlaceName updatePlace(PlaceInput input) {
        savePlace(input.validated(), Mode.UPDATE, "updated");
        return place(input.code()).orElseThrow();
    }

    /** Creates or updates (bulk import); same history rule as {@link #updatePlace}. */
    public void upsertPlaces(List<PlaceInput> inputs) {
        inputs.forEach(PlaceInput::validated);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (PlaceInput input : inputs) {
                    savePlace(c, input, Mode.UPSERT, "imported");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("place import", e);
        }
        events.publishEvent(new GazetteerChanged("places imported: " + inputs.size()));
    }

    /** Renames a place, keeping the old name (with its pinyin and Mongolian name) as history. */
    public PlaceName rename(String code, RenameRequest request) {
        request.validated();
        PlaceName current = place(code).orElseThrow(() -> notFound(code));
        PlaceInput renamed = new PlaceInput(code, request.standardName(), current.alias(),
                request.pinyin(), request.mongolianName(), current.category(), current.meaning(),
                current.history(), current.latitude(), current.longitude(), current.inUse(),
                request.namedOn() == null ? LocalDate.now(clock) : request.namedOn(),
                current.divisionCodes());
        savePlace(renamed.validated(), Mode.UPDATE, request.reason());
        return place(code).orElseThrow();
    }

    public Optional<PlaceName> place(String code) {
        List<PlaceName> found = placesWhere("WHERE code = ?", List.of(code));
        return found.stream().findFirst();
    }

    /** Places ordered by code, optionally of one category. */
    public List<PlaceName> places(@Nullable String category, int limit, int offset) {
        if (category == null) {
            return placesWhere("ORDER BY code LIMIT ? OFFSET ?", List.of(limit, offset));
        }
        return placesWhere("WHERE category = ? ORDER BY code LIMIT ? OFFSET ?", List.of(category, limit, offset));
    }

    /** Creates or updates a public service, identified by its name and kind. */
    public void saveService(PublicService service) {
        validate(service);
        String sql = "INSERT INTO public_services (name, name_en, kind, address, phone, latitude, longitude,"
                + " division_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name, kind) DO UPDATE SET"
                + " name_en = excluded.name_en, address = excluded.address, phone = excluded.phone,"
                + " latitude = excluded.latitude, longitude = excluded.longitude,"
                + " division_code = excluded.division_code";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, service.name());
            s.setString(2, service.nameEn());
            s.setString(3, service.kind());
            s.setString(4, service.address());
            s.setString(5, service.phone());
            s.setDouble(6, service.latitude());
            s.setDouble(7, service.longitude());
            s.setString(8, service.divisionCode());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("public service " + service.name(), e);
        }
        events.publishEvent(new GazetteerChanged("service " + service.name()));
    }

    /**
     * Public services within {@code radiusMetres} of a point, nearest first. Distances use the
     * equirectangular approximation: within a district it is off by far less than a metre.
     */
    public List<PublicService> servicesNear(double latitude, double longitude, int radiusMetres, int limit) {
        String sql = "SELECT * FROM (SELECT id, name, name_en, kind, address, phone, latitude, longitude,"
                + " division_code, round(6371000 * sqrt(power(radians(latitude - ?), 2)"
                + " + power(cos(radians(?)) * radians(longitude - ?), 2)))::int AS distance"
                + " FROM public_services) s WHERE distance <= ? ORDER BY distance, name LIMIT ?";
        List<PublicService> services = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setDouble(1, latitude);
            s.setDouble(2, latitude);
            s.setDouble(3, longitude);
            s.setInt(4, radiusMetres);
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    services.add(new PublicService(rs.getLong("id"), rs.getString("name"),
                            rs.getString("name_en"), rs.getString("kind"), rs.getString("address"),
                            rs.getString("phone"), rs.getDouble("latitude"), rs.getDouble("longitude"),
                            rs.getString("division_code"), rs.getInt("distance")));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("nearby services", e);
        }
        return services;
    }

    private enum Mode { CREATE, UPDATE, UPSERT }

    private void savePlace(PlaceInput input, Mode mode, @Nullable String reason) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                savePlace(c, input, mode, reason);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("place " + input.code(), e);
        }
        events.publishEvent(new GazetteerChanged("place " + input.code()));
    }

    private void savePlace(Connection c, PlaceInput input, Mode mode, @Nullable String reason)
            throws SQLException {
        PlaceInput existing = lockPlace(c, input.code());
        if (existing != null && mode == Mode.CREATE) {
            throw new DoorplateException(ErrorStatus.CONFLICT, "place " + input.code() + " already exists");
        }
        if (existing == null && mode == Mode.UPDATE) {
            throw notFound(input.code());
        }
        if (existing != null && !existing.standardName().equals(input.standardName())) {
            recordFormerName(c, existing, reason);
            LOG.info("place renamed [place: {}, from: {}, to: {}]", input.code(),
                    existing.standardName(), input.standardName());
        }
        writePlace(c, input);
        writeDivisions(c, input);
    }

    @Nullable
    private PlaceInput lockPlace(Connection c, String code) throws SQLException {
        String sql = "SELECT standard_name, pinyin, mongolian_name FROM place_names WHERE code = ? FOR UPDATE";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new PlaceInput(code, rs.getString(1), null, rs.getString(2), rs.getString(3),
                        "road", null, null, null, null, null, null, null);
            }
        }
    }

    private void recordFormerName(Connection c, PlaceInput former, @Nullable String reason) throws SQLException {
        String sql = "INSERT INTO place_name_history (place_code, former_name, former_pinyin,"
                + " former_mongolian_name, renamed_at, reason) VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, former.code());
            s.setString(2, former.standardName());
            s.setString(3, former.pinyin());
            s.setString(4, former.mongolianName());
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            s.setString(6, reason);
            s.executeUpdate();
        }
    }

    private void writePlace(Connection c, PlaceInput p) throws SQLException {
        String sql = "INSERT INTO place_names (" + PLACE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (code) DO UPDATE SET standard_name = excluded.standard_name,"
                + " alias = excluded.alias, pinyin = excluded.pinyin, mongolian_name = excluded.mongolian_name,"
                + " category = excluded.category, meaning = excluded.meaning, history = excluded.history,"
                + " latitude = excluded.latitude, longitude = excluded.longitude, in_use = excluded.in_use,"
                + " named_on = excluded.named_on, updated_at = now()";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, p.code());
            s.setString(2, p.standardName());
            s.setString(3, p.alias());
            s.setString(4, p.pinyin());
            s.setString(5, p.mongolianName());
            s.setString(6, p.category());
            s.setString(7, p.meaning());
            s.setString(8, p.history());
            s.setObject(9, p.latitude(), java.sql.Types.DOUBLE);
            s.setObject(10, p.longitude(), java.sql.Types.DOUBLE);
            s.setBoolean(11, p.inUse() == null || p.inUse());
            s.setObject(12, p.namedOn(), java.sql.Types.DATE);
            s.executeUpdate();
        }
    }

    private void writeDivisions(Connection c, PlaceInput p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM place_name_divisions WHERE place_code = ?")) {
            s.setString(1, p.code());
            s.executeUpdate();
        }
        String sql = "INSERT INTO place_name_divisions (place_code, division_code) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (String division : p.divisions()) {
                s.setString(1, p.code());
                s.setString(2, division);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private List<Division> divisionsWhere(String condition, Object... parameters) {
        String sql = "SELECT code, name, pinyin, level, parent_code, office_address, office_phone"
                + " FROM divisions WHERE " + condition + " ORDER BY code";
        List<Division> divisions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    s.setObject(i + 1, parameters[i]);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    divisions.add(new Division(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("divisions", e);
        }
        return divisions;
    }

    private List<PlaceName> placesWhere(String clause, List<Object> parameters) {
        String sql = "SELECT " + PLACE_COLUMNS + " FROM place_names " + clause;
        try (Connection c = dataSource.getConnection()) {
            Map<String, PlaceInput> rows = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    s.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getString(1), placeRow(rs));
                    }
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            String[] codes = rows.keySet().toArray(String[]::new);
            Map<String, List<String>> divisions = divisionsOf(c, codes);
            Map<String, List<FormerName>> formerNames = formerNamesOf(c, codes);
            List<PlaceName> places = new ArrayList<>(rows.size());
            for (PlaceInput p : rows.values()) {
                places.add(new PlaceName(p.code(), p.standardName(), p.alias(), p.pinyin(), p.mongolianName(),
                        p.category(), p.meaning(), p.history(), p.latitude(), p.longitude(),
                        Objects.requireNonNullElse(p.inUse(), true), p.namedOn(),
                        divisions.getOrDefault(p.code(), List.of()), formerNames.getOrDefault(p.code(), List.of())));
            }
            return places;
        } catch (SQLException e) {
            throw Sql.failure("places", e);
        }
    }

    private static PlaceInput placeRow(ResultSet rs) throws SQLException {
        return new PlaceInput(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getObject(9, Double.class), rs.getObject(10, Double.class), rs.getBoolean(11),
                rs.getObject(12, LocalDate.class), null);
    }

    private static Map<String, List<String>> divisionsOf(Connection c, String[] codes) throws SQLException {
        String sql = "SELECT place_code, division_code FROM place_name_divisions WHERE place_code = ANY (?)"
                + " ORDER BY division_code";
        Map<String, List<String>> divisions = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", codes));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    divisions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return divisions;
    }

    private static Map<String, List<FormerName>> formerNamesOf(Connection c, String[] codes) throws SQLException {
        String sql = "SELECT place_code, former_name, former_pinyin, former_mongolian_name, renamed_at, reason"
                + " FROM place_name_history WHERE place_code = ANY (?) ORDER BY renamed_at, id";
        Map<String, List<FormerName>> names = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", codes));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getTimestamp(5).toInstant();
                    names.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                            new FormerName(rs.getString(2), rs.getString(3), rs.getString(4), at, rs.getString(6)));
                }
            }
        }
        return names;
    }

    private static void validate(PublicService service) {
        Fields.require("name", service.name(), 100);
        Fields.limit("nameEn", service.nameEn(), 150);
        Fields.limit("address", service.address(), 200);
        Fields.limit("phone", service.phone(), 40);
        if (!SERVICE_KINDS.contains(service.kind())) {
            throw new DoorplateException(ErrorStatus.BAD_REQUEST,
                    "kind must be one of " + SERVICE_KINDS + ", found " + Fields.quote(service.kind()));
        }
        Fields.degrees("latitude", service.latitude(), 90);
        Fields.degrees("longitude", service.longitude(), 180);
    }

    private static DoorplateException notFound(String code) {
        return new DoorplateException(ErrorStatus.NOT_FOUND, "no place name with code " + Fields.quote(code));
    }
}
