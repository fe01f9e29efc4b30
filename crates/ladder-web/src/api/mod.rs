//! The JSON API under `/api/v1`: the application's operations for scripts
//! (with an API token) and for the pages' progressive scripts.
//!
//! [`ENDPOINTS`] is the one declaration of every route: its method, path,
//! audience, summary, body and query parameters, and its handler. The
//! router, the OpenAPI document and the access tests are all made from it,
//! and the audience is enforced by a guard on each route (before the handler
//! runs), not only documented. The operations check access again on the
//! data they touch (a manager sees only their own reports).

mod directory;
mod openapi;
mod private;
mod public;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, delete, get, patch, post, put};
use ladder_app::{Access, AppError};

use crate::auth::{Known, current_user};
use crate::error::ApiError;
use crate::state::WebState;

pub use openapi::document;

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

impl Audience {
    /// Whether a caller with `access` (none: signed out) gets past the guard.
    pub fn admits(self, access: Option<Access>) -> Result<(), AppError> {
        let least = match self {
            Audience::Public => return Ok(()),
            Audience::Member => Access::Member,
            Audience::Manager => Access::Manager,
            Audience::Admin => Access::Admin,
        };
        match access {
            None => Err(AppError::Unauthorized),
            Some(a) if a >= least => Ok(()),
            Some(_) => Err(AppError::Forbidden(match self {
                Audience::Admin => "only admins may do this",
                _ => "only managers and admins see other people",
            })),
        }
    }
}

/// An HTTP method of the API (a `Copy` type, so the table is a constant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Verb {
    /// `GET`, `POST`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Patch => "PATCH",
            Verb::Delete => "DELETE",
        }
    }
}

impl std::fmt::Display for Verb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The request body an endpoint takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// JSON, described by the named schema (see `openapi`).
    Json(&'static str),
    /// A ladder file as text.
    Ladder,
    /// A roster: CSV text or an .xlsx workbook.
    Roster,
}

/// One query parameter: name, required, description.
pub type Param = (&'static str, bool, &'static str);

/// One route of the API.
pub struct Endpoint {
    /// `GET`, `POST`, ...
    pub method: Verb,
    /// Path under `/api/v1`, with `{id}` parameters.
    pub path: &'static str,
    /// One line.
    pub summary: &'static str,
    /// Who may call it; enforced by the route's guard.
    pub audience: Audience,
    /// The body it takes.
    pub body: Option<Body>,
    /// Query parameters.
    pub query: &'static [Param],
    /// The handler, as a method router for `method`.
    pub handler: fn() -> MethodRouter<Arc<WebState>>,
}

const fn ep(
    method: Verb,
    path: &'static str,
    audience: Audience,
    summary: &'static str,
    handler: fn() -> MethodRouter<Arc<WebState>>,
) -> Endpoint {
    Endpoint {
        method,
        path,
        summary,
        audience,
        body: None,
        query: &[],
        handler,
    }
}

use Audience::{Admin, Manager, Member, Public};
use Verb::{Delete, Get, Patch, Post, Put};

/// The largest roster upload: an export of 200,000 people with ten
/// columns is about 40 MB.
pub const ROSTER_LIMIT: usize = 64 * 1024 * 1024;

/// The parameters the views of a reporting line share.
const PAGE: Param = ("page", false, "page number, from 1 (default 1)");
const LIMIT: Param = (
    "limit",
    false,
    "people per page (default 100, at most 1000)",
);
const ROLE: Param = (
    "role",
    false,
    "only people whose role on record has this id",
);
const TEAM: Param = ("team", false, "only people of this team (its id)");
const READY: Param = (
    "ready",
    false,
    "only people who are `ready` for a next role, `not-yet` ready, or `not-assessed` (by their manager's latest assessment, else their own)",
);

/// The query of the views of a reporting line: paging, then the filter.
const LINE_PAGE_QUERY: &[Param] = &[PAGE, LIMIT, ROLE, TEAM];
/// The query of the reports: a page of the line, filtered, also by readiness.
const REPORTS_QUERY: &[Param] = &[PAGE, LIMIT, ROLE, TEAM, READY];
/// The filter of a view of a whole reporting line.
const LINE_QUERY: &[Param] = &[ROLE, TEAM];

