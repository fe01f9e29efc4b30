//! The JSON API under `/api/v1`: the same operations as the pages, for
//! scripts (with an API token) and for the pages' progressive scripts.
//!
//! [`ENDPOINTS`] lists every route with who may call it; the router and the
//! OpenAPI document are both checked against it by the tests, so the
//! document cannot drift from what the server answers.

mod openapi;
mod private;
mod public;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, patch};

use crate::state::AppState;

pub use openapi::document;
pub use private::{EvidenceInput, make_token, record_evidence};
pub use public::{plan, resolve_json, run_simulation};

/// Who may call an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Anyone.
    Public,
    /// Any signed-in user (their own data, or their reports' for managers).
    Member,
    /// Managers and admins.
    Manager,
    /// Admins.
    Admin,
}

/// One route of the API, as the OpenAPI document describes it.
pub struct Endpoint {
    /// `GET`, `POST`, ...
    pub method: &'static str,
    /// Path under `/api/v1`, with `{id}` parameters.
    pub path: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Who may call it.
    pub audience: Audience,
    /// The JSON body it takes, by schema name (see `openapi`).
    pub body: Option<&'static str>,
    /// Query parameters (name, required, description).
    pub query: &'static [(&'static str, bool, &'static str)],
}

const fn ep(
    method: &'static str,
    path: &'static str,
    audience: Audience,
    summary: &'static str,
) -> Endpoint {
    Endpoint {
        method,
        path,
        summary,
        audience,
        body: None,
        query: &[],
    }
}

/// Every endpoint.
pub const ENDPOINTS: &[Endpoint] = &[
    ep(
        "GET",
        "/roles",
        Audience::Public,
        "Every role of the ladder in force",
    ),
    ep("GET", "/roles/{id}", Audience::Public, "One role"),
    ep(
        "GET",
        "/ladder",
        Audience::Public,
        "The ladder version in force",
    ),
    Endpoint {
        query: &[("from", true, "role id"), ("to", true, "role id")],
        ..ep(
            "GET",
            "/compare",
            Audience::Public,
            "Two roles side by side",
        )
    },
    Endpoint {
        query: &[
            ("q", true, "a job title"),
            ("company_size", false, "employees or a profile id"),
        ],
        ..ep(
            "GET",
            "/titles/resolve",
            Audience::Public,
            "Resolve a job title to a role",
        )
    },
    Endpoint {
        query: &[
            ("from", true, "role id or background:ID"),
            ("to", true, "role id"),
            ("company", false, "company-size profile id"),
        ],
        ..ep(
            "GET",
            "/path",
            Audience::Public,
            "Routes from one role to another, fastest first",
        )
    },
    Endpoint {
        query: &[
            ("from", true, "role id"),
            ("to", true, "role id"),
            ("company", false, "company-size profile id"),
            ("runs", false, "careers to simulate (default 10000)"),
            ("seed", false, "random seed (default 1)"),
        ],
        ..ep(
            "GET",
            "/simulate",
            Audience::Public,
            "Monte Carlo years-to-target",
        )
    },
    ep("GET", "/openapi.json", Audience::Public, "This document"),
    ep("GET", "/me", Audience::Member, "The signed-in user"),
    ep(
        "GET",
        "/me/assessments",
        Audience::Member,
        "My assessments, oldest first",
    ),
    Endpoint {
        body: Some("AssessmentInput"),
        ..ep(
            "POST",
            "/me/assessments",
            Audience::Member,
            "Fill a self-assessment (draft, or submit to freeze it)",
        )
    },
    ep(
        "GET",
        "/assessments/{id}",
        Audience::Member,
        "One assessment with placement, gaps and readiness",
    ),
    Endpoint {
        body: Some("AssessmentInput"),
        ..ep(
            "PUT",
            "/assessments/{id}",
            Audience::Member,
            "Change or submit a draft (its author only)",
        )
    },
    ep(
        "GET",
        "/me/evidence",
        Audience::Member,
        "My evidence, newest first",
    ),
    Endpoint {
        body: Some("EvidenceInput"),
        ..ep(
            "POST",
            "/me/evidence",
            Audience::Member,
            "Record evidence tagged with competencies",
        )
    },
    ep("GET", "/me/tokens", Audience::Member, "My API tokens"),
    Endpoint {
        body: Some("TokenInput"),
        ..ep(
            "POST",
            "/me/tokens",
            Audience::Member,
            "Make an API token (shown once)",
        )
    },
    ep(
        "DELETE",
        "/me/tokens/{id}",
        Audience::Member,
        "Revoke one of my API tokens",
    ),
    ep(
        "GET",
        "/people/{id}",
        Audience::Manager,
        "A report (or anyone, for admins)",
    ),
    ep(
        "GET",
        "/people/{id}/assessments",
        Audience::Manager,
        "A report's assessments",
    ),
    Endpoint {
        body: Some("AssessmentInput"),
        ..ep(
            "POST",
            "/people/{id}/assessments",
            Audience::Manager,
            "Rate a report as their manager",
        )
    },
    ep(
        "GET",
        "/reports",
        Audience::Manager,
        "My reports with latest placement, readiness and self-versus-manager gaps",
    ),
    ep("GET", "/users", Audience::Admin, "Every user"),
    Endpoint {
        body: Some("UserInput"),
        ..ep("POST", "/users", Audience::Admin, "Make a user")
    },
    Endpoint {
        body: Some("UserChange"),
        ..ep(
            "PATCH",
            "/users/{id}",
            Audience::Admin,
            "Change a user's name, access, team, manager or role",
        )
    },
    ep("GET", "/teams", Audience::Admin, "Every team"),
    Endpoint {
        body: Some("TeamInput"),
        ..ep("POST", "/teams", Audience::Admin, "Make a team")
    },
    ep(
        "GET",
        "/ladders",
        Audience::Admin,
        "Every stored ladder version",
    ),
    Endpoint {
        body: Some("LadderSource"),
        ..ep(
            "POST",
            "/ladders",
            Audience::Admin,
            "Upload a ladder file (TOML body); a new version, put in force",
        )
    },
    Endpoint {
        query: &[("limit", false, "entries (default 100, at most 1000)")],
        ..ep(
            "GET",
            "/audit",
            Audience::Admin,
            "The audit log, newest first",
        )
    },
];

