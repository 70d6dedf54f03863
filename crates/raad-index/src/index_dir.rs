//! The index directory: creating it, opening it for writing (the read side's version and
//! schema check, then the lock), and wiping it for a rebuild.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use raad_core::analysis::register_analyzers;
use raad_core::index_meta::{IndexMeta, META_FILE};
use raad_core::RaadSchema;
use raad_query::{open_index, QueryError, WATCHES_FILE, WATCHES_LOCK};
use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::indexer::IndexWriterOptions;
use tantivy::{Index, IndexWriter};

use crate::error::{IndexError, Result};
use crate::manifest::{self, MANIFEST_FILE};
use crate::progress::Progress;

/// tantivy's file that says a directory holds an index.
const TANTIVY_META: &str = "meta.json";

/// Files that raad and tantivy write while they create an index, before tantivy's meta.json
/// exists: a folder holding only these is an interrupted creation, not someone's folder.
/// (raad.json's temporary files too: [`IndexMeta::is_temporary`].)
/// (The watches file is kept through a rebuild, so it is one too.)
const CREATION_LEFTOVERS: [&str; 9] = [
    META_FILE,
    MANIFEST_FILE,
    "raad-files.jsonl.tmp",
    "raad-files.jsonl.new",
    ".managed.json",
    ".tantivy-writer.lock",
    ".tantivy-meta.lock",
    WATCHES_FILE,
    WATCHES_LOCK,
];

/// How long to wait for the write lock, and whom to tell.
pub(crate) struct LockWait<'a> {
    pub wait: Duration,
    pub progress: &'a dyn Progress,
}

impl LockWait<'_> {
    /// Runs `attempt` until it does not fail with [`IndexError::Locked`] or the wait is over,
    /// telling the progress once that it waits.
    pub(crate) fn retry<T>(&self, mut attempt: impl FnMut() -> Result<T>) -> Result<T> {
        let deadline = Instant::now() + self.wait;
        let mut told = false;
        loop {
            match attempt() {
                Err(IndexError::Locked { .. }) if Instant::now() < deadline => {
                    if !told {
                        self.progress.waiting_for_lock(self.wait);
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                other => return other,
            }
        }
    }
}

/// What a directory holds.
enum Contents {
    /// Missing or empty, or only the leftovers of an interrupted creation: create an index.
    Nothing,
    /// A raad index.
    Index,
}

fn classify(dir: &Path) -> Result<Contents> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Contents::Nothing),
        Err(err) => return Err(IndexError::io(dir, err)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|err| IndexError::io(dir, err))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    let has = |name: &str| names.iter().any(|n| n == name);
    let only_leftovers = names
        .iter()
        .all(|name| CREATION_LEFTOVERS.contains(&name.as_str()) || IndexMeta::is_temporary(name));
    match (has(META_FILE), has(TANTIVY_META)) {
        (true, true) => Ok(Contents::Index),
        // raad.json is written first: without tantivy's meta.json, it is an interrupted
        // creation (or rebuild); and so is a folder of nothing but raad's own leftovers
        // (a kill while raad.json was being written leaves its temporary file alone).
        (true, false) => Ok(Contents::Nothing),
        (false, _) if only_leftovers => Ok(Contents::Nothing),
        (false, _) => Err(IndexError::NotAnIndex {
            path: dir.to_path_buf(),
        }),
    }
}

/// Whether `dir` holds a tantivy index with raad's fields.
fn has_raad_fields(dir: &Path) -> bool {
    Index::open_in_dir(dir)
        .ok()
        .is_some_and(|index| RaadSchema::from_schema(&index.schema()).is_ok())
}

/// An index open for writing.
pub(crate) struct WritableIndex {
    pub index: Index,
    pub schema: RaadSchema,
    pub writer: IndexWriter,
    /// A rebuild over the existing index: its documents are deleted in the writer (not yet
    /// committed), so searches see them until the rebuilt index is committed.
    pub rebuilding: bool,
}

