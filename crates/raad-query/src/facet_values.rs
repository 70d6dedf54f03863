//! Filter values as users type them → the facet values in the index.
//!
//! Users type `nva`, `groen`, `watteeuw` or `mondeling`; the index holds `N-VA`, `Groen`,
//! `Filip Watteeuw`, `mondelinge vraag`. A typed value picks the index values it equals when
//! both are reduced to lower-case letters and digits without accents; when none is equal, it
//! picks every value of which each typed word starts a word.
//!
//! Before that, a value goes through what the records went through: a party through the
//! [`PartyTable`] the records were read with (`VB` → `Vlaams Belang`, `sp.a` → `Vooruit`),
//! and a name (alderman, councillor) loses a leading article (`de burgemeester` →
//! `Burgemeester`), since the index holds names as they head a record. A typed value that
//! picks nothing becomes a [`Warning`] naming the closest values the index holds.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use raad_core::analysis::names_analyzer;
use raad_core::document::facet;
use raad_core::party::PartyTable;
use raad_core::Facet;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

use crate::error::Result;
use crate::results::FacetCount;
use crate::warning::Warning;

/// Articles a typed name may start with that the index's names do not.
const ARTICLES: [&str; 3] = ["de", "het", "den"];

/// Closest values a warning names at most.
const MAX_CLOSEST: usize = 3;

/// Every value of a facet field in the index, sorted.
pub fn facet_values(searcher: &Searcher, field: Field) -> Result<BTreeSet<String>> {
    let mut values = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            // One-level facets: the encoded term is the value itself.
            if let Ok(value) = std::str::from_utf8(stream.key()) {
                if !value.is_empty() {
                    values.insert(value.to_string());
                }
            }
        }
    }
    Ok(values)
}

/// One filter as typed: the facet it belongs to, the field it reads (the alderman filter
/// may read `aldermen_any`) and the values typed, any of which may match.
pub(crate) struct TypedFilter<'a> {
    /// The facet the filter belongs to.
    pub facet: Facet,
    /// The index field it reads.
    pub field: Field,
    /// The values as typed.
    pub typed: &'a [String],
}

/// What a filter's typed values stand for in the index.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// The index values, sorted, each once; empty when no typed value fits, so the filter
    /// matches nothing.
    pub values: Vec<String>,
    /// One warning for each typed value that fits no index value.
    pub warnings: Vec<Warning>,
}

/// An index value with its forms for matching.
struct Known {
    value: String,
    /// Every names-analyzer token, parts included (`nva`, `n`, `va`).
    words: Vec<String>,
    /// The whole word at each position (`nva`).
    whole_words: Vec<String>,
    /// The whole words joined: lower-case letters and digits only.
    compact: String,
}

/// The index values `filter`'s typed values stand for (see the module documentation), and a
/// warning for each typed value that stands for none.
pub(crate) fn resolve(
    searcher: &Searcher,
    parties: &PartyTable,
    filter: &TypedFilter<'_>,
) -> Result<Resolved> {
    let mut analyzer = names_analyzer();
    let known: Vec<Known> = facet_values(searcher, filter.field)?
        .into_iter()
        .map(|value| {
            let (words, whole_words) = tokens(&mut analyzer, &value);
            Known {
                compact: whole_words.concat(),
                value,
                words,
                whole_words,
            }
        })
        .collect();
    let mut values = BTreeSet::new();
    let mut warnings = Vec::new();
    for typed in filter.typed {
        let forms: Vec<(Vec<String>, String)> = forms(filter.facet, parties, typed)
            .iter()
            .map(|form| {
                let (words, whole_words) = tokens(&mut analyzer, form);
                (words, whole_words.concat())
            })
            .filter(|(_, compact)| !compact.is_empty())
            .collect();
        let picked = pick(&known, &forms);
        if picked.is_empty() {
            warnings.push(Warning::UnknownFilterValue {
                facet: filter.facet,
                value: typed.clone(),
                closest: closest(searcher, filter.field, &known, &forms)?,
            });
        }
        values.extend(picked.into_iter().map(|known| known.value.clone()));
    }
    Ok(Resolved {
        values: values.into_iter().collect(),
        warnings,
    })
}

