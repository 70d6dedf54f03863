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
//! [`compose`] (queries combined, the whole query assembled), [`synonyms`] (a query word's
//! synonyms as alternatives that rank lower).

mod compose;
pub(crate) mod expansion;
mod filters;
mod ranking;
mod synonyms;
mod words;

use std::collections::BTreeMap;

use raad_core::party::PartyTable;
use raad_core::synonyms::Synonyms;
use raad_core::RaadSchema;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher, Term};

use crate::all_clauses::AllClausesBonus;
use crate::bm25;
use crate::error::Result;
use crate::parse::{Clause, Item, ParsedQuery};
use crate::request::{AldermanScope, MatchMode};
use crate::sections::{SectionCache, SectionClause};
use crate::warning::Warning;

use compose::{any_of, unscored};
pub(crate) use compose::{assemble, assemble_scored, assemble_without_facet_filters};
use expansion::Wildcard;
#[cfg(feature = "bench-internals")]
pub use expansion::{expansions, fuzzy_distance, text_fuzzy_distance};
pub(crate) use filters::{FilterQueries, TextFacetFilter};
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
    /// Clauses of the text that are one facet's filter and nothing else (`party:Groen`):
    /// they join the request's filters, so the facet counts treat both alike.
    pub facet_filters: Vec<TextFacetFilter>,
    /// Values of the text's other field clauses that match nothing in the index.
    pub warnings: Vec<Warning>,
    /// Excluded clauses.
    pub must_not: Vec<Box<dyn Query>>,
    /// Indexed terms to mark in snippets, with their weights.
    pub highlight: BTreeMap<String, Score>,
    /// Whether the text holds a phrase (of two words or more).
    pub has_phrase: bool,
    /// The text clauses a record must match, each as typed with its query (scored by its
    /// own terms and parts); empty in plain mode and when matching any word. For telling
    /// which words no record holds together (see [`crate::nearest`]).
    pub clauses: Vec<TextClause>,
    /// The terms of every text item, for explaining a hit (see [`crate::explain`]).
    pub items: Vec<ItemTerms>,
}

/// One text clause of an all-words search: a record matches it when it matches one of the
/// clause's alternatives.
pub(crate) struct TextClause {
    /// The clause as typed (`fietspaden`, `"sociale economie"`, `fiets* OR velo`).
    pub label: String,
    /// Matches the records the clause matches, scored as the whole query scores them.
    pub query: Box<dyn Query>,
}

/// How a text item was typed, for explaining matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Word,
    Phrase,
    Prefix,
    Fuzzy,
}

/// The indexed terms one text item stands for, for explaining a match.
#[derive(Debug, Clone)]
pub(crate) struct ItemTerms {
    /// The item as typed.
    pub label: String,
    pub kind: ItemKind,
    /// Words and phrases: per position (its offset from the first), the whole word's term
    /// and its compound parts.
    pub positions: Vec<(usize, String, Vec<String>)>,
    /// Prefix and fuzzy words: the `body` terms they expanded to.
    pub expansions: Vec<String>,
    /// Words and phrases: the terms of their synonyms, each labelled as the table writes it.
    pub synonyms: Vec<ItemTerms>,
    /// The `names` terms: a word's or phrase's name tokens in a row, or a prefix or fuzzy
    /// word's expansions in `names`.
    pub names: Vec<String>,
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
    /// The item's terms, for explaining matches.
    terms: ItemTerms,
}

impl TextQueries {
    /// What a record must match for the item, scored by the item's terms and parts (the
    /// same sum the any-word query gives it).
    fn exact(self) -> Box<dyn Query> {
        match self.strict {
            None if self.parts.is_empty() => self.counted,
            strict => {
                let required = strict.unwrap_or(self.matches);
                let mut clauses = vec![(Occur::Must, unscored(required))];
                clauses.push((Occur::Should, self.counted));
                clauses.extend(self.parts.into_iter().map(|part| (Occur::Should, part)));
                Box::new(BooleanQuery::new(clauses))
            }
        }
    }
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
    /// The party table the records were read with, for party values in the text.
    parties: &'a PartyTable,
    /// Synonyms of query words and phrases.
    synonyms: &'a Synonyms,
    /// The question's own document frequencies.
    sections: &'a SectionCache,
    /// Field values of the text that match nothing in the index.
    warnings: Vec<Warning>,
}

