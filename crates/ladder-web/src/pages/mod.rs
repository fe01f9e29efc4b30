//! The HTML pages. Server-rendered with askama (auto-escaping), each one a
//! plain form or link away from the next, so everything works without
//! JavaScript; `/app.js` only adds conveniences (reading an uploaded file
//! into the text box, confirming a submission).
//!
//! Public ladder pages are the `ladder-render` pages of the ladder in force,
//! rendered once per version (see `site`); their links end in `.html`, so the
//! routes answer both `/roles/pm` and `/roles/pm.html`.

mod account;
mod admin;
mod assess;
mod assess_form;
mod audit;
mod growth;
mod import;
mod links;
mod org;
mod people;
mod public;
mod settings;
mod sso;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};

use crate::html::error_page;
use crate::state::WebState;

pub(crate) use crate::html::render;

const APP_CSS: &str = include_str!("../../assets/app.css");
const APP_JS: &str = include_str!("../../assets/app.js");

/// The page routes.
pub fn routes() -> Router<Arc<WebState>> {
    Router::new()
        .route("/", get(public::index))
        .route("/index.html", get(public::index))
        .route("/roles/{id}", get(public::role))
        .route("/competencies", get(public::competencies))
        .route("/competencies.html", get(public::competencies))
        .route("/compare", get(public::compare_form))
        .route("/compare/{pair}", get(public::compare))
        .route("/titles", get(public::titles))
        .route("/paths", get(public::paths))
        .route("/healthz", get(|| async { "ok" }))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .route(
            "/style.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    ladder_render::STYLESHEET,
                )
            }),
        )
        .route(
            "/app.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    APP_CSS,
                )
            }),
        )
        .route(
            "/app.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    APP_JS,
                )
            }),
        )
        .route("/login", get(account::login_form).post(account::login))
        .route("/logout", post(account::logout))
        .route("/auth/sso", get(sso::begin))
        .route("/auth/sso/callback", get(sso::callback))
        .route("/forgot", get(links::forgot_form).post(links::forgot))
        .route(
            "/welcome/{token}",
            get(links::welcome).post(links::welcome_choose),
        )
        .route(
            "/reset/{token}",
            get(links::reset).post(links::reset_choose),
        )
        .route("/me", get(growth::me))
        .route("/me/account", get(settings::show))
        .route("/me/review", get(growth::my_review))
        .route(
            "/me/assess",
            get(assess_form::new_form).post(assess_form::create),
        )
        .route("/me/evidence", post(account::add_evidence))
        .route("/me/tokens", post(settings::create_token))
        .route("/me/password", post(settings::change_password))
        .route("/me/tokens/{id}/delete", post(settings::delete_token))
        .route(
            "/assessments/{id}",
            get(assess::show).post(assess_form::update),
        )
        .route("/assessments/{id}/edit", get(assess_form::edit_form))
        .route("/assessments/{id}/share", post(growth::share))
        .route("/team", get(assess::team))
        .route("/team/calibration", get(assess::calibration))
        .route("/team/heatmap", get(assess::heatmap))
        .route("/team/heatmap.csv", get(assess::heatmap_csv))
        .route("/people/{id}", get(growth::person))
        .route("/people/{id}/review", get(growth::person_review))
        .route(
            "/people/{id}/assess",
            get(assess_form::rate_form).post(assess_form::rate),
        )
        .route("/admin", get(admin::page))
        .route("/admin/org", get(org::page))
        .route("/admin/people", get(people::list))
        .route(
            "/admin/people/import",
            get(import::form)
                .post(import::upload)
                .layer(DefaultBodyLimit::max(crate::api::ROSTER_LIMIT)),
        )
        .route(
            "/admin/people/import/{id}",
            get(import::plan).post(import::apply),
        )
        .route("/admin/people/{id}", get(people::show).post(people::save))
        .route("/admin/people/{id}/active", post(people::set_active))
        .route("/admin/people/{id}/invite", post(people::invite))
        .route("/admin/people/{id}/role", post(people::confirm_role))
        .route("/admin/ladders", post(admin::upload))
        .route("/admin/ladders/preview", post(admin::preview))
        .route("/admin/users", post(admin::add_user))
        .route("/admin/users/update", post(admin::change_user))
        .route("/admin/teams", post(admin::add_team))
        .route("/admin/scim-tokens", post(admin::make_scim_token))
        .route(
            "/admin/scim-tokens/{id}/revoke",
            post(admin::revoke_scim_token),
        )
        .fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                axum::response::Html(error_page(
                    StatusCode::NOT_FOUND,
                    "There is no page at this address.",
                    &[],
                )),
            )
                .into_response()
        })
}
