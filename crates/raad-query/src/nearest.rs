//! What is near a query no record matches as a whole: the largest group of its words that
//! records hold together, so that an all-words search never answers a bare "0".

use tantivy::collector::Count;
use tantivy::Searcher;

use crate::error::Result;
use crate::plan::{all_clauses_of, assemble_scored, FilterQueries, TextClause, TextPlan};
use crate::results::Nearest;

/// Clauses up to which every group of words is counted (at most 2^8 counts).
const EXHAUSTIVE_CLAUSES: usize = 8;

/// Beyond [`EXHAUSTIVE_CLAUSES`], the counts of groups tried after the most frequent words:
/// the cost of a long query (a pasted text of 600 words) stays one count per word plus a
/// few dozen, where dropping one word at a time took a count per word and step (31 s).
const EXTRA_COUNTS: usize = 32;

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
        best = frequent_first(clauses.len(), count)?;
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

/// The nearest group of many clauses: the clauses by how many records hold each alone (most
/// first; those in none left out), the longest run of the most frequent that records hold
/// together (found by halving: the fewer clauses, the more records), then each other clause
/// added when records still hold the group, for at most [`EXTRA_COUNTS`] counts.
fn frequent_first(
    clauses: usize,
    count: impl Fn(&[usize]) -> Result<usize>,
) -> Result<Option<(Vec<usize>, usize)>> {
    let mut alone: Vec<(usize, usize)> = Vec::new();
    for clause in 0..clauses {
        let total = count(&[clause])?;
        if total > 0 {
            alone.push((clause, total));
        }
    }
    // Most records first; query order on a tie.
    alone.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let order: Vec<usize> = alone.iter().map(|(clause, _)| *clause).collect();
    let Some(&(first, first_total)) = alone.first() else {
        return Ok(None);
    };
    // The longest prefix of `order` that records hold together: prefix 1 always does.
    let (mut held, mut held_total) = (1, first_total);
    let mut too_many = order.len() + 1;
    while too_many - held > 1 {
        let middle = held + (too_many - held) / 2;
        let mut kept = order[..middle].to_vec();
        kept.sort_unstable();
        match count(&kept)? {
            0 => too_many = middle,
            total => (held, held_total) = (middle, total),
        }
    }
    let mut kept = order[..held].to_vec();
    let mut total = held_total;
    for &clause in order[held..].iter().skip(1).take(EXTRA_COUNTS) {
        let mut more = kept.clone();
        more.push(clause);
        more.sort_unstable();
        let with = count(&more)?;
        if with > 0 {
            kept = more;
            total = with;
        }
    }
    kept.sort_unstable();
    debug_assert!(kept.contains(&first));
    Ok(Some((kept, total)))
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
    use std::cell::Cell;
    use std::collections::BTreeSet;

    use super::{frequent_first, groups, EXTRA_COUNTS};

    /// Counts over clauses that each hold a set of records: the records all kept clauses hold.
    fn counter<'a>(
        holds: &'a [BTreeSet<u32>],
        calls: &'a Cell<usize>,
    ) -> impl Fn(&[usize]) -> crate::error::Result<usize> + 'a {
        move |kept: &[usize]| {
            calls.set(calls.get() + 1);
            let mut common = holds[kept[0]].clone();
            for &clause in &kept[1..] {
                common = common.intersection(&holds[clause]).copied().collect();
            }
            Ok(common.len())
        }
    }

    #[test]
    fn many_clauses_keep_the_most_frequent_that_records_hold_together() {
        // Records 1..=5 hold clauses 0..=9 (record 1 all of them), clause 10 is in record 9
        // alone, clause 11 in none.
        let mut holds: Vec<BTreeSet<u32>> = (0..10u32)
            .map(|clause| {
                (1..=5)
                    .filter(|record| record == &1 || (clause + record) % 2 == 0)
                    .collect()
            })
            .collect();
        holds.push([9].into());
        holds.push(BTreeSet::new());
        let calls = Cell::new(0);
        let (kept, total) = frequent_first(holds.len(), counter(&holds, &calls))
            .unwrap()
            .unwrap();
        assert_eq!(kept, (0..10).collect::<Vec<_>>());
        assert_eq!(total, 1);
    }

    #[test]
    fn a_long_query_costs_a_count_per_word_and_a_few_more() {
        // 1,000 words in one record each, one of them (word 500) in two: nothing in common.
        let mut holds: Vec<BTreeSet<u32>> = (0..1000u32).map(|word| [word].into()).collect();
        holds[500].insert(7_000);
        let calls = Cell::new(0);
        let (kept, total) = frequent_first(holds.len(), counter(&holds, &calls))
            .unwrap()
            .unwrap();
        assert_eq!((kept, total), (vec![500], 2));
        assert!(
            calls.get() <= 1000 + 10 + EXTRA_COUNTS,
            "{} counts",
            calls.get()
        );
    }

    #[test]
    fn groups_are_every_combination_once() {
        assert_eq!(groups(3, 2), [vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(groups(4, 1).len(), 4);
        assert_eq!(groups(5, 3).len(), 10);
        assert_eq!(groups(2, 2), [vec![0, 1]]);
    }
}
