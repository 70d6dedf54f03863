//! An index of an earlier schema that raad upgrades in place ([`open_earlier_index`]): opened
//! only to read its stored records back, the one thing of it an upgrade needs (its terms were
//! analyzed by an earlier analyzer and are indexed anew). The indexer reads through here, so
//! that a stored record is read back one way ([`crate::stored`]), also from an old index, and
//! damage in it is an error, never a panic.

use std::path::{Path, PathBuf};

use raad_core::index_meta::{can_upgrade, IndexMeta};
use raad_core::Record;
use tantivy::schema::{Field, FieldType};
use tantivy::{Index, TantivyDocument};

use crate::damage::{check_files, guarded};
use crate::error::{QueryError, Result};
use crate::reader_directory::ReaderDirectory;
use crate::stored::record_in;

/// tantivy's file that says a directory holds an index.
const TANTIVY_META: &str = "meta.json";

/// The stored field that holds each document's whole record as JSON, in every schema raad
/// has written ([`raad_core::RaadSchema::record`]).
const RECORD_FIELD: &str = "record";

/// An index of an earlier schema, opened by [`open_earlier_index`] to read its records.
pub struct EarlierIndex {
    index: Index,
    dir: PathBuf,
    record: Field,
    meta: IndexMeta,
}

impl std::fmt::Debug for EarlierIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EarlierIndex")
            .field("dir", &self.dir)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

/// Opens the index in `dir` when it is of a schema this raad upgrades
/// ([`raad_core::index_meta::can_upgrade`]; of any analyzer version), after checking its files
/// as [`open_index`](crate::open_index) does. `Ok(None)` when `dir` holds a raad index of
/// another version, or none: [`open_index`](crate::open_index) says what of.
///
/// Errors: [`QueryError::IndexMeta`] when its metadata is damaged,
/// [`QueryError::IncompatibleSchema`] when it stores no records, [`QueryError::IndexDamaged`]
/// when a file fails its check.
pub fn open_earlier_index(dir: impl AsRef<Path>) -> Result<Option<EarlierIndex>> {
    let dir = dir.as_ref();
    if !dir.join(TANTIVY_META).is_file() {
        return Ok(None);
    }
    let meta = match IndexMeta::read(dir) {
        Ok(Some(meta)) if can_upgrade(meta.schema_version) => meta,
        Ok(_) => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    let index = guarded(None, dir, || Ok(ReaderDirectory::open_index(dir)?))?;
    let schema = index.schema();
    let record = schema
        .get_field(RECORD_FIELD)
        .ok()
        .filter(|field| {
            let entry = schema.get_field_entry(*field);
            entry.is_stored() && matches!(entry.field_type(), FieldType::Str(_))
        })
        .ok_or_else(|| QueryError::IncompatibleSchema {
            path: dir.to_path_buf(),
            message: format!("it stores no `{RECORD_FIELD}` field to read its records from"),
        })?;
    check_files(&index, dir)?;
    Ok(Some(EarlierIndex {
        index,
        dir: dir.to_path_buf(),
        record,
        meta,
    }))
}

impl EarlierIndex {
    /// The versions the index was written with.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// The payload of the index's last commit (what the indexer recorded with it, such as
    /// whether topics were inferred), if any.
    pub fn payload(&self) -> Result<Option<String>> {
        guarded(Some(&self.index), &self.dir, || {
            Ok(self.index.load_metas()?.payload)
        })
    }

    /// How many records the index holds (deleted documents aside).
    pub fn num_records(&self) -> Result<u64> {
        guarded(Some(&self.index), &self.dir, || {
            Ok(self.index.reader()?.searcher().num_docs())
        })
    }

    /// Calls `each` with every record of the index (deleted documents aside), segment by
    /// segment, until it returns `false`. Returns how many records `each` was given.
    /// [`QueryError::DamagedRecord`] when a document holds no readable record: an upgrade
    /// must not lose one silently.
    pub fn for_each_record(&self, mut each: impl FnMut(Record) -> bool) -> Result<u64> {
        guarded(Some(&self.index), &self.dir, || {
            let reader = self
                .index
                .reader_builder()
                .reload_policy(tantivy::ReloadPolicy::Manual)
                .try_into()?;
            let searcher = reader.searcher();
            let mut given = 0;
            for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
                let store = segment.get_store_reader(1)?;
                for (position, doc) in store
                    .iter::<TantivyDocument>(segment.alive_bitset())
                    .enumerate()
                {
                    let doc = doc?;
                    let what = format!("{position} of segment {ordinal}");
                    let record = record_in(&doc, self.record, &what)?;
                    given += 1;
                    if !each(record) {
                        return Ok(given);
                    }
                }
            }
            Ok(given)
        })
    }
}
