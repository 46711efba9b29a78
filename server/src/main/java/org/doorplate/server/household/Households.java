package org.doorplate.server.household;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.doorplate.server.gazetteer.Sql;

/**
 * The household tables and their audit log. Package-private reads: the rest of the server gets
 * household data only through {@link HouseholdAccess}, which checks the role and audits.
 */
@Singleton
public class Households {
    private final DataSource dataSource;
    private final Clock clock;

    public Households(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Replaces the households behind a plate (used by officers and by the demo loader). */
    public void replace(String plateCode, List<Household> households) {
        households.forEach(Household::validated);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM households WHERE plate_code = ?")) {
                    s.setString(1, plateCode);
                    s.executeUpdate();
                }
                insert(c, plateCode, households);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Sql.failure("households of plate " + plateCode, e);
        }
    }

    /** True when a plate has any household recorded. */
    public boolean any(String plateCode) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM households WHERE plate_code = ? LIMIT 1")) {
            s.setString(1, plateCode);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Sql.failure("households of plate " + plateCode, e);
        }
    }

    List<Household> read(String plateCode) {
        String sql = "SELECT id, head_name, members, phone, note, registered_on FROM households"
                + " WHERE plate_code = ? ORDER BY id";
        List<Household> households = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, plateCode);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    households.add(new Household(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6, LocalDate.class)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("households of plate " + plateCode, e);
        }
        return households;
    }

    /** Writes one audit row and commits it; the caller shows the data only when this returns. */
    void audit(String username, String plateCode, Representation representation, String clientAddress) {
        String sql = "INSERT INTO household_audit (viewed_at, username, plate_code, representation, client_address)"
                + " VALUES (?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            s.setString(2, username);
            s.setString(3, plateCode);
            s.setString(4, representation.wireName());
            s.setString(5, clientAddress);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("household audit", e);
        }
    }

    /** Audit rows, oldest first, optionally of one plate, within [from, to). */
    public List<AuditEntry> auditLog(String plateCode, Instant from, Instant to, int limit) {
        String sql = "SELECT id, viewed_at, username, plate_code, representation, client_address"
                + " FROM household_audit WHERE viewed_at >= ? AND viewed_at < ?"
                + " AND (?::text IS NULL OR plate_code = ?) ORDER BY viewed_at, id LIMIT ?";
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            s.setString(3, plateCode);
            s.setString(4, plateCode);
            s.setInt(5, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("household audit", e);
        }
        return entries;
    }

    private static void insert(Connection c, String plateCode, List<Household> households) throws SQLException {
        String sql = "INSERT INTO households (plate_code, head_name, members, phone, note, registered_on)"
                + " VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Household h : households) {
                s.setString(1, plateCode);
                s.setString(2, h.headName());
                s.setInt(3, h.members());
                s.setString(4, h.phone());
                s.setString(5, h.note());
                s.setObject(6, h.registeredOn(), Types.DATE);
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
