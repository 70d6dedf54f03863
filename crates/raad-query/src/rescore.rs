//! The second phase of ranking: title and question scores added to the best first-phase hits.
//!
//! The first phase scores every match on `body` (and `names`), one posting list per word, as
//! plain tantivy would. The title and question clauses of the ranking (see [`crate::plan`])
//! are then evaluated only on the [`RESCORE_WINDOW`] best hits, by moving their scorers
//! forward to each hit (the question's from `body` positions, see [`crate::question`]), and
//! those hits are ordered again by the full score. Hits below the
//! window keep their first-phase score and order, so every page (any offset) is a slice of one
//! order: the window first, by the full score, then the rest by the body's. Their score is a
//! lower bound of the full one, and never above a window hit's.
//!
//! The window was chosen with the relevance harness (BENCHMARKS.md, "Search latency"): the
//! records the full score puts in the top 10 are, on the development sets, all within the
//! first-phase top 100.

use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::schema::Field;
use tantivy::{DocAddress, DocSet, Score, Searcher};

use crate::error::Result;
use crate::question::{QuestionClause, SegmentQuestions};

/// How many first-phase hits get the second phase.
pub(crate) const RESCORE_WINDOW: usize = 100;

/// The second phase's clauses.
pub(crate) struct SecondPhase<'a> {
    /// Title clauses.
    pub extra: &'a [Box<dyn Query>],
    /// Question clauses, on `body`.
    pub question: &'a [QuestionClause],
    /// The `body` field.
    pub body: Field,
    /// The average length of a question in words, over the index.
    pub average_question: Score,
}

impl SecondPhase<'_> {
    /// Whether there is anything to add.
    pub fn is_empty(&self) -> bool {
        self.extra.is_empty() && self.question.is_empty()
    }
}

/// Adds the second phase's score to the first [`RESCORE_WINDOW`] of `hits` (best first, as
/// the first phase ordered them) and orders those again, best first; equal scores in index
/// order.
pub(crate) fn rescore(
    searcher: &Searcher,
    phase: &SecondPhase<'_>,
    hits: &mut [(Score, DocAddress)],
) -> Result<()> {
    let window = hits.len().min(RESCORE_WINDOW);
    let head = &mut hits[..window];
    if head.is_empty() || phase.is_empty() {
        return Ok(());
    }
    let extra = phase.extra;
    let weights = extra
        .iter()
        .map(|query| query.weight(EnableScoring::enabled_from_searcher(searcher)))
        .collect::<tantivy::Result<Vec<_>>>()?;
    // In index order, so each segment's scorers only ever move forward.
    let mut order: Vec<usize> = (0..window).collect();
    order.sort_by_key(|&i| head[i].1);
    let mut segment = None;
    let mut scorers: Vec<Box<dyn Scorer>> = Vec::with_capacity(weights.len());
    let mut questions: Option<SegmentQuestions> = None;
    for i in order {
        let address = head[i].1;
        if segment != Some(address.segment_ord) {
            let reader = searcher.segment_reader(address.segment_ord);
            scorers.clear();
            for weight in &weights {
                scorers.push(weight.scorer(reader, 1.0)?);
            }
            questions = if phase.question.is_empty() {
                None
            } else {
                Some(SegmentQuestions::new(reader, phase.body, phase.question)?)
            };
            segment = Some(address.segment_ord);
        }
        if let Some(questions) = &mut questions {
            head[i].0 += questions.score(address.doc_id, phase.question, phase.average_question);
        }
        for scorer in &mut scorers {
            let mut doc = scorer.doc();
            if doc < address.doc_id {
                doc = scorer.seek(address.doc_id);
            }
            if doc == address.doc_id {
                head[i].0 += scorer.score();
            }
        }
    }
    head.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(())
}
