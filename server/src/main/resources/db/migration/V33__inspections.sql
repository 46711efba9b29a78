-- Joint inspections of a boundary line by the two neighbouring divisions: each marker's
-- condition, notes and photos. Photos are kept in the database (bytea) so that they are backed
-- up, replicated and deleted together with their inspection; their size is bounded.
CREATE TABLE inspections (
    id                bigserial   PRIMARY KEY,
    line_code         text        NOT NULL REFERENCES boundary_lines (code),
    inspected_on      date        NOT NULL,
    left_inspectors   text[]      NOT NULL,
    right_inspectors  text[]      NOT NULL,
    notes             text        NOT NULL DEFAULT '',
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL
);

CREATE INDEX inspections_by_line ON inspections (line_code, inspected_on);

CREATE TABLE inspection_records (
    id            bigserial   PRIMARY KEY,
    inspection_id bigint      NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
    marker_number text        NOT NULL REFERENCES markers (number),
    condition     text        NOT NULL CHECK (condition IN ('intact', 'damaged', 'displaced', 'missing',
                                                            'restored')),
    notes         text        NOT NULL DEFAULT '',
    recorded_by   text        NOT NULL,
    recorded_at   timestamptz NOT NULL,
    UNIQUE (inspection_id, marker_number)
);

CREATE TABLE inspection_photos (
    id           bigserial   PRIMARY KEY,
    record_id    bigint      NOT NULL REFERENCES inspection_records (id) ON DELETE CASCADE,
    content_type text        NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    file_name    text        NOT NULL,
    size_bytes   integer     NOT NULL CHECK (size_bytes > 0),
    sha256       text        NOT NULL,
    data         bytea       NOT NULL,
    uploaded_by  text        NOT NULL,
    uploaded_at  timestamptz NOT NULL
);

CREATE INDEX inspection_photos_by_record ON inspection_photos (record_id, id);
