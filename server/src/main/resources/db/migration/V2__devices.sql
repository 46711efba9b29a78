-- Registered devices. The key is kept encrypted (AES-256-GCM under a key derived from the
-- master key, the device id and key version bound in as associated data): the server needs the
-- plain key to check message MACs and as the DTLS pre-shared key, so a hash would not do.
CREATE TABLE devices (
    id                text        PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9._-]{1,64}$'),
    kind              text        NOT NULL CHECK (kind IN ('doorplate', 'marker')),
    state             text        NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'disabled')),
    key_ciphertext    bytea       NOT NULL,
    key_nonce         bytea       NOT NULL CHECK (length(key_nonce) = 12),
    key_version       integer     NOT NULL DEFAULT 1 CHECK (key_version > 0),
    firmware_version  text        CHECK (firmware_version ~ '^[A-Za-z0-9._+-]{1,32}$'),
    -- Installed position in 1e-7 degree (CGCS2000), as in the protocol's GNSS fix.
    install_lat_e7    integer     CHECK (install_lat_e7 BETWEEN -900000000 AND 900000000),
    install_lon_e7    integer     CHECK (install_lon_e7 BETWEEN -1800000000 AND 1800000000),
    report_interval_s integer     NOT NULL CHECK (report_interval_s > 0),
    -- The 12-digit statistical division code of the area the device serves.
    area_code         text        CHECK (area_code ~ '^[0-9]{12}$'),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((install_lat_e7 IS NULL) = (install_lon_e7 IS NULL))
);

CREATE INDEX devices_kind_id ON devices (kind, id);
CREATE INDEX devices_area_code ON devices (area_code) WHERE area_code IS NOT NULL;
