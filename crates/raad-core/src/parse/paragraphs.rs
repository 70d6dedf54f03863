//! Text lines of a PDF-to-text export → clean paragraphs.
//!
//! The export breaks lines in mid-sentence, sometimes with a blank line in between
//! (`…een signalerende rol op naar de*` / blank / `hogere overheden.`). The rules:
//! - White space is folded to single spaces; paragraphs are separated by `"\n\n"`.
//! - Lines with no blank line between them belong to one paragraph, unless the next line is a
//!   list item (`1. `, `2) `, `a) `, `- `, `• `, `* `).
//! - Across a blank line, the next line continues the paragraph when the previous line is
//!   plainly unfinished (it ends in a comma or in a word such as `de`, `van`, `en` that cannot
//!   end a sentence), or when the next line starts with a lower-case letter and the previous
//!   line does not end in `?` or `!`. Otherwise the blank line is a paragraph break.
//! - A word broken with a hyphen at the end of a line (`samen-` / `werking`) is joined without
//!   a space, keeping the hyphen.
//! - Markdown emphasis is removed per paragraph (see `emphasis`), so a `*…*` that spans lines
//!   is removed too.
//! - A paragraph text that is only `.` (the export's "nothing here") gives no text at all.

use std::borrow::Cow;

use crate::parse::emphasis::strip_emphasis;

/// Words that cannot end a Dutch sentence: a line ending in one was broken in mid-sentence.
const OPEN_WORDS: &[&str] = &[
    "de", "het", "een", "van", "in", "op", "aan", "met", "voor", "naar", "en", "of", "te", "bij",
    "door", "om", "over", "uit", "tot", "dat", "die", "als", "is", "zijn", "werd", "wordt",
    "worden", "onder", "tussen", "tegen", "na", "per", "vanaf", "zoals", "maar", "dan", "zo",
];

/// How the previous line ended.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineEnd {
    /// `?` or `!`: the next line starts a new sentence.
    Strong,
    /// `.`, `:`, `;` and the like: probably the end of a sentence.
    Sentence,
    /// A comma, or a word that cannot end a sentence.
    Open,
    /// A word broken with a hyphen.
    Hyphen,
    /// Anything else (a heading, a name, a number).
    Plain,
}

/// Collects the lines of one section and gives its paragraphs.
#[derive(Default)]
pub(crate) struct Paragraphs {
    /// Finished paragraphs, separated by `"\n\n"`.
    out: String,
    /// The paragraph being built, white space already folded.
    current: String,
    blank_before: bool,
    last_end: Option<LineEnd>,
}

impl Paragraphs {
    /// Adds one line of text (a blank line marks a possible paragraph break).
    pub(crate) fn push_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() {
            self.blank_before = true;
            return;
        }
        if let Some(last_end) = self.last_end {
            match self.separator(last_end, line) {
                Separator::Break => self.flush(),
                Separator::Space => self.current.push(' '),
                Separator::None => {}
            }
        }
        push_folded(&mut self.current, line);
        self.last_end = Some(line_end(line));
        self.blank_before = false;
    }

    /// Adds a blank line.
    pub(crate) fn push_blank(&mut self) {
        self.blank_before = true;
    }

    /// The paragraphs, or `None` when there is no text (or only `.`).
    pub(crate) fn finish(mut self) -> Option<String> {
        self.flush();
        (!self.out.is_empty()).then_some(self.out)
    }

    fn separator(&self, last_end: LineEnd, next: &str) -> Separator {
        if is_list_item(next) {
            return Separator::Break;
        }
        let starts_lower = next
            .trim_start_matches(['*', '(', '"', '\'', '‘', '“'])
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        if last_end == LineEnd::Hyphen && starts_lower {
            return Separator::None;
        }
        if !self.blank_before {
            return Separator::Space;
        }
        let continues = match last_end {
            LineEnd::Open | LineEnd::Hyphen => true,
            LineEnd::Strong => false,
            LineEnd::Sentence | LineEnd::Plain => starts_lower,
        };
        if continues {
            Separator::Space
        } else {
            Separator::Break
        }
    }

    fn flush(&mut self) {
        if self.current.is_empty() {
            return;
        }
        let stripped = match strip_emphasis(&self.current) {
            Cow::Owned(text) => Some(text),
            Cow::Borrowed(_) => None,
        };
        if stripped.is_none() && self.out.is_empty() && self.current != "." {
            // The first paragraph as built (lines are trimmed when added): no copy.
            std::mem::swap(&mut self.out, &mut self.current);
            return;
        }
        let paragraph = stripped.as_deref().unwrap_or(&self.current).trim();
        if !paragraph.is_empty() && paragraph != "." {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(paragraph);
        }
        self.current.clear();
    }
}

