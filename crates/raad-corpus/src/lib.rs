//! raad-corpus: a deterministic synthetic corpus of city-council records, and raad's built-in
//! demo corpus made from it.
//!
//! It is what the benchmarks index at scale, what `raad generate` writes, what the demo index
//! holds, and the ground truth that topic rules are scored on. Its records are plain
//! [`raad_core::Record`]s, so they go wherever parsed records go.
//!
//! # Overview
//!
//! - [`GeneratorBuilder`] sets the record count and seed and builds a [`Generator`]: an
//!   iterator of [`GeneratedRecord`]s in date order, each a record and the [`Domain`] it was
//!   written about.
//! - [`write_corpus`] writes records as numbered files in a [`CorpusFormat`] that raad-core's
//!   parser reads back unchanged: the council's opschrift text export or JSON Lines.
//! - [`demo`] is the built-in demo corpus: the generator with a fixed seed and count, keyed by
//!   [`demo::DEMO_VERSION`] wherever it is cached.
//!
//! # What the records hold
//!
//! The generator writes about a fictional Ghent-like council from 2013 to 2026: fictional
//! councillors with real party names as the city writes them, renames included (sp.a-Groen,
//! sp.a → Vooruit on 21 March 2021, PVDA+ → PVDA, Voor Gent from 2025, Open Vld → Anders in
//! 2026), aldermen with portfolios per term and the mayor (`Burgemeester`) for safety,
//! committees, oral questions asked on meeting days (Monday to Thursday outside the summer and
//! Christmas recesses) and answered the same day, written ones mostly answered within weeks
//! (5–36 days), about one in five after 45 to 115 days and one in sixteen after 200 to 400
//! days; about one record in ten without an answer. Ids follow the council's schemes:
//! `YYYY_MV_NNNNN`, `YYYY_SV_NNNNN`, `YYYY_MC_NNNNN` (committee questions, 2013–2015) and
//! `NR. 217/14` (some written questions of 2014). Text is Dutch, from our own templates and
//! word lists per policy domain, with compounds, plurals, numbers (`3.000`, `2,5`) and ids.
//!
//! Every record is written about one [`Domain`], returned beside it in [`GeneratedRecord`];
//! records carry no topics unless [`GeneratorBuilder::given_topics`] asks for them.
//!
//! The same seed and record count always give the same records, on every machine: the random
//! numbers come from ChaCha8, whose output is fixed for a seed, drawn through rand 0.9's
//! portable sampling (a change in either shows in the demo corpus's pinned facts).
//!
//! # Example
//!
//! ```
//! use raad_core::parse::{parse_file, ParseOptions};
//! use raad_corpus::{write_corpus, CorpusFormat, GeneratorBuilder};
//!
//! let records: Vec<_> = GeneratorBuilder::new().records(3).seed(42).build().collect();
//! assert_eq!(records.len(), 3);
//! let again: Vec<_> = GeneratorBuilder::new().records(3).seed(42).build().collect();
//! assert_eq!(records, again);
//! assert!(records[0].record.topics.is_empty());
//!
//! // Written as the council's text export, the records read back as they were generated
//! // (the parser adds where it read each one).
//! let dir = tempfile::tempdir()?;
//! let summary = write_corpus(
//!     dir.path(),
//!     CorpusFormat::Opschrift,
//!     records.iter().map(|generated| generated.record.clone()),
//! )?;
//! assert_eq!(summary.files, [dir.path().join("bulletin-00001.txt")]);
//! let parsed = parse_file(&summary.files[0], &ParseOptions::default());
//! assert!(parsed.rejections.is_empty());
//! for (read, generated) in parsed.records.into_iter().zip(&records) {
//!     assert_eq!(raad_core::Record { source: None, ..read }, generated.record);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod compose;
mod council;
mod councils;
pub mod demo;
mod domain;
pub mod error;
mod generator;
mod text;
mod vocabulary;
mod writer;

pub use councils::{council_folder, council_names, write_councils};
pub use domain::Domain;
pub use error::Error;
pub use generator::{GeneratedRecord, Generator, GeneratorBuilder};
pub use writer::{write_corpus, CorpusFormat, CorpusSummary, UnknownFormat};

/// The result type of raad-corpus; refer to it as `raad_corpus::Result<T>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
