//! Walks over a ladder that yield every reference, fact and range with its
//! model path, so that validation and lint address problems the same way and no
//! check forgets a corner of the file.

use crate::model::{Citation, Fact, Ladder, ValueRange};

/// Every role reference in the ladder, with its path and what it is.
pub fn role_refs(l: &Ladder) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for (i, r) in l.roles.iter().enumerate() {
        for (j, id) in r.reports_to.iter().enumerate() {
            out.push((format!("roles[{i}].reports_to[{j}]"), id.as_str()));
        }
        for (j, id) in r.manages.iter().enumerate() {
            out.push((format!("roles[{i}].manages[{j}]"), id.as_str()));
        }
        for (j, rd) in r.readiness.iter().enumerate() {
            out.push((format!("roles[{i}].readiness[{j}].to"), rd.to.as_str()));
        }
    }
    for (i, t) in l.transitions.iter().enumerate() {
        out.push((format!("transitions[{i}].from"), t.from.as_str()));
        out.push((format!("transitions[{i}].to"), t.to.as_str()));
    }
    for (i, c) in l.company_sizes.iter().enumerate() {
        for (j, id) in c.roles.iter().enumerate() {
            out.push((format!("company_sizes[{i}].roles[{j}]"), id.as_str()));
        }
        for (j, rl) in c.relevel.iter().enumerate() {
            out.push((
                format!("company_sizes[{i}].relevel[{j}].title"),
                rl.title.as_str(),
            ));
            out.push((
                format!("company_sizes[{i}].relevel[{j}].effective"),
                rl.effective.as_str(),
            ));
        }
    }
    for (i, e) in l.entry_points.iter().enumerate() {
        for (j, id) in e.from.iter().enumerate() {
            out.push((format!("entry_points[{i}].from[{j}]"), id.as_str()));
        }
        for (j, id) in e.leads_to.iter().enumerate() {
            out.push((format!("entry_points[{i}].leads_to[{j}]"), id.as_str()));
        }
    }
    if let Some(top) = &l.organisation.ladder_top {
        out.push(("organisation.ladder_top.role".to_owned(), top.role.as_str()));
    }
    for (i, d) in l.disagreements.iter().enumerate() {
        for (j, id) in d.roles.iter().enumerate() {
            out.push((format!("disagreements[{i}].roles[{j}]"), id.as_str()));
        }
    }
    for role in l.simulation.seats.keys() {
        out.push((format!("simulation.seats.{role}"), role.as_str()));
    }
    for (i, c) in l.competencies.items.iter().enumerate() {
        for role in c.expectations.keys() {
            out.push((
                format!("competencies.items[{i}].expectations.{role}"),
                role.as_str(),
            ));
        }
    }
    out
}

fn facts_at<'a>(out: &mut Vec<(String, &'a Fact)>, prefix: &str, facts: &'a [Fact]) {
    for (j, f) in facts.iter().enumerate() {
        out.push((format!("{prefix}[{j}]"), f));
    }
}

/// Every fact in the ladder, with its path.
pub fn facts(l: &Ladder) -> Vec<(String, &Fact)> {
    let mut out = Vec::new();
    for (i, r) in l.roles.iter().enumerate() {
        let p = format!("roles[{i}]");
        if let Some(f) = &r.summary {
            out.push((format!("{p}.summary"), f));
        }
        if let Some(e) = &r.experience {
            facts_at(&mut out, &format!("{p}.experience.notes"), &e.notes);
        }
        facts_at(&mut out, &format!("{p}.education"), &r.education);
        facts_at(
            &mut out,
            &format!("{p}.responsibilities"),
            &r.responsibilities,
        );
        facts_at(&mut out, &format!("{p}.skills"), &r.skills);
        for (j, rd) in r.readiness.iter().enumerate() {
            facts_at(
                &mut out,
                &format!("{p}.readiness[{j}].criteria"),
                &rd.criteria,
            );
        }
        facts_at(
            &mut out,
            &format!("{p}.job_description_themes"),
            &r.job_description_themes,
        );
        if let Some(s) = &r.salary {
            facts_at(&mut out, &format!("{p}.salary.notes"), &s.notes);
        }
        facts_at(&mut out, &format!("{p}.notes"), &r.notes);
    }
    for (i, t) in l.transitions.iter().enumerate() {
        facts_at(&mut out, &format!("transitions[{i}].notes"), &t.notes);
    }
    for (i, c) in l.company_sizes.iter().enumerate() {
        let p = format!("company_sizes[{i}]");
        for (j, rl) in c.relevel.iter().enumerate() {
            out.push((format!("{p}.relevel[{j}].reason"), &rl.reason));
        }
        if let Some(f) = &c.promotion_cycle {
            out.push((format!("{p}.promotion_cycle"), f));
        }
        facts_at(&mut out, &format!("{p}.notes"), &c.notes);
    }
    for (i, e) in l.entry_points.iter().enumerate() {
        out.push((format!("entry_points[{i}].summary"), &e.summary));
        facts_at(&mut out, &format!("entry_points[{i}].notes"), &e.notes);
    }
    for (i, b) in l.benchmarks.iter().enumerate() {
        out.push((format!("benchmarks[{i}].note"), &b.note));
    }
    let o = &l.organisation;
    if let Some(r) = &o.engineers_per_pm {
        out.push(("organisation.engineers_per_pm.note".to_owned(), &r.note));
    }
    if let Some(t) = &o.ladder_top {
        out.push(("organisation.ladder_top.note".to_owned(), &t.note));
    }
    for (i, d) in o.drivers_of_variance.iter().enumerate() {
        out.push((
            format!("organisation.drivers_of_variance[{i}].summary"),
            &d.summary,
        ));
    }
    facts_at(
        &mut out,
        "organisation.customer_outcome_questions",
        &o.customer_outcome_questions,
    );
    facts_at(&mut out, "organisation.facts", &o.facts);
    for (i, d) in l.disagreements.iter().enumerate() {
        facts_at(&mut out, &format!("disagreements[{i}].views"), &d.views);
    }
    let sim = &l.simulation;
    if let Some(note) = sim
        .attrition_per_year
        .as_ref()
        .and_then(|a| a.note.as_ref())
    {
        out.push(("simulation.attrition_per_year.note".to_owned(), note));
    }
    for (i, c) in sim.companies.iter().enumerate() {
        if let Some(note) = &c.note {
            out.push((format!("simulation.companies[{i}].note"), note));
        }
    }
    for (i, c) in l.competencies.items.iter().enumerate() {
        if let Some(summary) = &c.summary {
            out.push((format!("competencies.items[{i}].summary"), summary));
        }
    }
    out
}

