//! Org analytics on the app's own people: the same report `ladder org`
//! makes from an HR export, made from the accounts, managers and teams in
//! the database, with each person's assessed placement where they have one.
//!
//! The people are turned into a roster (each written with their role's
//! title, which the analysis takes as that role without guessing; people
//! with no role count as "other") and handed to
//! [`ladder_core::org::analyse`], so the figures and flags are exactly the
//! CLI's. Start dates come from roster imports: people added by hand have
//! none and are not checked for years in role. Former people are left out.
//! Admins only: it names everyone.

use std::collections::HashMap;

use ladder_core::company::SizeSpec;
use ladder_core::org::{OrgError, OrgOptions, OrgReport, analyse};
use ladder_core::roster::{Person, Roster, parse_day};
use ladder_store::{Filter, Scope};

use crate::access::require_admin;
use crate::{Actor, App, AppError, Result};

/// The title written for people with no role on the ladder: not a title
/// the resolver takes for product management.
const NO_ROLE: &str = "No role on the ladder";

impl App {
    /// The shape of the org from the people in the database, compared with
    /// `company_size` (a head-count or a profile id; default: the number of
    /// people). Admins only.
    pub async fn org_report(&self, by: Actor<'_>, company_size: Option<&str>) -> Result<OrgReport> {
        require_admin(by)?;
        let mut users = self.store.users().await?;
        users.retain(|u| u.is_active());
        let teams: HashMap<i64, String> = self
            .store
            .teams()
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        let in_force = self.ladder();
        let ladder = &in_force.ladder;
        let email_of: HashMap<i64, &str> = users.iter().map(|u| (u.id, u.email.as_str())).collect();
        let mut titles = HashMap::new();
        let mut roster = Roster::with_capacity(users.len());
        for u in &users {
            let title = match u.ladder_role.as_deref().and_then(|id| ladder.role(id)) {
                Some(role) => {
                    titles.insert(role.title.clone(), role.id.to_string());
                    role.title.as_str()
                }
                None => NO_ROLE,
            };
            roster
                .push(&Person {
                    row: u.id.unsigned_abs(),
                    name: &u.name,
                    email: Some(&u.email),
                    employee_id: None,
                    title,
                    manager: u.manager_id.and_then(|m| email_of.get(&m)).copied(),
                    team: u.team_id.and_then(|t| teams.get(&t)).map(String::as_str),
                    department: u.department.as_deref(),
                    start: u.start_date.as_deref().and_then(parse_day),
                })
                .map_err(|e| AppError::Internal(e.to_string()))?;
        }
        // Placed by the manager's latest assessment, else the person's own.
        let latest = self
            .latest_scored(Scope::Everyone { except: 0 }, &Filter::default())
            .await?;
        let placements = latest
            .iter()
            .filter_map(|(id, l)| {
                let placed = &l.standing()?.placement;
                let email = email_of.get(id)?;
                ladder
                    .role(placed)
                    .map(|_| ((*email).to_owned(), placed.clone()))
            })
            .collect();
        let options = OrgOptions {
            as_of: parse_day(&crate::clock::today()).expect("today is a date"),
            size: company_size
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| s.parse::<SizeSpec>().expect("parsing a size never fails")),
            placements,
            titles,
            runs: 2000,
        };
        analyse(ladder, &in_force.resolver, &roster, &options).map_err(|e| match e {
            OrgError::Size(why) => AppError::BadRequest(format!(
                "company size: {why}; give a head-count (such as 250) or one of those"
            )),
            OrgError::NoProfiles => AppError::BadRequest(e.to_string()),
        })
    }
}
