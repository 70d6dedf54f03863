//! Why a hit matched: per query word, what the record holds and how it counts (the word as
//! typed, another form, a compound part, the parts in a row, a fuzzy word, a name, a synonym).
//!
//! The record's text is analyzed again with the index's analyzers, so the explanation names
//! the very tokens the index matched, and shows them as the record writes them. Only the
//! first [`LARGE_TEXT_BYTES`] of a record's text are analyzed, as for snippets: explaining a
//! record of hundreds of megabytes would cost seconds per hit; a word found only past that
//! point is left unexplained (the hit still matched it).

use raad_core::limits::LARGE_TEXT_BYTES;
use raad_core::Record;
use tantivy::tokenizer::TextAnalyzer;

use crate::plan::{ItemKind, ItemTerms};
use crate::results::{MatchKind, WordMatch};

/// One analyzed token of a record: its term, whether it is a whole word or a part, and
/// where it was written.
struct Token {
    position: usize,
    term: String,
    whole: bool,
    from: usize,
    to: usize,
}

/// One text of a record (title, question, answer, a name) with its tokens.
struct Analyzed<'a> {
    text: &'a str,
    tokens: Vec<Token>,
}

impl<'a> Analyzed<'a> {
    fn new(analyzer: &mut TextAnalyzer, text: &'a str) -> Analyzed<'a> {
        let mut tokens: Vec<Token> = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            let whole = tokens.last().map(|last| last.position) != Some(token.position);
            tokens.push(Token {
                position: token.position,
                term: token.text.clone(),
                whole,
                from: token.offset_from,
                to: token.offset_to,
            });
        }
        Analyzed { text, tokens }
    }

    fn written(&self, from: usize, to: usize) -> String {
        self.text.get(from..to).unwrap_or_default().to_string()
    }

    /// The first token with this term, whole words (`whole`) or parts.
    fn find(&self, term: &str, whole: bool) -> Option<&Token> {
        self.tokens
            .iter()
            .find(|token| token.whole == whole && token.term == term)
    }

    /// Where `terms` stand at these offsets from each other (any token at each position, as
    /// the index's phrase queries see them): the written span.
    fn at_offsets(&self, terms: &[(usize, &str)]) -> Option<String> {
        let (_, first) = terms.first()?;
        self.tokens
            .iter()
            .filter(|token| token.term == *first)
            .find_map(|start| {
                let mut end = start.to;
                for (offset, term) in terms.iter().skip(1) {
                    let next = self.tokens.iter().find(|token| {
                        token.position == start.position + offset && token.term == *term
                    })?;
                    end = next.to;
                }
                Some(self.written(start.from, end))
            })
    }

    /// Where `terms` stand at adjacent positions, in order.
    fn in_a_row(&self, terms: &[&str]) -> Option<String> {
        let offsets: Vec<(usize, &str)> = terms.iter().copied().enumerate().collect();
        self.at_offsets(&offsets)
    }
}

/// How `record` matched each of `items` (the items it does not hold are left out).
pub(crate) fn explain(
    record: &Record,
    items: &[ItemTerms],
    dutch: &mut TextAnalyzer,
    names: &mut TextAnalyzer,
) -> Vec<WordMatch> {
    let mut budget = LARGE_TEXT_BYTES;
    let texts: Vec<Analyzed> = [&record.title, &record.question, &record.answer]
        .into_iter()
        .flatten()
        .map(|text| {
            let text = prefix(text, budget);
            budget -= text.len();
            Analyzed::new(dutch, text)
        })
        .collect();
    let name_texts: Vec<Analyzed> = record
        .councillors
        .iter()
        .flat_map(|councillor| {
            std::iter::once(&councillor.name)
                .chain(&councillor.party)
                .chain(&councillor.party_as_written)
        })
        .chain(&record.alderman)
        .chain(&record.involved_aldermen)
        .map(|name| Analyzed::new(names, name))
        .collect();
    items
        .iter()
        .filter_map(|item| {
            let (how, form) = in_body(item, &texts)
                .or_else(|| in_names(item, &name_texts))
                .or_else(|| {
                    // Only when the record lacks the word itself: then a synonym matched.
                    item.synonyms.iter().find_map(|synonym| {
                        let (_, form) =
                            in_body(synonym, &texts).or_else(|| in_names(synonym, &name_texts))?;
                        Some((MatchKind::Synonym, form))
                    })
                })?;
            Some(WordMatch {
                word: item.label.clone(),
                how,
                form,
            })
        })
        .collect()
}

