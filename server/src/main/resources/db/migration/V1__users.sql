-- People who sign in: administrators, officers (household data) and maintenance crews.
-- The password is stored as PBKDF2-HMAC-SHA256 with its own salt and iteration count, so the
-- count can be raised later without invalidating stored hashes.
CREATE TABLE users (
    username            text        PRIMARY KEY CHECK (username ~ '^[a-z0-9._@-]{1,64}$'),
    password_hash       bytea       NOT NULL,
    password_salt       bytea       NOT NULL,
    password_iterations integer     NOT NULL CHECK (password_iterations > 0),
    roles               text[]      NOT NULL CHECK (roles <@ ARRAY['admin', 'officer', 'crew']),
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
