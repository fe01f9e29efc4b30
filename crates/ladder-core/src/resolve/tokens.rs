//! Splitting a title into words: lowercase, accents removed, with the byte range
//! of each word in the original title (for the area) and the segment it is in.
//!
//! Most titles are ASCII, so the common path works on bytes with no allocation
//! beyond a reused buffer; other titles are folded a character at a time
//! (compatibility decomposition, combining marks dropped, lowercase), so
//! "Directeur Général" and "directeur general" give the same words.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// One word of a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the folded word in the scratch buffer.
    pub folded: (u32, u32),
    /// Byte range of the word in the original title.
    pub original: (u32, u32),
    /// The segment (part between separators such as `,` or ` - `) it is in.
    pub segment: u16,
}

/// Reusable buffers for tokenising, so resolving a title allocates nothing, and
/// a bounded memo of typo look-ups: unknown words (areas such as "Payments")
/// recur constantly in real exports, and each costs a dozen probes otherwise.
#[derive(Debug, Default)]
pub struct Scratch {
    /// The folded words, back to back.
    pub text: String,
    /// The words.
    pub tokens: Vec<Token>,
    /// Unknown word → the known word it is a typo of, if any.
    pub(crate) typos: rustc_hash::FxHashMap<Box<str>, Option<u8>>,
    /// The resolver the memo belongs to (its address).
    pub(crate) owner: usize,
}

/// How many typo look-ups a [`Scratch`] remembers before it starts over.
pub(crate) const TYPO_MEMO: usize = 1 << 16;

fn is_segment_break(c: char) -> bool {
    matches!(
        c,
        ',' | '(' | ')' | '[' | ']' | '|' | ';' | ':' | '/' | '\\' | '–' | '—' | '·' | '•'
    )
}

/// Splits `title` into `scratch.tokens`.
pub fn tokenize(title: &str, scratch: &mut Scratch) {
    scratch.text.clear();
    scratch.tokens.clear();
    if title.is_ascii() {
        ascii(title, scratch);
    } else {
        unicode(title, scratch);
    }
}

/// Word characters: letters, digits, and `-`, `'` inside a word; `&`, `@` and
/// `+` are words of their own (conjunctions and an employer marker). The title
/// is lowercased in one pass; a word's folded range is its original range.
fn ascii(title: &str, s: &mut Scratch) {
    s.text.push_str(title);
    s.text.make_ascii_lowercase();
    let lower = s.text.as_bytes();
    let mut segment: u16 = 0;
    let mut start: Option<usize> = None;
    let mut i = 0;
    let n = lower.len();
    while i < n {
        let b = lower[i];
        let word = b.is_ascii_alphanumeric()
            || (start.is_some()
                && (b == b'-' || b == b'\'')
                && i + 1 < n
                && lower[i + 1].is_ascii_alphanumeric());
        if word {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(from) = start.take() {
                s.tokens.push(Token {
                    folded: (from as u32, i as u32),
                    original: (from as u32, i as u32),
                    segment,
                });
            }
            match b {
                b'&' | b'@' | b'+' => {
                    s.tokens.push(Token {
                        folded: (i as u32, i as u32 + 1),
                        original: (i as u32, i as u32 + 1),
                        segment,
                    });
                }
                // A hyphen between spaces separates segments ("PM - Growth").
                b'-' => segment = segment.saturating_add(1),
                b if is_segment_break(b as char) => segment = segment.saturating_add(1),
                _ => {}
            }
        }
        i += 1;
    }
    if let Some(from) = start {
        s.tokens.push(Token {
            folded: (from as u32, n as u32),
            original: (from as u32, n as u32),
            segment,
        });
    }
}

fn unicode(title: &str, s: &mut Scratch) {
    let mut segment: u16 = 0;
    let mut start: Option<usize> = None;
    let mut folded_start = 0usize;
    let mut chars = title.char_indices().peekable();
    let close = |s: &mut Scratch, from: usize, to: usize, folded_start: usize, segment: u16| {
        let mut end = s.text.len();
        while end > folded_start && matches!(s.text.as_bytes()[end - 1], b'-' | b'\'') {
            end -= 1;
        }
        s.text.truncate(end);
        if end > folded_start {
            s.tokens.push(Token {
                folded: (folded_start as u32, end as u32),
                original: (from as u32, to as u32),
                segment,
            });
        }
    };
    while let Some((i, c)) = chars.next() {
        let next_is_word = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let word = c.is_alphanumeric()
            || is_combining_mark(c)
            || (start.is_some() && matches!(c, '-' | '\'' | '’') && next_is_word);
        if word {
            if start.is_none() {
                start = Some(i);
                folded_start = s.text.len();
            }
            let text = &mut s.text;
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    if d == '’' {
                        text.push('\'');
                    } else {
                        text.extend(d.to_lowercase());
                    }
                }
            });
        } else {
            if let Some(from) = start.take() {
                close(s, from, i, folded_start, segment);
            }
            match c {
                '&' | '@' | '+' => {
                    let at = s.text.len();
                    s.text.push(c);
                    s.tokens.push(Token {
                        folded: (at as u32, at as u32 + 1),
                        original: (i as u32, (i + 1) as u32),
                        segment,
                    });
                }
                '-' => segment = segment.saturating_add(1),
                c if is_segment_break(c) => segment = segment.saturating_add(1),
                _ => {}
            }
        }
    }
    if let Some(from) = start {
        close(s, from, title.len(), folded_start, segment);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(title: &str) -> Vec<(String, &str, u16)> {
        let mut s = Scratch::default();
        tokenize(title, &mut s);
        s.tokens
            .iter()
            .map(|t| {
                (
                    s.text[t.folded.0 as usize..t.folded.1 as usize].to_owned(),
                    &title[t.original.0 as usize..t.original.1 as usize],
                    t.segment,
                )
            })
            .collect()
    }

    #[test]
    fn ascii_titles() {
        assert_eq!(
            words("Sr. PM, Growth & Co-op"),
            vec![
                ("sr".into(), "Sr", 0),
                ("pm".into(), "PM", 0),
                ("growth".into(), "Growth", 1),
                ("&".into(), "&", 1),
                ("co-op".into(), "Co-op", 1),
            ]
        );
        let w = words("Product Manager - Payments (EU)");
        assert_eq!(w.iter().map(|w| w.2).collect::<Vec<_>>(), [0, 0, 1, 2]);
        assert!(words("  --  ").is_empty());
    }

    #[test]
    fn unicode_titles_fold_accents_and_case() {
        let w = words("Directeur Général – Produit");
        assert_eq!(w[1].0, "general");
        assert_eq!(w[1].1, "Général");
        assert_eq!(w[2].2, 1);
        assert_eq!(words("ＰＭ")[0].0, "pm");
        assert_eq!(words("Produktmanagerin für Zahlungen")[2].0, "zahlungen");
    }
}
