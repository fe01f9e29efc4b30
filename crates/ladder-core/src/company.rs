//! The ladder as a company of a given size has it.
//!
//! A size is given either as a head-count (`--size 40`) or as a profile id
//! (`--size startup`); both resolve to one of the ladder's company-size profiles,
//! which says which roles really exist there and how titles re-level.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::model::{CompanySize, Ladder, Relevel, Role};

/// A company size as a user gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeSpec {
    /// A number of employees.
    Employees(u64),
    /// The id of a company-size profile.
    Profile(String),
}

impl FromStr for SizeSpec {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Ok(match t.replace(['_', ','], "").parse::<u64>() {
            Ok(n) => SizeSpec::Employees(n),
            Err(_) => SizeSpec::Profile(t.to_lowercase()),
        })
    }
}

impl fmt::Display for SizeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SizeSpec::Employees(n) => write!(f, "{n} employees"),
            SizeSpec::Profile(p) => f.write_str(p),
        }
    }
}

/// Why a size could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SizeError {
    /// No profile covers that head-count.
    #[error("no company-size profile covers {0} employees")]
    NoProfileForHeadcount(u64),
    /// The ladder describes no company sizes at all.
    #[error(
        "this ladder describes no company sizes, so there is no size to apply; leave the company size out, or add [[company_sizes]] tables to the ladder file (see docs/ladder-format.md)"
    )]
    NoProfiles,
    /// No profile has that id.
    #[error("no company-size profile is called `{given}`; the ladder has: {known}")]
    UnknownProfile {
        /// The id given.
        given: String,
        /// The ids the ladder has, comma-separated.
        known: String,
    },
}

/// The ladder as a company of one size has it.
#[derive(Debug, Clone, Serialize)]
pub struct CompanyView<'a> {
    /// The profile that applies.
    pub profile: &'a CompanySize,
    /// The head-count asked about, when one was given.
    pub employees: Option<u64>,
    /// The roles that exist at this size, in ladder order.
    pub roles: Vec<&'a Role>,
    /// The product roles of the ladder that do not exist at this size.
    pub absent: Vec<&'a Role>,
    /// How titles re-level at this size.
    pub relevel: &'a [Relevel],
}

/// Resolves a size to a profile of the ladder.
pub fn profile<'a>(ladder: &'a Ladder, size: &SizeSpec) -> Result<&'a CompanySize, SizeError> {
    if ladder.company_sizes.is_empty() {
        return Err(SizeError::NoProfiles);
    }
    match size {
        SizeSpec::Employees(n) => ladder
            .company_size_for(*n)
            .ok_or(SizeError::NoProfileForHeadcount(*n)),
        SizeSpec::Profile(id) => ladder
            .company_size(id)
            .ok_or_else(|| SizeError::UnknownProfile {
                given: id.clone(),
                known: ladder
                    .company_sizes
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
    }
}

/// A profile by id with the speed factor its companies promote at (1.0 when
/// the ladder's simulation table does not list it): what path planning needs
/// to scale typical years.
pub fn profile_with_speed<'a>(
    ladder: &'a Ladder,
    id: &str,
) -> Result<(&'a CompanySize, f64), SizeError> {
    let size = profile(ladder, &SizeSpec::Profile(id.to_lowercase()))?;
    let speed = ladder
        .simulation
        .companies
        .iter()
        .find(|c| c.profile == size.id)
        .map_or(1.0, |c| c.speed);
    Ok((size, speed))
}

/// The ladder as a company of this size has it.
///
/// ```
/// use ladder_core::company::{SizeSpec, view};
/// let ladder = ladder_core::embedded::ladder();
/// let small = view(ladder, &"20".parse::<SizeSpec>().unwrap()).unwrap();
/// assert_eq!(small.profile.id, "startup");
/// let director = "director".into();
/// let (performs, _why) = small.profile.effective_role(&director);
/// assert_eq!(performs, "senior-pm");
/// ```
pub fn view<'a>(ladder: &'a Ladder, size: &SizeSpec) -> Result<CompanyView<'a>, SizeError> {
    let profile = profile(ladder, size)?;
    let on_ladder = |r: &&Role| {
        matches!(
            r.track,
            crate::model::Track::Ic | crate::model::Track::Management
        )
    };
    let (roles, absent) = ladder
        .roles
        .iter()
        .filter(on_ladder)
        .partition(|r| profile.roles.contains(&r.id));
    Ok(CompanyView {
        profile,
        employees: match size {
            SizeSpec::Employees(n) => Some(*n),
            SizeSpec::Profile(_) => None,
        },
        roles,
        absent,
        relevel: &profile.relevel,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;

    #[test]
    fn parses_sizes() {
        assert_eq!("40".parse::<SizeSpec>().unwrap(), SizeSpec::Employees(40));
        assert_eq!(
            "10_000".parse::<SizeSpec>().unwrap(),
            SizeSpec::Employees(10_000)
        );
        assert_eq!(
            "Startup".parse::<SizeSpec>().unwrap(),
            SizeSpec::Profile("startup".into())
        );
    }

    #[test]
    fn a_small_company_has_few_levels() {
        let l = embedded::ladder();
        let v = view(l, &SizeSpec::Employees(20)).unwrap();
        assert_eq!(v.profile.id, "startup");
        assert_eq!(v.roles.len(), 3);
        assert!(v.absent.iter().any(|r| r.id == "cpo"));
        let big = view(l, &"enterprise".parse().unwrap()).unwrap();
        assert_eq!(big.roles.len(), 11);
        assert!(big.absent.is_empty());
    }

    #[test]
    fn unknown_profiles_list_the_known_ones() {
        let err = view(embedded::ladder(), &"megacorp".parse().unwrap()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no company-size profile is called `megacorp`; the ladder has: startup, scaleup, enterprise"
        );
    }
}
