//! Parsed query and filters → tantivy queries, analyzed exactly as the index was.
//!
//! Ranking, measured with the relevance harness on the development sets (see BENCHMARKS.md):
//! one BM25 over the combined `body` field, plus title matches at [`ranking::TITLE_WEIGHT`]
//! and question matches at [`ranking::QUESTION_WEIGHT`]; compound and hyphen parts of a query
//! word count [`PART_WEIGHT`]. Plain mode is exactly that sum of term queries. Syntax mode adds the
//! `names` field (councillors, parties, aldermen) and puts records that satisfy every clause
//! above those that satisfy only some: it adds to them a constant larger than any score the
//! term clauses alone can reach (see [`TextPlan::all_clauses_bonus`]).
//!
//! The sum is computed in two phases (see [`crate::rescore`]): `body` and `names` rank every
//! match ([`TextPlan::scored`]), and the title and question clauses ([`TextPlan::sections`])
//! are added only to the best of them. Title and question words are also body words, so the
//! body alone finds the records those clauses would lift; scoring three posting lists per
//! word for every match cost several times one list (BENCHMARKS.md, "Search latency").
//!
//! The planner's rooms: [`words`] (query words, phrases and names, analyzed as the index
//! was), [`expansion`] (prefix and fuzzy words), [`ranking`] (weights, BM25 bounds, title and
//! question clauses), [`filters`] (field filters, dates and the request's filters) and
//! [`compose`] (queries combined, the whole query assembled).

mod compose;
pub(crate) mod expansion;
mod filters;
mod ranking;
mod words;

use std::collections::BTreeMap;

use raad_core::RaadSchema;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher, Term};

use crate::all_clauses::AllClausesBonus;
use crate::bm25;
use crate::error::Result;
use crate::parse::{Clause, Item, ParsedQuery};
use crate::request::AldermanScope;
use crate::sections::SectionClause;

use compose::{any_of, unscored};
pub(crate) use compose::{assemble, assemble_without_facet_filters};
use expansion::Wildcard;
#[cfg(feature = "bench-internals")]
pub use expansion::{expansions, fuzzy_distance, text_fuzzy_distance};
pub(crate) use filters::FilterQueries;
use ranking::{BODY_WEIGHT, PART_WEIGHT};
#[cfg(feature = "bench-internals")]
pub use ranking::{QUESTION_WEIGHT, TITLE_WEIGHT};

/// What the query text asks for, ready to combine with filters.
pub(crate) struct TextPlan {
    /// The ranked queries; `None` when the text has no words (only filters or exclusions).
    pub scored: Option<Box<dyn Query>>,
    /// Title and question clauses, added to the score of the best-ranked matches only.
    pub sections: Vec<SectionClause>,
    /// Hard conditions written in the text (field filters, dates).
    pub must: Vec<Box<dyn Query>>,
    /// Excluded clauses.
    pub must_not: Vec<Box<dyn Query>>,
    /// Indexed terms to mark in snippets, with their weights.
    pub highlight: BTreeMap<String, Score>,
    /// Whether the text holds a phrase (of two words or more).
    pub has_phrase: bool,
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
    section_clauses: Vec<SectionClause>,
    /// The records the item matches, for the every-clause bonus and for exclusions.
    matches: Box<dyn Query>,
}

/// Builds queries for one search against one searcher's snapshot.
pub(crate) struct Planner<'a> {
    searcher: &'a Searcher,
    schema: &'a RaadSchema,
    dutch: TextAnalyzer,
    names: TextAnalyzer,
    /// The records BM25 counts (see [`bm25::records`]).
    records: u64,
    /// Upper bound of the score of the ranked term clauses built so far.
    bound: Score,
    /// Whether a phrase was planned.
    has_phrase: bool,
    highlight: BTreeMap<String, Score>,
}

impl<'a> Planner<'a> {
    pub fn new(searcher: &'a Searcher, schema: &'a RaadSchema) -> Result<Planner<'a>> {
        let index = searcher.index();
        Ok(Planner {
            searcher,
            schema,
            dutch: index.tokenizer_for_field(schema.body)?,
            names: index.tokenizer_for_field(schema.names)?,
            records: bm25::records(searcher)?,
            bound: 0.0,
            has_phrase: false,
            highlight: BTreeMap::new(),
        })
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
        let (mut clauses, mut sections) = (Vec::new(), Vec::new());
        for (term, weight) in &terms {
            clauses.extend(self.scored_term(self.schema.body, term, BODY_WEIGHT * weight)?);
            sections.extend(self.section_clauses(&[(0, term)], *weight)?);
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
            sections,
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
        let mut section_clauses: Vec<SectionClause> = Vec::new();
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
                        section_clauses.extend(queries.section_clauses);
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
            section_clauses.clear();
        }
        Ok(TextPlan {
            scored,
            sections: section_clauses,
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
}
