//! Fuzzy words ranked names first, then by edit distance, then by score.
//!
//! [`TieredMax`] is the union of a fuzzy word's expansions, scored as a disjunction max (the
//! best expansion counts, the others break ties) plus a constant per *tier*: the best tier
//! among the expansions a record matches. A record of the alderman Coddens (a name, one edit
//! from `Codens~`) then ranks above one that only has `codes` in its text (a word, one edit
//! away) however rare that word. Each expansion's scorer adds its tier's constant to its
//! score; the combiner reads the tier back from the score, so the tiers come with the union's
//! one pass over the postings, as [`crate::all_clauses`] counts its clauses.

use std::fmt;

use tantivy::fastfield::AliveBitSet;
use tantivy::query::{
    BooleanWeight, EnableScoring, Explanation, Occur, Query, ScoreCombiner, Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};
use tantivy::{SeekDangerResult, COLLECT_BLOCK_BUFFER_LEN};

/// Expansions with tiers: a record scores `step × (its best tier)` plus the disjunction max
/// (with tie-breaker `tie`) of its expansions' own scores.
pub(crate) struct TieredMax {
    clauses: Vec<(Box<dyn Query>, u8)>,
    step: Score,
    tie: Score,
}

impl TieredMax {
    /// `clauses`: each expansion's query and tier (higher ranks first); `bound`: the highest
    /// disjunction max of their own scores (best plus `tie` times the others).
    pub(crate) fn new(clauses: Vec<(Box<dyn Query>, u8)>, bound: Score, tie: Score) -> TieredMax {
        // Scores stay below a quarter of a step, so the tier read back from a score is exact
        // despite rounding (see `TierCombiner::update`).
        let step = 4.0 * (bound.max(0.0) + 1.0);
        TieredMax { clauses, step, tie }
    }

    /// The highest score a record can get: the top tier's constant plus `bound`.
    pub(crate) fn bound(&self, bound: Score) -> Score {
        let top = self
            .clauses
            .iter()
            .map(|(_, tier)| *tier)
            .max()
            .unwrap_or(0);
        Score::from(top) * self.step + bound
    }
}

impl Clone for TieredMax {
    fn clone(&self) -> TieredMax {
        TieredMax {
            clauses: self
                .clauses
                .iter()
                .map(|(query, tier)| (query.box_clone(), *tier))
                .collect(),
            step: self.step,
            tie: self.tie,
        }
    }
}

impl fmt::Debug for TieredMax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TieredMax")
            .field("clauses", &self.clauses)
            .field("step", &self.step)
            .finish()
    }
}

impl Query for TieredMax {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let scoring = enable_scoring.is_scoring_enabled();
        let weights = self
            .clauses
            .iter()
            .map(|(query, tier)| {
                let weight = query.weight(enable_scoring)?;
                let weight: Box<dyn Weight> = if scoring {
                    Box::new(OffsetWeight {
                        weight,
                        offset: Score::from(*tier) * self.step,
                    })
                } else {
                    weight
                };
                Ok((Occur::Should, weight))
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let combiner = TierCombiner {
            step: self.step,
            tie: self.tie,
            ..TierCombiner::default()
        };
        Ok(Box::new(BooleanWeight::with_minimum_number_should_match(
            weights,
            0,
            scoring,
            Box::new(move || combiner),
        )))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (query, _) in &self.clauses {
            query.query_terms(visitor);
        }
    }
}

/// The best tier, the best own score and the sum of the own scores of a record's expansions.
#[derive(Debug, Default, Clone, Copy)]
struct TierCombiner {
    step: Score,
    tie: Score,
    tier: Score,
    best: Score,
    sum: Score,
}

impl ScoreCombiner for TierCombiner {
    fn update<TScorer: Scorer>(&mut self, scorer: &mut TScorer) {
        let score = scorer.score();
        // score = tier × step + own, with 0 ≤ own < step / 4.
        let tier = (score / self.step - 0.125).round().max(0.0);
        let own = (score - tier * self.step).max(0.0);
        self.tier = self.tier.max(tier);
        self.best = self.best.max(own);
        self.sum += own;
    }

    fn clear(&mut self) {
        self.tier = 0.0;
        self.best = 0.0;
        self.sum = 0.0;
    }

    fn score(&self) -> Score {
        self.tier * self.step + self.best + self.tie * (self.sum - self.best)
    }
}

/// A weight whose scores are its inner weight's plus a constant.
struct OffsetWeight {
    weight: Box<dyn Weight>,
    offset: Score,
}

impl Weight for OffsetWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(OffsetScorer {
            scorer: self.weight.scorer(reader, boost)?,
            offset: self.offset,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.weight.explain(reader, doc)?;
        let mut explanation = Explanation::new_with_string(
            format!("tier constant {} plus", self.offset),
            inner.value() + self.offset,
        );
        explanation.add_detail(inner);
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.weight.count(reader)
    }
}

struct OffsetScorer {
    scorer: Box<dyn Scorer>,
    offset: Score,
}

impl DocSet for OffsetScorer {
    fn advance(&mut self) -> DocId {
        self.scorer.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.scorer.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.scorer.seek_danger(target)
    }

    fn fill_buffer(&mut self, buffer: &mut [DocId; COLLECT_BLOCK_BUFFER_LEN]) -> usize {
        self.scorer.fill_buffer(buffer)
    }

    fn doc(&self) -> DocId {
        self.scorer.doc()
    }

    fn size_hint(&self) -> u32 {
        self.scorer.size_hint()
    }

    fn cost(&self) -> u64 {
        self.scorer.cost()
    }

    fn count(&mut self, alive_bitset: &AliveBitSet) -> u32 {
        self.scorer.count(alive_bitset)
    }

    fn count_including_deleted(&mut self) -> u32 {
        self.scorer.count_including_deleted()
    }
}

impl Scorer for OffsetScorer {
    fn score(&mut self) -> Score {
        self.scorer.score() + self.offset
    }
}
