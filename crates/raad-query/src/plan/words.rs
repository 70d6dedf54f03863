//! Query words, phrases and names: analyzed as the index was, each word with its compound
//! and hyphen parts.

use tantivy::query::{EmptyQuery, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::{Score, Term};

use super::compose::{any_of, boosted, term_query};
use super::ranking::{BODY_WEIGHT, NAMES_WEIGHT, PART_WEIGHT};
use super::{ItemKind, ItemTerms, Planner, TextQueries};
use crate::bm25;
use crate::error::Result;

/// A query word analyzed: per position the whole word and its parts.
pub(super) struct Analyzed {
    pub(super) positions: Vec<(usize, String, Vec<String>)>,
}

impl Analyzed {
    fn all_terms(&self) -> impl Iterator<Item = (&str, Score)> {
        self.positions.iter().flat_map(|(_, main, parts)| {
            std::iter::once((main.as_str(), 1.0))
                .chain(parts.iter().map(|part| (part.as_str(), PART_WEIGHT)))
        })
    }
}

impl Planner<'_> {
    pub(super) fn analyze(&mut self, text: &str) -> Analyzed {
        let mut positions: Vec<(usize, String, Vec<String>)> = Vec::new();
        let mut stream = self.dutch.token_stream(text);
        while let Some(token) = stream.next() {
            match positions.last_mut() {
                Some((position, _, parts)) if *position == token.position => {
                    parts.push(token.text.clone())
                }
                _ => positions.push((token.position, token.text.clone(), Vec::new())),
            }
        }
        Analyzed { positions }
    }

    pub(super) fn name_tokens(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut tokens: Vec<(usize, String)> = Vec::new();
        let mut stream = self.names.token_stream(text);
        while let Some(token) = stream.next() {
            if tokens.last().map(|(position, _)| *position) != Some(token.position) {
                tokens.push((token.position, token.text.clone()));
            }
        }
        tokens
    }
    pub(super) fn word(&mut self, word: &str) -> Result<Option<TextQueries>> {
        let analyzed = self.analyze(word);
        if analyzed.positions.is_empty() {
            // A stop word: it neither ranks nor is required.
            return Ok(None);
        }
        let (mut counted, mut parts, mut section_clauses) = (Vec::new(), Vec::new(), Vec::new());
        for (_, main, main_parts) in &analyzed.positions {
            counted.extend(self.scored_term(self.schema.body, main, BODY_WEIGHT)?);
            section_clauses.extend(self.section_clauses(&[(0, main)], 1.0)?);
            for part in main_parts {
                parts.extend(self.scored_term(
                    self.schema.body,
                    part,
                    BODY_WEIGHT * PART_WEIGHT,
                )?);
                section_clauses.extend(self.section_clauses(&[(0, part)], PART_WEIGHT)?);
            }
        }
        let names = self.name_tokens(word);
        for (_, token) in &names {
            counted.extend(self.scored_term(self.schema.names, token, NAMES_WEIGHT)?);
        }
        let terms: Vec<String> = analyzed.all_terms().map(|(t, _)| t.to_string()).collect();
        for term in &terms {
            self.mark(term)?;
        }
        // What the word matches in `body`: at one position, the whole word (which also finds
        // it inside longer compounds: they index it as a part) or, for a compound, its parts
        // as adjacent words (`fiets paden`); a word of several positions (`covid-19`), those
        // positions in a row. One part alone, or the parts far apart, is no match. Terms no
        // record has are left out, so that intersections skip through term postings rather
        // than unions, which refill a buffer at every skip.
        let body = self.schema.body;
        let in_body: Box<dyn Query> = if let [(_, main, parts)] = analyzed.positions.as_slice() {
            let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
            if self.exists(body, main)? {
                alternatives.push(Box::new(term_query(body, main)));
            }
            if let Some(adjacent) = self.in_a_row(body, parts)? {
                alternatives.push(adjacent);
            }
            any_of(alternatives)
        } else {
            let mains: Vec<String> = analyzed
                .positions
                .iter()
                .map(|(_, main, _)| main.clone())
                .collect();
            self.in_a_row(body, &mains)?
                .unwrap_or_else(|| Box::new(EmptyQuery))
        };
        let in_names = self.names_match(&names)?;
        let matched = match in_names {
            Some(in_names) => any_of(vec![in_body, in_names]),
            None => in_body,
        };
        // The whole word's terms say the word matched when it is one term at one position
        // (or a name of one token); otherwise the word matched only where `matched` says so:
        // every position, each whole or by all its parts.
        let simple =
            analyzed.positions.len() == 1 && analyzed.positions[0].2.is_empty() && names.len() <= 1;
        let strict = (!simple).then(|| matched.box_clone());
        let terms = item_terms(word.to_string(), ItemKind::Word, &analyzed.positions, names);
        Ok(Some(TextQueries {
            counted: any_of(counted),
            strict,
            parts,
            section_clauses,
            matches: matched,
            terms,
        }))
    }

    /// The records that hold `words` (indexed terms) at adjacent positions, in order;
    /// `None` when there are fewer than two or some record lacks one.
    fn in_a_row(&self, field: Field, words: &[String]) -> Result<Option<Box<dyn Query>>> {
        if words.len() < 2 {
            return Ok(None);
        }
        for word in words {
            if !self.exists(field, word)? {
                return Ok(None);
            }
        }
        let terms = words
            .iter()
            .enumerate()
            .map(|(offset, word)| (offset, Term::from_field_text(field, word)))
            .collect();
        Ok(Some(Box::new(PhraseQuery::new_with_offset(terms))))
    }

    /// Whether some record has `text` in `field`.
    fn exists(&self, field: Field, text: &str) -> Result<bool> {
        Ok(self
            .searcher
            .doc_freq(&Term::from_field_text(field, text))?
            > 0)
    }

    /// The records whose names hold these name tokens in a row; `None` when no record can
    /// (a token no record has).
    fn names_match(&self, names: &[(usize, String)]) -> Result<Option<Box<dyn Query>>> {
        let field = self.schema.names;
        for (_, token) in names {
            if !self.exists(field, token)? {
                return Ok(None);
            }
        }
        Ok(match names {
            [] => None,
            [(_, single)] => Some(Box::new(term_query(field, single))),
            _ => {
                let first = names[0].0;
                let terms = names
                    .iter()
                    .map(|(position, text)| (position - first, Term::from_field_text(field, text)))
                    .collect();
                Some(Box::new(PhraseQuery::new_with_offset(terms)))
            }
        })
    }

    pub(super) fn phrase(&mut self, phrase: &str) -> Result<Option<TextQueries>> {
        let analyzed = self.analyze(phrase);
        if analyzed.positions.len() < 2 {
            // One word (or none) left after analysis: a phrase of one word is that word.
            return match analyzed.positions.first() {
                Some(_) => self.word(phrase),
                None => Ok(None),
            };
        }
        self.has_phrase = true;
        let first = analyzed.positions[0].0;
        let offsets: Vec<(usize, &str)> = analyzed
            .positions
            .iter()
            .map(|(position, main, _)| (position - first, main.as_str()))
            .collect();
        let terms: Vec<(usize, Term)> = offsets
            .iter()
            .map(|(offset, text)| (*offset, Term::from_field_text(self.schema.body, text)))
            .collect();
        let mut idf_sum = 0.0;
        for (_, term) in &terms {
            idf_sum += self.idf(term)?;
        }
        self.bound += bm25::max_score(BODY_WEIGHT * idf_sum);
        let body_phrase: Box<dyn Query> = Box::new(PhraseQuery::new_with_offset(terms));
        let words: Vec<(u32, &str)> = offsets
            .iter()
            .map(|(offset, text)| (u32::try_from(*offset).unwrap_or(u32::MAX), *text))
            .collect();
        let section_clauses = self.section_clauses(&words, 1.0)?;
        let mut ranked = vec![boosted(body_phrase.box_clone(), BODY_WEIGHT)];
        let names = self.name_tokens(phrase);
        let in_names = self.names_match(&names)?;
        if let Some(in_names) = &in_names {
            let mut idf_sum = 0.0;
            for (_, token) in &names {
                idf_sum += self.idf(&Term::from_field_text(self.schema.names, token))?;
            }
            self.bound += bm25::max_score(NAMES_WEIGHT * idf_sum);
            ranked.push(boosted(in_names.box_clone(), NAMES_WEIGHT));
        }
        let terms: Vec<String> = analyzed.all_terms().map(|(t, _)| t.to_string()).collect();
        for term in &terms {
            self.mark(term)?;
        }
        let mut matches: Vec<Box<dyn Query>> = vec![body_phrase];
        matches.extend(in_names);
        let terms = item_terms(
            format!("\"{phrase}\""),
            ItemKind::Phrase,
            &analyzed.positions,
            names,
        );
        Ok(Some(TextQueries {
            counted: any_of(ranked),
            strict: None,
            parts: Vec::new(),
            section_clauses,
            matches: any_of(matches),
            terms,
        }))
    }
}

/// What a word or phrase item matches, for explanations: its analyzed positions counted from
/// its first, and its name tokens.
fn item_terms(
    label: String,
    kind: ItemKind,
    positions: &[(usize, String, Vec<String>)],
    names: Vec<(usize, String)>,
) -> ItemTerms {
    let first = positions.first().map_or(0, |(position, _, _)| *position);
    ItemTerms {
        label,
        kind,
        positions: positions
            .iter()
            .map(|(position, main, parts)| (position - first, main.clone(), parts.clone()))
            .collect(),
        expansions: Vec::new(),
        synonyms: Vec::new(),
        names: names.into_iter().map(|(_, token)| token).collect(),
    }
}