/// The forms a typed value is looked for in: a party also as its canonical name, a name
/// also without a leading article.
fn forms(facet: Facet, parties: &PartyTable, typed: &str) -> Vec<String> {
    let mut forms = vec![typed.to_string()];
    match facet {
        Facet::Party => forms.push(parties.canonical(typed)),
        Facet::Alderman | Facet::Councillor => {
            let mut words = typed.split_whitespace();
            let first = words.next().unwrap_or_default().to_lowercase();
            let rest: Vec<&str> = words.collect();
            if ARTICLES.contains(&first.as_str()) && !rest.is_empty() {
                forms.push(rest.join(" "));
            }
        }
        Facet::Topic | Facet::Year | Facet::Kind | Facet::Council => {}
    }
    forms
}

/// The known values some form equals (compact); when none, those of which each word of some
/// form starts a word.
fn pick<'k>(known: &'k [Known], forms: &[(Vec<String>, String)]) -> Vec<&'k Known> {
    let exact: Vec<&Known> = known
        .iter()
        .filter(|known| forms.iter().any(|(_, compact)| *compact == known.compact))
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    known
        .iter()
        .filter(|known| {
            forms.iter().any(|(typed_words, _)| {
                typed_words.iter().all(|typed_word| {
                    known
                        .words
                        .iter()
                        .any(|word| word.starts_with(typed_word.as_str()))
                })
            })
        })
        .collect()
}

/// The known values nearest to the forms, with their record counts: at most
/// [`MAX_CLOSEST`], within an edit distance of a third of the typed length (at least 1) of
/// the whole value or of one of its words (`codens` is near `Anne Coddens`).
fn closest(
    searcher: &Searcher,
    field: Field,
    known: &[Known],
    forms: &[(Vec<String>, String)],
) -> Result<Vec<FacetCount>> {
    let Some(shortest) = forms
        .iter()
        .map(|(_, compact)| compact.chars().count())
        .min()
    else {
        return Ok(Vec::new());
    };
    let limit = (shortest / 3).max(1);
    let mut near: Vec<(usize, u64, &str)> = Vec::new();
    for known in known {
        let distance = forms
            .iter()
            .flat_map(|(_, compact)| {
                std::iter::once(&known.compact)
                    .chain(&known.whole_words)
                    .map(move |word| strsim::levenshtein(compact, word))
            })
            .min()
            .unwrap_or(usize::MAX);
        if distance <= limit {
            let query = TermQuery::new(
                Term::from_facet(field, &facet(&known.value)),
                IndexRecordOption::Basic,
            );
            let records = searcher.search(&query, &Count)? as u64;
            // A value whose records are all deleted lingers in the terms until a merge.
            if records > 0 {
                near.push((distance, records, &known.value));
            }
        }
    }
    near.sort_by_key(|&(distance, records, value)| (distance, Reverse(records), value));
    Ok(near
        .into_iter()
        .take(MAX_CLOSEST)
        .map(|(_, count, value)| FacetCount {
            value: value.to_string(),
            count,
        })
        .collect())
}

/// A text's names-analyzer tokens: all of them (parts included), and the whole word at each
/// position (`N-VA` → `nva`, not also `n` and `va`).
fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> (Vec<String>, Vec<String>) {
    let (mut words, mut whole_words) = (Vec::new(), Vec::new());
    let mut stream = analyzer.token_stream(text);
    let mut last_position = None;
    while let Some(token) = stream.next() {
        if last_position != Some(token.position) {
            whole_words.push(token.text.clone());
        }
        last_position = Some(token.position);
        words.push(token.text.clone());
    }
    (words, whole_words)
}
