-- Downlink commands, kept until the device confirms them with a command_result uplink.
-- The id is the protocol's command id: one sequence for all devices, so it is also strictly
-- increasing per device, as the protocol requires.
CREATE TABLE commands (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id    text        NOT NULL CHECK (device_id ~ '^[A-Za-z0-9._-]{1,64}$'),
    type         text        NOT NULL CHECK (type IN ('report_interval', 'thresholds', 'reboot', 'locate')),
    -- The action's parameters in the protocol's wire names and units, e.g. {"interval_s": 900}.
    params       jsonb       NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    -- How often it went out (MQTT publishes and CoAP piggybacked responses) and over which
    -- transport last: a command once delivered over CoAP is not published over MQTT again.
    sent_count   integer     NOT NULL DEFAULT 0 CHECK (sent_count >= 0),
    last_sent_at timestamptz,
    last_channel text        CHECK (last_channel IN ('mqtt', 'coap')),
    -- When the next MQTT publish is due; null once the bounded resends are used up (an uplink
    -- from the device arms it again).
    next_send_at timestamptz,
    confirmed_at timestamptz,
    outcome      text        CHECK (outcome IN ('ok', 'failed', 'unsupported')),
    detail       text,
    CHECK ((confirmed_at IS NULL) = (outcome IS NULL))
);

-- The hot lookups: a device's oldest pending command, and the MQTT resends that are due.
CREATE INDEX commands_pending_by_device ON commands (device_id, id) WHERE confirmed_at IS NULL;
CREATE INDEX commands_resend_due ON commands (next_send_at) WHERE confirmed_at IS NULL AND next_send_at IS NOT NULL;
CREATE INDEX commands_by_device ON commands (device_id, id DESC);
