//! Analyzing `body` from the tokens of its parts instead of analyzing its text a second time.
//!
//! The schema indexes title and question each in its own field and once more, joined with the
//! answer by blank lines, in `body` (title, question, answer, in that order). tantivy would
//! analyze the title and question twice, and the Dutch analyzer (with its compound splitting)
//! is most of what an indexing thread does. [`PartReuse`] wraps the analyzer the schema names
//! for these fields and remembers the tokens of the last texts it analyzed; when it is given a
//! text that starts with some of those texts joined by a blank line, it returns their tokens,
//! with positions and offsets moved along, and analyzes only what follows them (the answer).
//! So every text of a record is analyzed once.
//!
//! Terms, term frequencies and field lengths are exactly those of analyzing the joined text,
//! and so are positions inside each part. Only at a seam can a position differ: when a part
//! ends with words the analyzer removes (stop words), the next part starts that many positions
//! earlier than in the joined text. No phrase spans two parts, so no query sees the difference.
//!
//! It is registered only on the index the indexer writes; searchers use the plain analyzers of
//! `raad_core::analysis`. What it remembers is kept per thread (see [`RECENT`]).

use std::cell::RefCell;
use std::collections::VecDeque;

use raad_core::RaadSchema;
use tantivy::schema::FieldType;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::Index;

/// What separates the parts in `body` (see `raad_core::document`).
const SEPARATOR: &str = "\n\n";

/// How many analyzed texts are remembered: the two parts of a document that have fields of
/// their own, and spares.
const RECENT_TEXTS: usize = 4;

/// Replaces the analyzer of `body` (and of title and question, which share it) on `index` by
/// one that reuses the parts' tokens. Does nothing when they use different analyzers.
pub(crate) fn register(index: &Index, schema: &RaadSchema) -> tantivy::Result<()> {
    let tantivy_schema = index.schema();
    let tokenizer_of = |field| match tantivy_schema.get_field_entry(field).field_type() {
        FieldType::Str(options) => options
            .get_indexing_options()
            .map(|indexing| indexing.tokenizer().to_string()),
        _ => None,
    };
    let Some(name) = tokenizer_of(schema.body) else {
        return Ok(());
    };
    let shared = [schema.title, schema.question]
        .into_iter()
        .all(|field| tokenizer_of(field).as_deref() == Some(name.as_str()));
    if shared {
        let inner = index.tokenizer_for_field(schema.body)?;
        index
            .tokenizers()
            .register(&name, TextAnalyzer::from(PartReuse::new(inner)));
    }
    Ok(())
}

/// The texts last analyzed on this thread, oldest first, with their tokens.
///
/// tantivy gives every field of a segment writer its own clone of an analyzer, so the memory
/// of the parts must be shared by the clones: it is kept per thread, because a segment writer
/// analyzes a document's fields one after the other (in field order) on its own thread.
/// Entries are found by their exact text, so a stale or foreign entry can only ever give the
/// tokens of that text.
type Recent = VecDeque<(String, Vec<Token>)>;

thread_local! {
    static RECENT: RefCell<Recent> = RefCell::new(VecDeque::with_capacity(RECENT_TEXTS));
}

/// An analyzer that reuses the tokens of the last texts analyzed on its thread for a text
/// that starts with them.
#[derive(Clone)]
pub(crate) struct PartReuse {
    inner: TextAnalyzer,
    /// The tokens of the current text (buffers reused from one text to the next).
    tokens: Vec<Token>,
}

impl PartReuse {
    pub(crate) fn new(inner: TextAnalyzer) -> PartReuse {
        PartReuse {
            inner,
            tokens: Vec::new(),
        }
    }

    /// Analyzes `text` into `self.tokens` and remembers it on this thread.
    fn analyze(&mut self, text: &str) {
        let count = analyze_into(&mut self.inner, text, &mut self.tokens, 0, 0, 0);
        self.tokens.truncate(count);
        RECENT.with_borrow_mut(|recent| {
            // The oldest entry's buffers are reused for the new one.
            let (mut kept_text, mut kept_tokens) = if recent.len() == RECENT_TEXTS {
                recent.pop_front().unwrap_or_default()
            } else {
                Default::default()
            };
            kept_text.clear();
            kept_text.push_str(text);
            for (i, token) in self.tokens.iter().enumerate() {
                set_token(&mut kept_tokens, i, token, 0, 0);
            }
            kept_tokens.truncate(self.tokens.len());
            recent.push_back((kept_text, kept_tokens));
        });
    }

