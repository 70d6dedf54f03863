//! Words by Unicode segmentation (UAX #29), repaired for what PDF exports and council text do.
//!
//! UAX #29 alone keeps `verdronken.Kunt` (two sentences glued by the export) as one word and
//! cuts `N-VA` and `economie-initiatieven` in two. This tokenizer starts from UAX #29 words (as
//! `word_bounds` finds them: ASCII stretches segmented there, the rest by unicode-segmentation)
//! and then:
//! - splits a word at a `.` or `:` followed by an upper-case letter (a glued sentence end) into
//!   words at successive positions;
//! - joins words linked by hyphens (and, for names, by `.` and `&`) into a group, and emits the
//!   group whole without its joiners, followed by each part, all at the group's position, so
//!   that `N-VA`, `nva` and `VA` all find it;
//! - writes Dutch thousands without their dots (`3.000` → `3000`), keeping decimal commas.
//!
//! Numbers with a decimal point or comma (`PM2,5`, `2.5`) and ids (`2016_MV_00146`) stay whole,
//! as UAX #29 leaves them.

use std::collections::VecDeque;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::word_bounds::WordBounds;

/// The text between the sections of `body` (title, question, answer), and the token it becomes
/// in running text: U+001F, the unit separator, which no record text keeps
/// (`raad_core::document` replaces it). Its positions tell the searcher where the title ends
/// and the question begins, and where the answer begins; no query has it (raad-query removes
/// it from query text).
pub const SECTION_MARKER: &str = "\u{1F}";

/// Which characters join words into a group that is indexed whole and in parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Running text: hyphens join; a dot between letters joins unless a capital follows it.
    Text,
    /// Names of people and parties: hyphens, dots and `&` join (`N-VA`, `sp.a`, `CD&V`).
    Names,
}

/// Tokenizer for Dutch text: UAX #29 words with glued sentences split, hyphenated words indexed
/// whole and in parts, and thousands separators removed.
#[derive(Debug, Clone)]
pub struct WordTokenizer {
    mode: Mode,
    token: Token,
    pending: VecDeque<Token>,
}

impl WordTokenizer {
    /// The tokenizer for running text (titles, questions, answers).
    pub fn text() -> WordTokenizer {
        WordTokenizer::with_mode(Mode::Text)
    }

    /// The tokenizer for names of people and parties, where `.` and `&` also join parts
    /// (`sp.a` is found by `spa`, `CD&V` by `cdv`).
    pub fn names() -> WordTokenizer {
        WordTokenizer::with_mode(Mode::Names)
    }

    fn with_mode(mode: Mode) -> WordTokenizer {
        WordTokenizer {
            mode,
            token: Token::default(),
            pending: VecDeque::new(),
        }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        self.pending.clear();
        WordTokenStream {
            text,
            mode: self.mode,
            segments: WordBounds::new(text),
            peeked: None,
            token: &mut self.token,
            pending: &mut self.pending,
            next_position: 0,
        }
    }
}

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    mode: Mode,
    segments: WordBounds<'a>,
    /// A segment read ahead and put back.
    peeked: Option<(usize, &'a str)>,
    token: &'a mut Token,
    /// Tokens found but not handed out yet (a split word or a group's parts).
    pending: &'a mut VecDeque<Token>,
    next_position: usize,
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(token) = self.pending.pop_front() {
                *self.token = token;
                return true;
            }
            let Some((start, word)) = self.next_word() else {
                return false;
            };
            if word == SECTION_MARKER {
                // Where one section of `body` ends and the next begins: a token of its own.
                self.emit(start, start + word.len());
                return true;
            }
            let end = self.group_end(start + word.len());
            if !self.text[start..end].contains(['.', ':', '-', '\u{2010}', '\u{2011}', '&']) {
                // A plain word, by far the most common case: no queue, no new allocation.
                self.emit(start, end);
                return true;
            }
            self.push_group(start, end);
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl<'a> WordTokenStream<'a> {
    /// Whether the next token is at the current token's position: the parts that follow a
    /// hyphenated group's whole.
    pub(crate) fn next_shares_position(&self) -> bool {
        self.pending
            .front()
            .is_some_and(|next| next.position == self.token.position)
    }

    /// Makes `text[start..end]` the current token, at the next position.
    fn emit(&mut self, start: usize, end: usize) {
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.next_position;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.next_position += 1;
    }

    /// The next UAX #29 segment, the one looked at last if it was put back.
    fn next_segment(&mut self) -> Option<(usize, &'a str)> {
        self.peeked.take().or_else(|| self.segments.next())
    }

    /// The next UAX #29 segment that holds a letter or digit.
    fn next_word(&mut self) -> Option<(usize, &'a str)> {
        while let Some((at, segment)) = self.next_segment() {
            if is_word(segment) || (self.mode == Mode::Text && segment == SECTION_MARKER) {
                return Some((at, segment));
            }
        }
        None
    }

    /// Extends a word that ends at `end` over `-word` (and, for names, `.word`, `&word`)
    /// continuations, and returns where the group ends.
    fn group_end(&mut self, mut end: usize) -> usize {
        loop {
            let Some((at, segment)) = self.next_segment() else {
                return end;
            };
            if at != end || !self.is_joiner(segment) {
                self.peeked = Some((at, segment));
                return end;
            }
            match self.next_segment() {
                Some((at, word)) if is_word(word) => end = at + word.len(),
                other => {
                    // A joiner between a word and a non-word (`nacht- en`) joins nothing.
                    self.peeked = other;
                    return end;
                }
            }
        }
    }

    fn is_joiner(&self, segment: &str) -> bool {
        match self.mode {
            Mode::Text => matches!(segment, "-" | "\u{2010}" | "\u{2011}"),
            Mode::Names => matches!(segment, "-" | "\u{2010}" | "\u{2011}" | "&" | "."),
        }
    }

    /// Queues the tokens of `text[start..end]`: one word, or sentences glued together, or a
    /// group of joined parts.
    fn push_group(&mut self, start: usize, end: usize) {
        let group = &self.text[start..end];
        let mut piece_start = 0;
        for (at, _) in group.match_indices(['.', ':']) {
            if self.mode == Mode::Text && is_glued_sentence_end(group, at) {
                self.push_piece(start + piece_start, start + at);
                piece_start = at + 1;
            }
        }
        self.push_piece(start + piece_start, end);
    }

    /// Queues one word, or a group whole and then its parts at the same position.
    fn push_piece(&mut self, start: usize, end: usize) {
        let piece = &self.text[start..end];
        let position = self.next_position;
        self.next_position += 1;
        let parts = parts(piece);
        let whole: String = if parts.len() > 1 && !is_number(piece) {
            parts.iter().map(|(_, part)| *part).collect()
        } else {
            without_thousands_dots(piece)
        };
        self.pending.push_back(Token {
            offset_from: start,
            offset_to: end,
            position,
            text: whole,
            position_length: 1,
        });
        if parts.len() > 1 && !is_number(piece) {
            for (at, part) in parts {
                self.pending.push_back(Token {
                    offset_from: start + at,
                    offset_to: start + at + part.len(),
                    position,
                    text: without_thousands_dots(part),
                    position_length: 1,
                });
            }
        }
    }
}

/// The parts of a group: the pieces between hyphens, and between letters joined by `.`, `:` or
/// `&`. A plain word is its own single part.
fn parts(piece: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut part_start = 0;
    let mut previous: Option<char> = None;
    let mut chars = piece.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        let joins = match c {
            '-' | '\u{2010}' | '\u{2011}' => true,
            '.' | ':' | '&' => {
                previous.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
            }
            _ => false,
        };
        if joins {
            if part_start < at {
                parts.push((part_start, &piece[part_start..at]));
            }
            part_start = at + c.len_utf8();
        }
        previous = Some(c);
    }
    if part_start < piece.len() {
        parts.push((part_start, &piece[part_start..]));
    }
    parts
}

fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// A `.` or `:` at `at` with a letter before it and an upper-case letter after it: the export
/// glued two sentences (`verdronken.Kunt`), or a label to its value (`Vraag:Kunt`).
fn is_glued_sentence_end(word: &str, at: usize) -> bool {
    let before = word[..at].chars().next_back();
    let after = word[at + 1..].chars().next();
    matches!((before, after), (Some(b), Some(a)) if b.is_alphabetic() && a.is_uppercase())
}

/// Digits with `.` and `,` only: a number, kept as one token even when it has separators.
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// `3.000` → `3000`, `1.250.000,50` → `1250000,50`; anything else unchanged. Dots count as
/// thousands separators only when every group after the first has three digits.
fn without_thousands_dots(word: &str) -> String {
    if !is_number(word) || !word.contains('.') {
        return word.to_string();
    }
    let integer = word.split(',').next().unwrap_or(word);
    let mut groups = integer.split('.');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    if first_ok && groups.all(|g| g.len() == 3) {
        word.replacen('.', "", integer.matches('.').count())
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut tokenizer: WordTokenizer, text: &str) -> Vec<(String, usize)> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            assert_eq!(&text[token.offset_from..token.offset_to].is_empty(), &false);
            out.push((token.text.clone(), token.position));
        }
        out
    }

    fn check(text: &str, expected: &[(&str, usize)]) {
        let got = tokens(WordTokenizer::text(), text);
        let expected: Vec<(String, usize)> =
            expected.iter().map(|(t, p)| (t.to_string(), *p)).collect();
        assert_eq!(got, expected, "tokens of {text:?}");
    }

    #[test]
    fn glued_sentences_split_numbers_and_ids_stay_whole() {
        check(
            "verdronken.Kunt u",
            &[("verdronken", 0), ("Kunt", 1), ("u", 2)],
        );
        check(
            "3.000 PM2,5 2016_MV_00146",
            &[("3000", 0), ("PM2,5", 1), ("2016_MV_00146", 2)],
        );
        check(
            "1.250.000,50 en 2.5",
            &[("1250000,50", 0), ("en", 1), ("2.5", 2)],
        );
    }

    #[test]
    fn hyphen_groups_are_whole_then_parts_at_one_position() {
        check(
            "de N-VA zegt",
            &[("de", 0), ("NVA", 1), ("N", 1), ("VA", 1), ("zegt", 2)],
        );
        check(
            "Sint-Pietersstation",
            &[
                ("SintPietersstation", 0),
                ("Sint", 0),
                ("Pietersstation", 0),
            ],
        );
        check(
            "nacht- en ploegenarbeid",
            &[("nacht", 0), ("en", 1), ("ploegenarbeid", 2)],
        );
    }

    #[test]
    fn names_join_dots_and_ampersands() {
        let got = tokens(WordTokenizer::names(), "sp.a CD&V");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["spa", "sp", "a", "CDV", "CD", "V"]);
    }

    #[test]
    fn offsets_point_at_the_words() {
        let mut tokenizer = WordTokenizer::text();
        let text = "één N-VA";
        let mut stream = tokenizer.token_stream(text);
        let mut spans = Vec::new();
        while let Some(token) = stream.next() {
            spans.push(&text[token.offset_from..token.offset_to]);
        }
        assert_eq!(spans, ["één", "N-VA", "N", "VA"]);
    }
}
