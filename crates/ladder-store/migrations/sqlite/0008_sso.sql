-- Single sign-on through the company's OpenID provider.
--
-- sso_identities: which provider account is which person. A person is found
-- by the provider's stable subject (`sub`), not by email, once linked: an
-- email can change or be reused at the provider; the subject does not.
CREATE TABLE sso_identities (
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_identities_user ON sso_identities (user_id);

-- A sign-in on its way through the provider: what the callback must match
-- (the state, kept as a hash), the browser it started in (a hash of a
-- cookie), the nonce the ID token must carry and the PKCE verifier. A row is
-- deleted as it is used, so a callback replayed finds nothing; rows expire
-- after ten minutes and are purged.
CREATE TABLE sso_attempts (
    state_hash    TEXT PRIMARY KEY,
    browser_hash  TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX sso_attempts_expiry ON sso_attempts (expires_at);