    /// Fills `self.tokens` with the tokens of `text` if it starts with remembered texts joined
    /// by [`SEPARATOR`]: theirs, with positions and offsets moved along, then those of the
    /// rest (after a separator), analyzed. False when no remembered text starts it.
    fn join(&mut self, text: &str) -> bool {
        let (inner, tokens) = (&mut self.inner, &mut self.tokens);
        RECENT.with_borrow(|recent| {
            let Some(prefix) = known_prefix(recent, text) else {
                return false;
            };
            let mut count = 0;
            let mut position_base = 0;
            for &(i, start) in &prefix.parts {
                let mut end = position_base;
                for token in &recent[i].1 {
                    set_token(tokens, count, token, position_base, start);
                    end = end.max(token.position + position_base + token.position_length.max(1));
                    count += 1;
                }
                position_base = end;
            }
            if let Some(rest) = prefix.rest {
                count = analyze_into(inner, &text[rest..], tokens, count, position_base, rest);
            }
            tokens.truncate(count);
            true
        })
    }
}

/// What of a text is made of remembered texts.
#[derive(Debug, PartialEq)]
struct KnownPrefix {
    /// The remembered texts (indices into the memory) that start the text, in order, each
    /// with its byte offset in the text.
    parts: Vec<(usize, usize)>,
    /// Where the rest starts (after a separator), when the parts are not the whole text.
    rest: Option<usize>,
}

