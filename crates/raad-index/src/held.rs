//! Records without topics held back while a run reads its files, so that each is written
//! once, with its inferred topic, instead of written with topics by rules and rewritten after
//! inference (which cost as much again as indexing those records).
//!
//! Once a labelled record has been read (or from the start, when the index already holds
//! labelled records), the parser threads keep each record without given topics, with the
//! [`TopicTerms`] the rules' analysis gave, and its file's end (the manifest's `done` line
//! must not come before its records). When every file is read, the writer commits what it
//! has ([`Batch::Checkpoint`]: every labelled record of the run is then in the index),
//! [`TopicModel::load`] reads the labelled records, and the held records go to the writer with
//! their topics decided, followed by their files' ends.
//!
//! A run stopped before that loses nothing: the files of held records are not `done`, so the
//! next run reads them again. Past [`HELD_BYTES`] records are no longer held: they are written
//! with topics by rules and decided after the run's last commit, as in a rebuild (which
//! commits only once and so cannot hold anything back).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Mutex;
use std::time::Instant;

use raad_core::analysis::PreAnalyzed;
use raad_core::topics::TopicTerms;
use raad_core::Record;
use raad_query::Snapshot;
use rayon::prelude::*;

use crate::holders::FileId;
use crate::infer::{TopicModel, TopicSettings};
use crate::pipeline::{Batch, Context, Prepared, Stopped, BATCH_RECORDS};

/// The most record text (and terms) held back at once: 256 MiB. Beyond it records are
/// written at once and decided after the run (slower, same topics).
pub(crate) const HELD_BYTES: usize = 256 << 20;

/// Records decided one after the other with one scratch space.
pub(crate) const DECIDE_CHUNK: usize = 1024;

/// One held record.
pub(crate) struct HeldRecord {
    pub record: Record,
    pub terms: TopicTerms,
    /// The body's tokens from the same analysis, so that the index need not analyze it again.
    pub body: Option<PreAnalyzed>,
    pub id: String,
    pub id_hash: u128,
    pub existed: bool,
}

impl HeldRecord {
    fn bytes(&self) -> usize {
        raad_core::limits::text_bytes(&self.record)
            + self.terms.memory_bytes()
            + self.body.as_ref().map_or(0, PreAnalyzed::memory_bytes)
    }
}

/// What the parser threads hold back in one run pass.
pub(crate) struct Held {
    /// Whether records are held at all (inference on, not a rebuild).
    enabled: bool,
    /// Whether a labelled record has been seen (or the index holds some).
    active: AtomicBool,
    bytes: AtomicUsize,
    records: Mutex<HashMap<FileId, Vec<HeldRecord>>>,
    ends: Mutex<Vec<(FileId, Batch)>>,
    /// What [`release`] did, over every pass of the run.
    released: Mutex<Released>,
}

/// What [`release`] did.
#[derive(Debug, Default)]
pub(crate) struct Released {
    /// Id keys of the records decided with the labelled records committed.
    pub decided: Vec<String>,
    /// How many labelled records voted (`None`: nothing was held).
    pub labelled: Option<u64>,
    /// Id keys of held records sent undecided (the labelled records could not be read):
    /// inference after the run decides them.
    pub undecided: Vec<String>,
    pub seconds: f64,
}

impl Held {
    /// Holds records back when `enabled`, from the start when `labelled_in_index`.
    pub fn new(enabled: bool, labelled_in_index: bool) -> Held {
        Held {
            enabled,
            active: AtomicBool::new(labelled_in_index),
            bytes: AtomicUsize::new(0),
            records: Mutex::new(HashMap::new()),
            ends: Mutex::new(Vec::new()),
            released: Mutex::new(Released::default()),
        }
    }

