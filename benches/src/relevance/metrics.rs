//! Ranking metrics with binary relevance: MRR@10, Recall@10, nDCG@10 and MAP@100.

use std::collections::HashSet;

/// The scores of one ranking against its relevant ids.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct QueryScores {
    /// Reciprocal rank of the first relevant hit within the top 10, else 0.
    pub rr10: f64,
    /// Share of the relevant records found in the top 10.
    pub recall10: f64,
    /// Normalized discounted cumulative gain over the top 10.
    pub ndcg10: f64,
    /// Average precision over the top 100, divided by the number of relevant records.
    pub ap100: f64,
}

/// Scores a ranking (ids, best first) against the relevant ids.
pub fn score(ranking: &[String], relevant: &[String]) -> QueryScores {
    let relevant: HashSet<&str> = relevant.iter().map(String::as_str).collect();
    if relevant.is_empty() {
        return QueryScores::default();
    }
    let is_relevant = |id: &String| relevant.contains(id.as_str());
    let rr10 = ranking
        .iter()
        .take(10)
        .position(is_relevant)
        .map_or(0.0, |rank| 1.0 / (rank + 1) as f64);
    let found10 = ranking.iter().take(10).filter(|id| is_relevant(id)).count();
    let recall10 = found10 as f64 / relevant.len() as f64;
    let gain = |rank: usize| 1.0 / ((rank + 2) as f64).log2();
    let dcg: f64 = ranking
        .iter()
        .take(10)
        .enumerate()
        .filter(|(_, id)| is_relevant(id))
        .map(|(r, _)| gain(r))
        .sum();
    let ideal: f64 = (0..relevant.len().min(10)).map(gain).sum();
    let mut hits = 0;
    let mut precision_sum = 0.0;
    for (rank, id) in ranking.iter().take(100).enumerate() {
        if is_relevant(id) {
            hits += 1;
            precision_sum += hits as f64 / (rank + 1) as f64;
        }
    }
    QueryScores {
        rr10,
        recall10,
        ndcg10: dcg / ideal,
        ap100: precision_sum / relevant.len() as f64,
    }
}

/// The mean of each score over queries.
pub fn mean(scores: &[QueryScores]) -> QueryScores {
    let n = scores.len().max(1) as f64;
    let sum = |f: fn(&QueryScores) -> f64| scores.iter().map(f).sum::<f64>() / n;
    QueryScores {
        rr10: sum(|s| s.rr10),
        recall10: sum(|s| s.recall10),
        ndcg10: sum(|s| s.ndcg10),
        ap100: sum(|s| s.ap100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|id| id.to_string()).collect()
    }

    #[test]
    fn scores_of_a_small_ranking() {
        let scores = score(&ids(&["a", "b", "c", "d"]), &ids(&["b", "d", "z"]));
        assert_eq!(scores.rr10, 0.5);
        assert!((scores.recall10 - 2.0 / 3.0).abs() < 1e-12);
        // Relevant at ranks 2 and 4 of 3 relevant: (1/2 + 2/4) / 3.
        assert!((scores.ap100 - 1.0 / 3.0).abs() < 1e-12);
        let dcg = 1.0 / 3f64.log2() + 1.0 / 5f64.log2();
        let ideal = 1.0 + 1.0 / 3f64.log2() + 1.0 / 4f64.log2();
        assert!((scores.ndcg10 - dcg / ideal).abs() < 1e-12);
    }

    #[test]
    fn nothing_found_scores_zero() {
        assert_eq!(score(&ids(&["x"]), &ids(&["a"])), QueryScores::default());
    }
}
