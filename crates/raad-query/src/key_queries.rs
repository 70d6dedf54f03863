//! The term queries that pick records by an exact key rather than by their text: their id,
//! the file they were read from, and the source of their topics. Searches, filters, statistics and the indexer's reads all use
//! these, so each key is looked up one way.

use raad_core::id::id_key;
use raad_core::{RaadSchema, TopicSource};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// The record with this id, in any form users type it (`2016_MV_00146`, `2016 mv 146`).
pub(crate) fn id_query(schema: &RaadSchema, id: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(schema.id, &id_key(id)),
        IndexRecordOption::Basic,
    )
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