/// Every endpoint.
pub const ENDPOINTS: &[Endpoint] = &[
    ep(
        Get,
        "/roles",
        Public,
        "Every role of the ladder in force",
        || get(public::roles),
    ),
    ep(Get, "/roles/{id}", Public, "One role", || get(public::role)),
    ep(
        Get,
        "/ladder",
        Public,
        "The ladder version in force",
        || get(public::ladder),
    ),
    Endpoint {
        query: &[("from", true, "role id"), ("to", true, "role id")],
        ..ep(Get, "/compare", Public, "Two roles side by side", || {
            get(public::compare)
        })
    },
    Endpoint {
        query: &[
            ("q", true, "a job title"),
            ("company_size", false, "employees or a profile id"),
        ],
        ..ep(
            Get,
            "/titles/resolve",
            Public,
            "Resolve a job title to a role",
            || get(public::resolve_title),
        )
    },
    Endpoint {
        query: &[
            ("from", true, "role id or background:ID"),
            ("to", true, "role id"),
            ("company", false, "company-size profile id"),
        ],
        ..ep(
            Get,
            "/path",
            Public,
            "Routes from one role to another, fastest first",
            || get(public::path),
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
            Get,
            "/simulate",
            Public,
            "Monte Carlo years-to-target",
            || get(public::simulate),
        )
    },
    ep(Get, "/openapi.json", Public, "This document", || {
        get(openapi::serve)
    }),
    ep(Get, "/me", Member, "The signed-in user", || {
        get(private::me)
    }),
    ep(
        Get,
        "/me/assessments",
        Member,
        "My assessments, oldest first",
        || get(private::my_assessments),
    ),
    Endpoint {
        body: Some(Body::Json("AssessmentInput")),
        ..ep(
            Post,
            "/me/assessments",
            Member,
            "Fill a self-assessment (draft, or submit to freeze it)",
            || post(private::create_mine),
        )
    },
    ep(
        Get,
        "/assessments/{id}",
        Member,
        "One assessment with placement, gaps and readiness",
        || get(private::assessment),
    ),
    Endpoint {
        body: Some(Body::Json("AssessmentInput")),
        ..ep(
            Put,
            "/assessments/{id}",
            Member,
            "Change or submit a draft (its author only)",
            || put(private::update),
        )
    },
    ep(
        Post,
        "/assessments/{id}/share",
        Member,
        "Share a submitted manager assessment with the person assessed (its author only)",
        || post(private::share),
    ),
    ep(
        Get,
        "/me/growth",
        Member,
        "My next steps: for each next role, the competencies below its expectation, what the needed level looks like and my evidence",
        || get(private::my_growth),
    ),
    ep(
        Get,
        "/me/review",
        Member,
        "My own and my manager's latest ratings side by side (the manager's once shared)",
        || get(private::my_review),
    ),
    ep(
        Get,
        "/me/evidence",
        Member,
        "My evidence, newest first",
        || get(private::my_evidence),
    ),
    Endpoint {
        body: Some(Body::Json("EvidenceInput")),
        ..ep(
            Post,
            "/me/evidence",
            Member,
            "Record evidence tagged with competencies",
            || post(private::add_evidence),
        )
    },
    ep(Get, "/me/tokens", Member, "My API tokens", || {
        get(private::my_tokens)
    }),
    Endpoint {
        body: Some(Body::Json("TokenInput")),
        ..ep(
            Post,
            "/me/tokens",
            Member,
            "Make an API token (shown once)",
            || post(private::create_token),
        )
    },
    ep(
        Delete,
        "/me/tokens/{id}",
        Member,
        "Revoke one of my API tokens",
        || delete(private::delete_token),
    ),
    ep(
        Get,
        "/people/{id}",
        Manager,
        "A report (or anyone, for admins)",
        || get(private::person),
    ),
    ep(
        Get,
        "/people/{id}/assessments",
        Manager,
        "A report's assessments",
        || get(private::person_assessments),
    ),
    ep(
        Get,
        "/people/{id}/review",
        Manager,
        "A report's own ratings, evidence and their manager's ratings side by side",
        || get(private::person_review),
    ),
    ep(
        Get,
        "/people/{id}/growth",
        Manager,
        "A report's next steps and what stands in the way",
        || get(private::person_growth),
    ),
    Endpoint {
        body: Some(Body::Json("AssessmentInput")),
        ..ep(
            Post,
            "/people/{id}/assessments",
            Manager,
            "Rate a report as their manager",
            || post(private::rate_person),
        )
    },
    Endpoint {
        query: REPORTS_QUERY,
        ..ep(
            Get,
            "/reports",
            Manager,
            "My reports, a page at a time, with latest placement, readiness and self-versus-manager gaps (X-Total-Count, Link rel=next/prev)",
            || get(private::reports),
        )
    },
    Endpoint {
        query: LINE_PAGE_QUERY,
        ..ep(
            Get,
            "/heatmap",
            Manager,
            "Competency × person: each person's latest ratings (their manager's, else their own) against their role's expectations, a page at a time",
            || get(private::heatmap),
        )
    },
    Endpoint {
        query: LINE_QUERY,
        ..ep(
            Get,
            "/calibration",
            Manager,
            "Each manager's ratings against their people's own, and placements per role, across my line",
            || get(private::calibration),
        )
    },
    Endpoint {
        query: &[(
            "company_size",
            false,
            "compare with a company of this size: a head-count or a profile id (default: the number of people)",
        )],
        ..ep(
            Get,
            "/org",
            Admin,
            "The shape of the org from its people: functions, PM to engineer ratio, people per rung, spans, layers, and flagged titles with their reasons",
            || get(private::org),
        )
    },
    ep(Get, "/users", Admin, "Every user", || get(private::users)),
    Endpoint {
        body: Some(Body::Json("NewPerson")),
        ..ep(Post, "/users", Admin, "Make a user", || {
            post(private::add_user)
        })
    },
    Endpoint {
        body: Some(Body::Json("PersonChange")),
        ..ep(
            Patch,
            "/users/{id}",
            Admin,
            "Change a user's name, access, team, manager or role",
            || patch(private::change_user),
        )
    },
    Endpoint {
        body: Some(Body::Roster),
        query: &[
            (
                "apply",
                false,
                "`true` to write the import (default: only plan it)",
            ),
            (
                "deactivate_missing",
                false,
                "`true` to deactivate people who are not in the roster (never the caller)",
            ),
            (
                "threshold",
                false,
                "how sure the title resolver must be (0 to 1, default 0.85) to set a role; below it the role waits for confirmation",
            ),
            (
                "planned_against",
                false,
                "the people_version of a plan already read: refuse to write if people changed since",
            ),
        ],
        ..ep(
            Post,
            "/people/import",
            Admin,
            "Import a roster (CSV or .xlsx body): who is added, changed and deactivated, roles to confirm and every row that cannot be imported; written in one transaction with apply=true",
            || post(directory::import).layer(axum::extract::DefaultBodyLimit::max(ROSTER_LIMIT)),
        )
    },
    ep(
        Get,
        "/users/roles-to-confirm",
        Admin,
        "People whose imported title set no sure role, least sure first",
        || get(directory::roles_to_confirm),
    ),
    Endpoint {
        body: Some(Body::Json("RoleConfirmation")),
        ..ep(
            Put,
            "/users/{id}/role",
            Admin,
            "Confirm (or set) a person's role, clearing the guess",
            || put(directory::confirm_role),
        )
    },
    ep(
        Post,
        "/users/{id}/invite",
        Admin,
        "A one-time link for a person to choose a password (an invite, or a reset for someone who has one): emailed when the server sends mail, and returned either way",
        || post(directory::invite),
    ),
    ep(
        Post,
        "/users/{id}/deactivate",
        Admin,
        "Deactivate a person: sessions end, API tokens stop working, history stays",
        || post(directory::deactivate),
    ),
    ep(
        Post,
        "/users/{id}/reactivate",
        Admin,
        "Bring a deactivated person back",
        || post(directory::reactivate),
    ),
    ep(Get, "/teams", Admin, "Every team", || get(private::teams)),
    Endpoint {
        body: Some(Body::Json("TeamInput")),
        ..ep(Post, "/teams", Admin, "Make a team", || {
            post(private::add_team)
        })
    },
    ep(
        Get,
        "/ladders",
        Admin,
        "Every stored ladder version",
        || get(private::ladders),
    ),
    Endpoint {
        body: Some(Body::Ladder),
        ..ep(
            Post,
            "/ladders",
            Admin,
            "Upload a ladder file (TOML body); a new version, put in force",
            || post(private::upload_ladder),
        )
    },
    Endpoint {
        query: &[("limit", false, "entries (default 100, at most 1000)")],
        ..ep(Get, "/audit", Admin, "The audit log, newest first", || {
            get(private::audit)
        })
    },
];

