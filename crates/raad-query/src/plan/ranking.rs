//! Ranking: the weights of the fields and of compound parts, the BM25 bound of the clauses
//! built so far, and the title and question clauses of the second phase.

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{Score, Term};

use super::compose::{boosted, term_query};
use super::{Planner, TextPlan};
use crate::bm25;
use crate::error::Result;
use crate::sections::{Section, SectionClause};

/// Weight of the combined body field.
pub(super) const BODY_WEIGHT: Score = 1.0;
/// Weight of title matches, added to the body's. Measured on the themes set once titles were
/// scored from `body` positions (idf of the body): 0.8, 1.0 and 1.2 give nDCG@10 0.477–0.479,
/// 0.5 (the weight of the former title field) 0.4745.
pub const TITLE_WEIGHT: Score = 1.0;
/// Weight of question matches, added to the body's.
pub const QUESTION_WEIGHT: Score = 0.6;
/// Weight of a compound or hyphen part relative to the whole word.
pub(super) const PART_WEIGHT: Score = 0.5;
/// Weight of matches in councillor, party and alderman names (syntax mode).
pub(super) const NAMES_WEIGHT: Score = 1.0;

impl TextPlan {
    /// The constant added to records matching every text clause. It exceeds the largest
    /// score the term clauses can give (each term at most `boost * idf * (1 + k1)`), so such
    /// records always rank first, and among themselves by BM25.
    pub(super) fn all_clauses_bonus(bound: Score) -> Score {
        bound.max(1.0) * 1.01
    }
}

impl Planner<'_> {
    pub(super) fn idf(&self, term: &Term) -> Result<Score> {
        Ok(self.idf_of(self.searcher.doc_freq(term)?))
    }

    /// BM25's idf of a term in `doc_freq` records.
    fn idf_of(&self, doc_freq: u64) -> Score {
        bm25::idf(doc_freq, self.records)
    }

    /// A ranked term clause, counted towards the bonus bound; `None` for a term no record
    /// has. Leaving those out matters: a word alone in `body` is then one term scorer, which
    /// tantivy runs without the buffering of a union (most words are in no name).
    pub(super) fn scored_term(
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
        self.bound += bm25::max_score(boost * self.idf_of(doc_freq));
        Ok(Some(boosted(Box::new(term_query(field, text)), boost)))
    }

    /// A title or question clause for `body` terms at their offsets (one word, or a phrase),
    /// counted towards the bonus bound; `None` when a term is in no record.
    fn section_clause(
        &mut self,
        section: Section,
        words: &[(u32, &str)],
        boost: Score,
    ) -> Result<Option<SectionClause>> {
        let mut terms = Vec::with_capacity(words.len());
        let mut idf = 0.0;
        for (offset, text) in words {
            let term = Term::from_field_text(self.schema.body, text);
            // The question's idf is its own: a word common in answers can be rare in
            // questions, and there it tells the record apart (see `crate::sections`).
            let doc_freq = match section {
                Section::Title => self.searcher.doc_freq(&term)?,
                Section::Question => self.sections.question_doc_freq(self.searcher, &term)?,
            };
            if doc_freq == 0 {
                return Ok(None);
            }
            idf += self.idf_of(doc_freq);
            terms.push((*offset, term));
        }
        let clause = SectionClause {
            section,
            terms,
            weight: boost * idf,
        };
        self.bound += clause.bound();
        Ok(Some(clause))
    }

    /// The title clause (at [`TITLE_WEIGHT`]) and the question clause (at
    /// [`QUESTION_WEIGHT`]) of one word or phrase, times `weight`.
    pub(super) fn section_clauses(
        &mut self,
        words: &[(u32, &str)],
        weight: Score,
    ) -> Result<Vec<SectionClause>> {
        let mut clauses = Vec::with_capacity(2);
        clauses.extend(self.section_clause(Section::Title, words, TITLE_WEIGHT * weight)?);
        clauses.extend(self.section_clause(Section::Question, words, QUESTION_WEIGHT * weight)?);
        Ok(clauses)
    }
}
