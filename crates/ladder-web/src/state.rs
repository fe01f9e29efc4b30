//! What every request shares: the store, the ladder in force with its
//! rendered pages, parsed older ladder versions, and the configuration.
//!
//! The active site sits behind an `RwLock<Arc<Site>>`: a request clones the
//! `Arc` (no lock held while it works), an upload or the refresh loop swaps
//! it. The refresh loop is what lets several instances behind a load
//! balancer agree: each checks the store every few seconds for a newer
//! version.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use ladder_core::Ladder;
use ladder_store::Store;
use ladder_store::model::{LadderKind, LadderVersion, NewLadder};

use crate::error::WebError;
use crate::site::Site;

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` and send HSTS: the app is reached over HTTPS
    /// (directly or through a TLS-terminating proxy).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (behind a trusted proxy)
    /// for sign-in rate limiting.
    pub trust_forwarded: bool,
    /// Session lifetime.
    pub session_hours: i64,
    /// Failed sign-ins per email in [`Config::login_window_minutes`] before refusing.
    pub login_limit_per_email: i64,
    /// Failed sign-ins per address in the window before refusing.
    pub login_limit_per_ip: i64,
    /// The rate-limit window.
    pub login_window_minutes: i64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: false,
            trust_forwarded: false,
            session_hours: 12,
            login_limit_per_email: 5,
            login_limit_per_ip: 50,
            login_window_minutes: 15,
        }
    }
}

/// Shared by every request.
pub struct AppState {
    /// Where everything is kept.
    pub store: Arc<dyn Store>,
    /// How the server was started.
    pub config: Config,
    site: RwLock<Arc<Site>>,
    versions: Mutex<HashMap<i64, Arc<Ladder>>>,
}

impl AppState {
    /// Stores the embedded ladder if this program's version of it is new,
    /// then loads the ladder in force.
    pub async fn new(store: Arc<dyn Store>, config: Config) -> Result<Arc<AppState>, WebError> {
        let embedded = ladder_core::embedded::ladder();
        store
            .ensure_embedded(NewLadder {
                kind: LadderKind::Embedded,
                name: embedded.ladder.name.clone(),
                label: embedded.ladder.version.clone(),
                source: ladder_core::embedded::TEXT.to_owned(),
            })
            .await?;
        let active = store
            .active_ladder()
            .await?
            .expect("the embedded ladder was just stored");
        let ladder = Arc::new(parse_stored(&active)?);
        let state = AppState {
            store,
            config,
            site: RwLock::new(Arc::new(build(active.clone(), ladder.clone())?)),
            versions: Mutex::new(HashMap::from([(active.id, ladder)])),
        };
        Ok(Arc::new(state))
    }

    /// The ladder in force with its pages.
    pub fn site(&self) -> Arc<Site> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Makes `version` (already parsed as `ladder`) the one in force.
    pub fn activate(&self, version: LadderVersion, ladder: Arc<Ladder>) -> Result<(), WebError> {
        self.versions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(version.id, ladder.clone());
        let site = Arc::new(build(version, ladder)?);
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = site;
        Ok(())
    }

    /// Swaps in the store's active ladder if it is not the one in force.
    pub async fn refresh(&self) -> Result<(), WebError> {
        let Some(active) = self.store.active_ladder().await? else {
            return Ok(());
        };
        if active.id != self.site().version.id {
            let ladder = self.ladder_version(active.id).await?;
            self.activate(active, ladder)?;
        }
        Ok(())
    }

    /// A stored ladder version, parsed (and kept for next time).
    pub async fn ladder_version(&self, id: i64) -> Result<Arc<Ladder>, WebError> {
        if let Some(l) = self
            .versions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
        {
            return Ok(l.clone());
        }
        let row = self
            .store
            .ladder(id)
            .await?
            .ok_or(WebError::NotFound("ladder version"))?;
        let ladder = Arc::new(parse_stored(&row)?);
        self.versions
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, ladder.clone());
        Ok(ladder)
    }
}

fn build(version: LadderVersion, ladder: Arc<Ladder>) -> Result<Site, WebError> {
    let id = version.id;
    Site::build(version, ladder).map_err(|e| {
        WebError::Internal(format!(
            "ladder version {id}: its title resolver does not compile: {e}"
        ))
    })
}

/// Parses a stored version; it was validated before it was stored, so a
/// failure means the database was edited by hand.
fn parse_stored(row: &LadderVersion) -> Result<Ladder, WebError> {
    ladder_core::file::parse(&row.source).map_err(|d| {
        WebError::Internal(format!(
            "stored ladder version {} no longer validates ({} problems); upload a corrected version",
            row.id,
            d.error_count()
        ))
    })
}

/// Checks the store for a newer ladder every `every`, for as long as the
/// server runs; also purges expired sessions and old sign-in attempts.
pub async fn refresh_loop(state: Arc<AppState>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    let mut n: u64 = 0;
    loop {
        tick.tick().await;
        if let Err(e) = state.refresh().await {
            tracing::warn!("could not refresh the ladder in force: {e}");
        }
        n += 1;
        if n % 720 == 1 {
            let day_ago = ladder_store::now_ms() - 86_400_000;
            if let Err(e) = state.store.purge(day_ago).await {
                tracing::warn!("could not purge old sessions: {e}");
            }
        }
    }
}
