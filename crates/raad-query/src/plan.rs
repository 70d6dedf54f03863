//! Parsed query and filters → tantivy queries, analyzed exactly as the index was.
//!
//! Ranking, measured with the relevance harness on the development sets (see BENCHMARKS.md):
//! one BM25 over the combined `body` field, plus title matches at [`TITLE_WEIGHT`] and
//! question matches at [`QUESTION_WEIGHT`]; compound and hyphen parts of a query word count
//! [`PART_WEIGHT`]. Plain mode is exactly that sum of term queries. Syntax mode adds the
//! `names` field (councillors, parties, aldermen) and puts records that satisfy every clause
//! above those that satisfy only some: it adds to them a constant larger than any score the
//! term clauses alone can reach (see [`TextPlan::all_clauses_bonus`]).
//!
//! The sum is computed in two phases (see [`crate::rescore`]): `body` and `names` rank every
//! match ([`TextPlan::scored`]), and the title and question clauses ([`TextPlan::parts`])
//! are added only to the best of them. Title and question words are also body words, so the
//! body alone finds the records those clauses would lift; scoring three posting lists per
//! word for every match cost 1.6–3.4× one list (BENCHMARKS.md, "Search latency").

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;

use raad_core::document::{facet, to_datetime};
use raad_core::id::id_key;
use raad_core::{Date, Facet, RaadSchema, TopicSource};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery,
    FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher, Term};

use crate::all_clauses::AllClausesBonus;
use crate::error::Result;
use crate::facet_counter::FacetFilter;
use crate::facet_values::resolve;
use crate::key_queries::topic_source_query;
use crate::parse::{Clause, Item, ParsedQuery, QueryField};
use crate::parts::{Part, PartClause};
use crate::request::{AldermanScope, Filters};

/// Weight of the combined body field.
pub const BODY_WEIGHT: Score = 1.0;
/// Weight of title matches, added to the body's. Measured on the themes set once titles were
/// scored from `body` positions (idf of the body): 0.8, 1.0 and 1.2 give nDCG@10 0.477–0.479,
/// 0.5 (the weight of the former title field) 0.4745.
pub const TITLE_WEIGHT: Score = 1.0;
/// Weight of question matches, added to the body's.
pub const QUESTION_WEIGHT: Score = 0.6;
/// Weight of a compound or hyphen part relative to the whole word.
pub const PART_WEIGHT: Score = 0.5;
/// Weight of matches in councillor, party and alderman names (syntax mode).
pub const NAMES_WEIGHT: Score = 1.0;
/// Terms a prefix or fuzzy word expands to at most (the most frequent are kept).
pub const MAX_EXPANSIONS: usize = 50;
/// Terms looked at per segment when expanding a prefix, so `a*` stays cheap.
const EXPANSION_SCAN: usize = 20_000;
/// Tie-breaker of the best-matching expansion of a prefix or fuzzy word.
const EXPANSION_TIE: Score = 0.1;
/// BM25's k1, as tantivy uses it: a term's score is at most `idf * (1 + k1)`.
const BM25_K1: Score = 1.2;

/// The text part of a search, ready to combine with filters.
pub(crate) struct TextPlan {
    /// The ranked part; `None` when the text has no words (only filters or exclusions).
    pub scored: Option<Box<dyn Query>>,
    /// Title and question clauses, added to the score of the best-ranked matches only.
    pub parts: Vec<PartClause>,
    /// Hard conditions written in the text (field filters, dates).
    pub must: Vec<Box<dyn Query>>,
    /// Excluded clauses.
    pub must_not: Vec<Box<dyn Query>>,
    /// Indexed terms to mark in snippets, with their weights.
    pub highlight: BTreeMap<String, Score>,
    /// Whether the text holds a phrase (of two words or more).
    pub has_phrase: bool,
}

impl TextPlan {
    /// The constant added to records matching every text clause. It exceeds the largest
    /// score the term clauses can give (each term at most `boost * idf * (1 + k1)`), so such
    /// records always rank first, and among themselves by BM25.
    fn all_clauses_bonus(bound: Score) -> Score {
        bound.max(1.0) * 1.01
    }
}

