//! Prefix and fuzzy words: the indexed terms they stand for, found in the term dictionaries.

use std::collections::HashMap;

use tantivy::query::{DisjunctionMaxQuery, EmptyQuery, FuzzyTermQuery, Query};
use tantivy::schema::Field;
use tantivy::{Score, Searcher, Term};

use super::compose::{any_of, term_query};
use super::ranking::{BODY_WEIGHT, NAMES_WEIGHT};
use super::{ItemKind, ItemTerms, Planner, TextQueries};
use crate::edits;
use crate::error::Result;
use crate::tiered::TieredMax;

/// Terms a prefix or fuzzy word expands to at most (the most frequent are kept).
const MAX_EXPANSIONS: usize = 50;
/// Terms looked at per segment when expanding a prefix, so `a*` stays cheap.
const EXPANSION_SCAN: usize = 20_000;
/// Tie-breaker of the best-matching expansion of a prefix or fuzzy word.
const EXPANSION_TIE: Score = 0.1;

impl Planner<'_> {
    /// A prefix or fuzzy word: the indexed terms it stands for, each ranked in `body` (and
    /// `names`); the best-matching expansion counts, the others break ties. The expansions of
    /// a fuzzy word rank in tiers (see [`tier`]): names first, then by edit distance, then by
    /// score. No title and
    /// question clauses: up to [`MAX_EXPANSIONS`] terms each, they cost more to find in the
    /// term dictionaries and to score than the rest of the search (BENCHMARKS.md, "Search
    /// latency"), and a title or question word is a body word already.
    pub(super) fn expansion(
        &mut self,
        text: &str,
        wildcard: Wildcard,
    ) -> Result<Option<TextQueries>> {
        // Names and prefixes are matched before stemming: lower case, no accents.
        let folded: String = self
            .name_tokens(text)
            .into_iter()
            .map(|(_, token)| token)
            .collect::<Vec<_>>()
            .join("");
        let mut text_terms = Vec::new();
        if !folded.is_empty() {
            text_terms.push(folded.clone());
        }
        // The stem too: `fietspaden*` is indexed as `fietspad…`.
        let stemmed = self.analyze(text);
        if let Some((_, main, _)) = stemmed.positions.first() {
            if !text_terms.contains(main) {
                text_terms.push(main.clone());
            }
        }
        if text_terms.is_empty() {
            return Ok(None);
        }
        let mut body_terms = Vec::new();
        // The text terms the expansions are edits of (fuzzy words only).
        let mut edited = Vec::new();
        for term in &text_terms {
            let distance = match wildcard {
                Wildcard::Prefix => None,
                Wildcard::Fuzzy { distance } => {
                    Some(distance.unwrap_or_else(|| text_fuzzy_distance(term)))
                }
            };
            body_terms.extend(expansions(self.searcher, self.schema.body, term, distance)?);
            if distance.is_some() {
                edited.push(term);
            }
        }
        body_terms.sort();
        body_terms.dedup();
        let name_distance = match wildcard {
            Wildcard::Prefix => None,
            Wildcard::Fuzzy { distance } => Some(distance.unwrap_or_else(|| fuzzy_distance(text))),
        };
        let name_terms = if folded.is_empty() {
            Vec::new()
        } else {
            expansions(self.searcher, self.schema.names, &folded, name_distance)?
        };
        let terms = ItemTerms {
            label: match wildcard {
                Wildcard::Prefix => format!("{text}*"),
                Wildcard::Fuzzy { distance: None } => format!("{text}~"),
                Wildcard::Fuzzy {
                    distance: Some(distance),
                } => format!("{text}~{distance}"),
            },
            kind: match wildcard {
                Wildcard::Prefix => ItemKind::Prefix,
                Wildcard::Fuzzy { .. } => ItemKind::Fuzzy,
            },
            positions: Vec::new(),
            expansions: body_terms.clone(),
            synonyms: Vec::new(),
            names: name_terms.clone(),
        };
        // Each expansion with its tier (fuzzy words only): names above words, and within
        // each the fewer edits above the more.
        let mut disjuncts: Vec<(Box<dyn Query>, u8)> = Vec::new();
        let mut matches = Vec::new();
        let bound_before = self.bound;
        let mut widest: Score = 0.0;
        for term in &body_terms {
            let start = self.bound;
            let edits = edited.iter().map(|text| edits::distance(text, term)).min();
            if let Some(query) = self.scored_term(self.schema.body, term, BODY_WEIGHT)? {
                disjuncts.push((query, tier(false, edits)));
            }
            widest = widest.max(self.bound - start);
            matches.push(Box::new(term_query(self.schema.body, term)) as Box<dyn Query>);
            self.mark(term)?;
        }
        for term in &name_terms {
            let start = self.bound;
            let edits = name_distance.map(|_| edits::distance(&folded, term));
            if let Some(query) = self.scored_term(self.schema.names, term, NAMES_WEIGHT)? {
                disjuncts.push((query, tier(true, edits)));
            }
            widest = widest.max(self.bound - start);
            matches.push(Box::new(term_query(self.schema.names, term)));
        }
        if disjuncts.is_empty() {
            // Nothing in the index matches: the item requires what cannot be found.
            self.bound = bound_before;
            return Ok(Some(TextQueries {
                counted: Box::new(EmptyQuery),
                strict: None,
                parts: Vec::new(),
                section_clauses: Vec::new(),
                matches: Box::new(EmptyQuery),
                terms,
            }));
        }
        // Dismax scores the best expansion plus a share of the others.
        let others = self.bound - bound_before - widest;
        let dismax_bound = widest + EXPANSION_TIE * others;
        let ranked: Box<dyn Query> = match wildcard {
            Wildcard::Prefix => {
                self.bound = bound_before + dismax_bound;
                Box::new(DisjunctionMaxQuery::with_tie_breaker(
                    disjuncts.into_iter().map(|(query, _)| query).collect(),
                    EXPANSION_TIE,
                ))
            }
            Wildcard::Fuzzy { .. } => {
                let tiered = TieredMax::new(disjuncts, dismax_bound, EXPANSION_TIE);
                self.bound = bound_before + tiered.bound(dismax_bound);
                Box::new(tiered)
            }
        };
        Ok(Some(TextQueries {
            counted: ranked,
            strict: None,
            parts: Vec::new(),
            section_clauses: Vec::new(),
            matches: any_of(matches),
            terms,
        }))
    }
}

