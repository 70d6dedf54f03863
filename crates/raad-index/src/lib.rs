//! raad-index: builds tantivy indices of council records from files, in parallel,
//! incrementally and crash-safely. It is the only raad crate that writes an index.
//!
//! # Overview
//!
//! - [`IndexerBuilder`] configures a run (index folder, threads, memory budget, commit
//!   interval, rebuild, parse options, [`Progress`]); [`Indexer::run`] indexes files and
//!   folders and returns an [`IndexReport`].
//! - [`IndexError`] is the one error type; problems with single files or records are not
//!   errors but [`Rejection`]s in the report.
//!
//! # How a run works
//!
//! Files are found with `raad_core::parse::discover`, then read, hashed (xxh3), parsed and
//! turned into tantivy documents in parallel on a rayon pool, and sent over a bounded channel
//! to one thread that feeds tantivy's `IndexWriter` (itself multithreaded, and where the text
//! is analyzed, each text once: `body` holds title, question and answer, with a section marker
//! between them). Records are upserted by their normalized id, so the index never holds two
//! documents with one id, and a record being replaced is never missing from a commit.
//!
//! Files whose content did not change since they were committed are skipped. Which files are
//! committed with which content, and which ids each holds, is kept in a manifest in the index
//! folder, written so that a process killed at any moment (SIGKILL included) leaves an index
//! that opens at its last commit, and a re-run completes it with no duplicates and no lost
//! records: see the `manifest` module's documentation for the argument.
//!
//! The rules a user can rely on:
//!
//! - a file is known by its path as given, byte for byte (a relative path is relative to the
//!   working folder; a name that is not UTF-8 is shown with its other bytes as `\xNN`); the
//!   same file given under another spelling is read again, and its records replace themselves
//!   by id;
//! - a record stays while any file holds its id: when a changed file no longer holds an id,
//!   the record leaves the index (counted as `removed`) only if no other file holds it;
//! - when several files hold one id, the version of the file whose path comes last in byte
//!   order is indexed, whatever the order files are given or read in (within a file, the
//!   later record); the report lists every such id ([`IndexReport::duplicates`], and
//!   [`IndexReport::repeats`] for ids one file holds more than once), with the spellings
//!   when the records write the id differently (`2016 mv 146`, `2016_MV_00146`);
//! - only a read that succeeds decides which of a file's records go: a file that cannot be
//!   read now (unreadable, empty, not text, no record in it) keeps its records as they were,
//!   and so do the records a read no longer gives when it rejected some (a malformed JSON
//!   line may be one of them); the report says so ([`IndexReport::kept`]);
//! - files that are not given any more, or were deleted, keep their records in the index:
//!   indexing adds and replaces, only a rebuild starts over; a rebuild is built beside the
//!   old index, which searches see until the new one is committed whole;
//! - a run stopped through [`IndexerBuilder::cancel_flag`] commits what it read; running it
//!   again continues;
//! - another raad version, or other parse options (party aliases), make every file count as
//!   changed;
//! - a JSON Lines file over 32 MB is hashed in a streaming pass and parsed in pieces of about
//!   8 MB, so memory does not grow with the size of one file; other files are read whole.
//!
//! Every record gets topics: topics given in the input stay (source
//! `given`); a record without gets the best one or two of a keyword taxonomy while it is
//! prepared (`rules`, [`IndexerBuilder::topic_rules`]); after the records are committed, when
//! the index holds records with given topics, a record without takes the main topic of the
//! labelled records most like it if their vote is clear enough (`inferred`, with the vote's
//! share as confidence; [`IndexerBuilder::infer_topics`]). Inference reads the committed index
//! through the read side, raad-query (its `Snapshot`). [`IndexReport::topics`] says how
//! many records have topics from each source.
//!
//! The index is committed every N records or T seconds and at the end. One writer at a time:
//! a second one waits a few seconds for the lock ([`IndexerBuilder::lock_wait`]), then gets
//! [`IndexError::Locked`]; searches keep working while an index is written. A run that fails
//! (a full disk: [`IndexError::DiskFull`]) leaves the index at its last commit and removes
//! the files it wrote.
//! The schema and analyzer versions are recorded in the index
//! ([`raad_core::index_meta`]); an existing index is opened with the read side's check
//! (`raad_query::open_index`), and one of another version is refused with
//! [`IndexError::VersionMismatch`] until it is rebuilt ([`IndexerBuilder::rebuild`]). An index
//! of schema 6, from before councils, is upgraded in place instead, before the run reads its
//! files: its stored records are indexed anew (without a council, or with the one the run's
//! settings give their file), its manifest is kept, and the old index stays as it was until
//! the new one replaces it whole; [`IndexReport::upgraded`] says so.
//!
//! # Example
//!
//! ```
//! use raad_index::IndexerBuilder;
//! use raad_query::index_stats;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let work = tempfile::tempdir()?;
//! let records = work.path().join("records.jsonl");
//! std::fs::write(
//!     &records,
//!     concat!(
//!         r#"{"id": "2016_MV_00146", "kind": "mondelinge vraag", "date": "2016-11-14", "#,
//!         r#""title": "Fietspaden in de Brugse Poort", "question": "Wanneer?"}"#, "\n",
//!         r#"{"id": "2016_SV_00012", "kind": "schriftelijke vraag", "date": "2016-12-01", "#,
//!         r#""title": "Verlichting", "question": "Hoeveel lampen?", "answer": "Twaalf."}"#, "\n",
//!     ),
//! )?;
//! let index_dir = work.path().join("index");
//!
//! let indexer = IndexerBuilder::new(&index_dir).threads(1).build()?;
//! let report = indexer.run(&[records.clone()])?;
//! assert_eq!((report.indexed, report.replaced, report.records_in_index), (2, 0, 2));
//!
//! // A second run finds the file unchanged and skips it.
//! let again = indexer.run(&[records])?;
//! assert_eq!((again.indexed, again.unchanged, again.skipped_unchanged_files), (0, 2, 1));
//!
//! let stats = index_stats(&index_dir)?;
//! assert_eq!(stats.records, 2);
//! assert_eq!(stats.kinds["schriftelijke vraag"], 1);
//! assert_eq!(stats.first_date.map(|d| d.to_string()).as_deref(), Some("2016-11-14"));
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs)]

mod error;
mod file_ids;
mod file_key;
mod held;
mod holders;
mod index_dir;
mod indexer;
mod infer;
mod machine;
mod manifest;
mod pipeline;
mod progress;
mod report;
mod spelling;
mod upgrade;
mod writer;

pub use error::{IndexError, Result};
pub use indexer::{
    Indexer, IndexerBuilder, DEFAULT_COMMIT_INTERVAL, DEFAULT_COMMIT_RECORDS, DEFAULT_LOCK_WAIT,
};
pub use infer::{TopicReport, DEFAULT_MIN_CONFIDENCE, DEFAULT_NEIGHBOURS};
pub use machine::{default_memory_budget, default_threads};
pub use manifest::{check_manifest, MANIFEST_FILE};
pub use progress::{NoProgress, Progress};
pub use report::{
    Duplicate, IndexReport, Kept, LargeRecord, Rejection, Repeated, SkippedPath, WithoutCouncil,
    WrittenId,
};
pub use upgrade::Upgrade;
