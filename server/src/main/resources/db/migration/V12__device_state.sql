-- The latest known state of each device, upserted in the same transaction as its readings.
-- last_seq seeds the replay window after a restart. The value columns come from the reading
-- with the latest device time, so a late batch of old readings never overwrites newer values;
-- the position columns come from the latest reading that had a fix.
CREATE TABLE device_state (
    device_id          text        PRIMARY KEY,
    kind               smallint    NOT NULL,
    last_seen          timestamptz NOT NULL, -- received time of the latest uplink
    last_seq           bigint      NOT NULL, -- highest accepted sequence number
    reading_time       timestamptz,          -- device time of the reading the values come from
    battery_mv         integer,
    tamper             boolean,
    backlight          smallint,
    ambient_lux        integer,
    tilt_centi_deg     smallint,
    solar_mv           integer,
    temperature_deci_c smallint,
    signal_dbm         smallint,
    position_time      timestamptz,          -- device time of the latest fix
    fix_type           smallint,
    latitude_e7        integer,
    longitude_e7       integer,
    height_mm          integer,
    hdop_centi         smallint,
    satellites         smallint
);
