-- Sign-in limiting that holds under concurrency and cannot lock the owner
-- out: one row per (account, address) pair. A sign-in first takes the row's
-- lease with an atomic conditional UPDATE (so one password check per pair is
-- in flight at a time); a failure then pushes `blocked_until` out by an
-- exponential back-off, a success deletes the row.
CREATE TABLE sign_in_locks (
    key            TEXT PRIMARY KEY,
    failures       BIGINT NOT NULL,
    blocked_until  BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);

-- API tokens end with a password change; the owner still sees them, marked.
ALTER TABLE api_tokens ADD COLUMN revoked_at BIGINT;
