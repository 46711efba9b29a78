-- The gazetteer: administrative divisions and place names (roads, streets, lanes, bridges,
-- communities, buildings) with the history of their names.

-- Divisions by their 12-digit statistical code: 2 province, 2 prefecture, 2 county (GB/T 2260),
-- 3 township, 3 village or community.
CREATE TABLE divisions (
    code           char(12) PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
    name           text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    pinyin         text CHECK (char_length(pinyin) <= 200),
    level          text NOT NULL CHECK (level IN ('province', 'prefecture', 'county', 'township', 'village')),
    parent_code    char(12) REFERENCES divisions (code),
    office_address text CHECK (char_length(office_address) <= 200),
    office_phone   text CHECK (char_length(office_phone) <= 40),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX divisions_parent ON divisions (parent_code);

-- A place name record as the place-name office keeps it. Coordinates are CGCS2000 (within a
-- few decimetres of WGS84, so phones and maps can use them directly).
CREATE TABLE place_names (
    code           text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9-]{1,32}$'),
    standard_name  text NOT NULL CHECK (char_length(standard_name) BETWEEN 1 AND 100),
    alias          text CHECK (char_length(alias) <= 100),
    pinyin         text CHECK (char_length(pinyin) <= 200),
    mongolian_name text CHECK (char_length(mongolian_name) <= 200),
    category       text NOT NULL,
    meaning        text CHECK (char_length(meaning) <= 2000),
    history        text CHECK (char_length(history) <= 4000),
    latitude       double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude      double precision CHECK (longitude BETWEEN -180 AND 180),
    in_use         boolean NOT NULL DEFAULT true,
    named_on       date,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE place_name_divisions (
    place_code    text NOT NULL REFERENCES place_names (code) ON DELETE CASCADE,
    division_code char(12) NOT NULL REFERENCES divisions (code),
    PRIMARY KEY (place_code, division_code)
);

-- Former names: a rename moves the old name here, so plates keep working and their page can
-- say "formerly ...".
CREATE TABLE place_name_history (
    id                    bigserial PRIMARY KEY,
    place_code            text NOT NULL REFERENCES place_names (code) ON DELETE CASCADE,
    former_name           text NOT NULL,
    former_pinyin         text,
    former_mongolian_name text,
    renamed_at            timestamptz NOT NULL,
    reason                text CHECK (char_length(reason) <= 500)
);

CREATE INDEX place_name_history_place ON place_name_history (place_code, renamed_at);

-- Public services shown on the scan page near a plate (police stations, clinics, schools...).
CREATE TABLE public_services (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    name_en       text CHECK (char_length(name_en) <= 150),
    kind          text NOT NULL,
    address       text CHECK (char_length(address) <= 200),
    phone         text CHECK (char_length(phone) <= 40),
    latitude      double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude     double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    division_code char(12) REFERENCES divisions (code),
    UNIQUE (name, kind)
);
