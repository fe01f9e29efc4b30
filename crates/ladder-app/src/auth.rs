//! Signing in and out, passwords, sessions and API tokens.
//!
//! * Passwords are hashed with Argon2id (the `argon2` crate's defaults: 19 MiB,
//!   2 passes) in PHC form, on a blocking thread so a sign-in does not stall
//!   other requests.
//! * Session and API tokens are 32 random bytes from the OS, hex, with a
//!   prefix that says what they are (`ls_` sessions, `lt_` API tokens); the
//!   store keeps only their SHA-256, so a copy of the database lets no one in.
//! * Sign-in is rate limited with the attempts kept in the store (shared by
//!   every instance): after `login_limit_per_email` failures for one email, or
//!   `login_limit_per_ip` from one address, within the window, further tries
//!   are refused until the window passes. An unknown email is checked against
//!   a decoy hash, so it costs the same Argon2 work as a wrong password.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use ladder_store::model::{ApiToken, Lease, User};
use rand_core::{OsRng, RngCore};
use serde::Serialize;
use tokio::sync::Semaphore;

use crate::access::require_admin;
use crate::{Actor, App, AppError, Result};

/// Hashes a password with Argon2id and a random salt, in PHC form (on the
/// calling thread: use it where blocking is fine, e.g. tests and the CLI).
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("could not hash the password: {e}")))
}

/// Password hashing and checking, a few at a time, with a decoy hash so an
/// unknown email costs the same work as a wrong password.
pub(crate) struct Passwords {
    permits: Semaphore,
    decoy: String,
}

impl Passwords {
    /// `permits` checks at once; the decoy is hashed now, not on the first
    /// sign-in with an unknown email (which would make that one slower).
    pub(crate) async fn new(permits: usize) -> Result<Passwords> {
        let decoy = tokio::task::spawn_blocking(|| hash_password(&new_token("")))
            .await
            .map_err(|e| AppError::Internal(format!("password hashing stopped: {e}")))??;
        Ok(Passwords {
            permits: Semaphore::new(permits.max(1)),
            decoy,
        })
    }

    /// Hashes on a blocking thread (it takes tens of milliseconds on purpose).
    pub(crate) async fn hash(&self, password: String) -> Result<String> {
        let _permit = self.permits.acquire().await.map_err(|_| closed())?;
        tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(|e| AppError::Internal(format!("password hashing stopped: {e}")))?
    }

    /// Checks a password against a stored hash, or against the decoy when
    /// there is none (and then says no), on a blocking thread: the same work
    /// either way.
    pub(crate) async fn verify(&self, password: String, hash: Option<String>) -> bool {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.decoy.clone());
        let Ok(_permit) = self.permits.acquire().await else {
            return false;
        };
        let matches = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        matches && known
    }
}

fn closed() -> AppError {
    AppError::Internal("the password checker is shut down".into())
}

/// How long a granted sign-in may take before its lease lapses (a process
/// killed mid-check must not leave the pair locked).
const LEASE_MS: i64 = 30_000;
/// The most a sign-in is slowed by failures on its account or address.
const MAX_SLOWDOWN_MS: i64 = 2_000;

/// The wait before the next try after `failures` in a row: none for the
/// first `free`, then 1 s, doubling, up to `cap_ms`.
fn backoff_ms(failures: i64, free: i64, cap_ms: i64) -> i64 {
    if failures < free {
        0
    } else {
        (1_000i64 << (failures - free).min(30)).min(cap_ms)
    }
}

/// The extra time a try waits when `failures` exceed `after`: 100 ms per
/// failure beyond it.
fn slowdown_ms(failures: i64, after: i64) -> i64 {
    (failures - after).max(0) * 100
}

/// Longest password, in bytes.
pub const MAX_PASSWORD: usize = 1024;

/// What passwords must be: long enough to matter, short enough to hash.
pub fn check_password_rules(password: &str) -> Result<()> {
    let n = password.chars().count();
    if n < 10 {
        return Err(AppError::BadRequest(format!(
            "the password has {n} characters; use at least 10"
        )));
    }
    if password.len() > MAX_PASSWORD {
        return Err(AppError::BadRequest(format!(
            "the password is longer than {MAX_PASSWORD} bytes; use a shorter one"
        )));
    }
    Ok(())
}

/// A new random token: 32 bytes from the OS, hex, after `prefix`.
pub fn new_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let mut s = String::with_capacity(prefix.len() + 64);
    s.push_str(prefix);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// What the store keeps of a token.
