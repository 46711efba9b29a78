-- Households behind a plate, and the audit log of every view of them. Only the household
-- package reads these tables.
CREATE TABLE households (
    id            bigserial PRIMARY KEY,
    plate_code    text NOT NULL REFERENCES doorplates (code),
    head_name     text NOT NULL CHECK (char_length(head_name) BETWEEN 1 AND 50),
    members       smallint NOT NULL CHECK (members BETWEEN 1 AND 99),
    phone         text CHECK (char_length(phone) <= 40),
    note          text CHECK (char_length(note) <= 500),
    registered_on date,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX households_plate ON households (plate_code);

CREATE TABLE household_audit (
    id             bigserial PRIMARY KEY,
    viewed_at      timestamptz NOT NULL,
    username       text NOT NULL,
    plate_code     text NOT NULL,
    representation text NOT NULL CHECK (representation IN ('html', 'json', 'linkset', 'api')),
    client_address text
);

CREATE INDEX household_audit_plate ON household_audit (plate_code, viewed_at);
CREATE INDEX household_audit_time ON household_audit (viewed_at);
