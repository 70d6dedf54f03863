//! The one error type of raad-index. Problems with single input files are not errors: they are
//! listed in the report ([`crate::Rejection`]) and indexing goes on.

use std::path::PathBuf;

use raad_core::index_meta::{IndexMeta, IndexMetaError};
use raad_query::QueryError;

/// Everything that stops an indexing run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IndexError {
    /// Another process (or another indexer in this one) holds the index's write lock.
    #[error(
        "the index at {} is locked: another process is writing it; wait for it to finish \
         (searches keep working meanwhile)",
        path.display()
    )]
    Locked {
        /// The index directory.
        path: PathBuf,
    },
    /// The index was written by a raad with another schema or analyzer version.
    #[error(
        "the index at {} was built with schema {found_schema}, analyzer {found_analyzer}{}; \
         this version writes schema {}, analyzer {}: {}",
        path.display(),
        raad_core::index_meta::what_changed(*found_schema),
        raad_core::schema::SCHEMA_VERSION,
        raad_core::analysis::ANALYZER_VERSION,
        raad_core::index_meta::what_to_do(*found_schema)
    )]
    VersionMismatch {
        /// The index directory.
        path: PathBuf,
        /// The schema version recorded in the index.
        found_schema: u32,
        /// The analyzer version recorded in the index.
        found_analyzer: u32,
    },
    /// The directory exists, holds files, and is not a raad index: raad refuses to write there.
    #[error(
        "{} is not a raad index and not empty: an index goes into a new or empty folder, or \
         into an existing raad index",
        path.display()
    )]
    NotAnIndex {
        /// The directory.
        path: PathBuf,
    },
    /// The index's own files are unusable (damaged metadata, a schema that differs although the
    /// versions match, a stored record that cannot be read back).
    #[error("the index at {} is damaged ({message}): rebuild the index", path.display())]
    Damaged {
        /// The index directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The disk holding the index is full. The index stays at its last commit, and the files
    /// the failed run wrote are removed; once there is space, running again goes on.
    #[error(
        "disk full: no space left to write the index at {}; it keeps its last commit, and \
         indexing again continues once there is space",
        path.display()
    )]
    DiskFull {
        /// The index directory.
        path: PathBuf,
    },
    /// A path given to index does not exist. Checked before the index is opened or created,
    /// so that a mistyped path leaves nothing behind.
    #[error("{}: no such file or folder; nothing was indexed", path.display())]
    InputNotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// The paths given hold no record file (`.txt`, `.md`, `.json`, `.jsonl`). Found before
    /// the index is opened or created: the index is left as it was.
    #[error(
        "no record files in {}: raad reads .txt, .md, .json and .jsonl; nothing was indexed",
        paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    NoRecordFiles {
        /// The paths given.
        paths: Vec<PathBuf>,
        /// What the paths hold that is not read, with the reasons.
        skipped: Vec<raad_core::parse::Skipped>,
        /// Folders that could not be read.
        errors: Vec<raad_core::ParseError>,
    },
    /// A configuration value is out of range.
    #[error("{message}")]
    InvalidConfig {
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A file of the index could not be read or written.
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Reading the index back (for topic inference) failed otherwise.
    #[error("reading the index at {}: {source}", path.display())]
    Read {
        /// The index directory.
        path: PathBuf,
        /// The read side's error.
        source: QueryError,
    },
    /// tantivy failed while reading or writing the index.
    #[error("index at {}: {source}", path.display())]
    Tantivy {
        /// The index directory.
        path: PathBuf,
        /// tantivy's error.
        source: tantivy::TantivyError,
    },
}

impl IndexError {
    /// The error for a tantivy failure on the index at `path`; a busy writer lock becomes
    /// [`IndexError::Locked`].
    pub(crate) fn tantivy(path: &std::path::Path, source: tantivy::TantivyError) -> IndexError {
        if is_disk_full(&source) {
            return IndexError::DiskFull {
                path: path.to_path_buf(),
            };
        }
        match source {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => IndexError::Locked {
                path: path.to_path_buf(),
            },
            source => IndexError::Tantivy {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    /// The error for an I/O failure on `path` (a file of the index folder): a full disk
    /// becomes [`IndexError::DiskFull`] of that folder.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> IndexError {
        let path = path.into();
        if source.kind() == std::io::ErrorKind::StorageFull {
            let dir = path.parent().map(std::path::Path::to_path_buf);
            return IndexError::DiskFull {
                path: dir.unwrap_or(path),
            };
        }
        IndexError::Io { path, source }
    }

    /// The error for a metadata problem of the index at `dir`.
    pub(crate) fn meta(dir: &std::path::Path, error: IndexMetaError) -> IndexError {
        match error {
            IndexMetaError::VersionMismatch {
                found_schema,
                found_analyzer,
                ..
            } => IndexError::VersionMismatch {
                path: dir.to_path_buf(),
                found_schema,
                found_analyzer,
            },
            IndexMetaError::Io { path, source } => IndexError::Io { path, source },
            IndexMetaError::Invalid { path, message } => IndexError::Damaged {
                path: dir.to_path_buf(),
                message: format!("{}: {message}", path.display()),
            },
            IndexMetaError::Missing { path } => IndexError::Damaged {
                path: dir.to_path_buf(),
                message: format!("{} is missing", IndexMeta::path_in(&path).display()),
            },
            other => IndexError::Damaged {
                path: dir.to_path_buf(),
                message: other.to_string(),
            },
        }
    }

    /// The error for a failure of the read side (raad-query) on the index at `dir`: the
    /// failures this crate has a variant of its own for keep it.
    pub(crate) fn read(dir: &std::path::Path, error: QueryError) -> IndexError {
        match error {
            QueryError::IndexMeta(error) => IndexError::meta(dir, error),
            QueryError::IncompatibleSchema { message, .. }
            | QueryError::DamagedRecord { message } => IndexError::Damaged {
                path: dir.to_path_buf(),
                message,
            },
            QueryError::Io { path, source } => IndexError::Io { path, source },
            QueryError::IndexDamaged { file, detail, .. } => IndexError::Damaged {
                path: dir.to_path_buf(),
                message: format!("{}: {detail}", file.display()),
            },
            QueryError::Tantivy(source) => IndexError::tantivy(dir, source),
            source => IndexError::Read {
                path: dir.to_path_buf(),
                source,
            },
        }
    }
}

/// Whether tantivy failed for want of disk space. tantivy keeps I/O errors in several of its
/// error variants, and some (an indexing thread's failure) only as text, so the error's debug
/// form is what shows the `StorageFull` kind wherever it sits.
fn is_disk_full(error: &tantivy::TantivyError) -> bool {
    use tantivy::directory::error::OpenWriteError;
    let full = |error: &std::io::Error| error.kind() == std::io::ErrorKind::StorageFull;
    match error {
        tantivy::TantivyError::IoError(error) => full(error),
        tantivy::TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
            full(io_error)
        }
        other => {
            let text = format!("{other:?}");
            text.contains("StorageFull") || text.contains("No space left on device")
        }
    }
}

/// The result type of raad-index.
pub type Result<T, E = IndexError> = std::result::Result<T, E>;
