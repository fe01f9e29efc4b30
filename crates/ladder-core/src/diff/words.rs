//! A change as people read it: the value in words (a statement by its text,
//! a move by its kind and years, a pay band as `London: 60000–75000 GBP`)
//! and, for pages, the item and field by the names the ladder gives them
//! (`Product Manager → Senior Product Manager`, "expected level of Product
//! Manager") rather than by ids and field paths. The terminal and Markdown
//! outputs of `ladder diff` keep ids, which a reviewer searches the file
//! for; the web app's preview of an upload shows names.

use serde_json::Value;

use super::{Change, ChangeKind};
use crate::model::{Ladder, ValueRange};

/// A value as one line of text; a value of no known shape as its JSON.
fn show(v: Option<&Value>) -> String {
    shown(v, |v| v.to_string())
}

/// A value as one line for a page: a value of no known shape (a whole
/// table) is summed up, not dumped.
fn show_for_people(v: Option<&Value>) -> String {
    shown(v, |v| match v {
        Value::Array(a) if a.len() == 1 => "1 entry".to_owned(),
        Value::Array(a) => format!("{} entries", a.len()),
        Value::Object(_) => "the whole table (see the ladder file)".to_owned(),
        other => other.to_string(),
    })
}

fn shown(v: Option<&Value>, otherwise: fn(&Value) -> String) -> String {
    let show = |v: Option<&Value>| shown(v, otherwise);
    match v {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) if v.get("text").and_then(Value::as_str).is_some() => {
            v["text"].as_str().unwrap_or("").to_owned()
        }
        Some(v) if v.get("id").is_some() && v.get("title").is_some() => format!(
            "{} ({})",
            v["title"].as_str().unwrap_or(""),
            v["id"].as_str().unwrap_or("")
        ),
        // A move: "promotion", with its years when the ladder gives them.
        Some(v) if v.get("from").is_some() && v.get("kind").is_some() => {
            let kind = v["kind"].as_str().unwrap_or("move");
            match v.get("years") {
                Some(years) => format!("{kind}, {}", show(Some(years))),
                None => kind.to_owned(),
            }
        }
        // A pay band: "London: 60000–75000 GBP".
        Some(v) if v.get("zone").is_some() => format!(
            "{}: {} {}",
            v["zone"].as_str().unwrap_or(""),
            show(v.get("range")),
            v.get("currency").and_then(Value::as_str).unwrap_or("")
        ),
        // A range: "2–4" without the unit, which the field names.
        Some(v) if v.get("min").and_then(Value::as_f64).is_some() => {
            match serde_json::from_value::<ValueRange>(v.clone()) {
                Ok(range) => range.to_string(),
                Err(_) => v.to_string(),
            }
        }
        Some(v) if v.get("name").and_then(Value::as_str).is_some() => {
            let name = v["name"].as_str().unwrap_or("");
            match v.get("id").and_then(Value::as_str) {
                Some(id) => format!("{name} ({id})"),
                None => name.to_owned(),
            }
        }
        Some(v) => otherwise(v),
    }
}

/// The name of a role in either ladder, or the id when neither has it.
fn role_title<'a>(old: &'a Ladder, new: &'a Ladder, id: &'a str) -> &'a str {
    new.role(id)
        .or_else(|| old.role(id))
        .map_or(id, |r| r.title.as_str())
}