impl<'a> Planner<'a> {
    pub fn new(
        searcher: &'a Searcher,
        schema: &'a RaadSchema,
        parties: &'a PartyTable,
        synonyms: &'a Synonyms,
        sections: &'a SectionCache,
    ) -> Result<Planner<'a>> {
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
            parties,
            synonyms,
            sections,
            warnings: Vec::new(),
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
            facet_filters: Vec::new(),
            warnings: Vec::new(),
            must_not: Vec::new(),
            highlight: self.highlight,
            has_phrase: false,
            clauses: Vec::new(),
            items: Vec::new(),
        })
    }

    /// Syntax mode.
    pub fn syntax(
        mut self,
        parsed: &ParsedQuery,
        alderman_scope: AldermanScope,
        match_mode: MatchMode,
    ) -> Result<TextPlan> {
        if match_mode == MatchMode::All {
            return self.all_words(parsed, alderman_scope);
        }
        // Per text clause, its alternatives: the scored terms that make it matched, and when
        // those say too much, what does; and every part term.
        let mut counted: Vec<Vec<Counted>> = Vec::new();
        let mut parts: Vec<Box<dyn Query>> = Vec::new();
        let mut section_clauses: Vec<SectionClause> = Vec::new();
        let mut must = Vec::new();
        let mut facet_filters = Vec::new();
        let mut must_not = Vec::new();
        let mut items = Vec::new();
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
                        items.push(queries.terms);
                        alternatives.push((queries.counted, queries.strict));
                        parts.extend(queries.parts);
                        section_clauses.extend(queries.section_clauses);
                    }
                }
                if !alternatives.is_empty() {
                    counted.push(alternatives);
                }
            } else if let Some(filter) = filters::facet_clause(clause) {
                facet_filters.push(filter);
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
            0 if had_words && must.is_empty() && facet_filters.is_empty() => {
                Some(Box::new(EmptyQuery) as Box<dyn Query>)
            }
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
            facet_filters,
            warnings: self.warnings,
            must_not,
            highlight: self.highlight,
            has_phrase: self.has_phrase,
            clauses: Vec::new(),
            items,
        })
    }

    /// Syntax mode, matching every clause: the intersection of the text clauses, each
    /// scored by its own terms and parts, so a record ranks as it would among any-word
    /// matches, less the constant every-clause bonus.
    fn all_words(
        mut self,
        parsed: &ParsedQuery,
        alderman_scope: AldermanScope,
    ) -> Result<TextPlan> {
        let mut clauses: Vec<TextClause> = Vec::new();
        let mut section_clauses: Vec<SectionClause> = Vec::new();
        let mut must = Vec::new();
        let mut facet_filters = Vec::new();
        let mut must_not = Vec::new();
        let mut items = Vec::new();
        let mut had_words = false;
        for clause in parsed.clauses.iter() {
            if clause.excluded {
                if let Some(matches) = self.clause_matches(clause, alderman_scope, false)? {
                    must_not.push(matches);
                }
            } else if clause.is_text() {
                had_words = true;
                let mut alternatives = Vec::new();
                for item in &clause.alternatives {
                    if let Some(mut queries) = self.text_item(item)? {
                        section_clauses.append(&mut queries.section_clauses);
                        items.push(queries.terms.clone());
                        alternatives.push(queries.exact());
                    }
                }
                // A clause of stop words only asks for nothing.
                if !alternatives.is_empty() {
                    clauses.push(TextClause {
                        label: clause_label(clause),
                        query: any_of(alternatives),
                    });
                }
            } else if let Some(filter) = filters::facet_clause(clause) {
                facet_filters.push(filter);
            } else if let Some(matches) = self.clause_matches(clause, alderman_scope, true)? {
                must.push(matches);
            }
        }
        let scored = if clauses.is_empty() {
            // Words that all vanish in analysis (stop words) find nothing, unless field
            // filters say what to find.
            (had_words && must.is_empty() && facet_filters.is_empty())
                .then(|| Box::new(EmptyQuery) as Box<dyn Query>)
        } else {
            Some(all_clauses_of(&clauses, &[]))
        };
        if scored.is_none() {
            section_clauses.clear();
        }
        Ok(TextPlan {
            scored,
            sections: section_clauses,
            must,
            facet_filters,
            warnings: self.warnings,
            must_not,
            highlight: self.highlight,
            has_phrase: self.has_phrase,
            clauses,
            items,
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
            Item::Word(word) => {
                let queries = self.word(word)?;
                self.with_synonyms(word, queries)
            }
            Item::Phrase(phrase) => {
                let queries = self.phrase(phrase)?;
                self.with_synonyms(phrase, queries)
            }
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

/// A query matching every clause of `required`, ranked by their sum plus what the
/// clauses of `optional` add.
pub(crate) fn all_clauses_of(required: &[TextClause], optional: &[TextClause]) -> Box<dyn Query> {
    if optional.is_empty() && required.len() == 1 {
        return required[0].query.box_clone();
    }
    let clauses = required
        .iter()
        .map(|clause| (Occur::Must, clause.query.box_clone()))
        .chain(
            optional
                .iter()
                .map(|clause| (Occur::Should, clause.query.box_clone())),
        )
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

/// A clause as the user typed it, for messages: its alternatives joined by `OR`.
fn clause_label(clause: &Clause) -> String {
    clause
        .alternatives
        .iter()
        .map(item_label)
        .collect::<Vec<_>>()
        .join(" OR ")
}

/// An item as typed.
pub(crate) fn item_label(item: &Item) -> String {
    match item {
        Item::Word(word) => word.clone(),
        Item::Phrase(phrase) => format!("\"{phrase}\""),
        Item::Prefix(prefix) => format!("{prefix}*"),
        Item::Fuzzy {
            text,
            distance: None,
        } => format!("{text}~"),
        Item::Fuzzy {
            text,
            distance: Some(distance),
        } => format!("{text}~{distance}"),
        // Field items are filters, not words; their value stands for them.
        Item::Field { value, .. } => value.clone(),
        Item::DateRange { .. } => "datum:".to_string(),
    }
}