    /// What was released over the run.
    pub fn released(self) -> Released {
        self.released
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Whether records without topics should bring their terms: only while records are held
    /// (no labelled record yet: the rules alone, without counting terms nobody reads).
    pub fn wants_terms(&self) -> bool {
        self.enabled && self.active.load(Ordering::Relaxed)
    }

    /// A labelled record was read.
    pub fn saw_labelled(&self) {
        if self.enabled {
            self.active.store(true, Ordering::Relaxed);
        }
    }

    /// Holds `record` (brought while [`Held::wants_terms`]) if there is room; else gives it
    /// back.
    pub fn hold(&self, record: HeldRecord, held: &mut Vec<HeldRecord>) -> Option<HeldRecord> {
        let bytes = record.bytes();
        if self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes > HELD_BYTES {
            self.bytes.fetch_sub(bytes, Ordering::Relaxed);
            return Some(record);
        }
        held.push(record);
        None
    }

    /// Adds records held from `file` (one piece of it).
    pub fn add(&self, file: FileId, mut records: Vec<HeldRecord>) {
        if records.is_empty() {
            return;
        }
        // A poisoned lock only means another worker panicked; its data is still whole.
        let mut map = self.records.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(file).or_default().append(&mut records);
    }

    /// The file's end, kept back when records of it are held; else given back to be sent.
    pub fn hold_end(&self, file: FileId, end: Batch) -> Option<Batch> {
        let holds = self
            .records
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains_key(&file);
        if !holds {
            return Some(end);
        }
        self.ends
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((file, end));
        None
    }
}

/// After every file of a pass is read: has the writer commit, reads the labelled records,
/// decides the held records' topics and sends them with their files' ends.
pub(crate) fn release(
    context: &Context<'_>,
    settings: &TopicSettings,
    sender: &SyncSender<Batch>,
) -> Result<(), Stopped> {
    let held = context.held;
    let mut records = std::mem::take(&mut *held.records.lock().unwrap_or_else(|p| p.into_inner()));
    let mut ends = std::mem::take(&mut *held.ends.lock().unwrap_or_else(|p| p.into_inner()));
    held.bytes.store(0, Ordering::Relaxed);
    if records.is_empty() {
        return Ok(());
    }
    let mut released = Released::default();
    context.check_cancel()?;
    let (done, committed) = sync_channel(1);
    sender.send(Batch::Checkpoint(done))?;
    committed.recv().map_err(|_| Stopped::WriterGone)?;
    context.check_cancel()?;

    // Inference's own time: reading the labelled records and deciding, not the commit before
    // nor the writing after (which the records would cost anyway).
    let started = Instant::now();
    let model = Snapshot::of(context.index)
        .and_then(|snapshot| TopicModel::load(&snapshot))
        .ok()
        .flatten();
    released.labelled = model.as_ref().map(TopicModel::labelled);
    let mut seconds = started.elapsed().as_secs_f64();
    // Files in the order of their ids, records in file order: the writer sees the same
    // sequence on every run.
    ends.sort_by_key(|(file, _)| *file);
    let mut files: Vec<(FileId, Batch, Vec<HeldRecord>)> = Vec::with_capacity(ends.len());
    for (file, end) in ends {
        let mut file_records = records.remove(&file).unwrap_or_default();
        // Within a file the later record of an id wins: a held record that a later one of
        // its file (already sent) replaces is dropped, and held ones go in file order.
        if let Batch::End { entry, .. } = &end {
            let last: HashMap<&str, u32> = entry
                .repeats
                .iter()
                .filter_map(|r| Some((r.id.as_str(), *r.lines.last()?)))
                .collect();
            file_records.retain(|held| match last.get(held.id.as_str()) {
                Some(&line) => held.record.source.as_ref().is_some_and(|s| s.line == line),
                None => true,
            });
        }
        file_records.sort_by_key(|held| held.record.source.as_ref().map_or(0, |s| s.line));
        files.push((file, end, file_records));
    }
    let deciding = Instant::now();
    if let Some(model) = &model {
        // Every held record at once, whatever file it came from (an opschrift file holds one
        // record), with one scratch space per chunk: it is as large as the labelled records
        // are many.
        let mut all: Vec<&mut HeldRecord> = files
            .iter_mut()
            .flat_map(|(_, _, file_records)| file_records.iter_mut())
            .collect();
        all.par_chunks_mut(DECIDE_CHUNK).for_each(|chunk| {
            let mut scratch = model.scratch();
            for held in chunk {
                model.decide_held(&mut held.record, &held.terms, settings, &mut scratch);
            }
        });
    }
    seconds += deciding.elapsed().as_secs_f64();
    for (file, end, file_records) in files {
        let ids = file_records.iter().map(|held| held.id.clone());
        if model.is_some() {
            released.decided.extend(ids);
        } else {
            released.undecided.extend(ids);
        }
        // Documents are built a batch at a time, as the writer takes them.
        let mut file_records = file_records.into_iter().peekable();
        while file_records.peek().is_some() {
            context.check_cancel()?;
            let chunk: Vec<HeldRecord> = file_records.by_ref().take(BATCH_RECORDS).collect();
            let docs: Vec<Prepared> = chunk
                .into_par_iter()
                .map(|held| Prepared {
                    doc: context
                        .schema
                        .document_analyzed(&held.record, held.body.as_ref()),
                    id: held.id,
                    id_hash: held.id_hash,
                    existed: held.existed,
                })
                .collect();
            sender.send(Batch::Docs { file, docs })?;
        }
        sender.send(end)?;
    }
    released.seconds = seconds;
    let mut total = held.released.lock().unwrap_or_else(|p| p.into_inner());
    total.decided.append(&mut released.decided);
    total.undecided.append(&mut released.undecided);
    total.labelled = released.labelled.or(total.labelled);
    total.seconds += released.seconds;
    Ok(())
}
