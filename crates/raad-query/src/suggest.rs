//! "Did you mean …?": for a query word the index lacks or barely has, the term it holds that
//! was likely meant, taken from its own dictionaries, names first.
//!
//! A word gets a suggestion when it is in no record, or in few records (at most one in
//! [`RARE_SHARE`], or [`RARE_FLOOR`]) and at most one [`RARE_RATIO`]th as many as the
//! suggested term. Candidates are the index's terms within a few edits
//! (a transposition counting as one, as for `word~`): first the `names` terms (at the
//! distance of a fuzzy name, by the word's length), kept when an alderman, councillor or
//! party in the index carries them, the fewer edits first, then the more records; then the
//! `body` terms near the word's stem or the word as typed (at the distance of a fuzzy text
//! word, by length), the fewer edits between what was typed and the term as written first,
//! then the more records. A word that is a name in the index gets none (a councillor
//! with few records is still that councillor), nor does a compound whose parts the index
//! holds (`werkoverleg` matches `werk overleg`).
//!
//! A suggestion is what a user would type: a name as the index writes it (`Coddens`), a word
//! as the Dutch lexicon spells it (`fietspaden` for `fietspadden`, not the stem `fietspad`):
//! the lexicon word nearest to what was typed whose stem is the term; failing that, the term
//! itself when it is its own stem (a street name), else no suggestion. Nothing is rewritten silently: the search runs as
//! typed, and each suggestion carries the query with its word replaced.
//!
//! Cost: two term lookups per query word. Only for a rare word: walks of the `names` and
//! `body` term dictionaries with a Levenshtein automaton, as `word~` costs (these walks were a
//! fifth of a two-word search's time at 1,000,000 records while any word in under a tenth of
//! the records was walked; see BENCHMARKS.md); and only when
//! a walk found a candidate, one read of the alderman, councillor and party values or one
//! walk of the lexicon.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::ops::Range;

use raad_core::analysis::lexicon::Lexicon;
use raad_core::analysis::{dutch_analyzer, names_analyzer};
use raad_core::RaadSchema;
use serde::{Deserialize, Serialize};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::edits;
use crate::error::Result;
use crate::parse::{plain_words, Item, ParsedQuery};
use crate::plan::expansion::{fuzzy_distance, term_counts, text_fuzzy_distance};

/// A word is rare when a term within a few edits is in at least this many times as many
/// records: the word is then more likely a slip for that term than meant. At 10, `Codens`
/// (in no record) gets `Coddens`, and a word in 30 records gets a suggestion only in 300 or
/// more.
pub const RARE_RATIO: u64 = 10;

/// A word in more than one in this many records is in use, not a slip: it gets no suggestion
/// (unless it is in at most [`RARE_FLOOR`] records, for small indices).
pub const RARE_SHARE: u64 = 1_000;

/// A word in at most this many records can get a suggestion in an index of any size.
pub const RARE_FLOOR: u64 = 3;

/// What a suggested term is: the role of a name in the index, or a word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SuggestionKind {
    /// A responsible or involved alderman's name.
    Alderman,
    /// An asking councillor's name.
    Councillor,
    /// A party's name.
    Party,
    /// A word of title, question or answer.
    Word,
}

impl SuggestionKind {
    /// The lower-case name, as in JSON: `alderman`, `councillor`, `party` or `word`.
    pub fn as_str(self) -> &'static str {
        match self {
            SuggestionKind::Alderman => "alderman",
            SuggestionKind::Councillor => "councillor",
            SuggestionKind::Party => "party",
            SuggestionKind::Word => "word",
        }
    }
}

/// A term the index holds that a query word was likely meant to be ("did you mean …?").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suggestion {
    /// The query word as typed.
    pub word: String,
    /// The suggested term, as a user types it (`Coddens`, `kinderopvang`).
    pub term: String,
    /// What the term is: a name's role, or a word.
    pub kind: SuggestionKind,
    /// The records that hold the term (for a name: where it is the name of anyone).
    pub records: u64,
    /// The whole query with the word replaced by the term, ready to run.
    pub query: String,
}

