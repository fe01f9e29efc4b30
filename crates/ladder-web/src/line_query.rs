//! The query string of the views of a reporting line (the team page, the
//! heatmap, calibration, and their API twins): which page, how long, and
//! which people (`role`, `team`). Forms send empty fields for "any", so an
//! empty value is no filter.

use ladder_app::AppError;
use ladder_app::team::PageRequest;
use ladder_store::Filter;
use serde::Deserialize;

/// `?page=&limit=&role=&team=`.
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

    /// The filter as a query string to append to links (`&role=…&team=…`).
    pub fn filter_suffix(&self) -> String {
        let mut out = String::new();
        for (k, v) in [("role", self.role.trim()), ("team", self.team.trim())] {
            if !v.is_empty() {
                out.push('&');
                out.push_str(k);
                out.push('=');
                out.push_str(&url_escape(v));
            }
        }
        out
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
    }
}
