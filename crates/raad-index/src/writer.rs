//! The writing half of a run: one thread receives [`Batch`]es from the workers and applies
//! them to the one tantivy `IndexWriter`, committing every N records or T seconds.
//!
//! Upsert rules, applied here because only this thread sees the whole run in order:
//!
//! - a record is written as `delete_term(id)` then `add_document` in one send to tantivy, so
//!   no commit ever falls between them: a record being replaced is never missing; tantivy
//!   applies a delete only to documents added before it, so the new document survives;
//! - among the files that hold an id, the one whose path comes last in byte order wins
//!   ([`Holders`]), whatever order the workers finish in; within one file, the later record
//!   wins (the file's read reports such ids: [`crate::Repeated`]);
//! - a changed file's ids that its new read no longer gives are deleted only when its read is
//!   complete and had no rejection, and only when no other file holds them: a changed file
//!   never loses a record for a moment, and a record stays while any file holds its id.
//!   When another file holds such an id, its version is written instead
//!   ([`Writer::reconcile`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use raad_core::RaadSchema;
use tantivy::indexer::UserOperation;
use tantivy::schema::Term;
use tantivy::schema::Value;
use tantivy::{IndexWriter, TantivyDocument};

use crate::error::{IndexError, Result};
use crate::holders::{id_hash, FileId, Holders};
use crate::manifest::{DoneEntry, FileState, Manifest, ManifestLog};
use crate::pipeline::{Batch, Prepared};
use crate::progress::Progress;
use crate::report::{Kept, Rejection, Repeated};
use crate::spelling::{Spelling, Spellings};

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
    /// Commit only at the end (a rebuild: readers keep the old index until the new one is
    /// complete).
    pub only_at_end: bool,
}

/// The counts of a run, as the writer thread sees them.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub files: u64,
    pub skipped_unchanged_files: u64,
    pub indexed: u64,
    pub replaced: u64,
    pub repeated: u64,
    pub unchanged: u64,
    pub bytes: u64,
    pub rejected: Vec<Rejection>,
    pub kept: Vec<Kept>,
    /// The ids each input file holds more than once.
    pub repeats: Vec<(FileId, Repeated)>,
    /// Whether anything was sent to the index writer (otherwise no commit is needed).
    pub touched: bool,
}

/// The writer thread's state.
pub(crate) struct Writer<'a> {
    pub dir: &'a Path,
    pub writer: &'a mut IndexWriter,
    pub schema: &'a RaadSchema,
    pub log: &'a mut ManifestLog,
    pub manifest: &'a Manifest,
    pub holders: &'a mut Holders,
    pub progress: &'a dyn Progress,
    pub policy: CommitPolicy,
    /// Which file wrote each id in this run.
    seen: HashMap<u128, FileId>,
    /// Ids of records this run passed over because a winning file holds them: a later record
    /// with the id repeats it. Only ids that several files hold come here.
    passed_over: HashSet<u128>,
    /// Ids whose winning version may not be the one in the index: checked by
    /// [`Writer::reconcile`].
    unsettled: HashMap<u128, String>,
    /// Files marked dirty in this run.
    dirty: HashSet<FileId>,
    /// Files marked dirty because an id they hold lost its version in the index; they get
    /// their `done` line back once [`Writer::reconcile`] has written their versions.
    dirty_for_others: HashSet<FileId>,
    /// Files whose records are sent but not yet committed.
    pending: Vec<DoneEntry>,
    /// Whether the batches are those of [`Writer::reconcile`]'s second pass.
    refreshing: bool,
    since_commit: u64,
    last_commit: Instant,
    pub tally: Tally,
}

/// The files to read again for the winning versions of some of their ids.
pub(crate) type Refresh = BTreeMap<FileId, HashSet<String>>;

