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
        for (index, word) in line.split_whitespace().enumerate() {
            if index > 0 {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
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
        let paragraph = strip_emphasis(&self.current);
        let paragraph = paragraph.trim();
        if !paragraph.is_empty() && paragraph != "." {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(paragraph);
        }
        self.current.clear();
    }
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
    fn whitespace_and_placeholders() {
        check("  a   b\t c  ", "a b c");
        assert_eq!(paragraphs("."), None);
        assert_eq!(paragraphs("\n\n"), None);
        check("**x**\n\n.\n\nY.", "x\n\nY.");
    }
}