/// The API router (mounted at `/api/v1`).
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/roles", get(public::roles))
        .route("/roles/{id}", get(public::role))
        .route("/ladder", get(public::ladder))
        .route("/compare", get(public::compare))
        .route("/titles/resolve", get(public::resolve_title))
        .route("/path", get(public::path))
        .route("/simulate", get(public::simulate))
        .route("/openapi.json", get(openapi::serve))
        .route("/me", get(private::me))
        .route(
            "/me/assessments",
            get(private::my_assessments).post(private::create_mine),
        )
        .route(
            "/assessments/{id}",
            get(private::assessment).put(private::update),
        )
        .route(
            "/me/evidence",
            get(private::my_evidence).post(private::add_evidence),
        )
        .route(
            "/me/tokens",
            get(private::my_tokens).post(private::create_token),
        )
        .route(
            "/me/tokens/{id}",
            axum::routing::delete(private::delete_token),
        )
        .route("/people/{id}", get(private::person))
        .route(
            "/people/{id}/assessments",
            get(private::person_assessments).post(private::rate_person),
        )
        .route("/reports", get(private::reports))
        .route("/users", get(private::users).post(private::add_user))
        .route("/users/{id}", patch(private::change_user))
        .route("/teams", get(private::teams).post(private::add_team))
        .route(
            "/ladders",
            get(private::ladders).post(private::upload_ladder),
        )
        .route("/audit", get(private::audit))
        .fallback(|| async { crate::error::ApiError(crate::WebError::NotFound("endpoint")) })
}
