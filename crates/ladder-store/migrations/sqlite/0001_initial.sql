-- The ladder web app's schema, SQLite dialect. Times are Unix milliseconds.
CREATE TABLE teams (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    access         TEXT NOT NULL CHECK (access IN ('member', 'manager', 'admin')),
    team_id        INTEGER REFERENCES teams (id),
    manager_id     INTEGER REFERENCES users (id),
    ladder_role    TEXT,
    created_at     INTEGER NOT NULL
);
CREATE INDEX users_manager ON users (manager_id);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE login_attempts (
    id       INTEGER PRIMARY KEY,
    email    TEXT NOT NULL,
    ip       TEXT NOT NULL,
    success  INTEGER NOT NULL,
    at       INTEGER NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

CREATE TABLE ladders (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('embedded', 'upload')),
    name         TEXT NOT NULL,
    label        TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    source       TEXT NOT NULL,
    uploaded_by  INTEGER REFERENCES users (id),
    created_at   INTEGER NOT NULL
);

CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY,
    subject_id    INTEGER NOT NULL REFERENCES users (id),
    author_id     INTEGER NOT NULL REFERENCES users (id),
    rater         TEXT NOT NULL CHECK (rater IN ('self', 'manager', 'peer')),
    ladder_id     INTEGER NOT NULL REFERENCES ladders (id),
    ladder_role   TEXT NOT NULL,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    submitted_at  INTEGER
);
CREATE INDEX assessments_subject ON assessments (subject_id, created_at);

-- Submitted assessments are frozen: the database refuses to change them.
CREATE TRIGGER assessments_frozen BEFORE UPDATE ON assessments
WHEN OLD.status = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'submitted assessments are frozen');
END;
CREATE TRIGGER assessments_kept BEFORE DELETE ON assessments
WHEN OLD.status = 'submitted'
BEGIN
    SELECT RAISE(ABORT, 'submitted assessments are frozen');
END;
-- Ladder versions are never overwritten.
CREATE TRIGGER ladders_frozen BEFORE UPDATE ON ladders
BEGIN
    SELECT RAISE(ABORT, 'ladder versions are never changed; upload a new version');
END;

CREATE TABLE evidence (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id),
    author_id      INTEGER NOT NULL REFERENCES users (id),
    assessment_id  INTEGER REFERENCES assessments (id),
    text           TEXT NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX evidence_user ON evidence (user_id, created_at);

CREATE TABLE evidence_competencies (
    evidence_id  INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    competency   TEXT NOT NULL,
    PRIMARY KEY (evidence_id, competency)
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    actor_id  INTEGER REFERENCES users (id),
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    at        INTEGER NOT NULL
);
