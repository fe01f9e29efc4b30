-- What an HR system knows about a person, kept so a roster import or a
-- directory sync can tell what changed (the same file twice changes
-- nothing), and so a person who leaves stays on record as former rather
-- than being deleted with their history.
--
-- pending_role: the role the title resolver guessed for a title it was not
-- sure of, left for an admin to confirm (with its confidence, in per cent);
-- ladder_role is untouched until then.
-- deactivated_at: when the person was deactivated (NULL while active); a
-- deactivated person cannot sign in and has no sessions or live tokens.
ALTER TABLE users ADD COLUMN employee_id TEXT;
ALTER TABLE users ADD COLUMN title TEXT;
ALTER TABLE users ADD COLUMN department TEXT;
ALTER TABLE users ADD COLUMN start_date TEXT;
ALTER TABLE users ADD COLUMN pending_role TEXT;
ALTER TABLE users ADD COLUMN pending_confidence BIGINT;
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
CREATE INDEX users_employee_id ON users (employee_id);

-- A roster an admin uploaded on the web, kept while they read its plan and
-- decide to write it: the plan page then names only this row, not a copy of
-- the file, and any instance behind a load balancer can write it. Rows are
-- removed when written and purged after a day.
CREATE TABLE staged_rosters (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    staged_by   BIGINT NOT NULL REFERENCES users (id),
    file_name   TEXT NOT NULL,
    body        BYTEA NOT NULL,
    created_at  BIGINT NOT NULL
);

-- One-time links: an invite (choose a first password) or a password reset.
-- Only the SHA-256 of the token is kept; a link works once, until it
-- expires, and a new link of the same kind replaces an unused older one.
CREATE TABLE one_time_links (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
    created_by  BIGINT REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX one_time_links_user ON one_time_links (user_id, purpose);

-- SCIM provisioning. A directory (Okta, Entra ID, …) signs its requests with
-- a token an admin made (only its hash is kept). What SCIM knows of a person
-- beyond the app's own fields (their userName, the directory's externalId and
-- any attribute the app does not model, as JSON) sits beside the user, so
-- people added by hand or by import are the same users. removed_at: deleted
-- through SCIM: deactivated, kept as former, no longer a SCIM resource.
CREATE TABLE scim_tokens (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_by  BIGINT REFERENCES users (id),
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE TABLE scim_users (
    user_id      BIGINT PRIMARY KEY REFERENCES users (id),
    user_name    TEXT NOT NULL,
    -- userName in lower case: SCIM compares it without regard to case.
    user_name_key TEXT NOT NULL UNIQUE,
    external_id  TEXT,
    extra        TEXT NOT NULL,
    removed_at   BIGINT
);
CREATE TABLE scim_groups (
    team_id      BIGINT PRIMARY KEY REFERENCES teams (id),
    external_id  TEXT,
    extra        TEXT NOT NULL
);
