//! The error type of the relevance harness.

use std::path::PathBuf;

/// What can stop a relevance run.
#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    /// A corpus or query file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A corpus line is not a record.
    #[error("{}:{line}: not a record: {message}", path.display())]
    Record {
        /// The corpus file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// serde_json's message.
        message: String,
    },
    /// A query line is not `query<TAB>id,id,...`.
    #[error("{}:{line}: expected `query<TAB>id,id,...`", path.display())]
    Query {
        /// The query file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
    },
    /// An unknown name for a choice (analyzer, task, fields).
    #[error("unknown {what} `{given}`; expected one of: {valid}")]
    UnknownChoice {
        /// What was being chosen.
        what: &'static str,
        /// What was given.
        given: String,
        /// The valid names, comma-separated.
        valid: String,
    },
    /// tantivy failed while indexing or searching.
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// raad-query failed (the `--through-query` path).
    #[error("raad-query: {0}")]
    Search(#[from] raad_query::QueryError),
}
