//! The tantivy schema of a raad index, with typed handles to every field.
//!
//! This module and [`crate::document`] are the only places that know how record fields map to
//! tantivy fields. The indexer writes through [`RaadSchema`], the searcher reads through it.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

use crate::analysis;
use crate::facet::Facet;

/// Version of the schema layout. An index written with another version must be rebuilt.
pub const SCHEMA_VERSION: u32 = 7;

/// The last schema version before councils: records had no council, and `id` held the id key
/// alone (see [`crate::index_meta::IndexMetaError::VersionMismatch`]).
pub const SCHEMA_VERSION_BEFORE_COUNCILS: u32 = 6;

/// The schema of a raad index and a handle to each of its fields.
#[derive(Debug, Clone)]
pub struct RaadSchema {
    /// The tantivy schema itself.
    pub schema: Schema,
    /// The record's unique key ([`crate::council::record_key`]: the council's key and the
    /// normalized id key, or the id key alone without a council), raw-indexed: the key of
    /// upserts and lookups.
    pub id: Field,
    /// The normalized id key alone ([`crate::id::id_key`]) of a record with a council,
    /// raw-indexed: a lookup by id that names no council finds the records of every council
    /// with it here, and the record without council in [`RaadSchema::id`].
    pub plain_id: Field,
    /// The code inside the id (`MV`, `SV`, …), raw-indexed.
    pub code: Field,
    /// The whole record as JSON, stored only: `show`, `get` and snippets read it back.
    pub record: Field,
    /// Title, question and answer in one field, in that order, with a section marker between
    /// them ([`crate::document::body_text`]): one BM25 over the whole record, and the only
    /// field that indexes them (snippets and `show` read them from [`RaadSchema::record`]).
    /// Title and question matches are scored from the positions between the markers, so
    /// neither needs a field of its own (the question alone would be a quarter of all
    /// indexed tokens).
    pub body: Field,
    /// Names of councillors, parties and aldermen, name-analyzed (no stemming).
    pub names: Field,
    /// Meeting date, indexed and fast (ranges and sorting).
    pub date: Field,
    /// Answer date, indexed and fast.
    pub answer_date: Field,
    /// Days between question and answer; absent when there is no answer.
    pub answer_delay_days: Field,
    /// Whether the record has an answer.
    pub has_answer: Field,
    /// The path of the file the record came from, raw-indexed (stale-record removal).
    pub source_path: Field,
    /// [`Facet::Party`]: `/<canonical party>` per asking councillor.
    pub party: Field,
    /// [`Facet::Alderman`]: `/<responsible alderman>`.
    pub alderman: Field,
    /// Facet `/<alderman>` for the responsible and every involved alderman: what an alderman
    /// filter that includes the involved ones reads (no facet counts it).
    pub aldermen_any: Field,
    /// [`Facet::Councillor`]: `/<councillor name>`.
    pub councillor: Field,
    /// [`Facet::Topic`]: `/<topic>`.
    pub topic: Field,
    /// Where the topics came from (`given`, `rules`, `inferred`), raw-indexed for
    /// `topic_source:` queries and the inference's choice of labelled neighbours.
    pub topic_source: Field,
    /// [`Facet::Year`]: `/<year>` of the date.
    pub year: Field,
    /// [`Facet::Kind`]: `/<kind>`.
    pub kind: Field,
    /// [`Facet::Council`]: `/<council>`.
    pub council: Field,
}

impl RaadSchema {
    /// Builds the schema. Cheap; every call returns the same layout.
    pub fn new() -> RaadSchema {
        let mut builder = Schema::builder();
        let dutch = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analysis::DUTCH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let names = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analysis::NAMES)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let day = DateOptions::from(INDEXED)
            .set_fast()
            .set_precision(DateTimePrecision::Seconds);
        let id = builder.add_text_field("id", STRING);
        let code = builder.add_text_field("code", STRING);
        let record = builder.add_text_field("record", STORED);
        let body = builder.add_text_field("body", dutch);
        let names = builder.add_text_field("names", names);
        let date = builder.add_date_field("date", day.clone());
        let answer_date = builder.add_date_field("answer_date", day);
        let answer_delay_days =
            builder.add_i64_field("answer_delay_days", NumericOptions::default().set_fast());
        let has_answer = builder.add_bool_field("has_answer", INDEXED | FAST);
        let source_path = builder.add_text_field("source_path", STRING);
        // A facet's field is named after it. Fields are numbered in the order they are added,
        // and an index is read only with the same numbers: the order stays as it is.
        let party = builder.add_facet_field(Facet::Party.as_str(), INDEXED);
        let alderman = builder.add_facet_field(Facet::Alderman.as_str(), INDEXED);
        let aldermen_any = builder.add_facet_field("aldermen_any", INDEXED);
        let councillor = builder.add_facet_field(Facet::Councillor.as_str(), INDEXED);
        let topic = builder.add_facet_field(Facet::Topic.as_str(), INDEXED);
        let topic_source = builder.add_text_field("topic_source", STRING);
        let year = builder.add_facet_field(Facet::Year.as_str(), INDEXED);
        let kind = builder.add_facet_field(Facet::Kind.as_str(), INDEXED);
        let plain_id = builder.add_text_field("plain_id", STRING);
        let council = builder.add_facet_field(Facet::Council.as_str(), INDEXED);
        RaadSchema {
            schema: builder.build(),
            id,
            code,
            record,
            body,
            names,
            date,
            answer_date,
            answer_delay_days,
            has_answer,
            source_path,
            party,
            alderman,
            aldermen_any,
            councillor,
            topic,
            topic_source,
            year,
            kind,
            plain_id,
            council,
        }
    }

    /// The typed handles of an existing index's schema, or an error naming the missing field
    /// (an index written by another version of raad).
    pub fn from_schema(schema: &Schema) -> crate::Result<RaadSchema> {
        let expected = RaadSchema::new();
        for (field, entry) in expected.schema.fields() {
            let name = expected.schema.get_field_name(field);
            match schema.get_field(name) {
                Ok(found) if schema.get_field_entry(found) == entry && found == field => {}
                _ => {
                    return Err(crate::Error::Tantivy(tantivy::TantivyError::SchemaError(
                        format!("field `{name}` differs from this version of raad"),
                    )))
                }
            }
        }
        Ok(expected)
    }

    /// The field a facet's values are indexed in, and counted from.
    pub fn facet_field(&self, facet: Facet) -> Field {
        match facet {
            Facet::Party => self.party,
            Facet::Alderman => self.alderman,
            Facet::Topic => self.topic,
            Facet::Councillor => self.councillor,
            Facet::Year => self.year,
            Facet::Kind => self.kind,
            Facet::Council => self.council,
        }
    }
}

impl Default for RaadSchema {
    fn default() -> RaadSchema {
        RaadSchema::new()
    }
}
