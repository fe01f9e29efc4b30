//! "What do I need to do to get promoted?": the next steps from a person's
//! latest submitted self-assessment, each with the competencies that stand
//! in the way, what the needed level looks like in the ladder's own words,
//! and the person's evidence tagged to each.
//!
//! Computed, never stored: it follows the ladder version the assessment was
//! made against (so a new ladder does not silently move the goalposts of an
//! old assessment) and the evidence recorded since.

use ladder_core::Ladder;
use ladder_core::assess::{Gap, NextStep, Rater, ReadinessCheck};
use ladder_store::model::{Evidence, User};
use serde::Serialize;

use crate::assessments::AssessmentView;
use crate::{App, Result};

/// A person's growth page.
#[derive(Debug, Clone, Serialize)]
pub struct Growth {
    /// The latest submitted self-assessment the steps come from.
    pub latest: Option<AssessmentView>,
    /// The title of the role it was made for.
    pub role_title: Option<String>,
    /// The next roles from that role, the closest first.
    pub steps: Vec<Step>,
}

/// One possible next role.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Its role id.
    pub role: String,
    /// Its title.
    pub title: String,
    /// Whether the ratings meet every expectation of the role.
    pub ready: bool,
    /// Competencies at or above the role's expectation.
    pub met: usize,
    /// Competencies the role expects a level of.
    pub total: usize,
    /// The competencies below the expectation, largest gap first.
    pub missing: Vec<Missing>,
    /// The ladder's readiness criteria for the move, as the person ticked
    /// them in the assessment.
    pub checklist: Vec<Criterion>,
}

/// A readiness criterion and the person's own judgement of it.
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    /// The criterion, in the ladder's words.
    pub text: String,
    /// Met, not met, or not judged.
    pub met: Option<bool>,
    /// What shows it.
    pub note: Option<String>,
}

impl Step {
    /// How many criteria the person ticked as met.
    pub fn criteria_met(&self) -> usize {
        self.checklist
            .iter()
            .filter(|c| c.met == Some(true))
            .count()
    }
}

impl Step {
    /// Share of competencies met, 0 to 100.
    pub fn percent(&self) -> usize {
        (self.met * 100).checked_div(self.total).unwrap_or(100)
    }
}

/// A competency below the next role's expectation.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// Its id.
    pub competency: String,
    /// Its name.
    pub name: String,
    /// The person's rating.
    pub rating: u8,
    /// That level's name on the ladder's scale.
    pub rating_name: String,
    /// The level the role expects.
    pub needed: u8,
    /// That level's name.
    pub needed_name: String,
    /// What the needed level means on the scale.
    pub needed_summary: String,
    /// The ladder's examples of the competency at the needed level.
    pub looks_like: Vec<String>,
    /// The person's evidence tagged with the competency, newest first.
    pub evidence: Vec<String>,
}

/// A level's name and summary on the scale of `competency` (its own or the
/// ladder's): "Not rated" below the scale, the number itself when the scale
/// has no name for it.
pub fn level_words(ladder: &Ladder, competency: &str, level: u8) -> (String, String) {
    let m = &ladder.competencies;
    let (words, bottom) = match m.item(competency) {
        Some(c) => (m.level_words(c, level), m.range_of(c).0),
        None => (m.scale.iter().find(|s| s.level == level), m.bottom()),
    };
    match words {
        Some(s) => (s.name.clone(), s.summary.clone()),
        None if level < bottom => ("Not rated".to_owned(), String::new()),
        None => (format!("Level {level}"), String::new()),
    }
}

/// Every criterion of `competency` that holds at `level`: the cell's own
/// and those carried up from lower levels.
pub fn examples_at(ladder: &Ladder, competency: &str, level: u8) -> Vec<String> {
    ladder
        .competencies
        .item(competency)
        .map(|c| c.criteria_texts(level))
        .unwrap_or_default()
}

fn missing(ladder: &Ladder, gap: &Gap, evidence: &[Evidence]) -> Missing {
    let (rating_name, _) = level_words(ladder, &gap.competency, gap.rating);
    let (needed_name, needed_summary) = level_words(ladder, &gap.competency, gap.expected);
    Missing {
        competency: gap.competency.clone(),
        name: gap.name.clone(),
        rating: gap.rating,
        rating_name,
        needed: gap.expected,
        needed_name,
        needed_summary,
        looks_like: examples_at(ladder, &gap.competency, gap.expected),
        evidence: evidence
            .iter()
            .filter(|e| e.competencies.contains(&gap.competency))
            .map(|e| e.text.clone())
            .collect(),
    }
}

/// A next step with its missing competencies and the criteria as ticked.
pub fn step(
    ladder: &Ladder,
    next: &NextStep,
    evidence: &[Evidence],
    ticked: &[ReadinessCheck],
) -> Step {
    let mut below: Vec<&Gap> = next.gaps.iter().filter(|g| g.delta < 0).collect();
    below.sort_by_key(|g| (g.delta, g.name.clone()));
    Step {
        role: next.role.clone(),
        title: next.title.clone(),
        ready: next.ready,
        met: next.gaps.len() - below.len(),
        total: next.gaps.len(),
        missing: below.iter().map(|g| missing(ladder, g, evidence)).collect(),
        checklist: next
            .checklist
            .iter()
            .map(|text| {
                let had = ticked
                    .iter()
                    .find(|c| c.to == next.role && c.criterion == *text);
                Criterion {
                    text: text.clone(),
                    met: had.map(|c| c.met),
                    note: had.and_then(|c| c.note.clone()),
                }
            })
            .collect(),
    }
}

impl App {
    /// The next steps of `subject` as `viewer` may see them (oneself, or a
    /// manager above them), from their latest submitted self-assessment.
    pub async fn growth(&self, viewer: &User, subject: i64) -> Result<Growth> {
        self.visible_user(viewer, subject).await?;
        let Some(latest) = self.latest(subject, Rater::Myself).await? else {
            return Ok(Growth {
                latest: None,
                role_title: None,
                steps: Vec::new(),
            });
        };
        let ladder = self.ladder_version(latest.ladder_id).await?;
        let evidence = self.store.evidence_of(subject).await?;
        let mut steps: Vec<Step> = latest
            .report
            .next
            .iter()
            .map(|n| step(&ladder, n, &evidence, &latest.assessment.readiness))
            .collect();
        // The closest step first: fewest competencies missing, then the
        // smallest total gap.
        steps.sort_by_key(|s| {
            let gap: u32 = s
                .missing
                .iter()
                .map(|m| u32::from(m.needed - m.rating))
                .sum();
            (s.missing.len(), gap)
        });
        Ok(Growth {
            role_title: ladder
                .role(&latest.assessment.role)
                .map(|r| r.title.clone()),
            latest: Some(latest),
            steps,
        })
    }
}
