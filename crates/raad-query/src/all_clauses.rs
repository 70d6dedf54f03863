//! Ranking records that match every clause of the query text above those that match some.
//!
//! [`AllClausesBonus`] is a union of one query per text clause, scored as their sum, plus a
//! constant when every clause matched. The count of matching clauses comes with the union's
//! own pass over the postings. Intersecting the clauses in a query of their own, OR'ed with
//! the words (the first way raad did it), scanned the postings a second time and kept tantivy
//! from running the words' union of term scorers (BENCHMARKS.md, "Search latency").

use tantivy::query::{BooleanWeight, EnableScoring, Occur, Query, ScoreCombiner, Scorer, Weight};
use tantivy::{Score, Term};

/// The sum of the clauses' scores, plus `bonus` for records that match all of them.
#[derive(Debug)]
pub(crate) struct AllClausesBonus {
    clauses: Vec<Box<dyn Query>>,
    bonus: Score,
}

impl AllClausesBonus {
    /// `clauses`: one query per clause (a record matches the clause when it matches the
    /// query); `bonus`: added to records that match every clause.
    pub(crate) fn new(clauses: Vec<Box<dyn Query>>, bonus: Score) -> AllClausesBonus {
        AllClausesBonus { clauses, bonus }
    }
}

impl Clone for AllClausesBonus {
    fn clone(&self) -> AllClausesBonus {
        AllClausesBonus {
            clauses: self
                .clauses
                .iter()
                .map(|clause| clause.box_clone())
                .collect(),
            bonus: self.bonus,
        }
    }
}

impl Query for AllClausesBonus {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .clauses
            .iter()
            .map(|clause| Ok((Occur::Should, clause.weight(enable_scoring)?)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let counting = CountingCombiner {
            needed: self.clauses.len(),
            bonus: self.bonus,
            ..CountingCombiner::default()
        };
        Ok(Box::new(BooleanWeight::with_minimum_number_should_match(
            weights,
            0,
            enable_scoring.is_scoring_enabled(),
            Box::new(move || counting),
        )))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

/// Sums the scores of the clauses that match a record and counts them. A union calls
/// `update` once for each of its scorers on the record, and each scorer is one clause.
#[derive(Debug, Default, Clone, Copy)]
struct CountingCombiner {
    needed: usize,
    bonus: Score,
    matched: usize,
    score: Score,
}

impl ScoreCombiner for CountingCombiner {
    fn update<TScorer: Scorer>(&mut self, scorer: &mut TScorer) {
        self.score += scorer.score();
        self.matched += 1;
    }

    fn clear(&mut self) {
        self.score = 0.0;
        self.matched = 0;
    }

    fn score(&self) -> Score {
        if self.matched >= self.needed {
            self.score + self.bonus
        } else {
            self.score
        }
    }
}
