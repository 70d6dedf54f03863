//! Stored documents back into records: every document keeps its whole [`Record`] as JSON (the
//! `record` field), so a hit, [`Searcher::get`](crate::Searcher::get) and the indexer's topic
//! inference all read back exactly what was indexed.

use std::fmt::Display;

use raad_core::{RaadSchema, Record};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, TantivyDocument};

use crate::error::{QueryError, Result};

/// The record stored at `address`; [`QueryError::DamagedRecord`] when it is missing or is not
/// a record.
pub(crate) fn record_at(
    searcher: &tantivy::Searcher,
    schema: &RaadSchema,
    address: DocAddress,
) -> Result<Record> {
    let doc: TantivyDocument = searcher.doc(address)?;
    record_of(&doc, schema, &format!("{address:?}"))
}

/// The stored record JSON at `address`; [`QueryError::DamagedRecord`] when there is none.
pub(crate) fn stored_json(
    searcher: &tantivy::Searcher,
    schema: &RaadSchema,
    address: DocAddress,
) -> Result<String> {
    let doc: TantivyDocument = searcher.doc(address)?;
    doc.get_first(schema.record)
        .and_then(|value| value.as_str())
        .map(str::to_string)
        .ok_or_else(|| QueryError::DamagedRecord {
            message: format!("document {address:?} has no stored record"),
        })
}

/// The record `doc` (named `what` in the error) stores; [`QueryError::DamagedRecord`] when it
/// is missing or is not a record.
pub(crate) fn record_of(
    doc: &TantivyDocument,
    schema: &RaadSchema,
    what: &dyn Display,
) -> Result<Record> {
    record_in(doc, schema.record, what)
}

/// The record `doc` stores in the field `record`: [`RaadSchema::record`], or the field of that
/// name in an index of an earlier schema ([`crate::open_earlier_index`]).
pub(crate) fn record_in(
    doc: &TantivyDocument,
    record: Field,
    what: &dyn Display,
) -> Result<Record> {
    let json = doc
        .get_first(record)
        .and_then(|value| value.as_str())
        .ok_or_else(|| QueryError::DamagedRecord {
            message: format!("document {what} has no stored record"),
        })?;
    serde_json::from_str(json).map_err(|error| QueryError::DamagedRecord {
        message: format!("document {what} holds a bad record: {error}"),
    })
}