/// The remembered texts that, joined by [`SEPARATOR`], make `text` or the part of it before
/// a separator; `None` when no remembered text starts `text`.
fn known_prefix(recent: &Recent, text: &str) -> Option<KnownPrefix> {
    let mut parts = Vec::new();
    // Where the next part would start, separator included.
    let mut at = 0;
    for (i, (part, _)) in recent.iter().enumerate() {
        let rest = &text[at..];
        let (after_separator, start) = if parts.is_empty() {
            (Some(rest), at)
        } else {
            (rest.strip_prefix(SEPARATOR), at + SEPARATOR.len())
        };
        if let Some(after) = after_separator.and_then(|r| r.strip_prefix(part.as_str())) {
            if after.is_empty() || after.starts_with(SEPARATOR) {
                parts.push((i, start));
                at = start + part.len();
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    let rest = (at < text.len()).then_some(at + SEPARATOR.len());
    Some(KnownPrefix { parts, rest })
}

/// Analyzes `text` with `analyzer` into `tokens` from `tokens[count]` on, moved by the bases;
/// returns the new count.
fn analyze_into(
    analyzer: &mut TextAnalyzer,
    text: &str,
    tokens: &mut Vec<Token>,
    mut count: usize,
    position_base: usize,
    offset_base: usize,
) -> usize {
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        set_token(tokens, count, stream.token(), position_base, offset_base);
        count += 1;
    }
    count
}

/// Sets `tokens[index]` (growing `tokens` by one when `index` is its length) to `token` moved
/// by the bases, reusing the text buffer already there.
fn set_token(
    tokens: &mut Vec<Token>,
    index: usize,
    token: &Token,
    position_base: usize,
    offset_base: usize,
) {
    if index == tokens.len() {
        tokens.push(Token::default());
    }
    let out = &mut tokens[index];
    out.text.clone_from(&token.text);
    out.position = token.position + position_base;
    out.position_length = token.position_length;
    out.offset_from = token.offset_from + offset_base;
    out.offset_to = token.offset_to + offset_base;
}

impl Tokenizer for PartReuse {
    type TokenStream<'a> = SliceTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SliceTokenStream<'a> {
        if !self.join(text) {
            self.analyze(text);
        }
        SliceTokenStream {
            tokens: &mut self.tokens[..],
            next: 0,
        }
    }
}

/// A token stream over tokens already made.
pub(crate) struct SliceTokenStream<'a> {
    tokens: &'a mut [Token],
    next: usize,
}

impl TokenStream for SliceTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        stream.process(&mut |t| out.push((t.text.clone(), t.position, t.offset_from, t.offset_to)));
        out
    }

    #[test]
    fn a_joined_text_gets_the_tokens_of_analyzing_it_whole() {
        let mut plain = raad_core::analysis::dutch_analyzer();
        let mut reuse = TextAnalyzer::from(PartReuse::new(raad_core::analysis::dutch_analyzer()));
        let title = "Fietspaden in de Brugse Poort";
        let question = "Wanneer worden de fietspaden van N-VA vernieuwd?\n\nEn de camera's?";
        let answer = "Volgend voorjaar, zegt de schepen.\n\nDe stadsbestuur-beslissing volgt.";
        for part in [title, question] {
            assert_eq!(tokens(&mut reuse, part), tokens(&mut plain, part));
        }
        let body = format!("{title}\n\n{question}\n\n{answer}");
        assert_eq!(tokens(&mut reuse, &body), tokens(&mut plain, &body));
        // Without an answer, and after other texts.
        tokens(&mut reuse, "Iets anders");
        tokens(&mut reuse, title);
        tokens(&mut reuse, question);
        let body = format!("{title}\n\n{question}");
        assert_eq!(tokens(&mut reuse, &body), tokens(&mut plain, &body));
        // Without a question: the title, then the answer analyzed.
        tokens(&mut reuse, title);
        let body = format!("{title}\n\n{answer}");
        assert_eq!(tokens(&mut reuse, &body), tokens(&mut plain, &body));
    }

    #[test]
    fn the_known_prefix_is_the_remembered_parts_then_the_rest() {
        let recent: Recent = ["oud", "Titel", "Vraag"]
            .into_iter()
            .map(|text| (text.to_string(), Vec::new()))
            .collect();
        let prefix = |text| known_prefix(&recent, text);
        assert_eq!(
            prefix("Titel\n\nVraag\n\nAntwoord"),
            Some(KnownPrefix {
                parts: vec![(1, 0), (2, 7)],
                rest: Some(14),
            })
        );
        assert_eq!(
            prefix("Titel\n\nVraag"),
            Some(KnownPrefix {
                parts: vec![(1, 0), (2, 7)],
                rest: None,
            })
        );
        assert_eq!(
            prefix("Titel\n\nAntwoord"),
            Some(KnownPrefix {
                parts: vec![(1, 0)],
                rest: Some(7),
            })
        );
        // A remembered text must end at a separator or at the end.
        assert_eq!(prefix("Titels\n\nVraag"), None);
        assert_eq!(prefix("Antwoord\n\nTitel"), None);
    }

    /// An analyzer that counts the texts it analyzes.
    #[derive(Clone)]
    struct Counting {
        inner: TextAnalyzer,
        count: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }

    impl Tokenizer for Counting {
        type TokenStream<'a> = tantivy::tokenizer::BoxTokenStream<'a>;

        fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
            self.count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            self.inner.token_stream(text)
        }
    }

    #[test]
    fn clones_share_what_the_thread_analyzed() {
        let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counting = TextAnalyzer::from(Counting {
            inner: raad_core::analysis::dutch_analyzer(),
            count: count.clone(),
        });
        // tantivy gives each field its own clone.
        let mut title_field = TextAnalyzer::from(PartReuse::new(counting));
        let mut body_field = title_field.clone();
        let mut plain = raad_core::analysis::dutch_analyzer();
        tokens(&mut title_field, "Fietspaden");
        tokens(&mut title_field, "Waar komen nieuwe fietspaden?");
        let text = "Fietspaden\n\nWaar komen nieuwe fietspaden?\n\nVolgend jaar, langs de Leie.";
        let body = tokens(&mut body_field, text);
        assert_eq!(body, tokens(&mut plain, text));
        // Title, question, and the answer once, inside the body.
        assert_eq!(count.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[test]
    fn other_texts_are_analyzed_as_usual() {
        let mut plain = raad_core::analysis::dutch_analyzer();
        let mut reuse = TextAnalyzer::from(PartReuse::new(raad_core::analysis::dutch_analyzer()));
        tokens(&mut reuse, "Fietspaden");
        for text in ["Fietspaden\n\nen meer", "Fietspadenplan", "", "de"] {
            assert_eq!(
                tokens(&mut reuse, text),
                tokens(&mut plain, text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn positions_at_a_seam_may_start_earlier_by_the_removed_words() {
        let mut plain = raad_core::analysis::dutch_analyzer();
        let mut reuse = TextAnalyzer::from(PartReuse::new(raad_core::analysis::dutch_analyzer()));
        tokens(&mut reuse, "Verlichting van de");
        tokens(&mut reuse, "Straat");
        let joined = tokens(&mut reuse, "Verlichting van de\n\nStraat");
        let whole = tokens(&mut plain, "Verlichting van de\n\nStraat");
        let texts = |t: &[(String, usize, usize, usize)]| -> Vec<String> {
            t.iter().map(|x| x.0.clone()).collect()
        };
        assert_eq!(texts(&joined), texts(&whole));
        assert_eq!(joined[1].1, 1);
        assert_eq!(whole[1].1, 3);
    }
}
