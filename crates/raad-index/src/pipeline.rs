//! The parallel half of a run: read, hash, parse and turn records into documents, in rayon,
//! and send them to the writer thread ([`crate::writer`]) as [`Batch`]es.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{SendError, SyncSender};
use std::sync::{Arc, Mutex};

use raad_core::parse::{self, ParseOptions, RecordFormat};
use raad_core::topics::{analyze_for_index, AnalyzedBody, TopicRules};
use raad_core::{ParseError, ParseErrorKind, RaadSchema, Source, TopicSource};
use raad_query::Snapshot;
use rayon::prelude::*;
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocSet, Searcher, TantivyDocument, TERMINATED};

use crate::file_ids::FileIds;
use crate::file_key::FileKey;
use crate::held::{self, Held, HeldRecord};
use crate::holders::{id_hash, FileId};
use crate::infer::TopicSettings;
use crate::manifest::{DoneEntry, FileState, Manifest};
use crate::report::{LargeRecord, Rejection};
use crate::spelling::{Spelling, Spellings};

/// Documents are sent in batches of at most this many, so that a large file does not wait in
/// memory for its last record before the writer can start on it.
pub(crate) const BATCH_RECORDS: usize = 256;

/// JSON Lines files larger than this are read and parsed in pieces (see [`prepare_large`]).
const LARGE_FILE: u64 = 32 << 20;

/// The size of those pieces.
const PIECE: usize = 8 << 20;

/// What the workers tell the writer thread, per file: `Docs`… then `End`; or one `Unchanged`
/// or one `Failed`.
pub(crate) enum Batch {
    /// Documents of a changed file, in file order.
    Docs {
        /// The file.
        file: FileId,
        /// The documents.
        docs: Vec<Prepared>,
    },
    /// The file's records are all sent.
    End {
        /// The file.
        file: FileId,
        /// What the manifest records once the records are committed (`ids`: the ids this read
        /// gave).
        entry: DoneEntry,
        /// The ids the index holds for the file from before this read.
        old_ids: Vec<String>,
        /// How the file writes each id of `entry.ids`, in that order.
        written: Vec<Spelling>,
        /// The table of `written`'s unusual spellings.
        spellings: Spellings,
        /// The file's size.
        bytes: u64,
    },
    /// The file has the content it had when it was last committed.
    Unchanged {
        /// The file.
        file: FileId,
        /// Its manifest entry (records, rejections).
        entry: DoneEntry,
        /// The file's size.
        bytes: u64,
    },
    /// Commit what was sent (the labelled records held records are decided with), then
    /// answer on the channel.
    Checkpoint(SyncSender<()>),
    /// The file could not be read, or gave no record and only rejections: the index keeps
    /// what it had from it.
    Failed {
        /// The file.
        file: FileId,
        /// Why.
        rejections: Vec<Rejection>,
        /// How many records the index holds from the file's last good read.
        kept: u64,
        /// The file's size (0 when it could not be read).
        bytes: u64,
    },
}

/// One record ready for the writer.
pub(crate) struct Prepared {
    /// The id key.
    pub id: String,
    /// [`id_hash`] of the id key: identifies the id within the run.
    pub id_hash: u128,
    /// Whether the index held this id when the run started.
    pub existed: bool,
    /// The document.
    pub doc: TantivyDocument,
}

/// One file to read.
pub(crate) struct Job {
    pub path: PathBuf,
    pub format: RecordFormat,
    pub file: FileId,
    pub key: FileKey,
    /// Read again for some of its ids only (their winning version): only these records are
    /// sent, and the file is read even when unchanged.
    pub only: Option<HashSet<String>>,
    /// The council settings of the file's folder (`raad.toml`): its parse options (council,
    /// party aliases) and their fingerprint; `None`: the run's options.
    pub council: Option<Arc<FileCouncil>>,
}

