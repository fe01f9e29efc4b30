//! Two plain measures of whether a statement is borne out by its passage.
//!
//! They are deliberately simple, so that a failing check can be understood by a
//! person: [`support`] is the share of a statement's content words (stop words
//! dropped, each word cut to its first [`STEM_LETTERS`] letters so that
//! "managers" meets "management") that also occur in the passage, and
//! [`unsupported_numbers`] lists the numbers a statement gives that its passage
//! does not, with number words ("three") read as digits.

use std::collections::BTreeSet;

/// Words that carry no content of their own.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "again", "all", "also", "an", "and", "any", "are",
    "around", "as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "done", "down", "during", "each", "else", "every", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "just", "less", "may", "me", "might", "more", "most",
    "must", "my", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only",
    "onto", "or", "other", "our", "out", "over", "own", "per", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "up", "upon", "us", "usually", "very", "via",
    "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "whose", "why", "will", "with", "within", "without", "would", "you", "your",
];

/// How many letters of a word are compared.
pub const STEM_LETTERS: usize = 5;

/// The content words of `text`: lower-cased, stop words dropped, each cut to
/// its first [`STEM_LETTERS`] letters.
pub fn content_words(text: &str) -> BTreeSet<String> {
    words(text)
        .filter(|w| w.len() > 1 && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| w.chars().take(STEM_LETTERS).collect())
        .collect()
}

/// The share (0 to 1) of the statement's content words found in the passage;
/// 1 for a statement with no content word.
pub fn support(statement: &str, passage: &str) -> f64 {
    let said = content_words(statement);
    if said.is_empty() {
        return 1.0;
    }
    let found = content_words(passage);
    said.intersection(&found).count() as f64 / said.len() as f64
}

/// The numbers `statement` gives that none of `passages` gives, digits and
/// number words alike (`three` and `3` are the same number).
pub fn unsupported_numbers(statement: &str, passages: &[&str]) -> Vec<String> {
    let given: BTreeSet<String> = passages.iter().flat_map(|p| numbers(p)).collect();
    numbers(statement)
        .into_iter()
        .filter(|n| !given.contains(n))
        .collect()
}

/// The numbers in `text`, as digits, in order, without repeats.
pub fn numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(text) {
        let n = if w.bytes().all(|b| b.is_ascii_digit()) {
            w.trim_start_matches('0').to_owned()
        } else {
            match number_word(&w) {
                Some(n) => n.to_string(),
                None => continue,
            }
        };
        let n = if n.is_empty() { "0".to_owned() } else { n };
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// The value of a number word, for the words articles use for small counts
/// ("one" excepted, which is mostly not a count).
fn number_word(w: &str) -> Option<u32> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    // "one" is left out: "one of", "one article" are rarely counts.
    if let Some(i) = WORDS.iter().position(|x| *x == w).filter(|i| *i != 1) {
        return Some(i as u32);
    }
    match w {
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        "hundred" => Some(100),
        "thousand" => Some(1000),
        _ => None,
    }
}

/// The words of `text`, lower case, apostrophes removed, split at anything
/// that is not a letter or digit.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn support_counts_shared_content_words_by_their_first_letters() {
        let s = "Managers own the product strategy.";
        assert_eq!(support(s, "Management owns a strategic product"), 1.0);
        assert_eq!(support(s, "Nothing alike here"), 0.0);
        assert!(
            (support(s, "the product") - 1.0 / 3.0).abs() < 1e-9,
            "`own` is a stop word"
        );
        assert_eq!(support("the and of", "anything"), 1.0);
    }

    #[test]
    fn number_words_and_digits_are_one_number() {
        assert_eq!(
            numbers("three to six months, 3 again; 007"),
            ["3", "6", "7"]
        );
        assert!(unsupported_numbers("three to six months", &["3-6 months out"]).is_empty());
        assert_eq!(
            unsupported_numbers("five to ten years", &["3-6 months", "ten"]),
            ["5"]
        );
    }
}