impl Change {
    /// `+`, `-` or `~`.
    pub fn sign(&self) -> &'static str {
        match self.change {
            ChangeKind::Added => "+",
            ChangeKind::Removed => "-",
            ChangeKind::Changed => "~",
        }
    }

    /// The value in words: what was added, what was removed, or `old → new`.
    pub fn value_text(&self) -> String {
        match self.change {
            ChangeKind::Added => show(self.new.as_ref()),
            ChangeKind::Removed => show(self.old.as_ref()),
            ChangeKind::Changed => {
                format!("{} → {}", show(self.old.as_ref()), show(self.new.as_ref()))
            }
        }
    }

    /// The value in words for a page: nothing for a whole item added or
    /// removed (its name says it), a whole table summed up.
    pub fn value_words(&self) -> String {
        // A move's name says its ends, not its kind: that stays.
        let named = self.section != "transitions";
        if named
            && self.field.is_empty()
            && !self.item.is_empty()
            && self.change != ChangeKind::Changed
        {
            return String::new();
        }
        match self.change {
            ChangeKind::Added => show_for_people(self.new.as_ref()),
            ChangeKind::Removed => show_for_people(self.old.as_ref()),
            ChangeKind::Changed => format!(
                "{} → {}",
                show_for_people(self.old.as_ref()),
                show_for_people(self.new.as_ref())
            ),
        }
    }

    /// The part of the ladder, as a heading (`Roles`, `Moves`).
    pub fn section_words(&self) -> String {
        match self.section.as_str() {
            "transitions" => "Moves".to_owned(),
            "ladder" => "The ladder".to_owned(),
            other => sentence(other),
        }
    }

    /// The item by its name in either ladder: a role's title, a move's two
    /// titles, a competency's or family's name.
    pub fn item_words(&self, old: &Ladder, new: &Ladder) -> String {
        let id = self.item.as_str();
        match self.section.as_str() {
            "roles" => role_title(old, new, id).to_owned(),
            "transitions" => match id.split_once(" → ") {
                Some((a, b)) => {
                    format!("{} → {}", role_title(old, new, a), role_title(old, new, b))
                }
                None => id.to_owned(),
            },
            "competencies" => match id.strip_prefix("area ") {
                Some(area) => [new, old]
                    .iter()
                    .find_map(|l| l.competencies.areas.iter().find(|a| a.id == area))
                    .map_or_else(|| id.to_owned(), |a| format!("Area: {}", a.name)),
                None => competency_name(old, new, id),
            },
            "company_sizes" => new
                .company_size(id)
                .or_else(|| old.company_size(id))
                .map_or_else(|| id.to_owned(), |c| c.name.clone()),
            "entry_points" => [new, old]
                .iter()
                .find_map(|l| l.entry_points.iter().find(|e| e.id == id))
                .map_or_else(|| id.to_owned(), |e| e.name.clone()),
            "sources" => new
                .source(id)
                .or_else(|| old.source(id))
                .map_or_else(|| id.to_owned(), |s| s.title.clone()),
            "families" => new
                .family(id)
                .or_else(|| old.family(id))
                .map_or_else(|| id.to_owned(), |f| f.name.clone()),
            _ => id.to_owned(),
        }
    }

    /// The field in words: `skills` → "Skills", an expectation → "expected
    /// level of Product Manager", criteria as criteria.
    pub fn field_words(&self, old: &Ladder, new: &Ladder) -> String {
        let f = self.field.as_str();
        if let Some(role) = f.strip_prefix("expectations.") {
            return format!("Expected level of {}", role_title(old, new, role));
        }
        if let Some(rest) = f.strip_prefix("readiness[to=")
            && let Some((to, tail)) = rest.split_once(']')
        {
            return format!(
                "Readiness for {}{}",
                role_title(old, new, to),
                tail.strip_prefix(".criteria").map_or(tail, |_| "")
            );
        }
        match f {
            "examples" => "Criteria".to_owned(),
            "" => String::new(),
            other => sentence(other),
        }
    }
}

/// A competency's name in either ladder.
fn competency_name(old: &Ladder, new: &Ladder, id: &str) -> String {
    [new, old]
        .iter()
        .find_map(|l| l.competencies.items.iter().find(|c| c.id == id))
        .map_or_else(|| id.to_owned(), |c| c.name.clone())
}

/// `job_description_themes` → "Job description themes".
fn sentence(key: &str) -> String {
    let words = key.replace(['_', '.'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::diff;
    use crate::model::Ladder;

    fn lumen(year: u32) -> Ladder {
        let path = format!(
            "{}/../ladder-cli/tests/fixtures/companies/lumen-{year}.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        crate::file::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn a_change_reads_in_the_ladder_s_names() {
        let (old, new) = (lumen(2025), lumen(2026));
        let lines: Vec<String> = diff(&old, &new)
            .iter()
            .map(|c| {
                format!(
                    "{} | {} | {} | {} | {}",
                    c.sign(),
                    c.section_words(),
                    c.item_words(&old, &new),
                    c.field_words(&old, &new),
                    c.value_words()
                )
            })
            .collect();
        for expected in [
            "~ | The ladder |  | Version | 2025 → 2026",
            "+ | Roles | Lead Product Manager |  | ",
            "+ | Moves | Senior Product Manager → Lead Product Manager |  | promotion",
            "~ | Competencies | Product strategy | Expected level of Product Manager | 2 → 1",
            "- | Competencies | Writing |  | ",
        ] {
            assert!(
                lines.iter().any(|l| l == expected),
                "{expected}\n{lines:#?}"
            );
        }
    }

    #[test]
    fn a_whole_table_is_summed_up_on_pages_and_shown_whole_in_the_terminal() {
        let old = crate::embedded::ladder();
        let new = lumen(2026);
        let changes = diff(old, &new);
        let org = changes
            .iter()
            .find(|c| c.section == "organisation" && c.field == "ladder_top")
            .unwrap();
        assert_eq!(org.value_words(), "the whole table (see the ladder file)");
        assert!(org.value_text().starts_with('{'), "{}", org.value_text());
    }
}