/// One alternative of a text clause for the every-clause count: its scored terms, and what
/// it matches when those say too much (see `TextQueries::strict`).
type Counted = (Box<dyn Query>, Option<Box<dyn Query>>);

/// The queries of one text item.
struct TextQueries {
    /// Scores the records (BM25 over `body` and `names`), and says whether the item matched
    /// for the every-clause bonus: the whole word, a phrase, an expansion, a name.
    counted: Box<dyn Query>,
    /// When `counted` matches records that do not match the item as a whole (a word of
    /// several positions, or with compound parts): what does.
    strict: Option<Box<dyn Query>>,
    /// Compound and hyphen parts of a word: they add to the score (at [`PART_WEIGHT`]) but a
    /// part alone does not make the word matched (`werkzoekers` is no match for
    /// `asielzoekers`).
    parts: Vec<Box<dyn Query>>,
    /// Title and question clauses, for the second phase.
    part_clauses: Vec<PartClause>,
    /// The records the item matches, for the every-clause bonus and for exclusions.
    matches: Box<dyn Query>,
}

/// A query word analyzed: per position the whole word and its parts.
struct Analyzed {
    positions: Vec<(usize, String, Vec<String>)>,
}

impl Analyzed {
    fn all_terms(&self) -> impl Iterator<Item = (&str, Score)> {
        self.positions.iter().flat_map(|(_, main, parts)| {
            std::iter::once((main.as_str(), 1.0))
                .chain(parts.iter().map(|part| (part.as_str(), PART_WEIGHT)))
        })
    }
}

/// Builds queries for one search against one searcher's snapshot.
pub(crate) struct Planner<'a> {
    searcher: &'a Searcher,
    schema: &'a RaadSchema,
    dutch: TextAnalyzer,
    names: TextAnalyzer,
    /// Upper bound of the score of the ranked term clauses built so far.
    bound: Score,
    /// Whether a phrase was planned.
    has_phrase: bool,
    highlight: BTreeMap<String, Score>,
}

fn term_query(field: Field, text: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    )
}

fn boosted(query: Box<dyn Query>, boost: Score) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(EmptyQuery),
        1 => queries.remove(0),
        _ => Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        )),
    }
}

fn all_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(AllQuery),
        1 => queries.remove(0),
        _ => Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Must, q)).collect(),
        )),
    }
}

/// A filter never changes scores: it only keeps or drops records.
pub(crate) fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

