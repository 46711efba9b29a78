-- Boundary lines between two divisions and the markers along them, each with its surveyed
-- reference position (CGCS2000) and the device fitted to it.
CREATE TABLE boundary_lines (
    code           text        PRIMARY KEY CHECK (code ~ '^[0-9A-Z]{4}$'),
    name           text        NOT NULL,
    left_division  text        NOT NULL CHECK (left_division ~ '^[0-9]{12}$'),
    right_division text        NOT NULL CHECK (right_division ~ '^[0-9]{12}$'),
    course         jsonb       NOT NULL, -- [[lon, lat], ...], the line's polyline
    created_at     timestamptz NOT NULL,
    CHECK (left_division <> right_division)
);

CREATE TABLE markers (
    number     text             PRIMARY KEY CHECK (number ~ '^[0-9A-Z]{4}[0-9]{3}[ABCDEQ]$'),
    line_code  text             NOT NULL REFERENCES boundary_lines (code),
    sequence   integer          NOT NULL CHECK (sequence BETWEEN 1 AND 999),
    type       char(1)          NOT NULL CHECK (type IN ('A', 'B', 'C', 'D', 'E', 'Q')),
    latitude   double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude  double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    height     double precision NOT NULL,
    device_id  text             UNIQUE,
    notes      text             NOT NULL DEFAULT '',
    created_at timestamptz      NOT NULL,
    updated_at timestamptz      NOT NULL
);

CREATE INDEX markers_by_line ON markers (line_code, sequence);
