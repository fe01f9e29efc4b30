//! A demo organisation in an empty database: an admin, a VP of Product,
//! managers of about a hundred people each, and everyone with a submitted
//! self-assessment and a manager assessment, so the team view, the heatmap
//! and calibration have something true to show (and the load benchmarks a
//! realistic org to read).
//!
//! Deterministic: the same size gives the same people, ratings and
//! differences (a seeded generator, not the clock). Ratings sit around each
//! role's expectations; each manager has a leniency of their own, so
//! calibration has leniency to find. Every account shares one password,
//! hashed once.

use std::collections::BTreeMap;

use ladder_core::assess::{Assessment, Rater, Rating};
use ladder_store::model::{Access, NewAssessment, NewUser};

use crate::access::require_admin;
use crate::{Actor, App, AppError, Result};

/// Most people a demo may have.
pub const MAX_DEMO_PEOPLE: usize = 100_000;
/// People per manager.
const SPAN: usize = 99;

const FIRST: [&str; 24] = [
    "Ada", "Ben", "Chen", "Dara", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jo", "Kemal", "Lena",
    "Mo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tariq", "Uma", "Vik", "Wen", "Yara",
];
const LAST: [&str; 20] = [
    "Abara", "Berg", "Costa", "Diallo", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
    "Kowalski", "Lind", "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi", "Silva",
    "Tanaka",
];
const TEAMS: [&str; 10] = [
    "Growth",
    "Payments",
    "Platform",
    "Onboarding",
    "Search",
    "Mobile",
    "Pricing",
    "Data",
    "Marketplace",
    "Trust",
];
/// Roles of the people, most often first.
const ROLES: [&str; 6] = ["pm", "pm", "pm", "senior-pm", "apm", "junior-pm"];

/// What a demo made.
#[derive(Debug, Clone)]
pub struct DemoSummary {
    /// People below the VP (managers included).
    pub people: usize,
    /// Managers.
    pub managers: usize,
    /// Assessments stored.
    pub assessments: usize,
    /// The admin's email.
    pub admin: String,
    /// The VP's email.
    pub vp: String,
    /// A manager's email.
    pub manager: String,
    /// A member's email.
    pub member: String,
}

/// SplitMix64: a small, well-known generator, enough for repeatable demo data.
struct Seq(u64);

impl Seq {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// -1, 0 or +1, with 0 twice as likely.
    fn wobble(&mut self) -> i16 {
        match self.next() % 4 {
            0 => -1,
            1 => 1,
            _ => 0,
        }
    }
}