impl<'a> Writer<'a> {
    /// A writer thread state over an open index writer and manifest log.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        dir: &'a Path,
        writer: &'a mut IndexWriter,
        schema: &'a RaadSchema,
        log: &'a mut ManifestLog,
        manifest: &'a Manifest,
        holders: &'a mut Holders,
        progress: &'a dyn Progress,
        policy: CommitPolicy,
    ) -> Writer<'a> {
        Writer {
            dir,
            writer,
            schema,
            log,
            manifest,
            holders,
            progress,
            policy,
            seen: HashMap::new(),
            passed_over: HashSet::new(),
            unsettled: HashMap::new(),
            dirty: HashSet::new(),
            dirty_for_others: HashSet::new(),
            pending: Vec::new(),
            refreshing: false,
            since_commit: 0,
            last_commit: Instant::now(),
            tally: Tally::default(),
        }
    }

    /// Applies every batch until the workers are done.
    pub fn run(&mut self, batches: Receiver<Batch>) -> Result<()> {
        for batch in batches {
            self.apply(batch)?;
        }
        Ok(())
    }

    /// After the first pass: the ids whose winning version is not the one in the index (a
    /// file dropped an id that another file holds, or a file's version lost to one that then
    /// dropped it), with the files to read again for them. Ids that no file holds any more are
    /// deleted here.
    pub fn reconcile(&mut self) -> Result<Refresh> {
        let mut refresh = Refresh::new();
        let mut deletes = Vec::new();
        let unsettled = std::mem::take(&mut self.unsettled);
        for (hash, id) in unsettled {
            match self.holders.winner(hash) {
                None => deletes.push(UserOperation::Delete(self.id_term(&id))),
                Some(winner) if self.seen.get(&hash) == Some(&winner) => {}
                Some(winner)
                    if !self.seen.contains_key(&hash)
                        && self.holders.start_winner(hash) == Some(winner) => {}
                Some(winner) => {
                    refresh.entry(winner).or_default().insert(id);
                }
            }
        }
        self.send(&mut deletes)?;
        for &file in refresh.keys() {
            self.mark_dirty(file)?;
            // Committed again only once the versions it is read for are written.
            self.dirty_for_others.remove(&file);
        }
        self.refreshing = true;
        Ok(refresh)
    }

    /// Commits what is left: the end of the run.
    pub fn finish(&mut self, settled: bool) -> Result<()> {
        self.progress.finishing();
        if self.tally.touched || self.policy.only_at_end {
            self.commit()?;
        }
        if settled {
            // Their ids' versions are written: they are as committed as they were.
            let files: Vec<FileId> = self.dirty_for_others.drain().collect();
            for file in files {
                let key = self.holders.key(file).clone();
                if self
                    .log
                    .changes
                    .get(&key)
                    .is_some_and(|state| matches!(state, FileState::Done(_)))
                {
                    continue;
                }
                if let Some(entry) = self.known_entry(file) {
                    self.log.mark_done(entry)?;
                }
            }
            self.log.sync()?;
        }
        Ok(())
    }

    fn apply(&mut self, batch: Batch) -> Result<()> {
        match batch {
            Batch::Docs { file, docs } => {
                self.mark_dirty(file)?;
                self.write_docs(file, docs)?;
                if !self.policy.only_at_end
                    && (self.since_commit >= self.policy.every_records
                        || self.last_commit.elapsed() >= self.policy.every)
                {
                    self.commit()?;
                }
            }
            Batch::End {
                file,
                entry,
                old_ids,
                written,
                mut spellings,
                bytes,
            } => {
                if self.refreshing {
                    self.end_refresh(file, entry)?;
                } else {
                    self.tally.files += 1;
                    self.tally.bytes += bytes;
                    self.progress.file_done(entry.records, bytes);
                    self.tally.rejected.extend(entry.rejections.iter().cloned());
                    let repeats = entry.repeats.iter().map(|r| (file, r.clone()));
                    self.tally.repeats.extend(repeats);
                    self.end(file, entry, old_ids, &written, &mut spellings)?;
                }
            }
            Batch::Checkpoint(done) => {
                if self.tally.touched && !self.policy.only_at_end {
                    self.commit()?;
                }
                // The pipeline may have stopped waiting (a cancelled run).
                let _ = done.send(());
            }
            Batch::Unchanged { file, entry, bytes } => {
                self.tally.files += 1;
                self.tally.skipped_unchanged_files += 1;
                self.tally.bytes += bytes;
                self.tally.unchanged += entry.records;
                self.tally.rejected.extend(entry.rejections.iter().cloned());
                self.tally.kept.extend(entry.kept.iter().cloned());
                let repeats = entry.repeats.iter().map(|r| (file, r.clone()));
                self.tally.repeats.extend(repeats);
                self.progress.file_done(entry.records, bytes);
            }
            Batch::Failed {
                file,
                rejections,
                kept,
                bytes,
            } => {
                if !self.refreshing {
                    self.tally.files += 1;
                    self.tally.bytes += bytes;
                    self.progress.file_done(0, bytes);
                    self.tally.rejected.extend(rejections.iter().cloned());
                }
                if kept > 0 {
                    self.tally.kept.push(Kept {
                        path: self.holders.key(file).display(),
                        reason: rejections
                            .first()
                            .map_or_else(String::new, |r| r.reason.clone()),
                        records: kept,
                    });
                }
            }
        }
        Ok(())
    }

    /// Upserts a changed file's records, except those whose id a winning file holds.
    fn write_docs(&mut self, file: FileId, docs: Vec<Prepared>) -> Result<()> {
        // Operations go to tantivy in groups of up to SEND_BYTES, in order.
        let mut group = Vec::new();
        let mut group_bytes = 0;
        for prepared in docs {
            let written_by = self.seen.get(&prepared.id_hash).copied();
            // Whether a record with this id came earlier in this run, whichever file's version
            // of it wins.
            let repeat = written_by.is_some() || self.passed_over.contains(&prepared.id_hash);
            if written_by.is_some_and(|other| other != file && self.holders.wins(other, file)) {
                // A winning file already wrote this id in this run.
                self.count(repeat, prepared.existed);
                continue;
            }
            if self.holders.held_above(prepared.id_hash, file) {
                // A winning file holds it (as far as is known now: reconcile checks again).
                self.count(repeat, prepared.existed);
                self.passed_over.insert(prepared.id_hash);
                self.unsettled.insert(prepared.id_hash, prepared.id);
                continue;
            }
            let bytes = text_bytes(&prepared.doc);
            if group_bytes + bytes > SEND_BYTES {
                self.send(&mut group)?;
                group_bytes = 0;
            }
            if written_by.is_some() || prepared.existed {
                group.push(UserOperation::Delete(self.id_term(&prepared.id)));
            }
            self.count(repeat, prepared.existed);
            self.seen.insert(prepared.id_hash, file);
            group.push(UserOperation::Add(prepared.doc));
            group_bytes += bytes;
            self.since_commit += 1;
        }
        self.send(&mut group)
    }

    /// Counts a record of a changed file (see [`crate::IndexReport`]): `repeat` when a record
    /// with its id came earlier in this run, else by whether the index held its id. The
    /// second pass of [`Writer::reconcile`] reads records already counted.
    fn count(&mut self, repeat: bool, existed: bool) {
        if self.refreshing {
            return;
        }
        let count = if repeat {
            &mut self.tally.repeated
        } else if existed {
            &mut self.tally.replaced
        } else {
            &mut self.tally.indexed
        };
        *count += 1;
    }

    /// A changed file is read: its ids now are those of this read (`written` says how it
    /// writes each, with the table `spellings`); the ids it no longer gives leave the index
    /// unless another file holds them, or this read rejected records (which may be those very
    /// ids: then they are kept as they were).
    fn end(
        &mut self,
        file: FileId,
        mut entry: DoneEntry,
        old_ids: Vec<String>,
        written: &[Spelling],
        spellings: &mut Spellings,
    ) -> Result<()> {
        let new_ids = entry.ids.take().unwrap_or_default();
        let dropped: Vec<String> = sorted_difference(&old_ids, &new_ids);
        for (id, &spelling) in new_ids.iter().zip(written) {
            let hash = id_hash(id);
            let spelling = self.holders.adopt(spellings, spelling);
            if old_ids.binary_search(id).is_err() {
                self.holders.add(hash, id, file, spelling);
            } else {
                self.holders.spell(hash, file, spelling);
            }
        }
        let mut ids = new_ids.clone();
        if !entry.rejections.is_empty() && !dropped.is_empty() {
            let kept = Kept {
                path: entry.path.clone(),
                reason: match entry.rejections.len() {
                    1 => "a record in it was rejected".to_string(),
                    n => format!("{n} records in it were rejected"),
                },
                records: dropped.len() as u64,
            };
            self.tally.kept.push(kept.clone());
            entry.kept = Some(kept);
            ids.extend(dropped);
            ids.sort_unstable();
        } else {
            let mut deletes = Vec::new();
            for id in dropped {
                let hash = id_hash(&id);
                self.holders.remove(hash, file);
                let others: Vec<FileId> = self.holders.holders(hash).to_vec();
                if others.is_empty() && !self.seen.contains_key(&hash) {
                    deletes.push(UserOperation::Delete(self.id_term(&id)));
                    continue;
                }
                // Another file holds it: its version replaces this file's (see reconcile);
                // until then the files that hold it are dirty, so that a run killed in
                // between reads them again.
                for other in others {
                    if !self.dirty.contains(&other) {
                        self.mark_dirty(other)?;
                        self.dirty_for_others.insert(other);
                    }
                }
                self.unsettled.insert(hash, id);
            }
            if !deletes.is_empty() {
                self.mark_dirty(file)?;
                self.send(&mut deletes)?;
            }
        }
        entry.ids = Some(ids);
        self.dirty_for_others.remove(&file);
        self.pending.push(entry);
        Ok(())
    }

    /// A file read again for some of its ids (see [`Writer::reconcile`]): unless it changed
    /// meanwhile (then it stays dirty, and is read whole next time), it is as committed as
    /// before.
    fn end_refresh(&mut self, file: FileId, entry: DoneEntry) -> Result<()> {
        if let Some(known) = self.known_entry(file) {
            if known.hash == entry.hash {
                self.pending.push(known);
            }
        }
        Ok(())
    }

    /// The file's entry as last committed (in this run or before).
    fn known_entry(&self, file: FileId) -> Option<DoneEntry> {
        let key = self.holders.key(file);
        self.pending
            .iter()
            .rev()
            .find(|entry| &entry.key() == key)
            .or_else(|| self.log.changes.get(key).and_then(FileState::entry))
            .or_else(|| self.manifest.files.get(key).and_then(FileState::entry))
            .cloned()
    }

    /// Writes the file's `dirty` line once per run, before the index changes for it.
    fn mark_dirty(&mut self, file: FileId) -> Result<()> {
        if self.dirty.insert(file) {
            self.tally.touched = true;
            let previous = self.known_entry(file);
            let key = self.holders.key(file).clone();
            self.log.mark_dirty(&key, previous)?;
        }
        Ok(())
    }

    fn id_term(&self, id: &str) -> Term {
        Term::from_field_text(self.schema.id, id)
    }

    /// Sends a group of operations to tantivy (nothing when it is empty). tantivy gives them
    /// consecutive opstamps, so a delete still applies to every document sent before it and
    /// to none after.
    fn send(&mut self, group: &mut Vec<UserOperation>) -> Result<()> {
        if !group.is_empty() {
            self.tally.touched = true;
            if let Err(error) = self.writer.run(group.drain(..)) {
                return Err(self.thread_error(error));
            }
        }
        Ok(())
    }

    /// The error of a send. tantivy tells a sender only that an indexing thread died ("the
    /// index writer was killed"); the thread's own error (a full disk, say) comes back when
    /// the threads are joined, which preparing a commit does. Nothing is committed: a commit
    /// prepared all the same is aborted, and the run fails as it would have.
    fn thread_error(&mut self, error: tantivy::TantivyError) -> IndexError {
        if matches!(error, tantivy::TantivyError::ErrorInThread(_)) {
            match self.writer.prepare_commit() {
                Err(cause) => return IndexError::tantivy(self.dir, cause),
                Ok(prepared) => {
                    let _ = prepared.abort();
                }
            }
        }
        IndexError::tantivy(self.dir, error)
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

/// The ids of `old` that are not in `new` (both sorted).
fn sorted_difference(old: &[String], new: &[String]) -> Vec<String> {
    old.iter()
        .filter(|id| new.binary_search(id).is_err())
        .cloned()
        .collect()
}
