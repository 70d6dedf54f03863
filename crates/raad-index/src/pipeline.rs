//! The parallel half of a run: read, hash, parse and turn records into documents, in rayon,
//! and send them to the writer thread ([`crate::writer`]) as [`Batch`]es.

use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;

use raad_core::id::id_key;
use raad_core::parse::{self, ParseOptions, RecordFormat};
use raad_core::{RaadSchema, Source};
use rayon::prelude::*;
use tantivy::schema::{Field, IndexRecordOption, Term};
use tantivy::{DocSet, Searcher, TantivyDocument, TERMINATED};

use crate::manifest::{DoneEntry, Manifest};
use crate::report::Rejection;

/// Documents are sent in batches of at most this many, so that a large file does not wait in
/// memory for its last record before the writer can start on it.
const BATCH_RECORDS: usize = 256;

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
    pub manifest: &'a Manifest,
    /// The index as it was committed when the run started.
    pub searcher: &'a Searcher,
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
) -> Result<(), std::sync::mpsc::SendError<Batch>> {
    let key = file_key(path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            let rejection = Rejection {
                path: key,
                line: None,
                column: None,
                reason: format!("cannot read: {err}"),
            };
            return sender.send(Batch::Unreadable { rejection });
        }
    };
    let size = bytes.len() as u64;
    let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes));
    if let Some(entry) = context.manifest.unchanged(&key, &hash) {
        let entry = entry.clone();
        return sender.send(Batch::Unchanged { entry, bytes: size });
    }

    let parsed = parse::parse_bytes(path, &bytes, format, context.options);
    drop(bytes);
    let schema = context.schema;
    let source_term = Term::from_field_text(schema.source_path, &key);
    sender.send(Batch::Begin {
        path: key.clone(),
        had_records: contains(context.searcher, schema.source_path, &source_term),
    })?;
    let records = parsed.records.len() as u64;
    let mut docs = Vec::with_capacity(BATCH_RECORDS.min(parsed.records.len()));
    for mut record in parsed.records {
        // The stale-record rule deletes by this key, so every record carries exactly it.
        match &mut record.source {
            Some(source) => source.path.clone_from(&key),
            None => {
                record.source = Some(Source {
                    path: key.clone(),
                    line: 1,
                })
            }
        }
        let key_text = id_key(&record.id);
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
    let mut rejections: Vec<Rejection> = parsed
        .rejections
        .iter()
        .map(Rejection::from_parse_error)
        .collect();
    rejections.sort();
    let entry = DoneEntry {
        path: key,
        hash,
        records,
        rejections,
    };
    sender.send(Batch::End { entry, bytes: size })
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
