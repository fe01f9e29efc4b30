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

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use ladder_store::model::{ApiToken, User};
use rand_core::{OsRng, RngCore};
use serde::Serialize;

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

/// Hashes on a blocking thread (it takes tens of milliseconds on purpose).
async fn hash_blocking(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(format!("password hashing stopped: {e}")))?
}

/// Checks a password against a stored PHC hash, on a blocking thread.
async fn verify_blocking(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// The hash of a random password, verified against when the email is
/// unknown so that both paths cost the same.
fn decoy_hash() -> String {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY
        .get_or_init(|| hash_password(&new_token("")).unwrap_or_default())
        .clone()
}

/// What passwords must be: long enough to matter, short enough to hash.
pub fn check_password_rules(password: &str) -> Result<()> {
    let n = password.chars().count();
    if n < 10 {
        return Err(AppError::BadRequest(format!(
            "the password has {n} characters; use at least 10"
        )));
    }
    if password.len() > 1024 {
        return Err(AppError::BadRequest(
            "the password is longer than 1024 bytes; use a shorter one".into(),
        ));
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
    /// Signs in with an email and password from `address` (for rate
    /// limiting); opens a session.
    pub async fn sign_in(&self, email: &str, password: &str, address: &str) -> Result<Session> {
        let cfg = &self.config;
        let since = ladder_store::now_ms() - cfg.login_window_minutes * 60_000;
        let f = self.store.failures_since(email, address, since).await?;
        if f.by_email >= cfg.login_limit_per_email || f.by_ip >= cfg.login_limit_per_ip {
            tracing::warn!(address, "sign-in refused: too many failures");
            return Err(AppError::TooManyRequests(cfg.login_window_minutes));
        }
        let user = self.store.user_by_email(email).await?;
        let hash = match &user {
            Some(u) => u.password_hash.clone(),
            None => tokio::task::spawn_blocking(decoy_hash)
                .await
                .unwrap_or_default(),
        };
        let ok = verify_blocking(password.to_owned(), hash).await && user.is_some();
        self.store.record_attempt(email, address, ok).await?;
        let Some(user) = user.filter(|_| ok) else {
            return Err(AppError::Unauthorized);
        };
        let token = new_token("ls_");
        let expires = ladder_store::now_ms() + cfg.session_hours * 3_600_000;
        self.store
            .create_session(&token_hash(&token), user.id, expires)
            .await?;
        Ok(Session {
            user,
            token,
            hours: cfg.session_hours,
        })
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
        if !verify_blocking(current.to_owned(), user.password_hash.clone()).await {
            return Err(AppError::BadRequest(
                "the current password is not right".into(),
            ));
        }
        check_password_rules(new)?;
        let hash = hash_blocking(new.to_owned()).await?;
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
        let hash = hash_blocking(password.to_owned()).await?;
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
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_blocking("correct horse battery".into(), h.clone()).await);
        assert!(!verify_blocking("wrong horse battery".into(), h).await);
        assert!(!verify_blocking("x".into(), "not a hash".into()).await);
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
