//! `ladder-web`: the web app and JSON API of `ladder serve`.
//!
//! A thin layer: the domain (placement, paths, simulation, title resolution)
//! is `ladder-core`, the pages a ladder makes are `ladder-render`, and what
//! people store is `ladder-store`. This crate adds accounts and who may see
//! what ([`access`]), the pages and forms a browser uses ([`pages`]), the
//! same operations as JSON under `/api/v1` ([`api`]), and the protections a
//! multi-user app needs (sessions, CSRF, rate-limited sign-in, security
//! headers).
//!
//! Both front ends call the functions in [`service`], so a rule (a manager
//! sees their reports' assessments, a submitted assessment is frozen) is
//! written once.

pub mod access;
pub mod api;
pub mod auth;
mod clock;
mod csrf;
pub mod error;
pub mod forms;
pub mod pages;
mod security;
pub mod service;
pub mod site;
pub mod state;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;

pub use error::WebError;
pub use state::{AppState, Config};

/// The whole app: pages, API, static assets, behind the CSRF check and the
/// security headers.
pub fn app(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::verify,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .with_state(state)
}

/// Serves the app on `listener` until `shutdown` resolves, then finishes the
/// requests in flight and closes the store.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let refresher = tokio::spawn(state::refresh_loop(state.clone(), Duration::from_secs(5)));
    let service = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let result = axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await;
    refresher.abort();
    state.store.close().await;
    result
}
