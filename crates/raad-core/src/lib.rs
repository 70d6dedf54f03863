//! raad-core: the record model, parsers, Dutch analyzer and tantivy schema of raad.
//!
//! # Overview
//!
//! - [`Record`] is one council question with its answer: plain serde data whose JSON field
//!   names are a public contract.
//! - [`parse`] turns files into records: the council's "opschrift" text export, JSON and JSON
//!   Lines; every rejected file or record becomes a [`ParseError`] naming path and line.
//!   [`party::PartyTable`] gives each party a canonical name for facets.
//! - [`analysis`] is the Dutch analyzer (compound splitting, stemming with exceptions, ids and
//!   party names kept whole) and [`analysis::register_analyzers`], which every index needs.
//! - [`RaadSchema`] is the tantivy schema; [`RaadSchema::document`] the only mapping of record
//!   fields to index fields. [`Facet`] names the seven fields a search counts values of.
//! - [`council`] keys records by council and id when one index holds several councils, and
//!   reads a folder's `raad.toml`.
//! - [`topics`] assigns policy topics by rules.
//!
//! # Example
//!
//! ```
//! use std::path::Path;
//! use raad_core::parse::{parse_bytes, ParseOptions, RecordFormat};
//!
//! let text = "OPSCHRIFT\n\nVergadering van 15 maart 2016\n\nNummer: 2016_MV_00146\n\n\
//!             Onderwerp:\n\nMondelinge vraag van raadslid An Peeters: Fietspaden\n\n\
//!             Raadslid(-leden):\n\nAn Peeters - sp.a\n\nBevoegd:\n\nJan Janssens\n";
//! let parsed = parse_bytes(Path::new("vragen.txt"), text.as_bytes(), RecordFormat::Opschrift,
//!                          &ParseOptions::default());
//! assert!(parsed.rejections.is_empty());
//! let record = &parsed.records[0];
//! assert_eq!(record.id, "2016_MV_00146");
//! assert_eq!(record.date.unwrap().to_string(), "2016-03-15");
//! assert_eq!(record.councillors[0].party.as_deref(), Some("Vooruit"));
//! assert_eq!(record.councillors[0].party_as_written.as_deref(), Some("sp.a"));
//!
//! // The analyzer stems ("fietspaden" → "fietspad") and splits compounds, so a search for
//! // "paden" finds it too.
//! let tokens: Vec<String> = raad_core::analysis::analyze("fietspaden")
//!     .into_iter()
//!     .map(|token| token.text)
//!     .collect();
//! assert!(tokens.contains(&"fietspad".to_string()) && tokens.contains(&"pad".to_string()));
//! ```
#![warn(missing_docs)]

pub mod analysis;
pub mod council;
pub mod date;
pub mod document;
pub mod error;
pub mod facet;
pub mod id;
pub mod index_meta;
pub mod legislature;
pub mod limits;
pub mod parse;
pub mod party;
pub mod record;
pub mod schema;
pub mod synonyms;
pub mod topics;

pub use date::Date;
pub use error::{Error, ParseError, ParseErrorKind};
pub use facet::{Facet, UnknownFacet};
pub use record::{Councillor, Record, Source, TopicSource};
pub use schema::RaadSchema;

/// The result type of raad-core; refer to it as `raad_core::Result<T>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
