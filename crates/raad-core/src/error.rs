//! The one error type of raad-core, and the parse error that names the file and line.

use std::fmt;
use std::path::PathBuf;

/// Everything that can go wrong in raad-core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file, line or JSON value could not be turned into a record.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A user-supplied table (party aliases, topics, …) is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Table {
        /// The table file.
        path: PathBuf,
        /// The 1-based line of the problem.
        line: u32,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A council settings file (`raad.toml`) is malformed.
    #[error("{}: {message}", path.display())]
    Config {
        /// The settings file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// tantivy refused something (schema, analyzer registration).
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// A rejected file, JSON line or record: where it is and why it was rejected.
///
/// Displays as `PATH[:LINE[:COLUMN]]: REASON`, the form `raad parse` prints after `rejected: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file the problem is in, as given.
    pub path: PathBuf,
    /// The 1-based line, when the problem has one.
    pub line: Option<u32>,
    /// The 1-based column (in characters), when known (JSON syntax errors).
    pub column: Option<u32>,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

impl ParseError {
    /// A problem with the file as a whole.
    pub fn file(path: impl Into<PathBuf>, kind: ParseErrorKind) -> ParseError {
        ParseError {
            path: path.into(),
            line: None,
            column: None,
            kind,
        }
    }

    /// A problem at a line of the file.
    pub fn at_line(path: impl Into<PathBuf>, line: u32, kind: ParseErrorKind) -> ParseError {
        ParseError {
            path: path.into(),
            line: Some(line),
            column: None,
            kind,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for ParseError {}

/// Why a file, line or record was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The file has no content (or only white space).
    #[error("the file is empty")]
    Empty,
    /// The file holds binary data, not text.
    #[error(
        "not a text file (binary content; expected an opschrift .txt/.md or a .json/.jsonl file)"
    )]
    NotText,
    /// A text file without any `OPSCHRIFT` record in it.
    #[error("no record found (a record starts with a line `OPSCHRIFT`)")]
    NoRecord,
    /// A record without a number.
    #[error("record has no id (no `Nummer:` field, or JSON without \"id\")")]
    MissingId,
    /// A JSON value that does not parse, or does not have the record shape.
    #[error("invalid JSON: {message}")]
    Json {
        /// serde_json's message, without its position (that is in line and column).
        message: String,
    },
    /// A field whose value cannot be used.
    #[error("field `{field}`: {message}")]
    Field {
        /// The field's label as written (e.g. `Vergadering`, `date`).
        field: String,
        /// What is wrong with the value.
        message: String,
    },
    /// The file's extension is not a record format.
    #[error("not a record file (raad reads .txt, .md, .json and .jsonl)")]
    UnknownFormat,
    /// The file could not be read.
    #[error("cannot read: {message}")]
    Read {
        /// The operating system's message.
        message: String,
    },
    /// A path given to read does not exist.
    #[error("no such file or folder")]
    NotFound,
    /// The file is larger than the limit set for one file (a device or a file that grows
    /// while it is read is stopped at the limit too).
    #[error(
        "larger than the limit of {} for one file: not read (raise the maximum file size to \
         read it)",
        crate::parse::format_size(*limit)
    )]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The path is a named pipe, socket or device, not a file: raad does not open it.
    #[error("not a regular file ({kind}): not read")]
    NotRegular {
        /// What it is.
        kind: crate::parse::SpecialFile,
    },
}
