//! The second phase of ranking: title and question scores added to the best first-phase hits.
//!
//! The first phase scores every match on `body` (and `names`), one posting list per word, as
//! plain tantivy would. The title and question clauses of the ranking (see [`crate::plan`])
//! are then scored only on the [`RESCORE_WINDOW`] best hits, from the `body` positions of
//! each hit (see [`crate::sections`]), and those hits are ordered again by the full score. Hits
//! below the window keep their first-phase score and order, so every page (any offset) is a
//! slice of one order: the window first, by the full score, then the rest by the body's.
//! Their score is a lower bound of the full one, and never above a window hit's.
//!
//! The window was chosen with the relevance harness (BENCHMARKS.md, "Through raad-query's
//! plain mode"): rescoring the best 20, 50 or 100 gave the same known-item MRR@10 as scoring
//! every match; 100 keeps themes nDCG@10 too.

use std::sync::Arc;

use tantivy::schema::Field;
use tantivy::{DocAddress, Score, Searcher};

use crate::error::Result;
use crate::sections::{SectionClause, SectionFigures, SegmentSections};

/// How many first-phase hits get the second phase.
pub(crate) const RESCORE_WINDOW: usize = 100;

/// The second phase's clauses.
pub(crate) struct SecondPhase<'a> {
    /// Title and question clauses, on `body`.
    pub clauses: &'a [SectionClause],
    /// The `body` field.
    pub body: Field,
    /// Where each record's title and question are, and their average lengths in words.
    pub figures: SectionFigures,
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
    if head.is_empty() || phase.clauses.is_empty() {
        return Ok(());
    }
    // In index order, so each segment's postings only ever move forward.
    let mut order: Vec<usize> = (0..window).collect();
    order.sort_by_key(|&i| head[i].1);
    let mut segment: Option<(u32, SegmentSections)> = None;
    for i in order {
        let address = head[i].1;
        let sections = match &mut segment {
            Some((ord, sections)) if *ord == address.segment_ord => sections,
            _ => {
                let ord = address.segment_ord;
                let Some(stats) = phase.figures.segments.get(ord as usize) else {
                    continue;
                };
                let reader = searcher.segment_reader(ord);
                let sections =
                    SegmentSections::new(reader, phase.body, Arc::clone(stats), phase.clauses)?;
                &mut segment.insert((ord, sections)).1
            }
        };
        let average = phase.figures.average;
        head[i].0 += sections.score(address.doc_id, phase.clauses, average);
    }
    head.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(())
}