/// Appends `text` with surrounding white space trimmed and every inner run of white space
/// folded to one space.
pub(crate) fn push_folded(out: &mut String, text: &str) {
    let text = text.trim();
    if is_folded(text) {
        out.push_str(text);
        return;
    }
    for (index, word) in text.split_whitespace().enumerate() {
        if index > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Whether trimmed text has no white space other than single spaces. Checked on bytes, the
/// common case of every line: Unicode white space outside ASCII is U+0085, U+00A0, U+1680,
/// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000, recognised by their UTF-8 bytes.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut previous_space = false;
    for (index, &byte) in bytes.iter().enumerate() {
        let next = |offset: usize| bytes.get(index + offset).copied().unwrap_or(0);
        let unicode_space = match byte {
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            0xE2 => match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => next(2) == 0x9F,
                _ => false,
            },
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            _ => false,
        };
        if unicode_space || matches!(byte, b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            return false;
        }
        if byte == b' ' {
            if previous_space {
                return false;
            }
            previous_space = true;
        } else {
            previous_space = false;
        }
    }
    true
}

enum Separator {
    Break,
    Space,
    None,
}

fn line_end(line: &str) -> LineEnd {
    let trimmed = line.trim_end_matches(['*', ' ', '\t']);
    let Some(last) = trimmed.chars().next_back() else {
        return LineEnd::Plain;
    };
    match last {
        '?' | '!' => return LineEnd::Strong,
        '.' | ':' | ';' | '…' => return LineEnd::Sentence,
        ',' => return LineEnd::Open,
        '-' => {
            let before = trimmed[..trimmed.len() - 1].chars().next_back();
            if before.is_some_and(char::is_alphabetic) {
                return LineEnd::Hyphen;
            }
        }
        _ => {}
    }
    // Punctuation inside closing quotes or brackets ends the sentence too: `…wijk."`.
    let inner = trimmed.trim_end_matches(['"', '\'', '’', '”', ')', ']']);
    if inner.len() < trimmed.len() {
        if let Some(c) = inner.chars().next_back() {
            if matches!(c, '.' | '?' | '!') {
                return LineEnd::Sentence;
            }
        }
    }
    let last_word = trimmed
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    if OPEN_WORDS.iter().any(|w| last_word.eq_ignore_ascii_case(w)) {
        LineEnd::Open
    } else {
        LineEnd::Plain
    }
}

/// `1. `, `12) `, `a) `, `- `, `– `, `• `, `* ` at the start of a line.
fn is_list_item(line: &str) -> bool {
    if line.starts_with("- ")
        || line.starts_with("– ")
        || line.starts_with("• ")
        || line.starts_with("* ")
    {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line.as_bytes()[digits..];
    if (1..=3).contains(&digits) {
        return matches!(rest, [b'.' | b')', b' ', ..]);
    }
    matches!(line.as_bytes(), [b'a'..=b'z', b')', b' ', ..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Option<String> {
        let mut p = Paragraphs::default();
        for line in text.split('\n') {
            if line.trim().is_empty() {
                p.push_blank();
            } else {
                p.push_line(line);
            }
        }
        p.finish()
    }

    #[track_caller]
    fn check(text: &str, expected: &str) {
        assert_eq!(paragraphs(text).as_deref(), Some(expected));
    }

    #[test]
    fn broken_lines_joined() {
        check(
            "*We richten een rol op naar de*\n\nhogere overheden. We onderzoeken de sociale economie\n\nkan opnemen.\n\nGraag de stand van zaken.",
            "We richten een rol op naar de hogere overheden. We onderzoeken de sociale economie kan opnemen.\n\nGraag de stand van zaken.",
        );
        check("in de Brugse\nPoort\".", "in de Brugse Poort\".");
        check(
            "eerste regel,\n\nTweede deel.",
            "eerste regel, Tweede deel.",
        );
        check("samen-\nwerking", "samen-werking");
        check("enz.\n\nen verder.", "enz. en verder.");
    }

    #[test]
    fn paragraphs_kept() {
        check(
            "Vraag één?\n\n1. Hoeveel fietsplaatsen?\n\n2. Wanneer?",
            "Vraag één?\n\n1. Hoeveel fietsplaatsen?\n\n2. Wanneer?",
        );
        check("Eerste zin.\n\nTweede zin.", "Eerste zin.\n\nTweede zin.");
        check(
            "Een vraag?\n\nmet kleine letter",
            "Een vraag?\n\nmet kleine letter",
        );
        check("Lijst:\n- een\n- twee", "Lijst:\n\n- een\n\n- twee");
        check("Titel\n\nTekst.", "Titel\n\nTekst.");
    }

    #[test]
    fn folding_matches_split_whitespace() {
        let pieces = [
            "a", "é", "‘x’", "–", " ", "  ", "\t", "\u{a0}", "\u{85}", "\u{1680}", "\u{2003}",
            "\u{200a}", "\u{200b}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}", "“", "\r",
        ];
        // Every string of up to three pieces.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b}{c}x{c}{b}");
                    let mut folded = String::new();
                    push_folded(&mut folded, &text);
                    let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert_eq!(folded, expected, "{text:?}");
                }
            }
        }
    }

    #[test]
    fn whitespace_and_placeholders() {
        check("  a   b\t c  ", "a b c");
        assert_eq!(paragraphs("."), None);
        assert_eq!(paragraphs("\n\n"), None);
        check("**x**\n\n.\n\nY.", "x\n\nY.");
    }
}