/// The parse options of the files under one `raad.toml`.
pub(crate) struct FileCouncil {
    /// The run's options with the folder's council and party aliases.
    pub options: ParseOptions,
    /// What the settings change in records, added to the file's hash: a changed `raad.toml`
    /// makes its files count as changed.
    pub fingerprint: u64,
}

impl Job {
    /// The options this file is parsed with.
    fn options<'a>(&'a self, context: &'a Context<'_>) -> &'a ParseOptions {
        self.council
            .as_ref()
            .map_or(context.options, |council| &council.options)
    }

    /// The hash the manifest keeps of a file with `content_hash`: with the folder settings'
    /// fingerprint when there are settings.
    fn hash(&self, content_hash: u128) -> String {
        match &self.council {
            None => format!("{content_hash:032x}"),
            Some(council) => format!("{content_hash:032x}-{:016x}", council.fingerprint),
        }
    }
}

/// How many records of a file came without a council and how many with one.
#[derive(Debug, Default, Clone)]
pub(crate) struct CouncilCounts {
    /// The file, as reports show it.
    pub path: String,
    /// Its records without a council.
    pub without: u64,
    /// Its records with one.
    pub with: u64,
}

/// What every worker reads.
pub(crate) struct Context<'a> {
    pub schema: &'a RaadSchema,
    pub options: &'a ParseOptions,
    /// Topics for records that come without (`None`: leave them without).
    pub rules: Option<&'a TopicRules>,
    /// What topic inference needs to know of the records sent.
    pub sent: &'a Mutex<SentTopics>,
    /// Records sent with more text than `raad_core::limits::LARGE_TEXT_BYTES`.
    pub large: &'a Mutex<Vec<LargeRecord>>,
    /// Per file read, its records with and without a council.
    pub councils: &'a Mutex<Vec<CouncilCounts>>,
    pub manifest: &'a Manifest,
    /// The index as it was committed when the run started; `None` in a rebuild, which
    /// starts from nothing.
    pub snapshot: Option<&'a Snapshot>,
    /// Set to stop reading.
    pub cancel: &'a AtomicBool,
    /// Records without topics held back until the labelled ones are committed.
    pub held: &'a Held,
    /// How records get topics (inference settings for the held records).
    pub topics: &'a TopicSettings,
    /// The index written, read once the labelled records are committed.
    pub index: &'a tantivy::Index,
}

/// Why the workers stopped before every file was read.
#[derive(Debug)]
pub(crate) enum Stopped {
    /// The writer thread hung up (it failed).
    WriterGone,
    /// The run was cancelled.
    Cancelled,
}

impl<T> From<SendError<T>> for Stopped {
    fn from(_: SendError<T>) -> Stopped {
        Stopped::WriterGone
    }
}

/// What the run sent, for topic inference: whether any record came with given topics, and the
/// id keys of those that did not (the only ones inference must look at when the labelled
/// records stay as they were).
#[derive(Debug, Default)]
pub(crate) struct SentTopics {
    /// Whether a record with given topics was sent.
    pub labelled: bool,
    /// The id keys of the records sent without given topics.
    pub unlabelled: Vec<String>,
}

/// Processes every file in parallel (on the current rayon pool) and sends the batches; stops
/// early when the writer hangs up or the run is cancelled.
pub(crate) fn produce(context: &Context<'_>, jobs: &[Job], sender: SyncSender<Batch>) {
    let read = jobs
        .par_iter()
        .try_for_each_with(sender.clone(), |sender, job| {
            prepare_file(context, job, sender)
        });
    if read.is_ok() {
        let _ = held::release(context, context.topics, &sender);
    }
}

