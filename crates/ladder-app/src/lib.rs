//! `ladder-app`: every operation a user of `ladder` can do, each written
//! once, with its access check inside it.
//!
//! The front ends — the web pages, the JSON API and the `ladder` CLI — only
//! translate: a request or a command line becomes a call on [`App`], and its
//! typed result or [`AppError`] becomes a page, a JSON body or an exit code.
//! So a rule (a manager sees their reports' assessments and no one else's; a
//! submitted assessment is frozen; the last admin stays an admin) cannot be
//! forgotten by one front end, and the CLI works against the same ladder in
//! force as the server.
//!
//! Layering: `ladder-app` sits on `ladder-core` (the domain) and
//! `ladder-store` (persistence) and knows nothing of HTTP or of a terminal.
//! CPU-heavy work (password hashing, simulation) runs on Tokio's blocking
//! pool inside the operation, so a caller on an async executor never
//! stalls it by forgetting to.
//!
//! One file per kind of work: [`auth`] (sign-in, sessions, passwords,
//! tokens), [`people`] (users, teams, the audit log), [`ladders`] (versions
//! and the one in force), [`assessments`] and [`evidence`], [`team`] (the
//! manager's view, a page at a time), [`growth`] (the next step and what
//! stands in its way), [`heatmap`] (competency × person), [`review`] (self and manager side by side),
//! [`calibration`] (managers' ratings against their people's own), [`import`] (rosters from HR
//! exports), [`invites`] (one-time links, sent by [`mail`]), [`sso`] (sign-in through an OpenID provider) and [`tools`] (title resolution,
//! comparisons, paths, simulation).

#![deny(missing_docs)]

mod access;
pub mod assessments;
pub mod auth;
pub mod calibration;
pub mod clock;
pub mod demo;
mod error;
pub mod evidence;
pub mod growth;
pub mod heatmap;
pub mod import;
pub mod invites;
mod kept;
pub mod ladders;
mod lines;
pub mod mail;
pub mod org;
pub mod people;
pub mod provisioning;
pub mod ready;
pub mod review;
mod scored;
pub mod sso;
pub mod team;
pub mod tools;

use std::sync::Arc;
use std::time::Duration;

use ladder_store::Store;
use ladder_store::model::User;

pub use error::{AppError, Problem, Result};
pub use ladder_core::assess::Rater;
pub use ladder_store::model::Access;
pub use ladders::{InForce, LadderPreview, LadderUpload};

/// Tunable limits of the app (sessions and sign-in limiting; see [`auth`]).
#[derive(Debug, Clone)]
pub struct Config {
    /// Session lifetime.
    pub session_hours: i64,
    /// Failed sign-ins in a row for one account from one address before each
    /// further try there waits: 1 s, then doubling, up to the window.
    pub free_sign_in_failures: i64,
    /// Failed sign-ins for one account, from anywhere, in the window after
    /// which every try on it is slowed (never refused: the owner still gets in).
    pub slow_after_per_account: i64,
    /// Failed sign-ins from one address in the window after which every try
    /// from it is slowed.
    pub slow_after_per_address: i64,
    /// The counting window, and the longest back-off.
    pub login_window_minutes: i64,
    /// Password checks at once (Argon2id takes 19 MiB each): a burst queues
    /// instead of taking memory.
    pub hashing_permits: usize,
    /// How email goes out (invites and password resets); none sends nothing.
    pub mail: Option<mail::MailSettings>,
    /// Sign-in through an OpenID provider; none signs in by password only.
    pub sso: Option<sso::SsoSettings>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            session_hours: 12,
            free_sign_in_failures: 5,
            slow_after_per_account: 20,
            slow_after_per_address: 50,
            login_window_minutes: 15,
            hashing_permits: std::thread::available_parallelism().map_or(2, |n| n.get()),
            mail: None,
            sso: None,
        }
    }
}

/// Who asks for an operation that changes the organisation: a signed-in
/// user (whose access is checked), or the operator at the shell of the
/// server (`ladder user …`), who holds the database and so every right.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// A signed-in user.
    User(&'a User),
    /// The operator running `ladder` against the database.
    Shell,
}

impl<'a> From<&'a User> for Actor<'a> {
    fn from(u: &'a User) -> Self {
        Actor::User(u)
    }
}

impl Actor<'_> {
    /// The user id the audit log records (none for the shell).
    pub fn id(self) -> Option<i64> {
        match self {
            Actor::User(u) => Some(u.id),
            Actor::Shell => None,
        }
    }
}

/// The application: the store, the ladder in force and the limits.
pub struct App {
    store: Arc<dyn Store>,
    config: Config,
    ladders: ladders::Ladders,
    passwords: auth::Passwords,
    lines: lines::LineCache,
    scored: scored::ScoredCache,
    calibrations: kept::Kept<calibration::Calibration>,
    readiness: kept::Kept<ready::LineReadiness>,
    mailer: Option<mail::Mailer>,
    sso: Option<Box<sso::Sso>>,
}

impl App {
    /// Opens the app on `store`: stores this program's built-in ladder if it
    /// is new there, then loads the ladder in force.
    pub async fn open(store: Arc<dyn Store>, config: Config) -> Result<Arc<App>> {
        let ladders = ladders::Ladders::load(store.as_ref()).await?;
        let passwords = auth::Passwords::new(config.hashing_permits).await?;
        let mailer = config.mail.as_ref().map(mail::Mailer::new).transpose()?;
        let sso = config
            .sso
            .clone()
            .map(|s| sso::Sso::new(s).map(Box::new))
            .transpose()?;
        Ok(Arc::new(App {
            mailer,
            sso,
            store,
            config,
            ladders,
            passwords,
            lines: lines::LineCache::default(),
            scored: scored::ScoredCache::default(),
            calibrations: kept::Kept::default(),
            readiness: kept::Kept::default(),
        }))
    }

    /// The limits the app was opened with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// How many accounts exist (the server's banner says how to make the
    /// first one when there are none).
    pub async fn account_count(&self) -> Result<i64> {
        Ok(self.store.user_count().await?)
    }

    /// Checks the store for a newer ladder every `every`, for as long as it
    /// runs (several instances behind a load balancer agree this way); also
    /// purges expired sessions and day-old sign-in attempts every hour.
    pub async fn refresh_loop(self: Arc<Self>, every: Duration) {
        let mut tick = tokio::time::interval(every);
        let per_hour = (3600 / every.as_secs().max(1)).max(1);
        let mut n: u64 = 0;
        loop {
            tick.tick().await;
            if let Err(e) = self.refresh().await {
                tracing::warn!("could not refresh the ladder in force: {e}");
            }
            if n.is_multiple_of(per_hour) {
                let day_ago = ladder_store::now_ms() - 86_400_000;
                if let Err(e) = self.store.purge(day_ago).await {
                    tracing::warn!("could not purge old sessions: {e}");
                }
                if let Err(e) = self.store.drop_staged(0, day_ago).await {
                    tracing::warn!("could not purge staged rosters: {e}");
                }
            }
            n += 1;
        }
    }

    /// Closes the store, waiting for connections in use.
    pub async fn close(&self) {
        self.store.close().await;
    }
}
