//! The public pages of the ladder in force, rendered once per version.
//!
//! The overview, every role page and the role records as JSON are the pages
//! people and scripts ask for most; they depend only on the ladder version,
//! so they are rendered the first time a version in force is asked for and
//! then served as bytes until another version is put in force. Comparisons
//! (any pair of roles) are rendered per request.
//!
//! Every page has the one header of the app: signed out, the pre-rendered
//! bytes are served as they are; signed in, the page is joined around the
//! user's menu at the slot left for it ([`Page::with_nav`]), which costs a
//! copy, not a render.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use ladder_app::{App, InForce};
use ladder_core::article::Articles;
use ladder_core::record::RoleRecord;

/// Where the menu goes in a pre-rendered page.
const NAV_SLOT: &str = "<!--ladder:nav-->";

/// A pre-rendered page: whole for signed-out readers, and in two halves
/// around the menu for signed-in ones.
pub struct Page {
    /// The page with the signed-out menu.
    pub public: Bytes,
    head: Bytes,
    tail: Bytes,
}

impl Page {
    fn new(html: &str, public_nav: &str) -> Page {
        let (head, tail) = html.split_once(NAV_SLOT).unwrap_or((html, ""));
        Page {
            public: Bytes::from(format!("{head}{public_nav}{tail}")),
            head: Bytes::copy_from_slice(head.as_bytes()),
            tail: Bytes::copy_from_slice(tail.as_bytes()),
        }
    }

    /// The page with `nav` (a signed-in user's menu) in its header.
    pub fn with_nav(&self, nav: &str) -> Bytes {
        let mut out = Vec::with_capacity(self.head.len() + nav.len() + self.tail.len());
        out.extend_from_slice(&self.head);
        out.extend_from_slice(nav.as_bytes());
        out.extend_from_slice(&self.tail);
        Bytes::from(out)
    }
}

/// A ladder version with its rendered pages.
pub struct Site {
    /// The ladder in force these pages show.
    pub in_force: Arc<InForce>,
    /// `/` as HTML.
    pub index: Page,
    /// `/roles/ID` as HTML, by role id.
    pub roles: HashMap<String, Page>,
    /// `/competencies` as HTML, when the ladder has competencies.
    pub competencies: Option<Page>,
    /// `/api/v1/roles` as JSON.
    pub roles_json: Bytes,
    /// `/api/v1/roles/ID` as JSON, by role id.
    pub role_json: HashMap<String, Bytes>,
}

impl Site {
    /// Renders the pages of the ladder in force; `texts` (file name → text)
    /// give the passages its sources' `file`s name.
    pub fn build(in_force: Arc<InForce>, texts: &HashMap<String, String>) -> Site {
        let ladder = &in_force.ladder;
        let articles = Articles::from_files(ladder, texts);
        let public_nav = crate::html::public_nav();
        let records = RoleRecord::all(ladder);
        let roles = ladder
            .roles
            .iter()
            .map(|r| {
                let html = ladder_render::role_page(ladder, r, NAV_SLOT, &articles);
                (r.id.to_string(), Page::new(&html, &public_nav))
            })
            .collect();
        let role_json = records
            .iter()
            .map(|r| {
                let json = serde_json::to_vec(r).expect("role records serialise");
                (r.id.clone(), Bytes::from(json))
            })
            .collect();
        Site {
            index: Page::new(&ladder_render::index_page(ladder, NAV_SLOT), &public_nav),
            competencies: (!ladder.competencies.items.is_empty()).then(|| {
                Page::new(
                    &ladder_render::competencies_page(ladder, NAV_SLOT),
                    &public_nav,
                )
            }),
            roles_json: Bytes::from(serde_json::to_vec(&records).expect("role records serialise")),
            roles,
            role_json,
            in_force,
        }
    }
}

/// The rendered site of the version in force, rebuilt when it changes, and
/// the sources' texts it is rendered with.
pub struct SiteCache {
    site: RwLock<Arc<Site>>,
    texts: Arc<HashMap<String, String>>,
}

impl SiteCache {
    /// Renders the site of `app`'s ladder in force.
    pub fn new(app: &App, texts: Arc<HashMap<String, String>>) -> SiteCache {
        SiteCache {
            site: RwLock::new(Arc::new(Site::build(app.ladder(), &texts))),
            texts,
        }
    }

    /// The site of the version in force now.
    pub fn get(&self, app: &App) -> Arc<Site> {
        let in_force = app.ladder();
        let current = self.site.read().unwrap_or_else(|e| e.into_inner()).clone();
        if current.in_force.version.id == in_force.version.id {
            return current;
        }
        let fresh = Arc::new(Site::build(in_force, &self.texts));
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = fresh.clone();
        fresh
    }
}
