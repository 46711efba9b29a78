-- Readings of both device kinds in one narrow-typed table with nullable columns. A doorplate
-- row leaves the marker columns null and the reverse; PostgreSQL stores a null as one bit in
-- the row's null bitmap, so the shared table costs a few bytes per row, while it gives the
-- ingest path one COPY target, one unique index and one query shape for every device.
-- Values keep the protocol's fixed-point units (firmware-protocol/PROTOCOL.md): exact, and
-- 2 or 4 bytes each instead of 8 for a double.
--
-- time is the DEVICE time: a buffered reading sent later keeps its original time, so charts
-- and retention follow when it was measured; received_at is when the server got it.
CREATE TABLE readings (
    time              timestamptz NOT NULL,
    device_id         text        NOT NULL,
    seq               bigint      NOT NULL,
    received_at       timestamptz NOT NULL,
    kind              smallint    NOT NULL, -- 1 doorplate, 2 marker
    battery_mv        integer,
    tamper            boolean,
    backlight         smallint,             -- Backlight wire code (doorplate)
    ambient_lux       integer,              -- doorplate
    fix_type          smallint,             -- FixType wire code; null: no fix in this reading
    latitude_e7       integer,
    longitude_e7      integer,
    height_mm         integer,
    hdop_centi        smallint,
    satellites        smallint,
    tilt_centi_deg    smallint,             -- marker
    solar_mv          integer,              -- marker
    temperature_deci_c smallint,            -- marker
    signal_dbm        smallint              -- marker
);

-- Idempotence: a repeated message has the same device, seq and time, and ON CONFLICT DO
-- NOTHING skips it. TimescaleDB requires the partitioning column in every unique index. The
-- index also serves the per-device queries (device_id prefix; chunk exclusion on time), so the
-- default time index is not created: one index less to maintain on the hot insert path.
CREATE UNIQUE INDEX readings_device_seq_time ON readings (device_id, seq, time);

-- Chunks of one day: a reading row is about 120 bytes on disk plus about 50 in the index, so
-- 10,000 markers reporting every 15 minutes (960,000 rows a day) make about 165 MB a day, which
-- keeps the chunk being written (and its index) well inside the memory of a small database
-- server, and lets retention drop whole days.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM create_hypertable('readings', 'time',
            chunk_time_interval => INTERVAL '1 day', create_default_indexes => false);
    END IF;
END
$$;
