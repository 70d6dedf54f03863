//! Opening an index directory: the one check that this raad can read what is there. Searches
//! ([`Searcher::open`](crate::Searcher::open)), statistics ([`index_stats`](crate::index_stats))
//! and the indexer (before it writes to an existing index, and for topic inference) all open
//! an index through [`open_index`].

use std::path::Path;

use raad_core::analysis::register_analyzers;
use raad_core::index_meta::{IndexMeta, IndexMetaError};
use raad_core::RaadSchema;
use tantivy::Index;

use crate::damage::{check_files, guarded};
use crate::error::{QueryError, Result};
use crate::reader_directory::ReaderDirectory;
use crate::snapshot::Snapshot;

/// tantivy's file that says a directory holds an index.
const TANTIVY_META: &str = "meta.json";

/// An index opened by [`open_index`]: written by this raad, with raad's fields, and with
/// raad's analyzers registered.
#[derive(Clone)]
pub struct OpenIndex {
    /// The tantivy index.
    pub index: Index,
    /// Its fields.
    pub schema: RaadSchema,
    /// The versions it was written with (this raad's).
    pub meta: IndexMeta,
}

impl std::fmt::Debug for OpenIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenIndex")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

impl OpenIndex {
    /// The index as its last commit left it.
    pub fn snapshot(&self) -> Result<Snapshot> {
        Snapshot::with_schema(&self.index, self.schema.clone())
    }
}

/// Opens the index in `dir` after checking that this raad reads it: tantivy's files and raad's
/// metadata ([`raad_core::index_meta`]) are there, the schema and analyzer versions are this
/// raad's, and so are the fields. Registers raad's analyzers on it. Read-only: works while
/// another process writes the index.
///
/// Errors: [`QueryError::NoIndex`] when `dir` holds no raad index, [`QueryError::IndexMeta`]
/// when it was written by another version of raad or its metadata is damaged,
/// [`QueryError::IncompatibleSchema`] when its fields differ, [`QueryError::IndexDamaged`]
/// when `meta.json` cannot be read, a segment file fails its checksum, or `meta.json`'s
/// document counts differ from the segment files' (see [`check_index`](crate::check_index)).
/// Every file's checksum is verified while the segment files take at most 256 MB; of a larger
/// index only the field norms (an open must not read gigabytes for a search), and damage in
/// its other files is an `IndexDamaged` error of the read that meets it.
pub fn open_index(dir: impl AsRef<Path>) -> Result<OpenIndex> {
    let dir = dir.as_ref();
    let no_index = || QueryError::NoIndex {
        path: dir.to_path_buf(),
    };
    if !dir.join(TANTIVY_META).is_file() {
        return Err(no_index());
    }
    let meta = match IndexMeta::check(dir) {
        Ok(meta) => meta,
        Err(IndexMetaError::Missing { .. }) => return Err(no_index()),
        Err(other) => return Err(other.into()),
    };
    // Through a directory whose locks need no write access: searching a folder the user may
    // only read works.
    let index = guarded(None, dir, || Ok(ReaderDirectory::open_index(dir)?))?;
    let schema = raad_schema(&index, dir)?;
    check_files(&index, dir)?;
    Ok(OpenIndex {
        index,
        schema,
        meta,
    })
}

/// The fields of `index` (which lives in `dir`, for the error), checked to be raad's; registers
/// raad's analyzers on it, so that query text is analyzed as the indexed text was.
pub(crate) fn raad_schema(index: &Index, dir: &Path) -> Result<RaadSchema> {
    let schema = RaadSchema::from_schema(&index.schema()).map_err(|error| {
        QueryError::IncompatibleSchema {
            path: dir.to_path_buf(),
            message: error.to_string(),
        }
    })?;
    register_analyzers(index.tokenizers());
    Ok(schema)
}
