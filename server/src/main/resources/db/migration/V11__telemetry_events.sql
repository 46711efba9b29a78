-- Everything a device sends that is not a reading: events (tamper, fault, boot, low battery),
-- command results, and the header of a reading batch (whose entries go to their own tables).
-- Every accepted uplink thus leaves exactly one row keyed by (device, seq, time), which makes
-- the stored sequence numbers of a device one query over readings and events.
CREATE TABLE device_events (
    time        timestamptz NOT NULL, -- device time
    device_id   text        NOT NULL,
    seq         bigint      NOT NULL,
    received_at timestamptz NOT NULL,
    kind        text        NOT NULL, -- tamper, fault, boot, low_battery, command_result, batch
    code        bigint,               -- event detail code, command id, or a batch's entry count
    outcome     smallint,             -- command result: Outcome wire code
    detail      text
);

CREATE UNIQUE INDEX device_events_device_seq_time ON device_events (device_id, seq, time);

-- Events are rare (a few a day per device at most), so chunks of 30 days stay small.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        PERFORM create_hypertable('device_events', 'time',
            chunk_time_interval => INTERVAL '30 days', create_default_indexes => false);
    END IF;
END
$$;
