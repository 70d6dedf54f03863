//! "More like this": the one definition of which records are alike, used by
//! [`Searcher::similar`](crate::Searcher::similar) (follow-up questions) and by
//! [`Snapshot::most_like`](crate::Snapshot::most_like) (the indexer's topic inference, which
//! asks for the nearest labelled records).
//!
//! A record is turned into a query of its most telling words, tantivy's
//! [`MoreLikeThisQuery`]: the words of its body (title, question, answer), weighed by how often
//! the record uses them and how rare they are in the index.

use raad_core::{RaadSchema, Record};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, MoreLikeThisQuery, Occur, Query};
use tantivy::schema::OwnedValue;
use tantivy::{DocAddress, Score};

use crate::error::Result;
use crate::key_queries::topic_source_query;
use crate::snapshot::TopicSourceRecords;

/// Words a like-query keeps, the most telling first: of 10, 15, 20 and 30 words, 30 made topic
/// inference the most accurate (BENCHMARKS.md, "Topics").
const MAX_QUERY_TERMS: usize = 30;

/// The most records [`most_like_among`] takes from an unrestricted like-query before it
/// restricts the query to the records it may return instead.
const MAX_UNRESTRICTED: usize = 400;

/// The query for records like `record`, in an index of `num_docs` records.
pub(crate) fn like_query(schema: &RaadSchema, record: &Record, num_docs: u64) -> MoreLikeThisQuery {
    let texts = |parts: &[&Option<String>]| -> Vec<OwnedValue> {
        parts
            .iter()
            .filter_map(|part| part.as_ref())
            .map(|text| OwnedValue::Str(text.clone()))
            .collect()
    };
    MoreLikeThisQuery::builder()
        // Council records are short: a word said once is a signal, and words in more than a
        // fifth of the records say nothing about the subject.
        .with_min_term_frequency(1)
        .with_min_doc_frequency(2)
        .with_max_doc_frequency((num_docs / 5).max(2))
        .with_max_query_terms(MAX_QUERY_TERMS)
        .with_document_fields(vec![(
            schema.body,
            texts(&[&record.title, &record.question, &record.answer]),
        )])
}

/// The `k` records of `among` most like `record`, best first, with their likeness.
///
/// A like-query alone is a union of term queries, which tantivy's top-k search prunes
/// (block-max WAND); restricted to `among` it is an intersection, which it cannot. So when
/// `among` is a good share of the index, the unrestricted top `2k / share` are taken first:
/// those in `among` are exactly the best of `among` if the query matched no more records than
/// that, or if the k-th of them scores above every record left out (so that no tie reaches
/// outside). Otherwise the restricted query decides, widened until the same holds for it.
/// Equal scores are ordered by `tie_key`.
pub(crate) fn most_like_among<K: Ord>(
    searcher: &tantivy::Searcher,
    schema: &RaadSchema,
    record: &Record,
    k: usize,
    among: &TopicSourceRecords,
    tie_key: impl Fn(&DocAddress) -> K,
) -> Result<Vec<(Score, DocAddress)>> {
    if k == 0 {
        return Ok(Vec::new());
    }
    let first_k = |mut top: Vec<(Score, DocAddress)>| {
        top.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| tie_key(&a.1).cmp(&tie_key(&b.1)))
        });
        top.truncate(k);
        top
    };
    let num_docs = searcher.num_docs().max(1);
    let like = like_query(schema, record, num_docs);
    let share = among.len() as f64 / num_docs as f64;
    let wide = (2.0 * k as f64 / share.max(f64::MIN_POSITIVE)).ceil();
    if wide <= MAX_UNRESTRICTED as f64 {
        let wide = wide as usize;
        let top = searcher.search(&like, &TopDocs::with_limit(wide).order_by_score())?;
        let seen_all = top.len() < wide;
        let lowest = top.last().map(|(score, _)| *score);
        let found: Vec<(Score, DocAddress)> = top
            .into_iter()
            .filter(|(_, address)| among.contains(address))
            .collect();
        // The k-th must score above every record left out, so that no tie reaches outside.
        let clear_of_ties = found.len() >= k && Some(found[k - 1].0) > lowest;
        if seen_all || clear_of_ties {
            return Ok(first_k(found));
        }
    }
    // The restriction scores nothing, so that the likeness alone ranks.
    let restriction =
        ConstScoreQuery::new(Box::new(topic_source_query(schema, among.source())), 0.0);
    let query = BooleanQuery::new(vec![
        (Occur::Must, Box::new(like) as Box<dyn Query>),
        (Occur::Must, Box::new(restriction)),
    ]);
    // Widened until the k-th scores above the last taken, or every match is taken.
    let mut limit = 2 * k;
    loop {
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        let clear_of_ties = top.len() > k && top[k - 1].0 > top[top.len() - 1].0;
        if top.len() < limit || clear_of_ties {
            return Ok(first_k(top));
        }
        limit *= 2;
    }
}
