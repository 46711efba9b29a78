-- Alerts and their history. At most one live (open or acknowledged) alert per subject and
-- fault type: the partial unique index enforces it even when two server instances raise the
-- same fault at once.
CREATE TABLE alerts (
    id               bigserial   PRIMARY KEY,
    subject_id       text        NOT NULL,
    fault_type       text        NOT NULL,
    severity         text        NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    area_code        text        CHECK (area_code ~ '^[0-9]{1,12}$'),
    message          text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
    opened_at        timestamptz NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  text,
    resolved_at      timestamptz,
    resolved_by      text,
    reminders        integer     NOT NULL DEFAULT 0,
    escalations      integer     NOT NULL DEFAULT 0,
    last_notified_at timestamptz NOT NULL -- opened, or the latest reminder or escalation
);

CREATE UNIQUE INDEX alerts_one_live ON alerts (subject_id, fault_type) WHERE state <> 'resolved';
CREATE INDEX alerts_by_state ON alerts (state, id);
CREATE INDEX alerts_by_area ON alerts (area_code, id);
CREATE INDEX alerts_by_subject ON alerts (subject_id, id);

-- Every state change, reminder and escalation; its id is the event id crews receive.
CREATE TABLE alert_history (
    id       bigserial   PRIMARY KEY,
    alert_id bigint      NOT NULL REFERENCES alerts (id),
    kind     text        NOT NULL CHECK (kind IN ('opened', 'acknowledged', 'resolved', 'cleared',
                                                  'reminded', 'escalated')),
    at       timestamptz NOT NULL,
    actor    text,
    state    text        NOT NULL,
    severity text        NOT NULL
);

CREATE INDEX alert_history_by_alert ON alert_history (alert_id, id);