impl Context<'_> {
    pub(crate) fn check_cancel(&self) -> Result<(), Stopped> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(Stopped::Cancelled)
        } else {
            Ok(())
        }
    }

    /// The ids the index holds for `key` from before this run: those of its last committed
    /// read, and, when a run was stopped while writing it (or the manifest does not know it),
    /// those of the documents that name it as their source.
    fn old_ids(&self, key: &FileKey) -> Vec<String> {
        let state = self.manifest.files.get(key);
        let mut ids: Vec<String> = state
            .and_then(FileState::entry)
            .map(|entry| entry.ids().to_vec())
            .unwrap_or_default();
        if !matches!(state, Some(FileState::Done(_))) {
            if let Some(snapshot) = self.snapshot {
                // Unreadable records keep their ids out: they then stay in the index, which
                // loses nothing.
                let records = snapshot.records_from_file(&key.display());
                ids.extend(
                    records
                        .unwrap_or_default()
                        .iter()
                        .map(raad_core::Record::key),
                );
            }
            ids.sort_unstable();
            ids.dedup();
        }
        ids
    }
}

/// Reads, hashes, parses and converts one file.
fn prepare_file(
    context: &Context<'_>,
    job: &Job,
    sender: &SyncSender<Batch>,
) -> Result<(), Stopped> {
    context.check_cancel()?;
    let path = job.path.as_path();
    let failed = |reason: String, bytes: u64| Batch::Failed {
        file: job.file,
        rejections: vec![Rejection {
            path: job.key.display(),
            line: None,
            column: None,
            reason,
        }],
        kept: context.old_ids(&job.key).len() as u64,
        bytes,
    };
    let limit = job.options(context).max_file_size;
    let large = job.format == RecordFormat::JsonLines
        && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > LARGE_FILE);
    if large {
        return match prepare_large(context, job, sender) {
            Ok(result) => result,
            Err(kind) => Ok(sender.send(failed(kind.to_string(), 0))?),
        };
    }
    let bytes = match parse::read_file(path, limit) {
        Ok(bytes) => bytes,
        Err(kind) => return Ok(sender.send(failed(kind.to_string(), 0))?),
    };
    let size = bytes.len() as u64;
    let hash = job.hash(xxhash_rust::xxh3::xxh3_128(&bytes));
    if job.only.is_none() {
        if let Some(entry) = context.manifest.unchanged(&job.key, &hash) {
            let entry = entry.clone();
            return Ok(sender.send(Batch::Unchanged {
                file: job.file,
                entry,
                bytes: size,
            })?);
        }
    }

    let parsed = parse::parse_bytes(path, &bytes, job.format, job.options(context));
    drop(bytes);
    let rejections: Vec<Rejection> = parsed
        .rejections
        .iter()
        .map(Rejection::from_parse_error)
        .collect();
    if parsed.records.is_empty() && !rejections.is_empty() {
        return Ok(sender.send(Batch::Failed {
            file: job.file,
            rejections,
            kept: context.old_ids(&job.key).len() as u64,
            bytes: size,
        })?);
    }
    let mut ids = FileIds::default();
    send_records(context, job, parsed.records, &mut ids, sender)?;
    end(context, job, hash, ids, rejections, size, sender)
}

