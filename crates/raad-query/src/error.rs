//! The one error type of raad-query.

use std::path::PathBuf;

use raad_core::index_meta::IndexMetaError;

/// Everything that can go wrong when opening an index, searching it or reading from it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// The query text is malformed (syntax mode only; plain mode never fails).
    #[error("column {column}: {message}")]
    Syntax {
        /// The 1-based column (in characters) where the problem is.
        column: usize,
        /// What is wrong and how to write it instead.
        message: String,
    },
    /// `name:value` with a field name the query language does not know.
    #[error("column {column}: unknown field `{name}`; valid fields are: {}", valid.join(", "))]
    UnknownField {
        /// The 1-based column where the field name starts.
        column: usize,
        /// The field name as typed.
        name: String,
        /// The field names the query language accepts.
        valid: Vec<&'static str>,
    },
    /// There is no raad index at the path.
    #[error("no raad index at {}", path.display())]
    NoIndex {
        /// The directory that was expected to hold an index.
        path: PathBuf,
    },
    /// The index was written by another version of raad, or its metadata is damaged.
    #[error(transparent)]
    IndexMeta(#[from] IndexMetaError),
    /// The index's schema is not the one this raad reads.
    #[error(
        "the index at {} does not have the schema this version reads ({message}): rebuild the \
         index",
        path.display()
    )]
    IncompatibleSchema {
        /// The index directory.
        path: PathBuf,
        /// Which field differs.
        message: String,
    },
    /// No record has this id.
    #[error("no record with id `{id}`")]
    NotFound {
        /// The id as given.
        id: String,
    },
    /// Records of several councils have this id; the candidates name each as
    /// `Council/id`, which picks one.
    #[error(
        "id `{id}` is in {} councils: {}; name one, as in `{}`",
        candidates.len(),
        candidates.join(", "),
        candidates.first().map_or("", String::as_str)
    )]
    Ambiguous {
        /// The id as given.
        id: String,
        /// Each record with the id, as `Council/id`, sorted.
        candidates: Vec<String>,
    },
    /// A stored record could not be read back (the index is damaged).
    #[error("stored record is damaged: {message}")]
    DamagedRecord {
        /// serde_json's message, or what is missing.
        message: String,
    },
    /// The index's files are damaged: tantivy failed, or panicked, reading them. `file` is
    /// the damaged file when its checksum (or `meta.json`'s document count) tells, else the
    /// index directory. [`check_index`](crate::check_index) says what else is damaged;
    /// rebuilding the index repairs it.
    #[error("index damaged ({}): {detail}", file.display())]
    IndexDamaged {
        /// The index directory.
        index: PathBuf,
        /// The damaged file, or the index directory when no file could be named.
        file: PathBuf,
        /// What is wrong with it, or what failed on it.
        detail: String,
    },
    /// A file of the index could not be read.
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// tantivy failed (I/O, a damaged index, …).
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl From<std::io::Error> for QueryError {
    /// Reading the index failed; tantivy's error says which file.
    fn from(error: std::io::Error) -> QueryError {
        QueryError::Tantivy(error.into())
    }
}

impl QueryError {
    /// The 1-based column of a problem in the query text, when the error is about the text.
    pub fn column(&self) -> Option<usize> {
        match self {
            QueryError::Syntax { column, .. } | QueryError::UnknownField { column, .. } => {
                Some(*column)
            }
            _ => None,
        }
    }
}

/// The result type of raad-query; refer to it as `raad_query::Result<T>`.
pub type Result<T, E = QueryError> = std::result::Result<T, E>;
