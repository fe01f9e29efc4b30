//! The query string of the views of a reporting line (the team page, the
//! heatmap, calibration, and their API twins): which page, how long, and
//! which people (`role`, `team`, and on the team view `ready`). Forms send
//! empty fields for "any", so an empty value is no filter.

use ladder_app::AppError;
use ladder_app::ready::ReadyState;
use ladder_app::team::PageRequest;
use ladder_store::Filter;
use serde::Deserialize;

/// `?page=&limit=&role=&team=&ready=`.
#[derive(Debug, Default, Deserialize)]
pub struct LineQuery {
    /// Page number, from 1.
    #[serde(default)]
    pub page: Option<u32>,
    /// People per page.
    #[serde(default)]
    pub limit: Option<u32>,
    /// A role id, or empty for any.
    #[serde(default)]
    pub role: String,
    /// A team id, or empty for any.
    #[serde(default)]
    pub team: String,
    /// `ready`, `not-yet`, `not-assessed`, or empty for anyone.
    #[serde(default)]
    pub ready: String,
}

impl LineQuery {
    /// The page asked for.
    pub fn page(&self) -> Result<PageRequest, AppError> {
        PageRequest::new(self.page, self.limit)
    }

    /// The people asked for.
    pub fn filter(&self) -> Result<Filter, AppError> {
        let role = self.role.trim();
        let team = self.team.trim();
        Ok(Filter {
            role: (!role.is_empty()).then(|| role.to_owned()),
            team: if team.is_empty() {
                None
            } else {
                Some(team.parse().map_err(|_| {
                    AppError::BadRequest(format!("team is `{team}`; give a team's number id"))
                })?)
            },
        })
    }

    /// The readiness asked for, if any.
    pub fn ready(&self) -> Result<Option<ReadyState>, AppError> {
        let ready = self.ready.trim();
        if ready.is_empty() {
            return Ok(None);
        }
        ReadyState::parse(ready).map(Some).ok_or_else(|| {
            let known: Vec<&str> = ReadyState::ALL.iter().map(|r| r.as_str()).collect();
            AppError::BadRequest(format!(
                "ready is `{ready}`; use one of {}, or leave it out",
                known.join(", ")
            ))
        })
    }

    /// The whole filter as a query string to append to links
    /// (`&role=…&team=…&ready=…`).
    pub fn filter_suffix(&self) -> String {
        let mut out = self.people_suffix();
        push_pair(&mut out, "ready", self.ready.trim());
        out
    }

    /// The people part of the filter (`&role=…&team=…`), which every view of
    /// the line takes.
    pub fn people_suffix(&self) -> String {
        let mut out = String::new();
        for (k, v) in [("role", self.role.trim()), ("team", self.team.trim())] {
            push_pair(&mut out, k, v);
        }
        out
    }
}

/// Appends `&k=v` unless `v` is empty.
fn push_pair(out: &mut String, k: &str, v: &str) {
    if !v.is_empty() {
        out.push('&');
        out.push_str(k);
        out.push('=');
        out.push_str(&url_escape(v));
    }
}

/// Percent-encodes a query value (role ids and numbers need little, but a
/// hand-typed value must not break the link).
fn url_escape(v: &str) -> String {
    serde_urlencoded::to_string([("", v)])
        .map(|s| s.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_are_no_filter_and_bad_teams_are_named() {
        let q = LineQuery::default();
        assert_eq!(q.filter().unwrap(), Filter::NONE);
        assert_eq!(q.filter_suffix(), "");
        let q = LineQuery {
            role: "senior-pm".into(),
            team: " 3 ".into(),
            ..LineQuery::default()
        };
        assert_eq!(q.filter().unwrap().team, Some(3));
        assert_eq!(q.filter_suffix(), "&role=senior-pm&team=3");
        let bad = LineQuery {
            team: "growth".into(),
            ..LineQuery::default()
        };
        assert!(bad.filter().unwrap_err().to_string().contains("`growth`"));
        let odd = LineQuery {
            role: "a&b c".into(),
            ..LineQuery::default()
        };
        assert_eq!(odd.filter_suffix(), "&role=a%26b+c");
        let ready = LineQuery {
            role: "pm".into(),
            ready: "not-yet".into(),
            ..LineQuery::default()
        };
        assert_eq!(ready.ready().unwrap(), Some(ReadyState::NotYet));
        assert_eq!(ready.filter_suffix(), "&role=pm&ready=not-yet");
        assert_eq!(ready.people_suffix(), "&role=pm");
        let wrong = LineQuery {
            ready: "yes".into(),
            ..LineQuery::default()
        };
        let e = wrong.ready().unwrap_err().to_string();
        assert!(e.contains("`yes`") && e.contains("not-assessed"), "{e}");
    }
}
