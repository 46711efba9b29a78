package org.doorplate.server.gazetteer;

import java.sql.SQLException;
import org.doorplate.server.error.DoorplateException;
import org.doorplate.server.error.ErrorStatus;

/** Turns a JDBC failure into the project's error vocabulary. */
public final class Sql {
    private Sql() {
    }

    /**
     * A constraint the input broke is the caller's fault (400, or 409 for a duplicate); any
     * other failure means the database is not usable right now (503).
     */
    public static DoorplateException failure(String action, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (state) {
            case "23505" -> new DoorplateException(ErrorStatus.CONFLICT, action + ": already exists");
            case "23503" -> new DoorplateException(ErrorStatus.BAD_REQUEST,
                    action + ": refers to something that does not exist");
            case "23514", "23502", "22001", "22P02", "22007", "22008" ->
                new DoorplateException(ErrorStatus.BAD_REQUEST, action + ": invalid value");
            default -> unavailable(action, e);
        };
    }

    private static DoorplateException unavailable(String action, SQLException e) {
        return new DoorplateException(ErrorStatus.UNAVAILABLE, action + ": the database is unavailable", e);
    }
}