pub fn token_hash(token: &str) -> String {
    ladder_store::sha256_hex(token)
}

/// A session just opened: the token goes into the browser's cookie.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who signed in.
    pub user: User,
    /// The session token (shown this once).
    pub token: String,
    /// How long it lasts, in hours.
    pub hours: i64,
}

/// An API token as made: the secret is shown this once.
#[derive(Debug, Clone, Serialize)]
pub struct NewToken {
    /// The stored record.
    #[serde(flatten)]
    pub record: ApiToken,
    /// The token; send it as `Authorization: Bearer TOKEN`.
    pub token: String,
}

impl App {
    /// Signs in with an email and password from `address`; opens a session.
    ///
    /// Limits, in order: one password check at a time per (account,
    /// address) pair, taken with an atomic lease, so a burst cannot outrun
    /// the count; after `free_sign_in_failures` failures in a row the pair
    /// backs off exponentially (only that pair: the owner elsewhere is not
    /// locked out); many failures on the account or from the address slow
    /// every try a little, never refuse it, and the first time the account
    /// passes its threshold the audit log says so.
    pub async fn sign_in(&self, email: &str, password: &str, address: &str) -> Result<Session> {
        self.passwords_on()?;
        let cfg = &self.config;
        // Nothing longer than an account could have is looked at (or stored
        // as a limiter key); the answer depends on length alone.
        if email.len() > crate::people::MAX_EMAIL || password.len() > MAX_PASSWORD {
            return Err(AppError::BadRequest(format!(
                "an email has at most {} bytes and a password at most {MAX_PASSWORD}",
                crate::people::MAX_EMAIL
            )));
        }
        let email_key = email.trim().to_lowercase();
        let key = format!("{email_key} {address}");
        let now = ladder_store::now_ms();
        let window_ms = cfg.login_window_minutes * 60_000;
        let failures = match self.store.lease_sign_in(&key, now, LEASE_MS).await? {
            Lease::Granted { failures } => failures,
            Lease::Busy { failures, until } => {
                let wait_seconds = if failures < cfg.free_sign_in_failures {
                    1 // another check of this pair is in flight
                } else {
                    ((until - now + 999) / 1000).max(1)
                };
                tracing::info!(address, "sign-in refused: backing off");
                return Err(AppError::TooManyRequests { wait_seconds });
            }
        };
        let seen = self
            .store
            .failures_since(&email_key, address, now - window_ms)
            .await?;
        if seen.by_email == cfg.slow_after_per_account {
            let detail = format!(
                "{} failed sign-ins in {} minutes; tries on this account are now slowed",
                seen.by_email, cfg.login_window_minutes
            );
            self.store
                .note(
                    "user.sign_in_failures",
                    format!("email:{email_key}"),
                    detail,
                )
                .await?;
        }
        let slow = slowdown_ms(seen.by_email, cfg.slow_after_per_account)
            + slowdown_ms(seen.by_ip, cfg.slow_after_per_address);
        if slow > 0 {
            let ms = slow.min(MAX_SLOWDOWN_MS) as u64;
            tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
        }
        // Someone who has left, or was imported and has not set a password
        // yet, is checked against the decoy like an unknown email: the same
        // work, and the same answer.
        let user = self
            .store
            .user_by_email(email)
            .await?
            .filter(|u| u.is_active() && !u.password_hash.is_empty());
        let hash = user.as_ref().map(|u| u.password_hash.clone());
        let ok = self.passwords.verify(password.to_owned(), hash).await;
        self.store.record_attempt(email, address, ok).await?;
        let (failures, blocked_until) = if ok {
            (0, 0)
        } else {
            let n = failures + 1;
            let wait = backoff_ms(n, cfg.free_sign_in_failures, window_ms);
            (n, ladder_store::now_ms() + wait)
        };
        self.store
            .settle_sign_in(&key, ok, failures, blocked_until)
            .await?;
        let Some(user) = user.filter(|_| ok) else {
            return Err(AppError::Unauthorized);
        };
        self.open_session(user).await
    }

    /// A new session for `user`.
    pub(crate) async fn open_session(&self, user: User) -> Result<Session> {
        let hours = self.config.session_hours;
        let token = new_token("ls_");
        let expires = ladder_store::now_ms() + hours * 3_600_000;
        self.store
            .create_session(&token_hash(&token), user.id, expires)
            .await?;
        Ok(Session { user, token, hours })
    }

