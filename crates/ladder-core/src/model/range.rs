//! Numeric ranges — years in a role, months of planning horizon, employees,
//! salary — each marked as coming from a source or being a *default*.
//!
//! The seeds give some numbers ("10+ years of product management experience") and
//! not others (how long people stay an APM). DESIGN.md asks that numbers the seeds
//! do not give be marked as defaults and be overridable, so the mark lives on the
//! range itself and travels with it into every output.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A range of numbers: `{ min = 1, max = 3 }`, or open-ended `{ min = 10 }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ValueRange {
    /// The lower bound.
    pub min: f64,
    /// The upper bound; absent for "`min` or more".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// True when no source gives the number: it is the ladder author's default
    /// estimate, to be overridden by a company's own data.
    #[serde(default, rename = "default", skip_serializing_if = "is_false")]
    pub is_default: bool,
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

impl ValueRange {
    /// A closed range.
    pub fn new(min: f64, max: f64) -> Self {
        ValueRange {
            min,
            max: Some(max),
            is_default: false,
        }
    }

    /// Whether `value` lies in the range (the upper bound included).
    pub fn contains(&self, value: f64) -> bool {
        value >= self.min && self.max.is_none_or(|max| value <= max)
    }

    /// The middle of the range, or the lower bound when it is open-ended.
    pub fn midpoint(&self) -> f64 {
        self.max.map_or(self.min, |max| (self.min + max) / 2.0)
    }

    /// The numbers alone (`1–3`, `10+`, `2`), without the default mark: for
    /// pages that mark defaults their own way and explain it once.
    pub fn numbers(&self) -> String {
        match self.max {
            None => format!("{}+", format_number(self.min)),
            Some(max) if max == self.min => format_number(max),
            Some(max) => format!("{}–{}", format_number(self.min), format_number(max)),
        }
    }
}

/// Formats a number without a trailing `.0`, with at most two decimals, and with
/// thousands separators from 10,000 up (`140,000`; `2001` stays as it is).
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        let digits = format!("{}", (n as i64).unsigned_abs());
        let sign = if n < 0.0 { "-" } else { "" };
        if digits.len() <= 4 {
            return format!("{sign}{digits}");
        }
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        format!("{sign}{out}")
    } else {
        let s = format!("{n:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl fmt::Display for ValueRange {
    /// `1–3`, `10+` or `2`; a default is followed by ` (default)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.numbers())?;
        if self.is_default {
            f.write_str(" (default)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display() {
        assert_eq!(ValueRange::new(1.0, 3.0).to_string(), "1–3");
        assert_eq!(ValueRange::new(2.0, 2.0).to_string(), "2");
        assert_eq!(ValueRange::new(0.25, 0.5).to_string(), "0.25–0.5");
        let open = ValueRange {
            min: 10.0,
            max: None,
            is_default: true,
        };
        assert_eq!(open.to_string(), "10+ (default)");
        assert_eq!(
            ValueRange::new(140000.0, 1_250_000.0).to_string(),
            "140,000–1,250,000"
        );
        assert_eq!(format_number(2001.0), "2001");
    }

    #[test]
    fn contains_and_midpoint() {
        let r = ValueRange::new(1.0, 3.0);
        assert!(r.contains(1.0) && r.contains(3.0) && !r.contains(3.5));
        assert_eq!(r.midpoint(), 2.0);
    }
}
