package org.doorplate.server.doorplate;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;
import org.doorplate.server.gazetteer.Sql;

/** The store of citizen reports, the crews' work items. */
@Singleton
public class CitizenReports {
    private static final String COLUMNS = "id, plate_code, category, description, contact, reported_at, state,"
            + " closed_at, alert_id";

    private final DataSource dataSource;
    private final Clock clock;

    public CitizenReports(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Stores a validated report as an open work item. */
    public CitizenReport create(String plateCode, ReportInput report) {
        String sql = "INSERT INTO citizen_reports (plate_code, category, description, contact, reported_at)"
                + " VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, plateCode);
            s.setString(2, report.category());
            s.setString(3, report.description());
            s.setString(4, report.contact());
            s.setTimestamp(5, Timestamp.from(clock.instant()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return row(rs);
            }
        } catch (SQLException e) {
            throw Sql.failure("citizen report", e);
        }
    }

    /** Notes the alert raised for a report. */
    public void linkAlert(long id, String alertId) {
        update("UPDATE citizen_reports SET alert_id = ? WHERE id = ?", alertId, id);
    }

    /** Closes an open report; NOT_FOUND or CONFLICT when there is none open with that id. */
    public CitizenReport close(long id) {
        String sql = "UPDATE citizen_reports SET state = 'closed', closed_at = ? WHERE id = ? AND state = 'open'";
        if (update(sql, Timestamp.from(clock.instant()), id) == 0) {
            find(id).orElseThrow(() -> new DoorplateException(ErrorStatus.NOT_FOUND, "no report " + id));
            throw new DoorplateException(ErrorStatus.CONFLICT, "report " + id + " is already closed");
        }
        return find(id).orElseThrow();
    }

    public Optional<CitizenReport> find(long id) {
        return query("WHERE id = ?", id).stream().findFirst();
    }

    /** Reports in a state ({@code open} or {@code closed}), oldest first, optionally of one plate. */
    public List<CitizenReport> list(String state, String plateCode, int limit) {
        if (plateCode == null) {
            return query("WHERE state = ? ORDER BY reported_at, id LIMIT ?", state, limit);
        }
        return query("WHERE state = ? AND plate_code = ? ORDER BY reported_at, id LIMIT ?", state, plateCode, limit);
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("citizen report", e);
        }
    }

    private List<CitizenReport> query(String clause, Object... parameters) {
        List<CitizenReport> reports = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM citizen_reports " + clause)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reports.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure("citizen reports", e);
        }
        return reports;
    }

    private static CitizenReport row(ResultSet rs) throws SQLException {
        Timestamp closed = rs.getTimestamp(8);
        Instant closedAt = closed == null ? null : closed.toInstant();
        return new CitizenReport(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant(), rs.getString(7), closedAt, rs.getString(9));
    }
}
