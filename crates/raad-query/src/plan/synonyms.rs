//! Synonyms of a query word or phrase (`LEZ` and `lage-emissiezone`): alternatives of the
//! item, so a record holding a synonym matches the item (and counts in totals and facets),
//! ranked at [`SYNONYM_WEIGHT`] of what the word as typed gives.
//!
//! BM25 weighs a term by its rarity (idf), and a synonym may be much rarer than the word
//! (or, of several words, a phrase whose idf is their sum): a record holding only the synonym
//! would then outrank those holding the word. So a synonym's weight is scaled by the word's
//! idf over its own, when that is smaller, and a synonym scores at most [`SYNONYM_WEIGHT`] of
//! what the word would where it stood.

use tantivy::{Score, Term};

use super::compose::{any_of, boosted};
use super::{Planner, TextQueries};
use crate::error::Result;

/// Weight of a synonym's matches relative to the word as typed: a record that holds the word
/// ranks above one that holds only a synonym, other things equal.
pub(super) const SYNONYM_WEIGHT: Score = 0.5;

impl Planner<'_> {
    /// `queries` (of the word or phrase `text`) widened by the synonyms of `text`: each
    /// synonym is planned as a word, or as a phrase when it has several words, and becomes
    /// another way to match the item.
    pub(super) fn with_synonyms(
        &mut self,
        text: &str,
        queries: Option<TextQueries>,
    ) -> Result<Option<TextQueries>> {
        let Some(mut queries) = queries else {
            return Ok(None);
        };
        let synonyms: Vec<String> = self
            .synonyms
            .of(text)
            .into_iter()
            .map(str::to_string)
            .collect();
        if synonyms.is_empty() {
            return Ok(Some(queries));
        }
        let mut counted = vec![queries.counted];
        // What a record must match: the item's own condition or a synonym's.
        let mut any_strict = queries.strict.is_some();
        let mut required = vec![queries
            .strict
            .take()
            .unwrap_or_else(|| queries.matches.box_clone())];
        let mut matches = vec![queries.matches];
        let own_idf = self.idf_sum(text)?;
        for synonym in &synonyms {
            let weight = match (own_idf, self.idf_sum(synonym)?) {
                (Some(own), Some(theirs)) if theirs > own => SYNONYM_WEIGHT * own / theirs,
                _ => SYNONYM_WEIGHT,
            };
            let planned = if self.analyze(synonym).positions.len() > 1 {
                self.phrase(synonym)?
            } else {
                self.word(synonym)?
            };
            let Some(mut planned) = planned else {
                continue;
            };
            // A synonym's compound parts are left out: in a search for any word they would
            // match on their own (`zon` of `lage-emissiezone` for `LEZ`).
            counted.push(boosted(planned.counted, weight));
            for clause in &mut planned.section_clauses {
                clause.weight *= weight;
            }
            queries.section_clauses.append(&mut planned.section_clauses);
            any_strict |= planned.strict.is_some();
            required.push(
                planned
                    .strict
                    .unwrap_or_else(|| planned.matches.box_clone()),
            );
            matches.push(planned.matches);
            planned.terms.label = synonym.clone();
            queries.terms.synonyms.push(planned.terms);
        }
        queries.counted = any_of(counted);
        // Without a condition of their own, the scored terms match exactly the records that
        // match the item or a synonym; otherwise the conditions say which.
        queries.strict = any_strict.then(|| any_of(required));
        queries.matches = any_of(matches);
        Ok(Some(queries))
    }

    /// The sum of the `body` idfs of the whole words `text` analyzes to (a phrase's BM25
    /// weight); `None` when a word is in no record.
    fn idf_sum(&mut self, text: &str) -> Result<Option<Score>> {
        let mut sum = 0.0;
        for (_, main, _) in self.analyze(text).positions {
            let term = Term::from_field_text(self.schema.body, &main);
            if self.searcher.doc_freq(&term)? == 0 {
                return Ok(None);
            }
            sum += self.idf(&term)?;
        }
        Ok(Some(sum))
    }
}