/// The longest start of `text` of at most `bytes` bytes that ends on a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    if text.len() <= bytes {
        return text;
    }
    let end = (0..=bytes)
        .rev()
        .find(|&end| text.is_char_boundary(end))
        .unwrap_or(0);
    &text[..end]
}

fn in_body(item: &ItemTerms, texts: &[Analyzed]) -> Option<(MatchKind, String)> {
    match item.kind {
        ItemKind::Word if item.positions.len() == 1 => {
            let (_, main, parts) = &item.positions[0];
            let typed = item.label.to_lowercase();
            for text in texts {
                if let Some(token) = text.find(main, true) {
                    let form = text.written(token.from, token.to);
                    let how = if form.to_lowercase() == typed {
                        MatchKind::Word
                    } else {
                        MatchKind::Stem
                    };
                    return Some((how, form));
                }
            }
            for text in texts {
                if let Some(token) = text.find(main, false) {
                    return Some((MatchKind::CompoundPart, text.written(token.from, token.to)));
                }
            }
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            if parts.len() >= 2 {
                for text in texts {
                    if let Some(form) = text.in_a_row(&parts) {
                        return Some((MatchKind::Parts, form));
                    }
                }
            }
            None
        }
        ItemKind::Word | ItemKind::Phrase => {
            let mains: Vec<(usize, &str)> = item
                .positions
                .iter()
                .map(|(offset, main, _)| (*offset, main.as_str()))
                .collect();
            let how = if item.kind == ItemKind::Phrase {
                MatchKind::Phrase
            } else {
                MatchKind::Word
            };
            texts
                .iter()
                .find_map(|text| text.at_offsets(&mains))
                .map(|form| (how, form))
        }
        ItemKind::Prefix | ItemKind::Fuzzy => {
            let how = if item.kind == ItemKind::Prefix {
                MatchKind::Prefix
            } else {
                MatchKind::Fuzzy
            };
            texts.iter().find_map(|text| {
                text.tokens
                    .iter()
                    .find(|token| item.expansions.contains(&token.term))
                    .map(|token| (how, text.written(token.from, token.to)))
            })
        }
    }
}

/// A match in a councillor, party or alderman name: the whole name is the form.
fn in_names(item: &ItemTerms, names: &[Analyzed]) -> Option<(MatchKind, String)> {
    if item.names.is_empty() {
        return None;
    }
    names.iter().find_map(|name| {
        let found = match item.kind {
            ItemKind::Word | ItemKind::Phrase => {
                let wanted: Vec<&str> = item.names.iter().map(String::as_str).collect();
                name.in_a_row(&wanted).is_some()
            }
            ItemKind::Prefix | ItemKind::Fuzzy => name
                .tokens
                .iter()
                .any(|token| item.names.contains(&token.term)),
        };
        found.then(|| (MatchKind::Name, name.text.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::prefix;

    #[test]
    fn prefixes_end_on_a_character_boundary() {
        assert_eq!(prefix("schepen", 100), "schepen");
        assert_eq!(prefix("schepen", 3), "sch");
        // "é" takes two bytes: a cut inside it keeps the byte before.
        assert_eq!(prefix("café", 4), "caf");
        assert_eq!(prefix("café", 5), "café");
        assert_eq!(prefix("é", 0), "");
    }
}