/// Opens the index in `dir` for writing, creating it when there is none. With `rebuild`, an
/// existing index of this schema is emptied in the writer only, so that its last commit
/// stays what searches see until the rebuild commits; one of another schema, or a damaged
/// one, is deleted first (this raad cannot read it anyway).
pub(crate) fn open_for_writing(
    dir: &Path,
    rebuild: bool,
    options: IndexWriterOptions,
    lock: &LockWait<'_>,
) -> Result<WritableIndex> {
    let mut contents = match classify(dir) {
        // An index of raad's fields whose raad.json was lost: `raad check` says to rebuild it,
        // so a rebuild takes it as raad's (a folder of other files stays refused).
        Err(IndexError::NotAnIndex { .. }) if rebuild && has_raad_fields(dir) => Contents::Index,
        other => other?,
    };
    let mut rebuilding = false;
    if matches!(contents, Contents::Index) && rebuild {
        // A damaged index cannot be kept for searches until the rebuild commits: the writer
        // itself cannot open a segment whose file is missing or cut short, so it goes first.
        rebuilding = Index::open_in_dir(dir)
            .ok()
            .is_some_and(|index| RaadSchema::from_schema(&index.schema()).is_ok())
            && !matches!(open_index(dir), Err(QueryError::IndexDamaged { .. }));
        if !rebuilding {
            lock.retry(|| wipe(dir))?;
            contents = Contents::Nothing;
        }
    }
    let (index, schema) = match contents {
        Contents::Nothing => {
            let schema = RaadSchema::new();
            let index = create(dir, &schema)?;
            register_analyzers(index.tokenizers());
            (index, schema)
        }
        // Checked as every reader checks it: an index this raad cannot read, it cannot extend.
        Contents::Index => {
            if rebuilding {
                // Its analyzer version may differ: it is rebuilt, not read.
                let index = Index::open_in_dir(dir).map_err(|err| IndexError::tantivy(dir, err))?;
                let schema = RaadSchema::from_schema(&index.schema()).map_err(|err| {
                    IndexError::Damaged {
                        path: dir.to_path_buf(),
                        message: err.to_string(),
                    }
                })?;
                register_analyzers(index.tokenizers());
                (index, schema)
            } else {
                let opened = open_index(dir).map_err(|err| IndexError::read(dir, err))?;
                (opened.index, opened.schema)
            }
        }
    };
    let writer = lock.retry(|| {
        index
            .writer_with_options(options.clone())
            .map_err(|err| IndexError::tantivy(dir, err))
    })?;
    if rebuilding {
        writer
            .delete_all_documents()
            .map_err(|err| IndexError::tantivy(dir, err))?;
    }
    Ok(WritableIndex {
        index,
        schema,
        writer,
        rebuilding,
    })
}

/// Deletes the files of the index in `dir` that its last commit does not use (what a failed
/// run wrote). Best effort: it runs after a failure, whose error is the one to report.
pub(crate) fn collect_garbage(dir: &Path) {
    let Ok(index) = Index::open_in_dir(dir) else {
        return;
    };
    let options = IndexWriterOptions::builder().num_worker_threads(1).build();
    if let Ok(writer) = index.writer_with_options::<tantivy::TantivyDocument>(options) {
        let _ = writer.garbage_collect_files().wait();
    }
}

/// Creates an empty index with `schema` in `dir`. raad.json goes first, so that a directory holding only it
/// is recognised as an interrupted creation rather than as a foreign index.
fn create(dir: &Path, schema: &RaadSchema) -> Result<Index> {
    fs::create_dir_all(dir).map_err(|err| IndexError::io(dir, err))?;
    IndexMeta::current()
        .write(dir)
        .map_err(|err| IndexError::meta(dir, err))?;
    // A manifest left by an interrupted rebuild describes an index that is gone.
    manifest::Manifest::remove(dir)?;
    let directory = MmapDirectory::open(dir).map_err(|err| IndexError::tantivy(dir, err.into()))?;
    match Index::create(
        directory,
        schema.schema.clone(),
        tantivy::IndexSettings::default(),
    ) {
        Ok(index) => Ok(index),
        // Another process created it in the meantime; it will also hold the lock.
        Err(tantivy::TantivyError::IndexAlreadyExists) => Err(IndexError::Locked {
            path: dir.to_path_buf(),
        }),
        Err(err) => Err(IndexError::tantivy(dir, err)),
    }
}

/// Takes the write lock of the index in `dir`, the one tantivy's writer takes, without
/// waiting: [`IndexError::Locked`] when another writer holds it. Held until dropped.
pub(crate) fn writer_lock(dir: &Path) -> Result<DirectoryLock> {
    let directory = MmapDirectory::open(dir).map_err(|err| IndexError::tantivy(dir, err.into()))?;
    directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|err| match err {
            LockError::LockBusy => IndexError::Locked {
                path: dir.to_path_buf(),
            },
            LockError::IoError(source) => IndexError::io(
                dir.join(&INDEX_WRITER_LOCK.filepath),
                std::io::Error::new(source.kind(), source.to_string()),
            ),
        })
}

/// Deletes the index files in `dir`, after taking the writer lock to be sure nobody writes.
/// tantivy's meta.json goes first and raad.json last, so that a kill in between leaves a
/// directory that the next run treats as an interrupted creation.
fn wipe(dir: &Path) -> Result<()> {
    let lock = writer_lock(dir)?;
    let lock_name = INDEX_WRITER_LOCK.filepath.as_os_str();
    let remove = |path: &Path| match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(IndexError::io(path, err)),
    };
    remove(&dir.join(TANTIVY_META))?;
    manifest::sync_dir(dir);
    for entry in fs::read_dir(dir).map_err(|err| IndexError::io(dir, err))? {
        let entry = entry.map_err(|err| IndexError::io(dir, err))?;
        let name = entry.file_name();
        // The watches of the index and what they reported are kept by record id, so they
        // outlive the index's files.
        let keep =
            name == lock_name || name == META_FILE || name == WATCHES_FILE || name == WATCHES_LOCK;
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if !keep && is_file {
            remove(&entry.path())?;
        }
    }
    remove(&dir.join(MANIFEST_FILE))?;
    drop(lock);
    Ok(())
}