/// The suggestions for the words of a query (`parsed` in syntax mode, `None` in plain mode),
/// one per word that has one, in query order.
/// Words of phrases, prefixes, fuzzy words, field values and exclusions get none.
pub(crate) fn suggestions(
    searcher: &Searcher,
    schema: &RaadSchema,
    text: &str,
    parsed: Option<&ParsedQuery>,
) -> Result<Vec<Suggestion>> {
    let words: Vec<String> = match parsed {
        Some(parsed) => parsed_words(parsed),
        None => plain_words(text).map(str::to_string).collect(),
    };
    let mut suggester = Suggester::new(searcher, schema);
    let mut found: Vec<Suggestion> = Vec::new();
    for word in words {
        if found.iter().any(|suggestion| suggestion.word == word) {
            continue;
        }
        if let Some((term, kind, records)) = suggester.suggest(&word)? {
            let query = rewrite(text, &word, &term, parsed.is_some());
            found.push(Suggestion {
                word,
                term,
                kind,
                records,
                query,
            });
        }
    }
    Ok(found)
}

/// The words of a parsed query that can get a suggestion.
fn parsed_words(parsed: &ParsedQuery) -> Vec<String> {
    let mut words = Vec::new();
    for clause in parsed.clauses.iter().filter(|clause| !clause.excluded) {
        for item in &clause.alternatives {
            if let Item::Word(word) = item {
                words.push(word.clone());
            }
        }
    }
    words
}

/// A name value of the index: an alderman, councillor or party, its records and its tokens
/// as the names analyzer makes them, each with where it is written in the value.
struct NameValue {
    kind: SuggestionKind,
    value: String,
    records: u64,
    tokens: Vec<(String, Range<usize>)>,
}

struct Suggester<'a> {
    searcher: &'a Searcher,
    schema: &'a RaadSchema,
    dutch: TextAnalyzer,
    names: TextAnalyzer,
    /// Read on the first word that needs them.
    name_values: Option<Vec<NameValue>>,
}

