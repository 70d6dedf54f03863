//! Analyzing `body` from the tokens of its parts instead of analyzing its text a second time.
//!
//! The schema indexes title, question and answer each in its own field and once more joined
//! (by a blank line) in `body`. tantivy would analyze every text twice, and the Dutch analyzer
//! (with its compound splitting) is most of what an indexing thread does. [`PartReuse`] wraps
//! the analyzer the schema names for these fields and remembers the tokens of the last texts it
//! analyzed; when it is given a text that is some of those texts joined by a blank line, it
//! returns their tokens, with positions and offsets moved along, without analyzing anything.
//!
//! Terms, term frequencies and field lengths are exactly those of analyzing the joined text,
//! and so are positions inside each part. Only at a seam can a position differ: when a part
//! ends with words the analyzer removes (stop words), the next part starts that many positions
//! earlier than in the joined text. No phrase spans two parts, so no query sees the difference.
//!
//! It is registered only on the index the indexer writes (one wrapper per indexing thread:
//! tantivy clones analyzers per segment writer, and a segment writer analyzes a document's
//! fields in schema order, title, question and answer before body). Searchers use the plain
//! analyzers of `raad_core::analysis`.

use std::collections::VecDeque;

use raad_core::RaadSchema;
use tantivy::schema::FieldType;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::Index;

/// What separates the parts in `body` (see `raad_core::document`).
const SEPARATOR: &str = "\n\n";

/// How many analyzed texts are remembered: the three parts of a document and one spare.
const RECENT: usize = 4;

/// Replaces the analyzer of `body` (and of its parts, which share it) on `index` by one that
/// reuses the parts' tokens. Does nothing when the parts and `body` use different analyzers.
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
    let shared = [schema.title, schema.question, schema.answer]
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

/// An analyzer that remembers its last texts' tokens and reuses them for a text made of them.
#[derive(Clone)]
pub(crate) struct PartReuse {
    inner: TextAnalyzer,
    /// The last texts analyzed, oldest first, with their tokens.
    recent: VecDeque<(String, Vec<Token>)>,
    /// The tokens of the last joined text (buffers reused from one text to the next).
    joined: Vec<Token>,
}

impl PartReuse {
    pub(crate) fn new(inner: TextAnalyzer) -> PartReuse {
        PartReuse {
            inner,
            recent: VecDeque::with_capacity(RECENT),
            joined: Vec::new(),
        }
    }

    /// The remembered texts (indices into `recent`, in order) that joined by [`SEPARATOR`]
    /// make `text`, if any.
    fn parts_of(&self, text: &str) -> Option<Vec<usize>> {
        let mut parts = Vec::new();
        let mut rest = text;
        for (i, (part, _)) in self.recent.iter().enumerate() {
            let after_separator = if parts.is_empty() {
                Some(rest)
            } else {
                rest.strip_prefix(SEPARATOR)
            };
            if let Some(after) = after_separator.and_then(|r| r.strip_prefix(part.as_str())) {
                if after.is_empty() || after.starts_with(SEPARATOR) {
                    parts.push(i);
                    rest = after;
                }
            }
        }
        (rest.is_empty() && !parts.is_empty()).then_some(parts)
    }

    /// Fills `joined` with the parts' tokens, positions and offsets moved along.
    fn join(&mut self, parts: &[usize]) {
        let mut count = 0;
        let mut position_base = 0;
        let mut offset_base = 0;
        for &i in parts {
            let (text, tokens) = &self.recent[i];
            let mut end = position_base;
            for token in tokens {
                if count == self.joined.len() {
                    self.joined.push(Token::default());
                }
                let out = &mut self.joined[count];
                out.text.clone_from(&token.text);
                out.position = token.position + position_base;
                out.position_length = token.position_length;
                out.offset_from = token.offset_from + offset_base;
                out.offset_to = token.offset_to + offset_base;
                end = end.max(out.position + token.position_length.max(1));
                count += 1;
            }
            position_base = end;
            offset_base += text.len() + SEPARATOR.len();
        }
        self.joined.truncate(count);
    }

    /// Analyzes `text` with the inner analyzer and remembers it (reusing the oldest entry's
    /// buffers); returns its index in `recent`.
    fn analyze(&mut self, text: &str) -> usize {
        let (mut kept_text, mut tokens) = if self.recent.len() == RECENT {
            self.recent.pop_front().unwrap_or_default()
        } else {
            Default::default()
        };
        kept_text.clear();
        kept_text.push_str(text);
        let mut count = 0;
        let mut stream = self.inner.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            if count == tokens.len() {
                tokens.push(Token::default());
            }
            let out = &mut tokens[count];
            out.text.clone_from(&token.text);
            out.position = token.position;
            out.position_length = token.position_length;
            out.offset_from = token.offset_from;
            out.offset_to = token.offset_to;
            count += 1;
        }
        drop(stream);
        tokens.truncate(count);
        self.recent.push_back((kept_text, tokens));
        self.recent.len() - 1
    }
}

impl Tokenizer for PartReuse {
    type TokenStream<'a> = SliceTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SliceTokenStream<'a> {
        let tokens = match self.parts_of(text) {
            Some(parts) => {
                self.join(&parts);
                &mut self.joined[..]
            }
            None => {
                let i = self.analyze(text);
                &mut self.recent[i].1[..]
            }
        };
        SliceTokenStream { tokens, next: 0 }
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
        let answer = "Volgend voorjaar, zegt de schepen.";
        for part in [title, question, answer] {
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