/// The tier of a fuzzy word's expansion (higher ranks first): every name above every word,
/// then the fewer edits from what was typed above the more (`Codens~`: the alderman Coddens,
/// then a councillor two edits away, then the words `codes` and `codex`).
fn tier(name: bool, edits: Option<usize>) -> u8 {
    let most = usize::from(edits::MAX_DISTANCE);
    let closeness = most - edits.unwrap_or(most).min(most);
    let closeness = u8::try_from(closeness).unwrap_or(0);
    if name {
        closeness + edits::MAX_DISTANCE + 1
    } else {
        closeness
    }
}

/// The distance of a fuzzy word without one: none for very short words, then 1, and 2 from
/// six letters on ("Codens~" finds "Coddens").
pub fn fuzzy_distance(text: &str) -> u8 {
    match text.chars().filter(|c| c.is_alphanumeric()).count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    }
}

/// The distance of a fuzzy word without one in title, question and answer, by the length of
/// its stem: stricter than for names, because text vocabularies are large and stems short
/// (at distance 2, `coden`, the stem of "Codens", also reaches `open`, in a third of all
/// records).
pub fn text_fuzzy_distance(stem: &str) -> u8 {
    match stem.chars().count() {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// A prefix or fuzzy item as typed.
#[derive(Debug, Clone, Copy)]
pub(super) enum Wildcard {
    Prefix,
    Fuzzy { distance: Option<u8> },
}

/// The indexed terms of `field` that `text` stands for as a wildcard, the most frequent
/// first, at most [`MAX_EXPANSIONS`]: those starting with `text` when `fuzzy_distance` is
/// `None` (looking at no more than 20,000 per segment, so `a*` stays cheap), else those
/// within that many edits of it (a transposition counting as one). Exact term texts, as the
/// index holds them: for `body`, lower-case stems; for `names`, folded names.
pub fn expansions(
    searcher: &Searcher,
    field: Field,
    text: &str,
    fuzzy_distance: Option<u8>,
) -> Result<Vec<String>> {
    let mut terms = term_counts(searcher, field, text, fuzzy_distance)?;
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(MAX_EXPANSIONS);
    Ok(terms.into_iter().map(|(term, _)| term).collect())
}

/// Every indexed term of `field` that `text` stands for as a wildcard (see [`expansions`]),
/// with the number of records that hold it, in no order.
pub(crate) fn term_counts(
    searcher: &Searcher,
    field: Field,
    text: &str,
    fuzzy_distance: Option<u8>,
) -> Result<Vec<(String, u64)>> {
    let mut found: HashMap<String, u64> = HashMap::new();
    // Building the Levenshtein automaton is the costly part of a fuzzy word: once per
    // field, shared by every segment.
    let automaton = match fuzzy_distance {
        Some(distance) => Some(
            FuzzyTermQuery::new(Term::from_field_text(field, text), distance, true).automaton()?,
        ),
        None => None,
    };
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let dictionary = inverted.terms();
        let mut collect = |key: &[u8], doc_freq: u32| {
            if let Ok(term) = std::str::from_utf8(key) {
                *found.entry(term.to_string()).or_default() += u64::from(doc_freq);
            }
        };
        match &automaton {
            None => {
                let mut stream = dictionary.range().ge(text.as_bytes()).into_stream()?;
                let mut scanned = 0;
                while stream.advance() && scanned < EXPANSION_SCAN {
                    if !stream.key().starts_with(text.as_bytes()) {
                        break;
                    }
                    collect(stream.key(), stream.value().doc_freq);
                    scanned += 1;
                }
            }
            Some(automaton) => {
                let mut stream = dictionary.search(automaton).into_stream()?;
                while stream.advance() {
                    collect(stream.key(), stream.value().doc_freq);
                }
            }
        }
    }
    Ok(found.into_iter().collect())
}
