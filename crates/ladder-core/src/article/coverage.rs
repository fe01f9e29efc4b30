//! Which paragraphs of a ladder's sources no statement cites.
//!
//! The citation check ([`super::check`]) proves one direction: what the ladder
//! says is in its sources. This is the other: what the sources say is in the
//! ladder. A paragraph nobody cites is a heading, a byline, an advertisement —
//! or a fact the ladder left out, which is what a reviewer needs to see.
//!
//! It works at the grain of the paragraph, so a cited paragraph may still hold
//! a fact the ladder missed; it narrows a reading of the article, it does not
//! replace it. Sources whose text was not given, and citations by page or
//! section, are outside it.

use std::collections::HashSet;

use crate::file::walk;
use crate::model::{Ladder, Passage};

use super::Articles;

/// A paragraph of a source that no statement of the ladder cites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncited {
    /// Id of the ladder's source.
    pub source: String,
    /// The paragraph, counted from 1.
    pub paragraph: u32,
    /// Its text.
    pub text: String,
}

/// Every paragraph of every source in `articles` that no statement of
/// `ladder` cites, in the order of the ladder's sources and then of the text.
pub fn uncited(ladder: &Ladder, articles: &Articles) -> Vec<Uncited> {
    let mut cited: HashSet<(&str, u32)> = HashSet::new();
    for s in walk::cited(ladder) {
        for c in s.sources {
            if let Some(Passage::Paragraphs { first, last }) = &c.passage {
                for n in *first..=*last {
                    cited.insert((c.source.as_str(), n));
                }
            }
        }
    }
    let mut out = Vec::new();
    for source in &ladder.sources {
        let Some(article) = articles.article(&source.id) else {
            continue;
        };
        for (i, text) in article.all_paragraphs().iter().enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if !cited.contains(&(source.id.as_str(), n)) {
                out.push(Uncited {
                    source: source.id.clone(),
                    paragraph: n,
                    text: text.clone(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LADDER: &str = r#"
[ladder]
name = "Small"
version = "1"

[[sources]]
id = "handbook"
title = "Handbook"

[[sources]]
id = "wiki"
title = "Wiki"

[[roles]]
id = "pm"
title = "Product Manager"
tier = "mid"
track = "ic"
responsibilities = [{ text = "Owns one product area.", sources = ["handbook#2-3"] }]
scope = { level = "feature", text = "A feature.", sources = ["handbook#5"] }
"#;

    #[test]
    fn lists_the_paragraphs_no_statement_points_at() {
        let l = crate::parse(LADDER).unwrap();
        let mut articles = Articles::new();
        articles.insert("handbook", "Title\n\nOne.\n\nTwo.\n\nThree.\n\nFour.");
        let got: Vec<(String, u32, String)> = uncited(&l, &articles)
            .into_iter()
            .map(|u| (u.source, u.paragraph, u.text))
            .collect();
        // Paragraphs 2-3 (a range) and 5 (a scope's source) are cited; the
        // wiki's text was not given, so it is left out.
        assert_eq!(
            got,
            vec![
                ("handbook".to_string(), 1, "Title".to_string()),
                ("handbook".to_string(), 4, "Three.".to_string()),
            ]
        );
    }
}
