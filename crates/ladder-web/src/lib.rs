//! `ladder-web`: the web app and JSON API of `ladder serve`.
//!
//! A translation layer and nothing more: every operation a user can do is a
//! call on [`ladder_app::App`], which checks access and does the work. This
//! crate maps requests onto those calls and their results onto answers: HTML
//! pages and forms for browsers ([`pages`]), JSON under `/api/v1` for
//! scripts ([`api`], declared once in [`api::ENDPOINTS`]), SCIM 2.0 under
//! `/scim/v2` for identity providers ([`scim`]), and the protections only
//! HTTP needs (session cookies, CSRF, security headers).
//!
//! Imports run one way: `pages` and `api` use `auth`, `error`, `html`,
//! `state` and `site`, never each other; `error` renders through `html`,
//! not through a page.

pub mod api;
pub mod auth;
mod csrf;
pub mod error;
pub mod forms;
mod html;
mod line_query;
pub mod pages;
pub mod scim;
mod security;
pub mod site;
pub mod state;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;

pub use error::WebError;
pub use state::{Config, WebState};

/// The whole app: pages, API, static assets, behind the CSRF check and the
/// security headers.
pub fn app(state: Arc<WebState>) -> Router {
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes(state.clone()))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::verify,
        ))
        // SCIM is signed by a bearer token and never by a browser's cookie:
        // outside the CSRF check, inside the security headers.
        .nest("/scim/v2", scim::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}

/// Serves the app on `listener` until `shutdown` resolves, then finishes the
/// requests in flight and closes the store. Meanwhile the app checks for a
/// ladder put in force by another instance every 5 s.
///
/// Connections are served by hyper's HTTP/1 server directly (not
/// `axum::serve`) for one setting axum does not expose: a client that has not
/// sent its headers within [`Config::header_read_timeout`] is disconnected.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<WebState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let refresher = tokio::spawn(state.app.clone().refresh_loop(Duration::from_secs(5)));
    let router = app(state.clone());
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(state.config.header_read_timeout);
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(c) => c,
                Err(e) => {
                    // Out of file descriptors, say: wait a little, go on.
                    tracing::warn!("could not accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .layer(axum::Extension(axum::extract::ConnectInfo(peer)));
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!("connection from {peer}: {e}");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
    refresher.abort();
    state.app.close().await;
    Ok(())
}
