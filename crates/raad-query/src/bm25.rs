//! The pieces of BM25 raad-query computes itself, exactly as tantivy does: the idf of a term,
//! the highest score a clause can give (the bound behind the every-clause bonus, see
//! [`crate::plan`]) and the score of a term in a section of `body` (see [`crate::sections`]).
//!
//! tantivy's own ([`tantivy::query::Bm25Weight`]) cannot serve for these: its idf and its k1
//! and b are private to it; [`Bm25Weight::max_score`](tantivy::query::Bm25Weight::max_score)
//! is the score at the longest field length, below what a short record can reach, so no
//! bound; and [`Bm25Weight::score`](tantivy::query::Bm25Weight::score) takes a field length
//! rounded to one byte (exact up to 40 words only), while section lengths are exact word
//! counts between markers. Its statistics do serve: the number of records comes from
//! [`Bm25StatisticsProvider`].

use tantivy::query::Bm25StatisticsProvider;
use tantivy::{Score, Searcher};

use crate::error::Result;

/// BM25's k1, as tantivy uses it.
const K1: Score = 1.2;
/// BM25's b, as tantivy uses it.
const B: Score = 0.75;

/// The records BM25 counts in `searcher`: every record its segments hold, deleted ones
/// included, as tantivy's statistics count them until a merge drops them (counting only live
/// records would make idfs, and so bounds, too low).
pub(crate) fn records(searcher: &Searcher) -> Result<u64> {
    Ok(searcher.total_num_docs()?)
}

/// The idf of a term in `doc_freq` of `records` records, as tantivy computes it.
pub(crate) fn idf(doc_freq: u64, records: u64) -> Score {
    let doc_freq = doc_freq.min(records);
    let ratio = ((records - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + ratio).ln()
}

/// The highest score of a clause of `weight` (boost × idf, or the sum of a phrase's idfs):
/// its score approaches `weight * (1 + k1)` as the term frequency grows.
pub(crate) fn max_score(weight: Score) -> Score {
    weight * (1.0 + K1)
}

/// The score of a clause of `weight` found `tf` times in a text of `length` words, where
/// texts average `average` words.
pub(crate) fn score(weight: Score, tf: Score, length: Score, average: Score) -> Score {
    let norm = K1 * (1.0 - B + B * length / average);
    weight * tf * (K1 + 1.0) / (tf + norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_approaches_the_bound_and_never_passes_it() {
        let weight = 2.0 * idf(3, 1000);
        let bound = max_score(weight);
        assert!(score(weight, 1.0, 10.0, 10.0) < bound);
        assert!(score(weight, 1000.0, 1.0, 10.0) < bound);
        assert!(score(weight, 1000.0, 1.0, 10.0) > 0.99 * bound);
    }

    #[test]
    fn the_idf_is_tantivys() {
        // tantivy's formula: ln(1 + (N - n + 0.5) / (n + 0.5)).
        assert!((idf(1, 3) - (1.0f32 + 2.5 / 1.5).ln()).abs() < 1e-6);
        // More records having the term than counted (cannot happen in tantivy): as many.
        assert_eq!(idf(5, 3), idf(3, 3));
    }
}
