-- Every scan of a plate's code, as a time series. A hypertable when TimescaleDB is present;
-- a plain table (queried with date_bin) when it is not.
CREATE TABLE scans (
    scanned_at     timestamptz NOT NULL,
    plate_code     text NOT NULL,
    representation text NOT NULL,
    language       text NOT NULL,
    status         smallint NOT NULL
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM create_hypertable('scans', 'scanned_at', chunk_time_interval => interval '7 days');
    END IF;
END
$$;

CREATE INDEX scans_plate_time ON scans (plate_code, scanned_at DESC);
