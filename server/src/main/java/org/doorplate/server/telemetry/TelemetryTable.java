package org.doorplate.server.telemetry;

import static org.doorplate.server.telemetry.Column.bigint;
import static org.doorplate.server.telemetry.Column.bool;
import static org.doorplate.server.telemetry.Column.integer;
import static org.doorplate.server.telemetry.Column.smallint;
import static org.doorplate.server.telemetry.Column.text;
import static org.doorplate.server.telemetry.Column.timestamp;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The append-only tables the batch writer fills, in the column order of their rows. The first
 * three columns are always time, device_id and seq: the idempotence key.
 */
enum TelemetryTable {
    READINGS("readings", List.of(
        timestamp("time"), text("device_id"), bigint("seq"), timestamp("received_at"), smallint("kind"),
        integer("battery_mv"), bool("tamper"), smallint("backlight"), integer("ambient_lux"),
        smallint("fix_type"), integer("latitude_e7"), integer("longitude_e7"), integer("height_mm"),
        smallint("hdop_centi"), smallint("satellites"), smallint("tilt_centi_deg"), integer("solar_mv"),
        smallint("temperature_deci_c"), smallint("signal_dbm"))),
    EVENTS("device_events", List.of(
        timestamp("time"), text("device_id"), bigint("seq"), timestamp("received_at"), text("kind"),
        bigint("code"), smallint("outcome"), text("detail")));

    private final String tableName;
    private final List<Column> columns;
    private final String columnList;

    TelemetryTable(String tableName, List<Column> columns) {
        this.tableName = tableName;
        this.columns = columns;
        this.columnList = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    String tableName() {
        return tableName;
    }

    List<Column> columns() {
        return columns;
    }

    /** The column names, comma-separated, in row order. */
    String columnList() {
        return columnList;
    }
}
