//! What every request shares: the application, the rendered public site of
//! the ladder in force, and how the server was started.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use ladder_app::App;

use crate::site::{Site, SiteCache};

/// How the server was started (what only the web layer needs; the app's own
/// limits are [`ladder_app::Config`]).
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` and send HSTS: the app is reached over HTTPS
    /// (directly or through a TLS-terminating proxy).
    pub secure_cookies: bool,
    /// How many proxies in front of the server append to `X-Forwarded-For`
    /// (0: ignore the header, the peer address is the client). The client is
    /// the entry that many places from the right: entries further left were
    /// written by the client and are not believed.
    pub trusted_proxies: usize,
    /// How long a client may take to send a request's headers before the
    /// connection is closed (a slow client cannot hold connections open).
    pub header_read_timeout: Duration,
    /// The text of the ladder's sources by file name (`serve --sources-dir`):
    /// role pages show each statement's passage from them.
    pub source_texts: Arc<HashMap<String, String>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: false,
            trusted_proxies: 0,
            header_read_timeout: Duration::from_secs(10),
            source_texts: Arc::default(),
        }
    }
}

/// Shared by every request.
pub struct WebState {
    /// Every operation.
    pub app: Arc<App>,
    /// How the server was started.
    pub config: Config,
    site: SiteCache,
}

impl WebState {
    /// The web front of `app`.
    pub fn new(app: Arc<App>, config: Config) -> Arc<WebState> {
        Arc::new(WebState {
            site: SiteCache::new(&app, config.source_texts.clone()),
            app,
            config,
        })
    }

    /// The rendered site of the ladder in force.
    pub fn site(&self) -> Arc<Site> {
        self.site.get(&self.app)
    }

    /// The name of the ladder in force, for page headers.
    pub fn ladder_name(&self) -> String {
        self.app.ladder().ladder.ladder.name.clone()
    }
}
