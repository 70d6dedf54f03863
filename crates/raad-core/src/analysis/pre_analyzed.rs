//! Text analyzed once, handed to the index as its terms: the indexer analyzes a record's `body`
//! for the topic rules anyway, and tantivy would analyze it a second time.
//!
//! [`PreAnalyzed`] holds a token stream written out as text (a marker, then per token the
//! position step, the term's length and the term; a number below 95 is one printable ASCII
//! byte, as nearly all are, a larger one `DEL`, its digits and `;`). The `body` field's tokenizer,
//! [`PreAnalyzedOr`], reads such a text back into the same tokens without analyzing anything,
//! and analyzes every other text with the Dutch pipeline. Lucene's `PreAnalyzedField` does the
//! same; tantivy's own `PreTokenizedString` would do it too, but its documents copy and clone
//! every token several times before they reach the postings, which costs much of what the
//! second analysis did.
//!
//! Only the index's postings read these tokens: their positions and terms. Offsets are not
//! kept (`body` is indexed without them and not stored), and read back as 0.
//!
//! ```
//! use raad_core::analysis::{dutch_analyzer, body_analyzer, PreAnalyzed};
//!
//! let text = "De fietspaden van Gent";
//! let mut analyzer = dutch_analyzer();
//! let mut pre = PreAnalyzed::builder();
//! analyzer.token_stream(text).process(&mut |token| pre.push(token));
//! let pre = pre.finish();
//!
//! let mut body = body_analyzer();
//! let mut read_back = Vec::new();
//! body.token_stream(pre.as_str()).process(&mut |token| read_back.push((token.position, token.text.clone())));
//! assert_eq!(read_back[..3], [(1, "fietspad".to_string()), (1, "fiet".to_string()), (1, "pad".to_string())]);
//! ```

use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

/// What a pre-analyzed text starts with. It begins with the section marker, which no `body`
/// text begins with ([`crate::document::body_text`] puts the title first and turns markers
/// inside texts into spaces), so a record's own text is never read as tokens; and search
/// requests have their markers replaced too.
pub const PRE_ANALYZED_PREFIX: &str = "\u{1F}raad-pre-analyzed-1\u{1F}";

/// A token stream written out as text, for the `body` field's [`PreAnalyzedOr`] tokenizer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreAnalyzed {
    text: String,
}

impl PreAnalyzed {
    /// An empty stream to [`PreAnalyzedBuilder::push`] tokens on.
    pub fn builder() -> PreAnalyzedBuilder {
        PreAnalyzed::builder_for(0)
    }

    /// An empty stream with room for the tokens of about `text_bytes` of text (a stream of
    /// Dutch text takes about as many bytes as the text), so that it seldom grows.
    pub fn builder_for(text_bytes: usize) -> PreAnalyzedBuilder {
        let mut text = String::with_capacity(PRE_ANALYZED_PREFIX.len() + text_bytes * 5 / 4);
        text.push_str(PRE_ANALYZED_PREFIX);
        PreAnalyzedBuilder {
            text,
            last_position: 0,
        }
    }

    /// The text to give the index in place of the analyzed text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Bytes held.
    pub fn memory_bytes(&self) -> usize {
        self.text.capacity()
    }
}

/// Writes tokens, in the order the analyzer gives them, into a [`PreAnalyzed`].
#[derive(Debug)]
pub struct PreAnalyzedBuilder {
    text: String,
    last_position: usize,
}

impl PreAnalyzedBuilder {
    /// Appends one token: its position (which never goes back in an analyzer's stream; a
    /// token that would is written at the last position) and its term.
    pub fn push(&mut self, token: &Token) {
        let step = token.position.saturating_sub(self.last_position);
        self.last_position = self.last_position.max(token.position);
        push_number(&mut self.text, step);
        push_number(&mut self.text, token.text.len());
        self.text.push_str(&token.text);
    }

    /// The finished stream.
    pub fn finish(self) -> PreAnalyzed {
        PreAnalyzed { text: self.text }
    }
}

/// Numbers up to this are one byte, `' '` + n.
const ONE_BYTE_MAX: usize = 0x7E - 0x20;
/// The byte before a larger number's digits (which end with `;`).
const LONG_NUMBER: char = '\u{7F}';

fn push_number(text: &mut String, n: usize) {
    if n <= ONE_BYTE_MAX {
        // In 0x20..=0x7E: one ASCII character.
        text.push(char::from(0x20 + n as u8));
    } else {
        text.push(LONG_NUMBER);
        text.push_str(&n.to_string());
        text.push(';');
    }
}

/// Reads a number [`push_number`] wrote at the start of `text`, and what follows it.
fn read_number(text: &str) -> Option<(usize, &str)> {
    let first = *text.as_bytes().first()?;
    match first {
        0x20..=0x7E => Some((usize::from(first - 0x20), &text[1..])),
        0x7F => {
            let (digits, rest) = text[1..].split_once(';')?;
            Some((digits.parse().ok()?, rest))
        }
        _ => None,
    }
}

/// A tokenizer that reads a [`PreAnalyzed`] text back as its tokens and gives every other text
/// to `analyzer`.
#[derive(Clone)]
pub struct PreAnalyzedOr {
    analyzer: TextAnalyzer,
    token: Token,
}

impl PreAnalyzedOr {
    /// Reads pre-analyzed texts, and analyzes the others with `analyzer`.
    pub fn new(analyzer: TextAnalyzer) -> PreAnalyzedOr {
        PreAnalyzedOr {
            analyzer,
            token: Token::default(),
        }
    }
}

