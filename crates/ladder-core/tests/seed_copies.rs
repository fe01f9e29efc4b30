//! Issue 12.4: the built-in ladder is written in our own words. No string
//! of it repeats 8 or more consecutive words of any of the five seed
//! articles in `../shared/seeds` (compared normalised: lower case,
//! punctuation dropped, apostrophes joined). Facts carry over from the
//! articles; sentences do not, quotations included.
//!
//! The articles' titles (in `[[sources]]`) are the one exception: a title
//! is how a source is named.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;

/// How many consecutive words make a copy.
const RUN: usize = 8;

fn seeds() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the seed articles are read from {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 5, "five seed articles in {}", dir.display());
    out
}

/// Lower-case words, punctuation dropped, `you’re` → `youre`.
fn words(text: &str) -> Vec<String> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘'))
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    cleaned.split_whitespace().map(str::to_owned).collect()
}

/// Every run of `RUN` words of the articles → the article it is in.
fn runs_of(articles: &[(String, String)]) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (name, text) in articles {
        let w = words(text);
        for run in w.windows(RUN) {
            out.entry(run.join(" ")).or_insert_with(|| name.clone());
        }
    }
    out
}

/// The longest run of a string's words found in an article: (article, words).
fn longest_copy(runs: &HashMap<String, String>, text: &str) -> Option<(String, String)> {
    let w = words(text);
    let mut best: Option<(String, String)> = None;
    let mut i = 0;
    while i + RUN <= w.len() {
        let Some(article) = runs.get(&w[i..i + RUN].join(" ")) else {
            i += 1;
            continue;
        };
        // Extend the run as far as it still matches somewhere.
        let mut end = i + RUN;
        while end < w.len() && runs.contains_key(&w[end + 1 - RUN..=end].join(" ")) {
            end += 1;
        }
        let copied = w[i..end].join(" ");
        if best
            .as_ref()
            .is_none_or(|(_, b)| b.split(' ').count() < end - i)
        {
            best = Some((article.clone(), copied));
        }
        i = end;
    }
    best
}

/// Every string of a ladder (as JSON) with its path, sources' own fields left out.
fn strings<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                strings(x, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(m) => {
            for (k, x) in m {
                if path.is_empty() && k == "sources" {
                    continue;
                }
                strings(
                    x,
                    if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    },
                    out,
                );
            }
        }
        _ => {}
    }
}

/// The copies in a ladder: path, article, the words copied.
fn copies(ladder: &Value, articles: &[(String, String)]) -> Vec<(String, String, String)> {
    let runs = runs_of(articles);
    let mut found = Vec::new();
    let mut all = Vec::new();
    strings(ladder, String::new(), &mut all);
    for (path, text) in all {
        if let Some((article, copied)) = longest_copy(&runs, text) {
            found.push((path, article, copied));
        }
    }
    found
}

#[test]
fn no_string_of_the_built_in_ladder_repeats_eight_words_of_an_article() {
    let articles = seeds();
    let ladder = serde_json::to_value(ladder_core::embedded::ladder()).unwrap();
    let found = copies(&ladder, &articles);
    let report: Vec<String> = found
        .iter()
        .map(|(path, article, copied)| {
            format!(
                "{path}: {} words of {article}: \"{copied}\"",
                copied.split(' ').count()
            )
        })
        .collect();
    assert!(
        found.is_empty(),
        "{} strings copy {RUN}+ words of an article; say it in our own words:\n{}",
        found.len(),
        report.join("\n")
    );
}

#[test]
fn a_planted_copy_is_found_and_a_paraphrase_is_not() {
    let articles = seeds();
    let text = &articles[1].1;
    // Eight words straight from an article, punctuation and case changed.
    let sentence: Vec<String> = words(text).into_iter().skip(40).take(RUN).collect();
    let planted = format!("Intro. {}!", sentence.join(", ").to_uppercase());
    let ladder = serde_json::json!({ "roles": [{ "skills": [planted, "Listens to customers before deciding what to build."] }] });
    let found = copies(&ladder, &articles);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "roles[0].skills[0]");
    assert_eq!(found[0].2.split(' ').count(), RUN);
    // Seven words are not a copy.
    let seven = sentence[..RUN - 1].join(" ");
    let ladder = serde_json::json!({ "notes": [seven] });
    assert!(copies(&ladder, &articles).is_empty());
}
