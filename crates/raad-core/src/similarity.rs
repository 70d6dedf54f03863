//! "More like this": the one definition of which records are alike, shared by
//! `raad_query::Searcher::similar` (follow-up questions) and the indexer's topic inference
//! (the nearest labelled records).
//!
//! A record is turned into a query of its most telling words, tantivy's
//! [`MoreLikeThisQuery`]: the words of its body (title, question, answer), weighed by how often the record
//! uses them and how rare they are in the index.

use tantivy::query::MoreLikeThisQuery;
use tantivy::schema::OwnedValue;

use crate::record::Record;
use crate::schema::RaadSchema;

/// Words a like-query keeps, the most telling first (10, 15, 20 and 30 measured for topic
/// inference: 30 is the most accurate, and costs about twice the time of 10).
pub const MAX_QUERY_TERMS: usize = 30;

/// The query for records like `record`, in an index of `num_docs` records.
pub fn like_query(schema: &RaadSchema, record: &Record, num_docs: u64) -> MoreLikeThisQuery {
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
