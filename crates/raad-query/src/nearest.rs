//! What is near a query no record matches as a whole: the largest group of its words that
//! records hold together, so that an all-words search never answers a bare "0".

use tantivy::collector::Count;
use tantivy::Searcher;

use crate::error::Result;
use crate::plan::{all_clauses_of, assemble_scored, FilterQueries, TextClause, TextPlan};
use crate::results::Nearest;

/// Clauses up to which every group of words is counted; beyond, words are dropped one at a
/// time (the one whose absence leaves most records), which costs a count per word and step.
const EXHAUSTIVE_CLAUSES: usize = 8;

/// The nearest group of the plan's clauses (every filter kept), and the query that ranks the
/// records holding it (the other clauses still add to their scores); `None` when the plan
/// has fewer than two clauses or no clause matches anything.
pub(crate) fn nearest(
    searcher: &Searcher,
    plan: &TextPlan,
    filters: &FilterQueries,
) -> Result<Option<(Nearest, Box<dyn tantivy::query::Query>)>> {
    let clauses = &plan.clauses;
    if clauses.len() < 2 {
        return Ok(None);
    }
    let count = |kept: &[usize]| -> Result<usize> {
        let required: Vec<TextClause> = kept.iter().map(|&i| clause_copy(&clauses[i])).collect();
        let query = assemble_scored(plan, filters, all_clauses_of(&required, &[]));
        Ok(searcher.search(&query, &Count)?)
    };
    let mut best: Option<(Vec<usize>, usize)> = None;
    if clauses.len() <= EXHAUSTIVE_CLAUSES {
        // Largest groups first; among groups of one size, the one most records hold (the
        // first in query order on a tie).
        for size in (1..clauses.len()).rev() {
            for kept in groups(clauses.len(), size) {
                let total = count(&kept)?;
                if total > 0 && best.as_ref().is_none_or(|(_, most)| total > *most) {
                    best = Some((kept, total));
                }
            }
            if best.is_some() {
                break;
            }
        }
    } else {
        let mut kept: Vec<usize> = (0..clauses.len()).collect();
        while kept.len() > 1 {
            let mut step: Option<(usize, usize)> = None;
            for position in 0..kept.len() {
                let mut fewer = kept.clone();
                fewer.remove(position);
                let total = count(&fewer)?;
                if step.is_none_or(|(_, most)| total > most) {
                    step = Some((position, total));
                }
            }
            let Some((position, total)) = step else { break };
            kept.remove(position);
            if total > 0 {
                best = Some((kept, total));
                break;
            }
        }
    }
    let Some((kept, total)) = best else {
        return Ok(None);
    };
    let (required, optional): (Vec<TextClause>, Vec<TextClause>) = {
        let mut required = Vec::new();
        let mut optional = Vec::new();
        for (i, clause) in clauses.iter().enumerate() {
            if kept.contains(&i) {
                required.push(clause_copy(clause));
            } else {
                optional.push(clause_copy(clause));
            }
        }
        (required, optional)
    };
    let nearest = Nearest {
        words: required.iter().map(|clause| clause.label.clone()).collect(),
        missing: optional.iter().map(|clause| clause.label.clone()).collect(),
        total,
    };
    let query = assemble_scored(plan, filters, all_clauses_of(&required, &optional));
    Ok(Some((nearest, query)))
}

fn clause_copy(clause: &TextClause) -> TextClause {
    TextClause {
        label: clause.label.clone(),
        query: clause.query.box_clone(),
    }
}

/// Every group of `size` of the indices `0..n`, in lexicographic order.
fn groups(n: usize, size: usize) -> Vec<Vec<usize>> {
    let mut all = Vec::new();
    let mut group: Vec<usize> = (0..size).collect();
    loop {
        all.push(group.clone());
        // The rightmost index that can still move right.
        let Some(i) = (0..size).rev().find(|&i| group[i] < n - size + i) else {
            return all;
        };
        group[i] += 1;
        for j in i + 1..size {
            group[j] = group[j - 1] + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::groups;

    #[test]
    fn groups_are_every_combination_once() {
        assert_eq!(groups(3, 2), [vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(groups(4, 1).len(), 4);
        assert_eq!(groups(5, 3).len(), 10);
        assert_eq!(groups(2, 2), [vec![0, 1]]);
    }
}
