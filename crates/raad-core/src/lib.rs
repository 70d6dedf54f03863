//! raad-core: the record model, parsers, Dutch analyzer and tantivy schema of raad.
#![warn(missing_docs)]

pub mod analysis;
pub mod date;
pub mod demo;
pub mod document;
pub mod error;
pub mod generate;
pub mod id;
pub mod index_meta;
pub mod parse;
pub mod party;
pub mod record;
pub mod schema;
pub mod topics;

pub use date::Date;
pub use error::{Error, ParseError, ParseErrorKind};
pub use record::{Councillor, Record, Source};
pub use schema::RaadSchema;

/// The result type of raad-core; refer to it as `raad_core::Result<T>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
