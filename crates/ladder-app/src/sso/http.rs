//! The HTTP client the OpenID exchange runs on: `ureq` over rustls, on
//! Tokio's blocking pool.
//!
//! `openidconnect` takes any function from a request to a future response.
//! This one follows no redirects (a token endpoint that redirects is an
//! open door for request forgery, and the crate's own guide asks for
//! none), gives up after ten seconds so a hung provider cannot hold a
//! sign-in open, and reads at most 1 MiB of an answer.

use std::time::Duration;

use openidconnect::{HttpRequest, HttpResponse};

/// Why a call to the provider did not get an answer.
#[derive(Debug, thiserror::Error)]
pub enum HttpFailure {
    /// No connection, a timeout, TLS, a body too large…
    #[error("{0}")]
    Transport(#[from] ureq::Error),
    /// The blocking thread was stopped (the server is shutting down).
    #[error("the request was stopped: {0}")]
    Stopped(String),
}

/// Longest answer read from the provider.
const MAX_BODY: u64 = 1 << 20;

/// A client for one provider.
#[derive(Clone)]
pub(crate) struct Http {
    agent: ureq::Agent,
}

impl Http {
    pub(crate) fn new() -> Http {
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .user_agent(concat!("ladder/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Http { agent }
    }

    /// Sends `request` on a blocking thread.
    pub(crate) async fn call(&self, request: HttpRequest) -> Result<HttpResponse, HttpFailure> {
        let agent = self.agent.clone();
        tokio::task::spawn_blocking(move || {
            let answer = agent.run(request)?;
            let (parts, mut body) = answer.into_parts();
            let bytes = body.with_config().limit(MAX_BODY).read_to_vec()?;
            Ok(HttpResponse::from_parts(parts, bytes))
        })
        .await
        .map_err(|e| HttpFailure::Stopped(e.to_string()))?
    }
}
