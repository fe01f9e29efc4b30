//! The public pages of the ladder in force, rendered once.
//!
//! The overview, every role page and the role list as JSON are the pages
//! people and scripts ask for most; they depend only on the ladder version,
//! so they are rendered when a version becomes active and then served as
//! bytes. Comparisons (any pair of roles) are rendered per request.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use ladder_core::Ladder;
use ladder_core::record::RoleRecord;
use ladder_core::resolve::Resolver;
use ladder_store::model::LadderVersion;

/// The header menu of public pages; the same for everyone so the pages can
/// be rendered once (signed-in state shows on the app's own pages).
pub const PUBLIC_NAV: &str = r#"<nav aria-label="App" class="app"><a href="/paths">Paths</a> <a href="/titles">Titles</a> <a href="/compare">Compare</a> <a href="/me">My assessments</a> <a href="/team">Team</a> <a href="/admin">Admin</a> <a href="/login">Sign in</a></nav>"#;

/// A ladder version with its rendered pages.
pub struct Site {
    /// The stored version.
    pub version: LadderVersion,
    /// The parsed ladder.
    pub ladder: Arc<Ladder>,
    /// `/` as HTML.
    pub index: Bytes,
    /// `/roles/ID` as HTML, by role id.
    pub roles: HashMap<String, Bytes>,
    /// `/api/v1/roles` as JSON.
    pub roles_json: Bytes,
    /// `/api/v1/roles/ID` as JSON, by role id.
    pub role_json: HashMap<String, Bytes>,
    /// The title resolver compiled from the ladder's `[resolver]` table.
    pub resolver: Resolver,
}

impl Site {
    /// Renders the pages of `ladder`, stored as `version`.
    pub fn build(version: LadderVersion, ladder: Arc<Ladder>) -> Result<Site, String> {
        let resolver = Resolver::new(&ladder).map_err(|e| e.0)?;
        let records = RoleRecord::all(&ladder);
        let roles = ladder
            .roles
            .iter()
            .map(|r| {
                let html = ladder_render::role_page(&ladder, r, PUBLIC_NAV);
                (r.id.to_string(), Bytes::from(html))
            })
            .collect();
        let role_json = records
            .iter()
            .map(|r| {
                let json = serde_json::to_vec(r).expect("role records serialise");
                (r.id.clone(), Bytes::from(json))
            })
            .collect();
        Ok(Site {
            resolver,
            index: Bytes::from(ladder_render::index_page(&ladder, PUBLIC_NAV)),
            roles_json: Bytes::from(serde_json::to_vec(&records).expect("role records serialise")),
            roles,
            role_json,
            version,
            ladder,
        })
    }
}