impl<'a> Suggester<'a> {
    fn new(searcher: &'a Searcher, schema: &'a RaadSchema) -> Suggester<'a> {
        Suggester {
            searcher,
            schema,
            dutch: dutch_analyzer(),
            names: names_analyzer(),
            name_values: None,
        }
    }

    /// The suggestion for one typed word: its term, kind and records.
    fn suggest(&mut self, word: &str) -> Result<Option<(String, SuggestionKind, u64)>> {
        // One word, one position in both analyses: a hyphenated or glued pair is left alone.
        let names = tokens(&mut self.names, word);
        let stems = tokens(&mut self.dutch, word);
        let (Some(folded), Some(stem)) = (single(&names), single(&stems)) else {
            return Ok(None);
        };
        let (folded, stem) = (folded.0.clone(), stem.0.clone());
        let parts: Vec<String> = stems
            .iter()
            .skip(1)
            .map(|(text, _, _)| text.clone())
            .collect();
        if self.records(self.schema.names, &folded)? > 0 {
            return Ok(None);
        }
        let records = self.records(self.schema.body, &stem)?;
        if records == 0 && !parts.is_empty() {
            let mut all_known = true;
            for part in &parts {
                all_known &= self.records(self.schema.body, part)? > 0;
            }
            if all_known {
                return Ok(None);
            }
        }
        let total = self.searcher.num_docs();
        if records > (total / RARE_SHARE).max(RARE_FLOOR)
            || records.saturating_mul(RARE_RATIO) > total
        {
            // A word in use, or one no term can be in RARE_RATIO times as many records as:
            // nothing to look up.
            return Ok(None);
        }
        let needed = records.saturating_mul(RARE_RATIO).max(1);

        for (term, records) in
            self.near(self.schema.names, &folded, fuzzy_distance(word), needed)?
        {
            if let Some((kind, written)) = self.role(&term)? {
                return Ok(Some((written, kind, records)));
            }
        }
        // Words: the terms near the stem or near the word as typed (folded), each as a user
        // writes it; the fewest edits from what was typed win, then the most records.
        let mut near = self.near(self.schema.body, &stem, text_fuzzy_distance(&stem), needed)?;
        if folded != stem {
            near.extend(self.near(
                self.schema.body,
                &folded,
                text_fuzzy_distance(&folded),
                needed,
            )?);
        }
        near.retain(|(term, _)| *term != stem);
        if near.is_empty() {
            return Ok(None);
        }
        let spelled = self.spellings(&folded);
        let mut best: Option<(usize, Reverse<u64>, String)> = None;
        for (term, records) in near {
            let Some(written) = spelled.get(&term).cloned().or_else(|| self.own_stem(&term)) else {
                continue;
            };
            let key = (
                edits::distance(&folded, &written),
                Reverse(records),
                written,
            );
            if best.as_ref().is_none_or(|best| key < *best) {
                best = Some(key);
            }
        }
        Ok(best.map(|(_, Reverse(records), written)| {
            (same_case(word, written), SuggestionKind::Word, records)
        }))
    }

    fn records(&self, field: Field, text: &str) -> Result<u64> {
        Ok(self
            .searcher
            .doc_freq(&Term::from_field_text(field, text))?)
    }

    /// The terms of `field` within `distance` edits of `text` (itself excluded) in at least
    /// `needed` records, with their records: fewest edits first, then most records.
    fn near(
        &self,
        field: Field,
        text: &str,
        distance: u8,
        needed: u64,
    ) -> Result<Vec<(String, u64)>> {
        if distance == 0 {
            return Ok(Vec::new());
        }
        let mut near: Vec<(usize, Reverse<u64>, String)> =
            term_counts(self.searcher, field, text, Some(distance))?
                .into_iter()
                .filter(|(term, records)| term != text && *records >= needed)
                .map(|(term, records)| (edits::distance(text, &term), Reverse(records), term))
                .collect();
        near.sort();
        Ok(near
            .into_iter()
            .map(|(_, Reverse(records), term)| (term, records))
            .collect())
    }

    /// The role of the name values that hold the `names` term (the one with the most
    /// records), and the term as that value writes it; `None` when no alderman, councillor
    /// or party holds it (a party as a councillor first wrote it).
    fn role(&mut self, term: &str) -> Result<Option<(SuggestionKind, String)>> {
        if self.name_values.is_none() {
            self.name_values = Some(self.read_name_values()?);
        }
        let values = self.name_values.as_deref().unwrap_or_default();
        let best = values
            .iter()
            .filter_map(|value| {
                let (_, range) = value.tokens.iter().find(|(token, _)| token == term)?;
                Some((value, range))
            })
            .max_by_key(|(value, _)| value.records);
        Ok(best.and_then(|(value, range)| {
            let written = value.value.get(range.clone())?;
            Some((value.kind, written.to_string()))
        }))
    }

    fn read_name_values(&mut self) -> Result<Vec<NameValue>> {
        let sources = [
            // Every alderman, responsible or involved.
            (SuggestionKind::Alderman, self.schema.aldermen_any),
            (SuggestionKind::Councillor, self.schema.councillor),
            (SuggestionKind::Party, self.schema.party),
        ];
        let mut values = Vec::new();
        for (kind, field) in sources {
            let mut records: HashMap<String, u64> = HashMap::new();
            for segment in self.searcher.segment_readers() {
                let inverted = segment.inverted_index(field)?;
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {
                    // One-level facets: the encoded term is the value itself.
                    if let Ok(value) = std::str::from_utf8(stream.key()) {
                        if !value.is_empty() {
                            *records.entry(value.to_string()).or_default() +=
                                u64::from(stream.value().doc_freq);
                        }
                    }
                }
            }
            for (value, records) in records {
                let tokens = tokens(&mut self.names, &value)
                    .into_iter()
                    .map(|(text, _, range)| (text, range))
                    .collect();
                values.push(NameValue {
                    kind,
                    value,
                    records,
                    tokens,
                });
            }
        }
        // Ties between values go to the earlier role, then the value that sorts first.
        values.sort_by(|a, b| a.value.cmp(&b.value));
        values.sort_by_key(|value| value.kind as u8);
        Ok(values)
    }

    /// The lexicon words within [`edits::MAX_DISTANCE`] edits of the typed word (folded), by
    /// their stem: for each stem the word nearest to what was typed, the more frequent on a
    /// tie (`fietspaden` for `fietspad` when `fietspadden` was typed).
    fn spellings(&mut self, folded: &str) -> HashMap<String, String> {
        let automaton = edits::within(folded, edits::MAX_DISTANCE);
        let mut best: HashMap<String, (usize, u16, String)> = HashMap::new();
        for (word, entry) in Lexicon::embedded().search(&automaton) {
            let analyzed = tokens(&mut self.dutch, &word);
            let Some((stem, _, _)) = single(&analyzed) else {
                continue;
            };
            let key = (
                edits::distance(folded, &word),
                entry.centibels.unwrap_or(u16::MAX),
                word,
            );
            match best.get(stem) {
                Some(known) if *known <= key => {}
                _ => {
                    best.insert(stem.clone(), key);
                }
            }
        }
        best.into_iter()
            .map(|(stem, (_, _, word))| (stem, word))
            .collect()
    }

    /// A term the lexicon does not spell (a street, a local word) as written: itself when it
    /// is its own stem, else `None` (never a bare stem no one writes).
    fn own_stem(&mut self, term: &str) -> Option<String> {
        let analyzed = tokens(&mut self.dutch, term);
        (single(&analyzed).map(|(text, _, _)| text.as_str()) == Some(term))
            .then(|| term.to_string())
    }
}

