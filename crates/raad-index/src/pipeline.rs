//! The parallel half of a run: read, hash, parse and turn records into documents, in rayon,
//! and send them to the writer thread ([`crate::writer`]) as [`Batch`]es.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SendError, SyncSender};
use std::sync::Mutex;

use raad_core::id::id_key;
use raad_core::parse::{self, ParseOptions, RecordFormat};
use raad_core::topics::TopicRules;
use raad_core::{ParseError, ParseErrorKind, RaadSchema, Source, TopicSource};
use rayon::prelude::*;
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocSet, Searcher, TantivyDocument, TERMINATED};

use crate::manifest::{DoneEntry, Manifest};
use crate::report::Rejection;

/// Documents are sent in batches of at most this many, so that a large file does not wait in
/// memory for its last record before the writer can start on it.
const BATCH_RECORDS: usize = 256;

/// JSON Lines files larger than this are read and parsed in pieces (see [`prepare_large`]).
const LARGE_FILE: u64 = 32 << 20;

/// The size of those pieces.
const PIECE: usize = 8 << 20;

/// What the workers tell the writer thread, per file in this order: `Begin`, `Docs`…, `End`;
/// or one `Unchanged` or one `Unreadable`.
pub(crate) enum Batch {
    /// The file changed: its records follow.
    Begin {
        /// The file's key (its path as given).
        path: String,
        /// Whether the index held records from this file when the run started.
        had_records: bool,
    },
    /// Documents of the file with this position in the input order.
    Docs {
        /// The file's position in the input order: among equal ids, the later file wins.
        file: u32,
        /// The documents, in file order.
        docs: Vec<Prepared>,
    },
    /// The file's records are all sent.
    End {
        /// What the manifest records once the records are committed.
        entry: DoneEntry,
        /// The file's size.
        bytes: u64,
    },
    /// The file has the content it had when it was last committed.
    Unchanged {
        /// Its manifest entry (records, rejections).
        entry: DoneEntry,
        /// The file's size.
        bytes: u64,
    },
    /// The file could not be read; the index keeps what it had from it.
    Unreadable {
        /// Why.
        rejection: Rejection,
    },
}

/// One record ready for the writer.
pub(crate) struct Prepared {
    /// xxh3-128 of the id key: identifies the id within the run.
    pub id_hash: u128,
    /// The term of the id key in the `id` field.
    pub id_term: Term,
    /// Whether the index held this id when the run started.
    pub existed: bool,
    /// The document.
    pub doc: TantivyDocument,
}

/// What every worker reads.
pub(crate) struct Context<'a> {
    pub schema: &'a RaadSchema,
    pub options: &'a ParseOptions,
    /// Topics for records that come without (`None`: leave them without).
    pub rules: Option<&'a TopicRules>,
    /// What topic inference needs to know of the records sent.
    pub sent: &'a Mutex<SentTopics>,
    pub manifest: &'a Manifest,
    /// The index as it was committed when the run started.
    pub searcher: &'a Searcher,
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

/// The key under which a file is known in the manifest and in the `source_path` field.
pub(crate) fn file_key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Processes every file in parallel (on the current rayon pool) and sends the batches; stops
/// early when the writer hangs up.
pub(crate) fn produce(
    context: &Context<'_>,
    files: &[(PathBuf, RecordFormat)],
    sender: SyncSender<Batch>,
) {
    let _ = files.par_iter().enumerate().try_for_each_with(
        sender,
        |sender, (index, (path, format))| {
            let file = u32::try_from(index).unwrap_or(u32::MAX);
            prepare_file(context, file, path, *format, sender)
        },
    );
}

/// Reads, hashes, parses and converts one file.
fn prepare_file(
    context: &Context<'_>,
    file: u32,
    path: &Path,
    format: RecordFormat,
    sender: &SyncSender<Batch>,
) -> Result<(), SendError<Batch>> {
    let key = file_key(path);
    let unreadable = |err: std::io::Error| Batch::Unreadable {
        rejection: Rejection {
            path: key.clone(),
            line: None,
            column: None,
            reason: format!("cannot read: {err}"),
        },
    };
    let large = format == RecordFormat::JsonLines
        && std::fs::metadata(path).is_ok_and(|m| m.len() > LARGE_FILE);
    if large {
        return match prepare_large(context, file, path, &key, sender) {
            Ok(result) => result,
            Err(err) => sender.send(unreadable(err)),
        };
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => return sender.send(unreadable(err)),
    };
    let size = bytes.len() as u64;
    let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes));
    if let Some(entry) = context.manifest.unchanged(&key, &hash) {
        let entry = entry.clone();
        return sender.send(Batch::Unchanged { entry, bytes: size });
    }

    let parsed = parse::parse_bytes(path, &bytes, format, context.options);
    drop(bytes);
    begin(context, &key, sender)?;
    let records = parsed.records.len() as u64;
    send_records(context, file, &key, parsed.records, sender)?;
    let rejections = parsed
        .rejections
        .iter()
        .map(Rejection::from_parse_error)
        .collect();
    end(key, hash, records, rejections, size, sender)
}

