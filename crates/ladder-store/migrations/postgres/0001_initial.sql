-- The ladder web app's schema, PostgreSQL dialect. Times are Unix milliseconds.
CREATE TABLE teams (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    access         TEXT NOT NULL CHECK (access IN ('member', 'manager', 'admin')),
    team_id        BIGINT REFERENCES teams (id),
    manager_id     BIGINT REFERENCES users (id),
    ladder_role    TEXT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX users_manager ON users (manager_id);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE login_attempts (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email    TEXT NOT NULL,
    ip       TEXT NOT NULL,
    success  BOOLEAN NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, at);

CREATE TABLE ladders (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('embedded', 'upload')),
    name         TEXT NOT NULL,
    label        TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    source       TEXT NOT NULL,
    uploaded_by  BIGINT REFERENCES users (id),
    created_at   BIGINT NOT NULL
);

CREATE TABLE assessments (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject_id    BIGINT NOT NULL REFERENCES users (id),
    author_id     BIGINT NOT NULL REFERENCES users (id),
    rater         TEXT NOT NULL CHECK (rater IN ('self', 'manager', 'peer')),
    ladder_id     BIGINT NOT NULL REFERENCES ladders (id),
    ladder_role   TEXT NOT NULL,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL,
    submitted_at  BIGINT
);
CREATE INDEX assessments_subject ON assessments (subject_id, created_at);

-- Submitted assessments are frozen and ladder versions never change: the
-- database refuses, whatever the application asks.
CREATE FUNCTION ladder_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;
CREATE TRIGGER assessments_frozen BEFORE UPDATE OR DELETE ON assessments
FOR EACH ROW WHEN (OLD.status = 'submitted')
EXECUTE FUNCTION ladder_refuse_change('submitted assessments are frozen');
CREATE TRIGGER ladders_frozen BEFORE UPDATE ON ladders
FOR EACH ROW
EXECUTE FUNCTION ladder_refuse_change('ladder versions are never changed; upload a new version');

CREATE TABLE evidence (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        BIGINT NOT NULL REFERENCES users (id),
    author_id      BIGINT NOT NULL REFERENCES users (id),
    assessment_id  BIGINT REFERENCES assessments (id),
    text           TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX evidence_user ON evidence (user_id, created_at);

CREATE TABLE evidence_competencies (
    evidence_id  BIGINT NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    competency   TEXT NOT NULL,
    PRIMARY KEY (evidence_id, competency)
);

CREATE TABLE audit_log (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id  BIGINT REFERENCES users (id),
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    at        BIGINT NOT NULL
);