/// The tokens of `text`: text, position and byte range in `text`.
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, Range<usize>)> {
    let mut tokens = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        tokens.push((
            token.text.clone(),
            token.position,
            token.offset_from..token.offset_to,
        ));
    }
    tokens
}

/// The first token when all tokens share one position (a word, with its parts after it).
fn single(tokens: &[(String, usize, Range<usize>)]) -> Option<&(String, usize, Range<usize>)> {
    let first = tokens.first()?;
    tokens
        .iter()
        .all(|(_, position, _)| *position == first.1)
        .then_some(first)
}

/// `written` with a capital when the typed word starts with one (`Kinderopvnag` →
/// `Kinderopvang`).
fn same_case(typed: &str, written: String) -> String {
    if !typed.chars().next().is_some_and(char::is_uppercase) {
        return written;
    }
    let mut chars = written.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => written,
    }
}

/// The query text with every bare `word` replaced by `term`: in syntax mode words inside
/// quotes, field values and exclusions stay as they are; in plain mode every word equal to
/// `word` is replaced.
fn rewrite(text: &str, word: &str, term: &str, syntax: bool) -> String {
    let mut out = String::with_capacity(text.len() + term.len());
    let mut rest = text;
    let mut quoted = false;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() || (syntax && (quoted || c == '"')) {
            if syntax && c == '"' {
                quoted = !quoted;
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || (syntax && c == '"'))
            .unwrap_or(rest.len());
        let token = &rest[..end];
        out.push_str(if token == word { term } else { token });
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_bare_words_only() {
        assert_eq!(
            rewrite("Codens fietspad", "Codens", "Coddens", true),
            "Coddens fietspad"
        );
        assert_eq!(
            rewrite(
                r#""Codens x" -Codens Codens OR y"#,
                "Codens",
                "Coddens",
                true
            ),
            r#""Codens x" -Codens Coddens OR y"#
        );
        assert_eq!(
            rewrite(r#"a "b" Codens"#, "Codens", "Coddens", false),
            r#"a "b" Coddens"#
        );
    }

    #[test]
    fn capitals_follow_the_typed_word() {
        assert_eq!(
            same_case("Kinderopvnag", "kinderopvang".into()),
            "Kinderopvang"
        );
        assert_eq!(
            same_case("kinderopvnag", "kinderopvang".into()),
            "kinderopvang"
        );
    }
}