/// [`prepare_file`] for a large JSON Lines file: hashed in a first pass, then parsed in pieces
/// of about [`PIECE`] bytes cut at line ends, so that memory does not grow with the file.
/// Only an I/O error (the file changed or vanished under us) is returned as `Err`.
fn prepare_large(
    context: &Context<'_>,
    file: u32,
    path: &Path,
    key: &str,
    sender: &SyncSender<Batch>,
) -> std::io::Result<Result<(), SendError<Batch>>> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut size = 0u64;
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            break;
        }
        hasher.update(buffer);
        let read = buffer.len();
        size += read as u64;
        reader.consume(read);
    }
    let hash = format!("{:032x}", hasher.digest128());
    if let Some(entry) = context.manifest.unchanged(key, &hash) {
        let entry = entry.clone();
        return Ok(sender.send(Batch::Unchanged { entry, bytes: size }));
    }

    if let Err(err) = begin(context, key, sender) {
        return Ok(Err(err));
    }
    let reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut records = 0u64;
    let mut send_error = None;
    let rejections = parse_in_pieces(path, reader, PIECE, context.options, |piece| {
        records += piece.len() as u64;
        match send_records(context, file, key, piece, sender) {
            Ok(()) => true,
            Err(err) => {
                send_error = Some(err);
                false
            }
        }
    })?;
    if let Some(err) = send_error {
        return Ok(Err(err));
    }
    Ok(end(
        key.to_string(),
        hash,
        records,
        rejections,
        size,
        sender,
    ))
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

/// Announces that a changed file's records follow.
fn begin(
    context: &Context<'_>,
    key: &str,
    sender: &SyncSender<Batch>,
) -> Result<(), SendError<Batch>> {
    let source_term = Term::from_field_text(context.schema.source_path, key);
    sender.send(Batch::Begin {
        path: key.to_string(),
        had_records: contains(context.searcher, context.schema.source_path, &source_term),
    })
}

/// Turns records into documents and sends them in batches.
fn send_records(
    context: &Context<'_>,
    file: u32,
    key: &str,
    records: Vec<raad_core::Record>,
    sender: &SyncSender<Batch>,
) -> Result<(), SendError<Batch>> {
    let schema = context.schema;
    let mut docs = Vec::with_capacity(BATCH_RECORDS.min(records.len()));
    let mut labelled = false;
    let mut unlabelled = Vec::new();
    for mut record in records {
        // The stale-record rule deletes by this key, so every record carries exactly it.
        match &mut record.source {
            Some(source) => key.clone_into(&mut source.path),
            None => {
                record.source = Some(Source {
                    path: key.to_string(),
                    line: 1,
                })
            }
        }
        if let Some(rules) = context.rules {
            rules.apply(&mut record);
        }
        let key_text = id_key(&record.id);
        if record.topic_source == Some(TopicSource::Given) {
            labelled = true;
        } else {
            unlabelled.push(key_text.clone());
        }
        let id_term = Term::from_field_text(schema.id, &key_text);
        docs.push(Prepared {
            id_hash: xxhash_rust::xxh3::xxh3_128(key_text.as_bytes()),
            existed: contains(context.searcher, schema.id, &id_term),
            id_term,
            doc: schema.document(&record),
        });
        if docs.len() == BATCH_RECORDS {
            let full = std::mem::replace(&mut docs, Vec::with_capacity(BATCH_RECORDS));
            sender.send(Batch::Docs { file, docs: full })?;
        }
    }
    if !docs.is_empty() {
        sender.send(Batch::Docs { file, docs })?;
    }
    // A poisoned lock only means another worker panicked; its data is still whole.
    let mut sent = context
        .sent
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    sent.labelled |= labelled;
    sent.unlabelled.append(&mut unlabelled);
    Ok(())
}

/// Says that a changed file's records are all sent.
fn end(
    path: String,
    hash: String,
    records: u64,
    mut rejections: Vec<Rejection>,
    bytes: u64,
    sender: &SyncSender<Batch>,
) -> Result<(), SendError<Batch>> {
    rejections.sort();
    let entry = DoneEntry {
        path,
        hash,
        records,
        rejections,
    };
    sender.send(Batch::End { entry, bytes })
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
