-- Doorplates (GB 17733): road or block and number, building and unit, postcode, position.
-- The code is random (never derived from the address) and is what the QR code carries.
CREATE TABLE doorplates (
    code           text PRIMARY KEY CHECK (code ~ '^[A-Z2-7]{13}$'),
    road_code      text NOT NULL REFERENCES place_names (code),
    number         text NOT NULL CHECK (char_length(number) BETWEEN 1 AND 20),
    building       text CHECK (char_length(building) <= 20),
    unit           text CHECK (char_length(unit) <= 20),
    postcode       char(6) CHECK (postcode ~ '^[0-9]{6}$'),
    community_code char(12) REFERENCES divisions (code),
    latitude       double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude      double precision CHECK (longitude BETWEEN -180 AND 180),
    device_id      text,
    state          text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'retired')),
    successor_code text REFERENCES doorplates (code),
    retired_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (successor_code IS NULL OR state = 'retired'),
    CHECK (successor_code IS DISTINCT FROM code)
);

-- One active plate per address; retired plates may share it with their successor.
CREATE UNIQUE INDEX doorplates_active_address
    ON doorplates (road_code, number, coalesce(building, ''), coalesce(unit, ''))
    WHERE state = 'active';

CREATE INDEX doorplates_road ON doorplates (road_code);
