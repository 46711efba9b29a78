package org.doorplate.server.telemetry;

import java.sql.Types;

/** One column of a telemetry table, with the JDBC type its nulls are bound as. */
record Column(String name, int sqlType) {
    static Column timestamp(String name) {
        return new Column(name, Types.TIMESTAMP_WITH_TIMEZONE);
    }

    static Column text(String name) {
        return new Column(name, Types.VARCHAR);
    }

    static Column bigint(String name) {
        return new Column(name, Types.BIGINT);
    }

    static Column integer(String name) {
        return new Column(name, Types.INTEGER);
    }

    static Column smallint(String name) {
        return new Column(name, Types.SMALLINT);
    }

    static Column bool(String name) {
        return new Column(name, Types.BOOLEAN);
    }
}
