//! The writing half of a run: one thread receives [`Batch`]es from the workers and applies
//! them to the one tantivy `IndexWriter`, committing every N records or T seconds.
//!
//! Upsert rules, applied here because only this thread sees the whole run in order:
//!
//! - a record whose id the index held (at the start of the run, or earlier in this run)
//!   replaces it: `delete_term(id)` then `add_document`; tantivy applies a delete only to
//!   documents added before it, so the new document survives;
//! - when one run meets an id in two files, the file later in the input order wins, whatever
//!   order the workers finish in; within one file, the later record wins;
//! - when a changed file is indexed, every record that came from it before is deleted first
//!   (`delete_term(source_path)`), so records removed from a file leave the index.

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use raad_core::RaadSchema;
use tantivy::indexer::UserOperation;
use tantivy::schema::Term;
use tantivy::schema::Value;
use tantivy::{IndexWriter, TantivyDocument};

use crate::error::{IndexError, Result};
use crate::manifest::{DoneEntry, ManifestLog};
use crate::pipeline::Batch;
use crate::progress::Progress;
use crate::report::Rejection;

/// Documents go to tantivy in groups of up to this many bytes of text (or one larger
/// document). Every send to tantivy's queue can wake one of its indexing threads, so short
/// records sent one by one spend much of their CPU time waking threads (much of it in the
/// kernel). The queue holds 10,000 sends whatever their size, so groups make it hold more:
/// they cost peak memory, and larger groups saved no more CPU (BENCHMARKS.md, "Indexing").
/// The bound is 10,000 groups, whatever the corpus size.
const SEND_BYTES: usize = 12 << 10;

/// The bytes of text in a document: roughly what it weighs in tantivy's queue.
fn text_bytes(doc: &TantivyDocument) -> usize {
    doc.field_values()
        .filter_map(|(_, value)| value.as_str().map(str::len))
        .sum()
}

/// When to commit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CommitPolicy {
    pub every_records: u64,
    pub every: Duration,
}

/// The counts of a run, as the writer thread sees them.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub files: u64,
    pub skipped_unchanged_files: u64,
    pub indexed: u64,
    pub replaced: u64,
    pub unchanged: u64,
    pub bytes: u64,
    pub rejected: Vec<Rejection>,
    /// Whether anything was sent to the index writer (otherwise no commit is needed).
    pub touched: bool,
}

/// The writer thread's state.
pub(crate) struct Writer<'a> {
    pub dir: &'a Path,
    pub writer: &'a mut IndexWriter,
    pub schema: &'a RaadSchema,
    pub log: &'a mut ManifestLog,
    pub progress: &'a dyn Progress,
    pub policy: CommitPolicy,
    /// Which file of the input order last wrote each id in this run.
    seen: HashMap<u128, u32>,
    /// Files whose records are sent but not yet committed.
    pending: Vec<DoneEntry>,
    since_commit: u64,
    last_commit: Instant,
    pub tally: Tally,
}

impl<'a> Writer<'a> {
    /// A writer thread state over an open index writer and manifest log.
    pub fn new(
        dir: &'a Path,
        writer: &'a mut IndexWriter,
        schema: &'a RaadSchema,
        log: &'a mut ManifestLog,
        progress: &'a dyn Progress,
        policy: CommitPolicy,
    ) -> Writer<'a> {
        Writer {
            dir,
            writer,
            schema,
            log,
            progress,
            policy,
            seen: HashMap::new(),
            pending: Vec::new(),
            since_commit: 0,
            last_commit: Instant::now(),
            tally: Tally::default(),
        }
    }

    /// Applies every batch until the workers are done, then commits what is left.
    pub fn run(&mut self, batches: Receiver<Batch>) -> Result<()> {
        for batch in batches {
            self.apply(batch)?;
        }
        self.progress.finishing();
        if self.tally.touched {
            self.commit()?;
        }
        Ok(())
    }

    fn apply(&mut self, batch: Batch) -> Result<()> {
        match batch {
            Batch::Begin { path, had_records } => {
                self.tally.touched = true;
                self.log.mark_dirty(&path)?;
                if had_records {
                    self.writer
                        .delete_term(Term::from_field_text(self.schema.source_path, &path));
                }
            }
            Batch::Docs { file, docs } => {
                // Operations go to tantivy in groups of up to SEND_BYTES, in order.
                let mut group = Vec::new();
                let mut group_bytes = 0;
                for prepared in docs {
                    let replaces = match self.seen.get(&prepared.id_hash).copied() {
                        // A later file of the input already wrote this id: it wins.
                        Some(winner) if winner > file => {
                            self.tally.replaced += 1;
                            continue;
                        }
                        Some(_) => true,
                        None => prepared.existed,
                    };
                    let bytes = text_bytes(&prepared.doc);
                    if group_bytes + bytes > SEND_BYTES {
                        self.send(&mut group)?;
                        group_bytes = 0;
                    }
                    if replaces {
                        self.tally.replaced += 1;
                        group.push(UserOperation::Delete(prepared.id_term));
                    } else {
                        self.tally.indexed += 1;
                    }
                    self.seen.insert(prepared.id_hash, file);
                    group.push(UserOperation::Add(prepared.doc));
                    group_bytes += bytes;
                    self.since_commit += 1;
                }
                self.send(&mut group)?;
                if self.since_commit >= self.policy.every_records
                    || self.last_commit.elapsed() >= self.policy.every
                {
                    self.commit()?;
                }
            }
            Batch::End { entry, bytes } => {
                self.tally.files += 1;
                self.tally.bytes += bytes;
                self.tally.rejected.extend(entry.rejections.iter().cloned());
                self.progress.file_done(entry.records, bytes);
                self.pending.push(entry);
            }
            Batch::Unchanged { entry, bytes } => {
                self.tally.files += 1;
                self.tally.skipped_unchanged_files += 1;
                self.tally.bytes += bytes;
                self.tally.unchanged += entry.records;
                self.tally.rejected.extend(entry.rejections.iter().cloned());
                self.progress.file_done(entry.records, bytes);
            }
            Batch::Unreadable { rejection } => {
                self.tally.files += 1;
                self.tally.rejected.push(rejection);
                self.progress.file_done(0, 0);
            }
        }
        Ok(())
    }

    /// Sends a group of operations to tantivy (nothing when it is empty). tantivy gives them
    /// consecutive opstamps, so a delete still applies to every document sent before it and
    /// to none after.
    fn send(&mut self, group: &mut Vec<UserOperation>) -> Result<()> {
        if !group.is_empty() {
            self.writer
                .run(group.drain(..))
                .map_err(|err| IndexError::tantivy(self.dir, err))?;
        }
        Ok(())
    }

    /// Commits: the manifest's `dirty` lines reach the disk before the index changes do, and
    /// the `done` lines of the files now committed are written only after.
    fn commit(&mut self) -> Result<()> {
        self.progress.committing();
        self.log.sync()?;
        self.writer
            .commit()
            .map_err(|err| IndexError::tantivy(self.dir, err))?;
        for entry in self.pending.drain(..) {
            self.log.mark_done(entry)?;
        }
        self.log.sync()?;
        self.since_commit = 0;
        self.last_commit = Instant::now();
        Ok(())
    }
}