/// [`prepare_file`] for a large JSON Lines file: hashed in a first pass, then parsed in pieces
/// of about [`PIECE`] bytes cut at line ends, so that memory does not grow with the file.
/// Only a failure to read (a file over the size limit, or one that changed or vanished under
/// us) is returned as `Err`.
fn prepare_large(
    context: &Context<'_>,
    job: &Job,
    sender: &SyncSender<Batch>,
) -> Result<Result<(), Stopped>, ParseErrorKind> {
    let path = job.path.as_path();
    let limit = job.options(context).max_file_size;
    let too_large = ParseErrorKind::TooLarge { limit };
    let read_error = |err: std::io::Error| ParseErrorKind::Read {
        message: err.to_string(),
    };
    // Both passes stop one byte past the limit: a file that grows while it is read cannot
    // take more than that.
    let open = || -> Result<_, ParseErrorKind> {
        let file = File::open(path).map_err(read_error)?;
        if file.metadata().map_err(read_error)?.len() > limit {
            return Err(too_large.clone());
        }
        Ok(BufReader::with_capacity(
            1 << 20,
            file.take(limit.saturating_add(1)),
        ))
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut size = 0u64;
    let mut reader = open()?;
    loop {
        let buffer = reader.fill_buf().map_err(read_error)?;
        if buffer.is_empty() {
            break;
        }
        hasher.update(buffer);
        let read = buffer.len();
        size += read as u64;
        reader.consume(read);
    }
    if size > limit {
        return Err(too_large);
    }
    let hash = job.hash(hasher.digest128());
    if job.only.is_none() {
        if let Some(entry) = context.manifest.unchanged(&job.key, &hash) {
            let entry = entry.clone();
            return Ok(sender
                .send(Batch::Unchanged {
                    file: job.file,
                    entry,
                    bytes: size,
                })
                .map_err(Stopped::from));
        }
    }

    let reader = open()?;
    let mut ids = FileIds::default();
    let mut stopped = None;
    let rejections =
        parse_in_pieces(
            path,
            reader,
            PIECE,
            job.options(context),
            |piece| match send_records(context, job, piece, &mut ids, sender) {
                Ok(()) => true,
                Err(err) => {
                    stopped = Some(err);
                    false
                }
            },
        )
        .map_err(read_error)?;
    if let Some(stopped) = stopped {
        return Ok(Err(stopped));
    }
    if ids.is_empty() && !rejections.is_empty() {
        return Ok(sender
            .send(Batch::Failed {
                file: job.file,
                rejections,
                kept: context.old_ids(&job.key).len() as u64,
                bytes: size,
            })
            .map_err(Stopped::from));
    }
    Ok(end(context, job, hash, ids, rejections, size, sender))
}

/// Parses JSON Lines from `reader` in pieces of about `piece_bytes` bytes cut at line ends,
/// giving each piece's records to `on_records` (which returns false to stop), with the lines
/// that records and rejections name counted from the start of the file.
fn parse_in_pieces(
    path: &Path,
    mut reader: impl BufRead,
    piece_bytes: usize,
    options: &ParseOptions,
    mut on_records: impl FnMut(Vec<raad_core::Record>) -> bool,
) -> std::io::Result<Vec<Rejection>> {
    let mut rejections = Vec::new();
    let mut lines_before = 0u32;
    let mut any_content = false;
    let mut piece = Vec::with_capacity(piece_bytes + 4096);
    loop {
        piece.clear();
        while piece.len() < piece_bytes {
            if reader.read_until(b'\n', &mut piece)? == 0 {
                break;
            }
        }
        if piece.is_empty() {
            break;
        }
        let lines = piece.iter().filter(|&&b| b == b'\n').count() as u32;
        let parsed = parse::parse_bytes(path, &piece, RecordFormat::JsonLines, options);
        let mut stop = false;
        for mut error in parsed.rejections {
            match (error.line, &error.kind) {
                (Some(line), _) => {
                    error.line = Some(line + lines_before);
                    rejections.push(Rejection::from_parse_error(&error));
                }
                // A piece of blank lines: only the whole file being blank is worth saying.
                (None, ParseErrorKind::Empty) => {}
                // Anything else about the piece as a whole (binary content) is about the file.
                (None, _) => {
                    rejections.push(Rejection::from_parse_error(&error));
                    stop = true;
                }
            }
        }
        if stop {
            break;
        }
        any_content |= !piece.iter().all(u8::is_ascii_whitespace);
        let mut records = parsed.records;
        for record in &mut records {
            if let Some(source) = &mut record.source {
                source.line += lines_before;
            }
        }
        if !records.is_empty() && !on_records(records) {
            break;
        }
        lines_before += lines;
    }
    if !any_content && rejections.is_empty() {
        rejections.push(Rejection::from_parse_error(&ParseError::file(
            path,
            ParseErrorKind::Empty,
        )));
    }
    Ok(rejections)
}

/// Turns records into documents and sends them in batches; the ids of the records go to
/// `ids`.
fn send_records(
    context: &Context<'_>,
    job: &Job,
    records: Vec<raad_core::Record>,
    ids: &mut FileIds,
    sender: &SyncSender<Batch>,
) -> Result<(), Stopped> {
    let schema = context.schema;
    let key = job.key.display();
    let mut docs = Vec::with_capacity(BATCH_RECORDS.min(records.len()));
    let mut labelled = false;
    let mut unlabelled = Vec::new();
    let mut held = Vec::new();
    let mut counts = CouncilCounts {
        path: key.clone(),
        ..CouncilCounts::default()
    };
    for record in &records {
        match record.council {
            Some(_) => counts.with += 1,
            None => counts.without += 1,
        }
    }
    // A poisoned lock only means another worker panicked; its data is still whole.
    context
        .councils
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(counts);
    for mut record in records {
        let key_text = record.key();
        // Every parser gives the line a record starts on; a record without one is the file.
        let line = record.source.as_ref().map_or(1, |source| source.line);
        if job
            .only
            .as_ref()
            .is_some_and(|only| !only.contains(&key_text))
        {
            ids.push(key_text, line, record.qualified_id());
            continue;
        }
        // Records name their file as the manifest shows it (escaped when not UTF-8).
        match &mut record.source {
            Some(source) => key.clone_into(&mut source.path),
            None => {
                record.source = Some(Source {
                    path: key.clone(),
                    line: 1,
                })
            }
        }
        let text_bytes = raad_core::limits::text_bytes(&record);
        if text_bytes > raad_core::limits::LARGE_TEXT_BYTES {
            let large = LargeRecord {
                path: key.clone(),
                line: record.source.as_ref().map_or(1, |source| source.line),
                id: record.id.clone(),
                text_bytes: text_bytes as u64,
            };
            // A poisoned lock only means another worker panicked; its data is still whole.
            context
                .large
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(large);
        }
        // A record without topics is analyzed here, once: for the rules, for inference's
        // terms while records are held, and for the index, which takes the tokens as they are.
        // A record with topics needs none of that, and the index analyzes it.
        let wants_terms = record.topics.is_empty() && context.held.wants_terms();
        let AnalyzedBody { body, terms } =
            if record.topics.is_empty() && (context.rules.is_some() || wants_terms) {
                analyze_for_index(&mut record, context.rules, wants_terms)
            } else {
                AnalyzedBody::default()
            };
        let given = record.topic_source == Some(TopicSource::Given);
        if given {
            labelled = true;
            context.held.saw_labelled();
        }
        let existed = context.snapshot.is_some_and(|snapshot| {
            contains(
                snapshot.searcher(),
                schema.id,
                &Term::from_field_text(schema.id, &key_text),
            )
        });
        // How the file writes the id, with its council: what duplicate reports show.
        let written = match &record.council {
            Some(council) => format!("{council}/{}", record.id),
            None => record.id.clone(),
        };
        ids.push(key_text.clone(), line, written);
        let (record, body) = match terms {
            Some(terms) => {
                let candidate = HeldRecord {
                    record,
                    terms,
                    body,
                    id_hash: id_hash(&key_text),
                    id: key_text.clone(),
                    existed,
                };
                match context.held.hold(candidate, &mut held) {
                    None => continue,
                    Some(back) => (back.record, back.body),
                }
            }
            None => (record, body),
        };
        if !given {
            unlabelled.push(key_text.clone());
        }
        let doc = schema.document_analyzed(&record, body.as_ref());
        docs.push(Prepared {
            id_hash: id_hash(&key_text),
            id: key_text,
            existed,
            doc,
        });
        if docs.len() == BATCH_RECORDS {
            context.check_cancel()?;
            let full = std::mem::replace(&mut docs, Vec::with_capacity(BATCH_RECORDS));
            sender.send(Batch::Docs {
                file: job.file,
                docs: full,
            })?;
        }
    }
    if !docs.is_empty() {
        context.check_cancel()?;
        sender.send(Batch::Docs {
            file: job.file,
            docs,
        })?;
    }
    // A poisoned lock only means another worker panicked; its data is still whole.
    let mut sent = context
        .sent
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    sent.labelled |= labelled;
    sent.unlabelled.append(&mut unlabelled);
    drop(sent);
    context.held.add(job.file, held);
    Ok(())
}

/// Says that a changed file's records are all sent.
fn end(
    context: &Context<'_>,
    job: &Job,
    hash: String,
    ids: FileIds,
    mut rejections: Vec<Rejection>,
    bytes: u64,
    sender: &SyncSender<Batch>,
) -> Result<(), Stopped> {
    context.check_cancel()?;
    rejections.sort();
    let records = ids.len() as u64;
    let read = ids.finish(&job.key.display());
    let mut entry = DoneEntry::new(&job.key, hash, records);
    entry.rejections = rejections;
    entry.ids = Some(read.keys);
    entry.repeats = read.repeats;
    let end = Batch::End {
        file: job.file,
        entry,
        old_ids: context.old_ids(&job.key),
        written: read.written,
        spellings: read.spellings,
        bytes,
    };
    if let Some(end) = context.held.hold_end(job.file, end) {
        sender.send(end)?;
    }
    Ok(())
}

/// Whether a live (not deleted) document of the searcher's snapshot holds `term` in `field`.
/// On a read error it answers yes: the writer then deletes by the term, which is harmless when
/// nothing matches, whereas a wrong no could leave two documents with one id.
pub(crate) fn contains(searcher: &Searcher, field: Field, term: &Term) -> bool {
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            return true;
        };
        let postings = match inverted.read_postings(term, IndexRecordOption::Basic) {
            Ok(Some(postings)) => postings,
            Ok(None) => continue,
            Err(_) => return true,
        };
        let mut postings = postings;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if segment
                .alive_bitset()
                .is_none_or(|alive| alive.is_alive(doc))
            {
                return true;
            }
            doc = postings.advance();
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole_and_pieces(
        text: &[u8],
        piece_bytes: usize,
    ) -> [(Vec<raad_core::Record>, Vec<Rejection>); 2] {
        let path = Path::new("big.jsonl");
        let options = ParseOptions::default();
        let whole = parse::parse_bytes(path, text, RecordFormat::JsonLines, &options);
        let mut whole_rejections: Vec<Rejection> = whole
            .rejections
            .iter()
            .map(Rejection::from_parse_error)
            .collect();
        whole_rejections.sort();
        let mut records = Vec::new();
        let mut rejections = parse_in_pieces(path, text, piece_bytes, &options, |piece| {
            records.extend(piece);
            true
        })
        .unwrap();
        rejections.sort();
        [(whole.records, whole_rejections), (records, rejections)]
    }

    #[test]
    fn pieces_give_what_the_whole_file_gives() {
        let mut text = b"\xEF\xBB\xBF".to_vec();
        for i in 0..40 {
            match i % 7 {
                3 => text.extend_from_slice(b"\r\n"),
                5 => text.extend_from_slice(b"{\"id\": \"kapot\", \n"),
                _ => text.extend_from_slice(
                    format!("{{\"id\": \"2017_SV_{i:05}\", \"title\": \"Titel {i}\"}}\r\n")
                        .as_bytes(),
                ),
            }
        }
        text.extend_from_slice(b"{\"id\": \"laatste\"}");
        for piece_bytes in [1, 64, 300, 1 << 20] {
            let [whole, pieces] = whole_and_pieces(&text, piece_bytes);
            assert_eq!((whole.0.len(), whole.1.len()), (30, 5));
            assert_eq!(pieces.0, whole.0, "pieces of {piece_bytes}");
            assert_eq!(pieces.1, whole.1, "pieces of {piece_bytes}");
        }
    }

    #[test]
    fn a_blank_file_in_pieces_is_one_rejection() {
        let [whole, pieces] = whole_and_pieces(b"\n\n   \n\n", 2);
        assert!(whole.0.is_empty() && pieces.0.is_empty());
        assert_eq!(pieces.1, whole.1);
        assert_eq!(pieces.1.len(), 1);
    }
}
