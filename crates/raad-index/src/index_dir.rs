//! The index directory: creating it, opening it for writing (the read side's version and
//! schema check, then the lock), and wiping it for a rebuild.

use std::fs;
use std::path::Path;

use raad_core::analysis::register_analyzers;
use raad_core::index_meta::{IndexMeta, META_FILE};
use raad_core::RaadSchema;
use raad_query::open_index;
use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::indexer::IndexWriterOptions;
use tantivy::{Index, IndexWriter};

use crate::error::{IndexError, Result};
use crate::manifest::{self, MANIFEST_FILE};

/// tantivy's file that says a directory holds an index.
const TANTIVY_META: &str = "meta.json";

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
    match (has(META_FILE), has(TANTIVY_META)) {
        (true, true) => Ok(Contents::Index),
        // raad.json is written first: alone, it is an interrupted creation (or rebuild).
        (true, false) => Ok(Contents::Nothing),
        (false, _) if names.is_empty() => Ok(Contents::Nothing),
        (false, _) => Err(IndexError::NotAnIndex {
            path: dir.to_path_buf(),
        }),
    }
}

/// An index open for writing.
pub(crate) struct WritableIndex {
    pub index: Index,
    pub schema: RaadSchema,
    pub writer: IndexWriter,
}

/// Opens the index in `dir` for writing, creating it when there is none; with `rebuild`, an
/// existing index is emptied first (after checking that no other process writes it).
pub(crate) fn open_for_writing(
    dir: &Path,
    rebuild: bool,
    options: IndexWriterOptions,
) -> Result<WritableIndex> {
    let mut contents = classify(dir)?;
    if matches!(contents, Contents::Index) && rebuild {
        wipe(dir)?;
        contents = Contents::Nothing;
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
            let opened = open_index(dir).map_err(|err| IndexError::read(dir, err))?;
            (opened.index, opened.schema)
        }
    };
    let writer = index
        .writer_with_options(options)
        .map_err(|err| IndexError::tantivy(dir, err))?;
    Ok(WritableIndex {
        index,
        schema,
        writer,
    })
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

/// Deletes the index files in `dir`, after taking the writer lock to be sure nobody writes.
/// tantivy's meta.json goes first and raad.json last, so that a kill in between leaves a
/// directory that the next run treats as an interrupted creation.
fn wipe(dir: &Path) -> Result<()> {
    let directory = MmapDirectory::open(dir).map_err(|err| IndexError::tantivy(dir, err.into()))?;
    let lock = directory
        .acquire_lock(&INDEX_WRITER_LOCK)
        .map_err(|err| match err {
            LockError::LockBusy => IndexError::Locked {
                path: dir.to_path_buf(),
            },
            LockError::IoError(source) => IndexError::io(
                dir.join(&INDEX_WRITER_LOCK.filepath),
                std::io::Error::new(source.kind(), source.to_string()),
            ),
        })?;
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
        let keep = name == lock_name || name == META_FILE;
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        if !keep && is_file {
            remove(&entry.path())?;
        }
    }
    remove(&dir.join(MANIFEST_FILE))?;
    drop(lock);
    Ok(())
}