/// The tokens of a text: read back, or analyzed.
pub enum PreAnalyzedOrStream<'a> {
    /// The tokens of a [`PreAnalyzed`] text.
    Read(ReadTokens<'a>),
    /// The tokens the analyzer gives any other text.
    Analyzed(BoxTokenStream<'a>),
}

/// Reads the tokens of a [`PreAnalyzed`] text. A text that is not well formed (none that
/// [`PreAnalyzedBuilder`] wrote) ends where it stops making sense.
pub struct ReadTokens<'a> {
    rest: &'a str,
    position: usize,
    token: &'a mut Token,
}

impl Tokenizer for PreAnalyzedOr {
    type TokenStream<'a> = PreAnalyzedOrStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PreAnalyzedOrStream<'a> {
        match text.strip_prefix(PRE_ANALYZED_PREFIX) {
            Some(rest) => {
                self.token.reset();
                PreAnalyzedOrStream::Read(ReadTokens {
                    rest,
                    position: 0,
                    token: &mut self.token,
                })
            }
            None => PreAnalyzedOrStream::Analyzed(self.analyzer.token_stream(text)),
        }
    }
}

impl<'a> ReadTokens<'a> {
    /// The next step, length and term, or `None` at the end or where the text is damaged.
    fn next_entry(&mut self) -> Option<(usize, &'a str)> {
        let text: &'a str = self.rest;
        let (step, rest) = read_number(text)?;
        let (length, rest) = read_number(rest)?;
        let term = rest.get(..length)?;
        let rest = &rest[length..];
        self.rest = rest;
        Some((step, term))
    }
}

impl TokenStream for ReadTokens<'_> {
    fn advance(&mut self) -> bool {
        let Some((step, term)) = self.next_entry() else {
            self.rest = "";
            return false;
        };
        let position = self.position.saturating_add(step);
        self.position = position;
        self.token.position = position;
        self.token.text.clear();
        self.token.text.push_str(term);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

impl TokenStream for PreAnalyzedOrStream<'_> {
    fn advance(&mut self) -> bool {
        match self {
            PreAnalyzedOrStream::Read(read) => read.advance(),
            PreAnalyzedOrStream::Analyzed(stream) => stream.advance(),
        }
    }

    fn token(&self) -> &Token {
        match self {
            PreAnalyzedOrStream::Read(read) => read.token(),
            PreAnalyzedOrStream::Analyzed(stream) => stream.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self {
            PreAnalyzedOrStream::Read(read) => read.token_mut(),
            PreAnalyzedOrStream::Analyzed(stream) => stream.token_mut(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{body_analyzer, dutch_analyzer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
        let mut tokens = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |token| tokens.push((token.position, token.text.clone())));
        tokens
    }

    fn pre_analyzed(text: &str) -> PreAnalyzed {
        let mut builder = PreAnalyzed::builder();
        dutch_analyzer()
            .token_stream(text)
            .process(&mut |token| builder.push(token));
        builder.finish()
    }

    #[test]
    fn a_pre_analyzed_text_reads_back_as_the_analyzers_tokens() {
        let text =
            "De schepen van Gent antwoordt: de fietspaden (N-VA) worden \u{1F} in 2024 overlegd.";
        let expected = tokens(&mut dutch_analyzer(), text);
        assert!(expected.len() > 8);
        let pre = pre_analyzed(text);
        assert_eq!(tokens(&mut body_analyzer(), pre.as_str()), expected);
    }

    #[test]
    fn other_texts_are_analyzed_as_by_the_dutch_analyzer() {
        let text = "Fietspaden en scholen";
        assert_eq!(
            tokens(&mut body_analyzer(), text),
            tokens(&mut dutch_analyzer(), text)
        );
        // A marker alone, or a prefix that is not quite the marker, is text.
        let marker = "\u{1F}raad-pre-analyzed-2\u{1F} %fiets";
        assert_eq!(
            tokens(&mut body_analyzer(), marker),
            tokens(&mut dutch_analyzer(), marker)
        );
    }

    #[test]
    fn numbers_of_any_size_read_back() {
        for n in [0, 1, 94, 95, 96, 1000, usize::MAX] {
            let mut text = String::new();
            push_number(&mut text, n);
            text.push('x');
            assert_eq!(read_number(&text), Some((n, "x")), "{n}");
        }
    }

    #[test]
    fn a_token_far_from_the_last_keeps_its_position() {
        let mut builder = PreAnalyzed::builder();
        let mut token = Token::default();
        for (position, text) in [(3, "raad"), (3, "ra"), (500, "gent")] {
            token.position = position;
            token.text = text.to_string();
            builder.push(&token);
        }
        let pre = builder.finish();
        assert_eq!(
            tokens(&mut body_analyzer(), pre.as_str()),
            [
                (3, "raad".to_string()),
                (3, "ra".to_string()),
                (500, "gent".to_string())
            ]
        );
    }

    #[test]
    fn damaged_streams_end_without_panicking() {
        let mut body = body_analyzer();
        // ` %fiets` is the token `fiets` at position 0 (step 0, length 5).
        for damaged in [
            " %fiets!#ab",
            " %fiets!\u{7F}300;abc",
            " %fiets\u{7F}99999999999999999999999;!a",
            " %fiets\u{7F}12",
            " !\u{e9}",
            " %fiets\u{1}",
            "\u{7F}",
        ] {
            let text = format!("{PRE_ANALYZED_PREFIX}{damaged}");
            let read = tokens(&mut body, &text);
            assert!(read.len() <= 1, "{damaged}: {read:?}");
            if let Some(first) = read.first() {
                assert_eq!(first, &(0, "fiets".to_string()));
            }
        }
    }

    #[test]
    fn an_empty_stream_has_no_tokens() {
        let pre = PreAnalyzed::builder().finish();
        assert!(tokens(&mut body_analyzer(), pre.as_str()).is_empty());
    }
}
