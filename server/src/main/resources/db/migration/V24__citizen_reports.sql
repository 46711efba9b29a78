-- Problems citizens report from the scan page: work items for the maintenance crews.
CREATE TABLE citizen_reports (
    id          bigserial PRIMARY KEY,
    plate_code  text NOT NULL REFERENCES doorplates (code),
    category    text NOT NULL
        CHECK (category IN ('damaged', 'missing', 'wrong_info', 'unreadable', 'light_off', 'other')),
    description text NOT NULL CHECK (char_length(description) <= 500),
    contact     text CHECK (char_length(contact) <= 100),
    reported_at timestamptz NOT NULL,
    state       text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    closed_at   timestamptz,
    alert_id    text
);

CREATE INDEX citizen_reports_open ON citizen_reports (reported_at) WHERE state = 'open';
CREATE INDEX citizen_reports_plate ON citizen_reports (plate_code, reported_at);
