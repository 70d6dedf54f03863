//! The best fragment of a record for a query, with the matched words located.
//!
//! The text is title, question and answer joined, as the `body` field indexes them, and it is
//! analyzed by the same pipeline: a query word marks every word that was indexed with its term,
//! so `overleg` marks `bedrijvenoverleg` (a compound part) and `fietspad` marks `fietspaden`.

use std::collections::BTreeMap;
use std::ops::Range;

use raad_core::Record;
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Score;

use crate::results::Fragment;

/// Makes fragments for the hits of one search.
pub(crate) struct Snippets {
    generator: Option<SnippetGenerator>,
    max_chars: usize,
}

impl Snippets {
    /// A snippet maker for the weighted terms of a query; `max_chars` 0 makes none.
    pub fn new(
        terms: BTreeMap<String, Score>,
        analyzer: TextAnalyzer,
        field: tantivy::schema::Field,
        max_chars: usize,
    ) -> Snippets {
        let generator = (!terms.is_empty() && max_chars > 0)
            .then(|| SnippetGenerator::new(terms, analyzer, field, max_chars));
        Snippets {
            generator,
            max_chars,
        }
    }

    /// The best fragment of the record; its opening when no query word is in it.
    pub fn fragment(&self, record: &Record) -> Fragment {
        if self.max_chars == 0 {
            return Fragment::default();
        }
        let text = body_text(record);
        if let Some(generator) = &self.generator {
            let snippet = generator.snippet(&text);
            if !snippet.highlighted().is_empty() {
                let range = snippet.fragment_range();
                // tantivy ends the fragment with the last word; the sentence's closing
                // punctuation belongs to it.
                let closing: usize = text
                    .get(range.end..)
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| matches!(c, '.' | '?' | '!' | ')' | '"' | '\''))
                    .map(char::len_utf8)
                    .sum();
                let fragment = text.get(range.start..range.end + closing);
                return folded(
                    fragment.unwrap_or(snippet.fragment()),
                    snippet.highlighted(),
                );
            }
        }
        opening(record, self.max_chars)
    }
}

/// Title, question and answer as the `body` field holds them.
fn body_text(record: &Record) -> String {
    let parts: Vec<&str> = [&record.title, &record.question, &record.answer]
        .into_iter()
        .filter_map(|part| part.as_deref())
        .collect();
    parts.join("\n\n")
}

/// The first characters of the question (or of the answer, or the title), cut at a word.
pub(crate) fn opening(record: &Record, max_chars: usize) -> Fragment {
    let text = [&record.question, &record.answer, &record.title]
        .into_iter()
        .find_map(|part| part.as_deref())
        .unwrap_or("");
    let mut end = text.len();
    if text.chars().count() > max_chars {
        let limit = text
            .char_indices()
            .nth(max_chars)
            .map_or(text.len(), |(at, _)| at);
        end = text[..limit]
            .rfind(char::is_whitespace)
            .filter(|&at| at > 0)
            .unwrap_or(limit);
    }
    folded(&text[..end], &[])
}

/// White space runs folded to one space (fragments cross paragraphs), ranges moved along.
fn folded(text: &str, highlights: &[Range<usize>]) -> Fragment {
    let mut out = String::with_capacity(text.len());
    // For each byte of `text`, where it landed in `out`.
    let mut moved = vec![0usize; text.len() + 1];
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        moved[at] = out.len();
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    moved[text.len()] = out.len();
    let trimmed_start = out.len() - out.trim_start().len();
    let text_out = out.trim().to_string();
    let mut ranges: Vec<Range<usize>> = highlights
        .iter()
        .filter(|range| {
            range.start < range.end
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
        })
        .map(|range| {
            let start = moved[range.start].saturating_sub(trimmed_start);
            let end = moved[range.end].saturating_sub(trimmed_start);
            start..end.min(text_out.len())
        })
        .filter(|range| range.start < range.end)
        .collect();
    // A compound and its parts mark the same word once.
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut highlights: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match highlights.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => highlights.push(range),
        }
    }
    Fragment {
        text: text_out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_white_space_and_moves_ranges() {
        let fragment = folded("  de\n\nfiets  en  het pad ", &[21..24, 6..11, 6..11, 7..9]);
        assert_eq!(fragment.text, "de fiets en het pad");
        assert_eq!(fragment.matched_words(), ["fiets", "pad"]);
    }

    #[test]
    fn opening_cuts_at_a_word() {
        let mut record = Record::new("1");
        record.question = Some("Het fietspad aan de Vrijdagmarkt is gevaarlijk.".into());
        assert_eq!(opening(&record, 15).text, "Het fietspad");
        assert_eq!(opening(&record, 100).text, record.question.unwrap());
    }
}