/// A statement outside facts that carries its own text and sources: a
/// scope, a planning horizon or a competency example.
struct Sourced<'a> {
    /// Path of the statement, without `.text` or `.sources`.
    path: String,
    text: &'a str,
    sources: &'a [Citation],
}

/// Every scope, horizon and competency example, each with its text and its
/// sources together, so nothing downstream pairs them up by position.
fn sourced(l: &Ladder) -> Vec<Sourced<'_>> {
    let mut out = Vec::new();
    for (i, r) in l.roles.iter().enumerate() {
        if let Some(s) = &r.scope {
            out.push(Sourced {
                path: format!("roles[{i}].scope"),
                text: &s.text,
                sources: &s.sources,
            });
        }
        if let Some(h) = &r.planning_horizon {
            out.push(Sourced {
                path: format!("roles[{i}].planning_horizon"),
                text: &h.text,
                sources: &h.sources,
            });
        }
    }
    for (i, c) in l.competencies.items.iter().enumerate() {
        for (j, e) in c.examples.iter().enumerate() {
            out.push(Sourced {
                path: format!("competencies.items[{i}].examples[{j}]"),
                text: &e.text,
                sources: &e.sources,
            });
        }
    }
    out
}

/// Every source list outside facts (scopes, horizons, competency examples),
/// with its path.
pub fn source_lists(l: &Ladder) -> Vec<(String, &[Citation])> {
    sourced(l)
        .into_iter()
        .map(|s| (format!("{}.sources", s.path), s.sources))
        .collect()
}

/// A statement that cites sources, wherever it sits in the ladder.
pub struct Cited<'a> {
    /// Path of the statement's text.
    pub text_path: String,
    /// Path of its list of sources.
    pub sources_path: String,
    /// The statement.
    pub text: &'a str,
    /// Its sources.
    pub sources: &'a [Citation],
    /// Whether it is marked as the ladder author's own.
    pub is_default: bool,
}

/// Every statement with at least one source: facts, scopes, horizons and
/// competency examples.
pub fn cited(l: &Ladder) -> Vec<Cited<'_>> {
    let mut out: Vec<Cited<'_>> = facts(l)
        .into_iter()
        .map(|(path, f)| Cited {
            text_path: format!("{path}.text"),
            sources_path: format!("{path}.sources"),
            text: &f.text,
            sources: &f.sources,
            is_default: f.is_default,
        })
        .collect();
    out.extend(sourced(l).into_iter().map(|s| Cited {
        text_path: format!("{}.text", s.path),
        sources_path: format!("{}.sources", s.path),
        text: s.text,
        sources: s.sources,
        is_default: false,
    }));
    out.retain(|c| !c.sources.is_empty());
    out
}

/// Every numeric range in the ladder, with its path.
pub fn ranges(l: &Ladder) -> Vec<(String, &ValueRange)> {
    let mut out = Vec::new();
    for (i, r) in l.roles.iter().enumerate() {
        if let Some(y) = r.experience.as_ref().and_then(|e| e.years.as_ref()) {
            out.push((format!("roles[{i}].experience.years"), y));
        }
        if let Some(h) = &r.planning_horizon {
            out.push((format!("roles[{i}].planning_horizon.months"), &h.months));
        }
        if let Some(s) = &r.salary {
            out.push((format!("roles[{i}].salary.range"), &s.range));
        }
    }
    for (i, t) in l.transitions.iter().enumerate() {
        if let Some(y) = &t.years {
            out.push((format!("transitions[{i}].years"), y));
        }
    }
    for (i, c) in l.company_sizes.iter().enumerate() {
        out.push((format!("company_sizes[{i}].employees"), &c.employees));
        if let Some(lv) = &c.levels {
            out.push((format!("company_sizes[{i}].levels"), lv));
        }
    }
    out
}

/// The candidate closest to `given` by edit distance, when it is close enough to
/// be a plausible typo.
pub fn suggest<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(given, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(suggest("skils", ["skills", "scope"]), Some("skills"));
        assert_eq!(suggest("senior-mp", ["senior-pm", "pm"]), Some("senior-pm"));
        assert_eq!(suggest("zzz", ["skills", "scope"]), None);
    }
}