    /// Ends the session with this token (nothing happens if there is none).
    pub async fn sign_out(&self, session_token: &str) -> Result<()> {
        Ok(self
            .store
            .delete_session(&token_hash(session_token))
            .await?)
    }

    /// The user of a live session.
    pub async fn session_user(&self, session_token: &str) -> Result<Option<User>> {
        Ok(self.store.session_user(&token_hash(session_token)).await?)
    }

    /// The owner of an API token.
    pub async fn token_user(&self, api_token: &str) -> Result<Option<User>> {
        Ok(self.store.token_user(&token_hash(api_token)).await?)
    }

    /// Changes one's own password after checking the current one; every
    /// session of the user ends (they sign in again).
    pub async fn change_own_password(&self, user: &User, current: &str, new: &str) -> Result<()> {
        self.passwords_on()?;
        let hash = Some(user.password_hash.clone());
        if !self.passwords.verify(current.to_owned(), hash).await {
            return Err(AppError::BadRequest(
                "the current password is not right".into(),
            ));
        }
        check_password_rules(new)?;
        let hash = self.passwords.hash(new.to_owned()).await?;
        Ok(self
            .store
            .set_password(user.id, &hash, Some(user.id))
            .await?)
    }

    /// Sets someone's password (admins, and the shell's `ladder user
    /// password`); their sessions end. Returns the user.
    pub async fn set_password(&self, by: Actor<'_>, email: &str, password: &str) -> Result<User> {
        require_admin(by)?;
        check_password_rules(password)?;
        let user = self.user_by_email(by, email).await?;
        let hash = self.passwords.hash(password.to_owned()).await?;
        self.store.set_password(user.id, &hash, by.id()).await?;
        Ok(user)
    }

    /// Makes an API token for oneself.
    pub async fn make_token(&self, user: &User, name: &str) -> Result<NewToken> {
        let name = name.trim();
        if name.is_empty() || name.len() > 100 {
            return Err(AppError::BadRequest(
                "name the token (1 to 100 bytes)".into(),
            ));
        }
        let token = new_token("lt_");
        let record = self
            .store
            .create_token(user.id, name, &token_hash(&token))
            .await?;
        Ok(NewToken { record, token })
    }

    /// Makes an API token for the account with this email (admins, and the
    /// shell's `ladder user token`).
    pub async fn make_token_for(&self, by: Actor<'_>, email: &str, name: &str) -> Result<NewToken> {
        require_admin(by)?;
        let user = self.user_by_email(by, email).await?;
        self.make_token(&user, name).await
    }

    /// One's own API tokens, newest first.
    pub async fn tokens(&self, user: &User) -> Result<Vec<ApiToken>> {
        Ok(self.store.tokens(user.id).await?)
    }

    /// Revokes one of one's own API tokens.
    pub async fn revoke_token(&self, user: &User, id: i64) -> Result<()> {
        if self.store.delete_token(user.id, id).await? {
            Ok(())
        } else {
            Err(AppError::NotFound("token"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let p = Passwords::new(2).await.unwrap();
        let h = p.hash("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(
            p.verify("correct horse battery".into(), Some(h.clone()))
                .await
        );
        assert!(!p.verify("wrong horse battery".into(), Some(h)).await);
        assert!(!p.verify("x".into(), Some("not a hash".into())).await);
        assert!(
            !p.verify("anything".into(), None).await,
            "the decoy never matches"
        );
    }

    #[test]
    fn back_off_doubles_after_the_free_tries_and_stops_at_the_window() {
        let w = 15 * 60_000;
        assert_eq!(backoff_ms(4, 5, w), 0);
        assert_eq!(backoff_ms(5, 5, w), 1_000);
        assert_eq!(backoff_ms(6, 5, w), 2_000);
        assert_eq!(backoff_ms(14, 5, w), 512_000);
        assert_eq!(backoff_ms(15, 5, w), w);
        assert_eq!(backoff_ms(10_000, 5, w), w);
        assert_eq!(slowdown_ms(20, 20), 0);
        assert_eq!(slowdown_ms(23, 20), 300);
    }

    #[test]
    fn tokens_are_random_and_prefixed() {
        let (a, b) = (new_token("lt_"), new_token("lt_"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 3 + 64);
        assert!(a.starts_with("lt_"));
        assert_eq!(token_hash(&a).len(), 64);
    }

    #[test]
    fn password_rules() {
        assert!(check_password_rules("short").is_err());
        assert!(check_password_rules("long enough pw").is_ok());
    }
}