impl App {
    /// Fills an empty database with a demo organisation of `people` people
    /// below a VP (the shell or an admin; refused when anyone is there).
    pub async fn fill_demo(
        &self,
        by: Actor<'_>,
        people: usize,
        password: &str,
    ) -> Result<DemoSummary> {
        require_admin(by)?;
        if !(1..=MAX_DEMO_PEOPLE).contains(&people) {
            return Err(AppError::BadRequest(format!(
                "a demo has 1 to {MAX_DEMO_PEOPLE} people, not {people}"
            )));
        }
        let existing = self.store.user_count().await?;
        if existing > 0 {
            return Err(AppError::Conflict(format!(
                "the database already has {existing} account(s); a demo fills an empty database (give another --db)"
            )));
        }
        crate::auth::check_password_rules(password)?;
        let hash = self.passwords.hash(password.to_owned()).await?;
        let in_force = self.ladder();
        let ladder = &in_force.ladder;
        let needed = ["director", "vp", "group-pm"];
        if let Some(missing) = needed
            .iter()
            .chain(ROLES.iter())
            .find(|r| ladder.role(r).is_none())
        {
            return Err(AppError::BadRequest(format!(
                "the demo uses the built-in ladder's roles, and the ladder in force has no `{missing}`; run it on a database with the built-in ladder"
            )));
        }
        let new_user = |email: String, name: String, access, manager, team, role: &str| NewUser {
            email,
            name,
            password_hash: hash.clone(),
            access,
            team_id: team,
            manager_id: manager,
            ladder_role: Some(role.to_owned()),
        };
        let admin = self
            .store
            .create_user(
                new_user(
                    "admin@demo.example".into(),
                    "Avery Admin".into(),
                    Access::Admin,
                    None,
                    None,
                    "director",
                ),
                None,
            )
            .await?;
        let vp = self
            .store
            .create_user(
                new_user(
                    "vp@demo.example".into(),
                    "Val Vice-President".into(),
                    Access::Manager,
                    None,
                    None,
                    "vp",
                ),
                Some(admin.id),
            )
            .await?;
        let mut teams = Vec::new();
        let mut seq = Seq(people as u64);
        let managers = people.div_ceil(SPAN + 1);
        let mut made = 0usize;
        let mut assessments = 0usize;
        let mut first_member = None;
        for m in 0..managers {
            let team_name = format!("{} {}", TEAMS[m % TEAMS.len()], m / TEAMS.len() + 1);
            let team = self.store.create_team(&team_name, Some(admin.id)).await?;
            teams.push(team.id);
            let name = format!(
                "{} {}",
                FIRST[m % FIRST.len()],
                LAST[(m / FIRST.len()) % LAST.len()]
            );
            let manager = self
                .store
                .create_user(
                    new_user(
                        format!("manager{}@demo.example", m + 1),
                        format!("{name} (manager {})", m + 1),
                        Access::Manager,
                        Some(vp.id),
                        Some(team.id),
                        "group-pm",
                    ),
                    Some(admin.id),
                )
                .await?;
            made += 1;
            // Each manager's own leniency: -1, 0 or +1 on top of the truth.
            let leniency = seq.wobble();
            let span = SPAN.min(people - made);
            for i in 0..span {
                let n = made + 1;
                let role = ROLES[(m + i) % ROLES.len()];
                let name = format!(
                    "{} {}",
                    FIRST[n % FIRST.len()],
                    LAST[(n / FIRST.len()) % LAST.len()]
                );
                let person = self
                    .store
                    .create_user(
                        new_user(
                            format!("person{n}@demo.example"),
                            name.clone(),
                            Access::Member,
                            Some(manager.id),
                            Some(team.id),
                            role,
                        ),
                        Some(admin.id),
                    )
                    .await?;
                made += 1;
                first_member.get_or_insert_with(|| person.email.clone());
                // Ratings on the competencies the role is assessed on, each
                // kept on its competency's scale.
                let m = &ladder.competencies;
                let mut truth: BTreeMap<String, (i16, (i16, i16))> = BTreeMap::new();
                for c in &m.items {
                    let Some(&expected) = c.expectations.get(role) else {
                        continue;
                    };
                    let (bottom, top) = m.range_of(c);
                    truth.insert(
                        c.id.clone(),
                        (
                            i16::from(expected) + seq.wobble(),
                            (i16::from(bottom), i16::from(top)),
                        ),
                    );
                }
                for (rater, author, bias) in [
                    (Rater::Myself, person.id, 0),
                    (Rater::Manager, manager.id, leniency),
                ] {
                    let ratings = truth
                        .iter()
                        .map(|(c, (t, (bottom, top)))| {
                            let level = (t + bias + seq.wobble() / 2).clamp(*bottom, *top) as u8;
                            (
                                c.clone(),
                                Rating {
                                    level,
                                    evidence: Vec::new(),
                                },
                            )
                        })
                        .collect();
                    let a = Assessment {
                        person: name.clone(),
                        role: role.to_owned(),
                        date: crate::clock::today(),
                        rater,
                        ladder_version: Some(in_force.version.label.clone()),
                        ratings,
                        readiness: Vec::new(),
                    };
                    self.store
                        .create_assessment(NewAssessment {
                            subject_id: person.id,
                            author_id: author,
                            rater,
                            ladder_id: in_force.version.id,
                            ladder_role: role.to_owned(),
                            body: serde_json::to_string(&a)
                                .map_err(|e| AppError::Internal(e.to_string()))?,
                            submit: true,
                        })
                        .await?;
                    assessments += 1;
                }
            }
        }
        // Thousands of rows just arrived: plan the next queries on them.
        self.store.analyze().await?;
        Ok(DemoSummary {
            people: made,
            managers,
            assessments,
            admin: admin.email,
            vp: vp.email,
            manager: "manager1@demo.example".into(),
            member: first_member.unwrap_or_default(),
        })
    }
}
