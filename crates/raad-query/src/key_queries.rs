//! The term queries that pick records by an exact key rather than by their text: their id,
//! the file they were read from, and the source of their topics. Searches, filters, statistics and the indexer's reads all use
//! these, so each key is looked up one way.

use raad_core::council::{record_key, split_qualified};
use raad_core::id::id_key;
use raad_core::{RaadSchema, TopicSource};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// The record with this unique key ([`raad_core::council::record_key`], as
/// [`raad_core::Record::key`] gives it).
pub(crate) fn key_query(schema: &RaadSchema, key: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(schema.id, key),
        IndexRecordOption::Basic,
    )
}

/// The record with this unique key, or with this id typed in any form users type it
/// (`2016 mv 146`) when it has no council. A key stays itself under [`id_key`], so keys and
/// typed ids both go through it.
pub(crate) fn id_query(schema: &RaadSchema, id_or_key: &str) -> TermQuery {
    key_query(schema, &id_key(id_or_key))
}

/// The records of every council with this id, and the one without council, in any form
/// users type it (`2016_MV_00146`, `2016 mv 146`).
pub(crate) fn plain_id_query(schema: &RaadSchema, id: &str) -> BooleanQuery {
    let key = id_key(id);
    // A record without council holds its id key in `id` only (see `RaadSchema::plain_id`).
    BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(TermQuery::new(
                Term::from_field_text(schema.plain_id, &key),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>,
        ),
        (Occur::Should, Box::new(key_query(schema, &key))),
    ])
}

/// `id:` in a query: the records with this id in any council, or, typed as
/// `Gent/2016_MV_00146`, the one of that council.
pub(crate) fn id_filter(schema: &RaadSchema, typed: &str) -> Box<dyn Query> {
    let plain = Box::new(plain_id_query(schema, typed)) as Box<dyn Query>;
    match split_qualified(typed) {
        None => plain,
        Some((council, id)) => {
            let qualified = key_query(schema, &record_key(Some(council), id));
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, plain),
                (Occur::Should, Box::new(qualified)),
            ]))
        }
    }
}

/// Records whose topics came from `source` (`topic_source:given`).
pub(crate) fn topic_source_query(schema: &RaadSchema, source: TopicSource) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(schema.topic_source, source.as_str()),
        IndexRecordOption::Basic,
    )
}

/// Records read from the file at `source_path` (as the indexer stored it).
pub(crate) fn source_path_query(schema: &RaadSchema, source_path: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(schema.source_path, source_path),
        IndexRecordOption::Basic,
    )
}