impl<'a> Planner<'a> {
    pub fn new(searcher: &'a Searcher, schema: &'a RaadSchema) -> Result<Planner<'a>> {
        let index = searcher.index();
        Ok(Planner {
            searcher,
            schema,
            dutch: index.tokenizer_for_field(schema.body)?,
            names: index.tokenizer_for_field(schema.names)?,
            bound: 0.0,
            has_phrase: false,
            highlight: BTreeMap::new(),
        })
    }

    fn analyze(&mut self, text: &str) -> Analyzed {
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

    fn name_tokens(&mut self, text: &str) -> Vec<(usize, String)> {
        let mut tokens: Vec<(usize, String)> = Vec::new();
        let mut stream = self.names.token_stream(text);
        while let Some(token) = stream.next() {
            if tokens.last().map(|(position, _)| *position) != Some(token.position) {
                tokens.push((token.position, token.text.clone()));
            }
        }
        tokens
    }

    fn idf(&self, term: &Term) -> Result<Score> {
        Ok(self.idf_of(self.searcher.doc_freq(term)?))
    }

    /// BM25's idf, as tantivy computes it, of a term in `doc_freq` records: over every
    /// record the segments hold, deleted ones included (tantivy's statistics count them until
    /// a merge drops them; counting only live records would make the bound too low).
    fn idf_of(&self, doc_freq: u64) -> Score {
        let total: u64 = self
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| u64::from(segment.max_doc()))
            .sum();
        let doc_freq = doc_freq.min(total);
        let ratio = ((total - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
        (1.0 + ratio).ln()
    }

    /// A ranked term clause, counted towards the bonus bound; `None` for a term no record
    /// has. Leaving those out matters: a word alone in `body` is then one term scorer, which
    /// tantivy runs without the buffering of a union (most words are in no name).
    fn scored_term(
        &mut self,
        field: Field,
        text: &str,
        boost: Score,
    ) -> Result<Option<Box<dyn Query>>> {
        let term = Term::from_field_text(field, text);
        let doc_freq = self.searcher.doc_freq(&term)?;
        if doc_freq == 0 {
            return Ok(None);
        }
        self.bound += boost * self.idf_of(doc_freq) * (1.0 + BM25_K1);
        Ok(Some(boosted(Box::new(term_query(field, text)), boost)))
    }

    /// A title or question clause for `body` terms at their offsets (one word, or a phrase),
    /// counted towards the bonus bound; `None` when a term is in no record.
    fn part_clause(
        &mut self,
        part: Part,
        words: &[(u32, &str)],
        boost: Score,
    ) -> Result<Option<PartClause>> {
        let mut terms = Vec::with_capacity(words.len());
        let mut idf = 0.0;
        for (offset, text) in words {
            let term = Term::from_field_text(self.schema.body, text);
            let doc_freq = self.searcher.doc_freq(&term)?;
            if doc_freq == 0 {
                return Ok(None);
            }
            idf += self.idf_of(doc_freq);
            terms.push((*offset, term));
        }
        let clause = PartClause {
            part,
            terms,
            weight: boost * idf,
        };
        self.bound += clause.bound();
        Ok(Some(clause))
    }

    /// The title clause (at [`TITLE_WEIGHT`]) and the question clause (at
    /// [`QUESTION_WEIGHT`]) of one word or phrase, times `weight`.
    fn part_clauses(&mut self, words: &[(u32, &str)], weight: Score) -> Result<Vec<PartClause>> {
        let mut clauses = Vec::with_capacity(2);
        clauses.extend(self.part_clause(Part::Title, words, TITLE_WEIGHT * weight)?);
        clauses.extend(self.part_clause(Part::Question, words, QUESTION_WEIGHT * weight)?);
        Ok(clauses)
    }

    fn mark(&mut self, text: &str) -> Result<()> {
        if self.highlight.contains_key(text) {
            return Ok(());
        }
        let doc_freq = self
            .searcher
            .doc_freq(&Term::from_field_text(self.schema.body, text))?;
        if doc_freq > 0 {
            // Rarer words make the better snippet, as in tantivy's own generator.
            self.highlight
                .insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
        }
        Ok(())
    }

    /// Plain mode: every analyzed term in every text field, OR'ed (the relevance harness's
    /// query, term for term).
    pub fn plain(mut self, text: &str) -> Result<TextPlan> {
        let mut terms: Vec<(String, Score)> = Vec::new();
        let mut previous_position = None;
        let mut stream = self.dutch.token_stream(text);
        while let Some(token) = stream.next() {
            let weight = if previous_position == Some(token.position) {
                PART_WEIGHT
            } else {
                1.0
            };
            previous_position = Some(token.position);
            terms.push((token.text.clone(), weight));
        }
        drop(stream);
        let (mut clauses, mut parts) = (Vec::new(), Vec::new());
        for (term, weight) in &terms {
            clauses.extend(self.scored_term(self.schema.body, term, BODY_WEIGHT * weight)?);
            parts.extend(self.part_clauses(&[(0, term)], *weight)?);
        }
        for (term, _) in &terms {
            self.mark(term)?;
        }
        let scored = if clauses.is_empty() {
            // Text of only stop words or punctuation finds nothing; an empty text finds all.
            (!text.trim().is_empty()).then(|| Box::new(EmptyQuery) as Box<dyn Query>)
        } else {
            Some(Box::new(BooleanQuery::new(
                clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
            )) as Box<dyn Query>)
        };
        Ok(TextPlan {
            scored,
            parts,
            must: Vec::new(),
            must_not: Vec::new(),
            highlight: self.highlight,
            has_phrase: false,
        })
    }

    /// Syntax mode.
    pub fn syntax(
        mut self,
        parsed: &ParsedQuery,
        alderman_scope: AldermanScope,
    ) -> Result<TextPlan> {
        // Per text clause, its alternatives: the scored terms that make it matched, and when
        // those say too much, what does; and every part term.
        let mut counted: Vec<Vec<Counted>> = Vec::new();
        let mut parts: Vec<Box<dyn Query>> = Vec::new();
        let mut part_clauses: Vec<PartClause> = Vec::new();
        let mut must = Vec::new();
        let mut must_not = Vec::new();
        for clause in parsed.clauses.iter() {
            if clause.excluded {
                let matches = self.clause_matches(clause, alderman_scope, false)?;
                if let Some(matches) = matches {
                    must_not.push(matches);
                }
            } else if clause.is_text() {
                let mut alternatives = Vec::new();
                for item in &clause.alternatives {
                    if let Some(queries) = self.text_item(item)? {
                        alternatives.push((queries.counted, queries.strict));
                        parts.extend(queries.parts);
                        part_clauses.extend(queries.part_clauses);
                    }
                }
                if !alternatives.is_empty() {
                    counted.push(alternatives);
                }
            } else if let Some(matches) = self.clause_matches(clause, alderman_scope, true)? {
                must.push(matches);
            }
        }
        let had_words = parsed
            .clauses
            .iter()
            .any(|clause| !clause.excluded && clause.is_text());
        let scored = match counted.len() {
            // Words that all vanish in analysis (stop words) find nothing, unless field
            // filters say what to find.
            0 if had_words && must.is_empty() => Some(Box::new(EmptyQuery) as Box<dyn Query>),
            0 => None,
            // One clause: its queries in one union, nothing to count.
            1 => {
                let mut should: Vec<Box<dyn Query>> = counted
                    .into_iter()
                    .flatten()
                    .map(|(scored, _)| scored)
                    .collect();
                should.extend(parts);
                Some(any_of(should))
            }
            _ => {
                let bonus = TextPlan::all_clauses_bonus(self.bound);
                let clauses = counted
                    .into_iter()
                    .map(|alternatives| {
                        any_of(
                            alternatives
                                .into_iter()
                                .map(|(scored, strict)| match strict {
                                    // Matches where the item does, scored by its terms.
                                    Some(strict) => Box::new(BooleanQuery::new(vec![
                                        (Occur::Must, unscored(strict)),
                                        (Occur::Should, scored),
                                    ]))
                                        as Box<dyn Query>,
                                    None => scored,
                                })
                                .collect(),
                        )
                    })
                    .collect();
                let mut should: Vec<Box<dyn Query>> =
                    vec![Box::new(AllClausesBonus::new(clauses, bonus))];
                should.extend(parts);
                Some(any_of(should))
            }
        };
        if scored.is_none() {
            part_clauses.clear();
        }
        Ok(TextPlan {
            scored,
            parts: part_clauses,
            must,
            must_not,
            highlight: self.highlight,
            has_phrase: self.has_phrase,
        })
    }

    /// What a clause matches, unscored; `None` when it matches nothing searchable (stop words).
    /// Text alternatives are marked in snippets unless the clause is an exclusion.
    fn clause_matches(
        &mut self,
        clause: &Clause,
        alderman_scope: AldermanScope,
        mark: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let saved = (self.bound, self.highlight.clone());
        let mut matches = Vec::new();
        for item in &clause.alternatives {
            let matched = if item.is_text() {
                self.text_item(item)?.map(|queries| queries.matches)
            } else {
                Some(self.field_item(item, alderman_scope)?)
            };
            matches.extend(matched);
        }
        // Hard and excluded clauses do not rank; only kept text clauses raise the bound.
        self.bound = saved.0;
        if !mark {
            self.highlight = saved.1;
        }
        Ok(if matches.is_empty() {
            None
        } else {
            Some(any_of(matches))
        })
    }

    /// A text item: the ranked query and the (unranked) query of the records it matches;
    /// `None` when analysis leaves nothing (stop words, punctuation).
    fn text_item(&mut self, item: &Item) -> Result<Option<TextQueries>> {
        match item {
            Item::Word(word) => self.word(word),
            Item::Phrase(phrase) => self.phrase(phrase),
            Item::Prefix(prefix) => self.expansion(prefix, Wildcard::Prefix),
            Item::Fuzzy { text, distance } => self.expansion(
                text,
                Wildcard::Fuzzy {
                    distance: *distance,
                },
            ),
            Item::Field { .. } | Item::DateRange { .. } => Ok(None),
        }
    }

    fn word(&mut self, word: &str) -> Result<Option<TextQueries>> {
        let analyzed = self.analyze(word);
        if analyzed.positions.is_empty() {
            // A stop word: it neither ranks nor is required.
            return Ok(None);
        }
        let (mut counted, mut parts, mut part_clauses) = (Vec::new(), Vec::new(), Vec::new());
        for (_, main, main_parts) in &analyzed.positions {
            counted.extend(self.scored_term(self.schema.body, main, BODY_WEIGHT)?);
            part_clauses.extend(self.part_clauses(&[(0, main)], 1.0)?);
            for part in main_parts {
                parts.extend(self.scored_term(
                    self.schema.body,
                    part,
                    BODY_WEIGHT * PART_WEIGHT,
                )?);
                part_clauses.extend(self.part_clauses(&[(0, part)], PART_WEIGHT)?);
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
        // Terms no record has are left out of what the word matches (exclusions and hard
        // clauses use it), so that their intersections skip through term postings rather
        // than unions, which refill a buffer at every skip.
        let body = self.schema.body;
        let mut each_position = Vec::new();
        for (_, main, parts) in &analyzed.positions {
            let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
            if self.exists(body, main)? {
                alternatives.push(Box::new(term_query(body, main)));
            }
            let mut all_parts: Vec<Box<dyn Query>> = Vec::new();
            for part in parts {
                if self.exists(body, part)? {
                    all_parts.push(Box::new(term_query(body, part)));
                }
            }
            if !parts.is_empty() && all_parts.len() == parts.len() {
                alternatives.push(all_of(all_parts));
            }
            each_position.push(any_of(alternatives));
        }
        let in_body = all_of(each_position);
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
        Ok(Some(TextQueries {
            counted: any_of(counted),
            strict,
            parts,
            part_clauses,
            matches: matched,
        }))
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

    fn phrase(&mut self, phrase: &str) -> Result<Option<TextQueries>> {
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
        self.bound += BODY_WEIGHT * idf_sum * (1.0 + BM25_K1);
        let body_phrase: Box<dyn Query> = Box::new(PhraseQuery::new_with_offset(terms));
        let words: Vec<(u32, &str)> = offsets
            .iter()
            .map(|(offset, text)| (u32::try_from(*offset).unwrap_or(u32::MAX), *text))
            .collect();
        let part_clauses = self.part_clauses(&words, 1.0)?;
        let mut ranked = vec![boosted(body_phrase.box_clone(), BODY_WEIGHT)];
        let names = self.name_tokens(phrase);
        let in_names = self.names_match(&names)?;
        if let Some(in_names) = &in_names {
            let mut idf_sum = 0.0;
            for (_, token) in &names {
                idf_sum += self.idf(&Term::from_field_text(self.schema.names, token))?;
            }
            self.bound += NAMES_WEIGHT * idf_sum * (1.0 + BM25_K1);
            ranked.push(boosted(in_names.box_clone(), NAMES_WEIGHT));
        }
        let terms: Vec<String> = analyzed.all_terms().map(|(t, _)| t.to_string()).collect();
        for term in &terms {
            self.mark(term)?;
        }
        let mut matches: Vec<Box<dyn Query>> = vec![body_phrase];
        matches.extend(in_names);
        Ok(Some(TextQueries {
            counted: any_of(ranked),
            strict: None,
            parts: Vec::new(),
            part_clauses,
            matches: any_of(matches),
        }))
    }

    /// A prefix or fuzzy word: the indexed terms it stands for, each ranked in `body` (and
    /// `names`); the best-matching expansion counts, the others break ties. No title and
    /// question clauses: up to [`MAX_EXPANSIONS`] terms each, they cost more to find in the
    /// term dictionaries and to score than the rest of the search (a prefix took 1.07 ms
    /// with them, against 0.13 ms for tantivy's unranked prefix query), and a title or
    /// question word is a body word already.
    fn expansion(&mut self, text: &str, wildcard: Wildcard) -> Result<Option<TextQueries>> {
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
        for term in &text_terms {
            let distance = match wildcard {
                Wildcard::Prefix => None,
                Wildcard::Fuzzy { distance } => {
                    Some(distance.unwrap_or_else(|| text_fuzzy_distance(term)))
                }
            };
            body_terms.extend(expansions(self.searcher, self.schema.body, term, distance)?);
        }
        body_terms.sort();
        body_terms.dedup();
        let name_terms = if folded.is_empty() {
            Vec::new()
        } else {
            let distance = match wildcard {
                Wildcard::Prefix => None,
                Wildcard::Fuzzy { distance } => {
                    Some(distance.unwrap_or_else(|| fuzzy_distance(text)))
                }
            };
            expansions(self.searcher, self.schema.names, &folded, distance)?
        };
        let mut disjuncts = Vec::new();
        let mut matches = Vec::new();
        let bound_before = self.bound;
        let mut widest: Score = 0.0;
        for term in &body_terms {
            let start = self.bound;
            disjuncts.extend(self.scored_term(self.schema.body, term, BODY_WEIGHT)?);
            widest = widest.max(self.bound - start);
            matches.push(Box::new(term_query(self.schema.body, term)) as Box<dyn Query>);
            self.mark(term)?;
        }
        for term in &name_terms {
            let start = self.bound;
            disjuncts.extend(self.scored_term(self.schema.names, term, NAMES_WEIGHT)?);
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
                part_clauses: Vec::new(),
                matches: Box::new(EmptyQuery),
            }));
        }
        // Dismax scores the best expansion plus a share of the others.
        let others = self.bound - bound_before - widest;
        self.bound = bound_before + widest + EXPANSION_TIE * others;
        let ranked = Box::new(DisjunctionMaxQuery::with_tie_breaker(
            disjuncts,
            EXPANSION_TIE,
        ));
        Ok(Some(TextQueries {
            counted: ranked,
            strict: None,
            parts: Vec::new(),
            part_clauses: Vec::new(),
            matches: any_of(matches),
        }))
    }

    /// A field filter or date range written in the text.
    fn field_item(&mut self, item: &Item, alderman_scope: AldermanScope) -> Result<Box<dyn Query>> {
        match item {
            Item::Field { field, value } => {
                if *field == QueryField::Id {
                    return Ok(Box::new(TermQuery::new(
                        Term::from_field_text(self.schema.id, &id_key(value)),
                        IndexRecordOption::Basic,
                    )));
                }
                if *field == QueryField::TopicSource {
                    let sources: Vec<TopicSource> =
                        TopicSource::from_name(value).into_iter().collect();
                    return Ok(topic_source_filter(self.schema, &sources));
                }
                let facet_field = match field {
                    QueryField::Party => self.schema.party,
                    QueryField::Alderman => alderman_field(self.schema, alderman_scope),
                    QueryField::Councillor => self.schema.councillor,
                    QueryField::Topic => self.schema.topic,
                    QueryField::Kind | QueryField::Id | QueryField::TopicSource => self.schema.kind,
                };
                facet_filter(self.searcher, facet_field, std::slice::from_ref(value))
            }
            Item::DateRange { from, to } => Ok(date_filter(self.schema, *from, *to)),
            _ => Ok(Box::new(EmptyQuery)),
        }
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
enum Wildcard {
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
    let mut terms: Vec<(String, u64)> = found.into_iter().collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(MAX_EXPANSIONS);
    Ok(terms.into_iter().map(|(term, _)| term).collect())
}

fn alderman_field(schema: &RaadSchema, scope: AldermanScope) -> Field {
    match scope {
        AldermanScope::Responsible => schema.alderman,
        AldermanScope::ResponsibleOrInvolved => schema.aldermen_any,
    }
}

/// Records with one of the values (resolved leniently against the values in the index).
fn facet_filter(searcher: &Searcher, field: Field, values: &[String]) -> Result<Box<dyn Query>> {
    let resolved = resolve(searcher, field, values)?;
    Ok(resolved_facet_filter(field, &resolved))
}

/// Records with one of the values as they are in the index.
fn resolved_facet_filter(field: Field, resolved: &[String]) -> Box<dyn Query> {
    any_of(
        resolved
            .iter()
            .map(|value| {
                Box::new(TermQuery::new(
                    Term::from_facet(field, &facet(value)),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect(),
    )
}

/// Records whose topics came from one of `sources`.
fn topic_source_filter(schema: &RaadSchema, sources: &[TopicSource]) -> Box<dyn Query> {
    any_of(
        sources
            .iter()
            .map(|&source| Box::new(topic_source_query(schema, source)) as Box<dyn Query>)
            .collect(),
    )
}

fn date_filter(schema: &RaadSchema, from: Option<Date>, to: Option<Date>) -> Box<dyn Query> {
    let bound = |date: Option<Date>| match date {
        Some(date) => Bound::Included(Term::from_field_date_for_search(
            schema.date,
            to_datetime(date),
        )),
        None => Bound::Unbounded,
    };
    if from.is_none() && to.is_none() {
        return Box::new(AllQuery);
    }
    Box::new(RangeQuery::new(bound(from), bound(to)))
}

/// The request's filters as queries, one per filter, so facet counting can leave one out.
pub(crate) struct FilterQueries {
    /// Filters that belong to a facet: (facet, query).
    pub by_facet: Vec<(Facet, Box<dyn Query>)>,
    /// The same filters as facet values, for checking them while counting facets.
    pub facet_filters: Vec<FacetFilter>,
    /// Filters no facet ignores (dates, answered).
    pub other: Vec<Box<dyn Query>>,
}

impl FilterQueries {
    pub fn build(
        searcher: &Searcher,
        schema: &RaadSchema,
        filters: &Filters,
    ) -> Result<FilterQueries> {
        let mut by_facet = Vec::new();
        // (facet, the field its filter reads, values)
        let facets: [(Facet, Field, &Vec<String>); 5] = [
            (Facet::Party, schema.party, &filters.party),
            (
                Facet::Alderman,
                alderman_field(schema, filters.alderman_scope),
                &filters.alderman,
            ),
            (Facet::Councillor, schema.councillor, &filters.councillor),
            (Facet::Topic, schema.topic, &filters.topic),
            (Facet::Kind, schema.kind, &filters.kind),
        ];
        let mut facet_filters = Vec::new();
        for (filter_facet, field, values) in facets {
            if !values.is_empty() {
                let resolved = resolve(searcher, field, values)?;
                by_facet.push((filter_facet, resolved_facet_filter(field, &resolved)));
                let mut matching = 0;
                for value in &resolved {
                    matching += searcher.doc_freq(&Term::from_facet(field, &facet(value)))?;
                }
                let share = matching as f64 / searcher.num_docs().max(1) as f64;
                facet_filters.push(FacetFilter {
                    facet: filter_facet,
                    field,
                    values: resolved,
                    share: share.min(1.0),
                });
            }
        }
        let mut other = Vec::new();
        if filters.date_from.is_some() || filters.date_to.is_some() {
            other.push(date_filter(schema, filters.date_from, filters.date_to));
        }
        if !filters.topic_source.is_empty() {
            other.push(topic_source_filter(schema, &filters.topic_source));
        }
        if let Some(answered) = filters.has_answer {
            other.push(Box::new(TermQuery::new(
                Term::from_field_bool(schema.has_answer, answered),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>);
        }
        Ok(FilterQueries {
            by_facet,
            facet_filters,
            other,
        })
    }
}

/// The whole query: the text plan and every filter.
pub(crate) fn assemble(plan: &TextPlan, filters: &FilterQueries) -> Box<dyn Query> {
    assemble_with(plan, filters, true)
}

/// The text plan and the filters that belong to no facet: what [`crate::facet_counter`]
/// counts over, checking the facet filters itself.
pub(crate) fn assemble_without_facet_filters(
    plan: &TextPlan,
    filters: &FilterQueries,
) -> Box<dyn Query> {
    assemble_with(plan, filters, false)
}

fn assemble_with(plan: &TextPlan, filters: &FilterQueries, facet_filters: bool) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let filter_queries = filters
        .by_facet
        .iter()
        .filter(|_| facet_filters)
        .map(|(_, query)| query)
        .chain(&filters.other)
        .chain(&plan.must);
    for query in filter_queries {
        clauses.push((Occur::Must, unscored(query.box_clone())));
    }
    for query in &plan.must_not {
        clauses.push((Occur::MustNot, query.box_clone()));
    }
    match &plan.scored {
        Some(scored) if clauses.is_empty() => scored.box_clone(),
        Some(scored) => {
            clauses.push((Occur::Must, scored.box_clone()));
            Box::new(BooleanQuery::new(clauses))
        }
        None => {
            if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
    }
}