/// Refuses a caller outside the route's audience before its handler runs,
/// and hands the user it found to the handler's extractor.
async fn guard(
    State((state, audience)): State<(Arc<WebState>, Audience)>,
    req: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = req.into_parts();
    if audience != Audience::Public {
        let user = match current_user(&parts, &state).await {
            Ok(u) => u,
            Err(e) => return ApiError(e).into_response(),
        };
        if let Err(e) = audience.admits(user.as_ref().map(|u| u.access)) {
            return ApiError::from(e).into_response();
        }
        parts.extensions.insert(Known(user));
    }
    next.run(Request::from_parts(parts, body)).await
}

/// The API router (mounted at `/api/v1`), made from [`ENDPOINTS`].
pub fn routes(state: Arc<WebState>) -> Router<Arc<WebState>> {
    let mut router = Router::new();
    for e in ENDPOINTS {
        let guarded = (e.handler)().route_layer(axum::middleware::from_fn_with_state(
            (state.clone(), e.audience),
            guard,
        ));
        router = router.route(e.path, guarded);
    }
    router
        .fallback(|| async { ApiError::from(AppError::NotFound("endpoint")) })
        .layer(axum::middleware::map_response(json_errors))
}

/// The framework's own refusals (a path id that is not a number, a query or
/// JSON body that does not parse, a wrong content type) come as plain text;
/// the API answers every error in its one JSON shape, so scripts parse one
/// thing. Their text says what was wrong and is kept as the message.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let plain = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|t| t.starts_with("text/plain"));
    if !(status.is_client_error() || status.is_server_error()) || !plain {
        return response;
    }
    // Keep the status and headers (a 405's `Allow`, say); replace the body.
    let (mut parts, body) = response.into_parts();
    let text = match axum::body::to_bytes(body, 64 * 1024).await {
        Ok(b) => String::from_utf8_lossy(&b).trim().to_owned(),
        Err(_) => String::new(),
    };
    let message = if text.is_empty() {
        status.canonical_reason().unwrap_or("error").to_lowercase()
    } else {
        text
    };
    let body = serde_json::json!({"error": message, "status": status.as_u16()});
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    parts.headers.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, axum::body::Body::from(body.to_string()))
}
