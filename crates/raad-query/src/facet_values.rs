//! Filter values as users type them → the facet values in the index.
//!
//! Users type `nva`, `groen`, `watteeuw` or `mondeling`; the index holds `N-VA`, `Groen`,
//! `Filip Watteeuw`, `mondelinge vraag`. A typed value picks the index values it equals when
//! both are reduced to lower-case letters and digits; when none is equal, it picks every value
//! of which each typed word starts a word.

use std::collections::BTreeSet;

use raad_core::analysis::names_analyzer;
use tantivy::schema::Field;
use tantivy::Searcher;

use crate::error::Result;

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

/// The index values the typed values stand for (see the module documentation); empty when
/// none fits, so the filter matches nothing.
pub fn resolve(searcher: &Searcher, field: Field, typed: &[String]) -> Result<Vec<String>> {
    let known = facet_values(searcher, field)?;
    let mut analyzer = names_analyzer();
    let mut words = |text: &str| -> Vec<String> {
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            words.push(token.text.clone());
        }
        words
    };
    let known: Vec<(&String, Vec<String>, String)> = known
        .iter()
        .map(|value| (value, words(value), compact(value)))
        .collect();
    let mut resolved = BTreeSet::new();
    for typed in typed {
        let typed_compact = compact(typed);
        if typed_compact.is_empty() {
            continue;
        }
        let exact: Vec<&String> = known
            .iter()
            .filter(|(_, _, value_compact)| *value_compact == typed_compact)
            .map(|(value, _, _)| *value)
            .collect();
        if !exact.is_empty() {
            resolved.extend(exact.into_iter().cloned());
            continue;
        }
        let typed_words = words(typed);
        resolved.extend(
            known
                .iter()
                .filter(|(_, value_words, _)| {
                    typed_words.iter().all(|typed_word| {
                        value_words
                            .iter()
                            .any(|value_word| value_word.starts_with(typed_word.as_str()))
                    })
                })
                .map(|(value, _, _)| (*value).clone()),
        );
    }
    Ok(resolved.into_iter().collect())
}

/// Lower-case letters and digits only, accents removed.
fn compact(text: &str) -> String {
    let mut analyzer = names_analyzer();
    let mut compact = String::new();
    let mut stream = analyzer.token_stream(text);
    let mut last_position = None;
    while let Some(token) = stream.next() {
        // Only the whole group at each position (`nva`, not also `n` and `va`).
        if last_position != Some(token.position) {
            compact.push_str(&token.text);
        }
        last_position = Some(token.position);
    }
    compact
}
