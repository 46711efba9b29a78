-- Webhook endpoints and the durable outbox of their deliveries. An outbox row is written in
-- the same transaction as the alert change it announces, so a committed change is delivered
-- at least once; the unique key and the delivered time make sure it is delivered to the same
-- webhook no more than once.
CREATE TABLE webhooks (
    id          bigserial   PRIMARY KEY,
    url         text        NOT NULL CHECK (url ~ '^https?://'),
    secret      text        NOT NULL,
    area_prefix text        CHECK (area_prefix ~ '^[0-9]{1,12}$'), -- null: every area
    audience    text        NOT NULL CHECK (audience IN ('crew', 'supervisor')),
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL
);

CREATE TABLE webhook_outbox (
    id              bigserial   PRIMARY KEY,
    webhook_id      bigint      NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id        bigint      NOT NULL REFERENCES alert_history (id),
    body            text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz,
    failed_at       timestamptz, -- given up after the maximum attempts
    last_error      text,
    UNIQUE (webhook_id, event_id)
);

CREATE INDEX webhook_outbox_pending ON webhook_outbox (webhook_id, id)
    WHERE delivered_at IS NULL AND failed_at IS NULL;
