//! What a raad index records about the raad that wrote it, and the check that refuses an index
//! this raad cannot read.
//!
//! Every raad index directory holds [`META_FILE`] (`raad.json`) next to tantivy's own files. It
//! names the schema and analyzer versions the index was written with. The indexer writes it when
//! it creates an index and checks it whenever it opens one; the searcher checks it before it
//! reads. An index whose versions differ from this build's ([`SCHEMA_VERSION`],
//! [`ANALYZER_VERSION`]) is refused with [`IndexMetaError::VersionMismatch`], whose message says
//! to rebuild it: terms analyzed another way would silently stop matching. An index of
//! [`SCHEMA_VERSION_BEFORE_COUNCILS`] is the one exception the message names: its stored
//! records are all an upgrade needs ([`can_upgrade`]), so indexing it again upgrades it in
//! place, keeping every record.
//!
//! ```
//! use raad_core::index_meta::IndexMeta;
//!
//! let dir = tempfile::tempdir().unwrap();
//! IndexMeta::current().write(dir.path()).unwrap();
//! let meta = IndexMeta::check(dir.path()).unwrap();
//! assert_eq!(meta, IndexMeta::current());
//! ```

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::analysis::ANALYZER_VERSION;
use crate::schema::{SCHEMA_VERSION, SCHEMA_VERSION_BEFORE_COUNCILS};

/// The name of the metadata file inside an index directory.
pub const META_FILE: &str = "raad.json";

/// The metadata of a raad index, as stored in [`META_FILE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// [`SCHEMA_VERSION`] of the raad that wrote the index.
    pub schema_version: u32,
    /// [`ANALYZER_VERSION`] of the raad that wrote the index.
    pub analyzer_version: u32,
    /// The version of the raad crates that created the index (informative only; never checked).
    #[serde(default)]
    pub created_by: String,
}

impl IndexMeta {
    /// The metadata this build of raad writes.
    pub fn current() -> IndexMeta {
        IndexMeta {
            schema_version: SCHEMA_VERSION,
            analyzer_version: ANALYZER_VERSION,
            created_by: format!("raad {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// The path of the metadata file of the index in `dir`.
    pub fn path_in(dir: &Path) -> PathBuf {
        dir.join(META_FILE)
    }

    /// Reads the metadata of the index in `dir`; `Ok(None)` when the directory has no
    /// [`META_FILE`].
    pub fn read(dir: &Path) -> Result<Option<IndexMeta>, IndexMetaError> {
        let path = IndexMeta::path_in(dir);
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => return Err(IndexMetaError::Io { path, source }),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|err| IndexMetaError::Invalid {
                path,
                message: err.to_string(),
            })
    }

    /// Writes the metadata into `dir` atomically: a reader sees the old file or the new one,
    /// never a half-written one, also when the process is killed.
    pub fn write(&self, dir: &Path) -> Result<(), IndexMetaError> {
        let path = IndexMeta::path_in(dir);
        let io_error = |source| IndexMetaError::Io {
            path: path.clone(),
            source,
        };
        // Written beside the target and renamed over it. Two runs creating the same new index
        // both write it before either holds the index lock: each writes its own temporary
        // file, so that neither renames (or truncates) the other's.
        static WRITES: AtomicU64 = AtomicU64::new(0);
        let temp_path = dir.join(format!(
            "{META_FILE}.tmp.{}.{}",
            std::process::id(),
            WRITES.fetch_add(1, Ordering::Relaxed)
        ));
        let temp_error = |source| IndexMetaError::Io {
            path: temp_path.clone(),
            source,
        };
        let json = serde_json::to_string_pretty(self).expect("IndexMeta always serializes");
        let mut temp = fs::File::create(&temp_path).map_err(temp_error)?;
        temp.write_all(json.as_bytes()).map_err(temp_error)?;
        temp.write_all(b"\n").map_err(temp_error)?;
        temp.sync_all().map_err(temp_error)?;
        drop(temp);
        fs::rename(&temp_path, &path).map_err(io_error)?;
        // The rename is durable only once the directory entry is.
        if let Ok(dir) = fs::File::open(dir) {
            let _ = dir.sync_all();
        }
        Ok(())
    }

    /// Whether `name` is a temporary file that [`IndexMeta::write`] writes before renaming
    /// it (left behind when the writing process is killed).
    pub fn is_temporary(name: &str) -> bool {
        name.strip_prefix(META_FILE)
            .is_some_and(|rest| rest.starts_with(".tmp"))
    }

    /// Whether this build of raad reads an index with this metadata.
    pub fn is_compatible(&self) -> bool {
        self.schema_version == SCHEMA_VERSION && self.analyzer_version == ANALYZER_VERSION
    }

    /// Reads the metadata of the index in `dir` and checks that this build of raad can read the
    /// index: [`IndexMetaError::Missing`] when there is no [`META_FILE`],
    /// [`IndexMetaError::VersionMismatch`] when the versions differ.
    pub fn check(dir: &Path) -> Result<IndexMeta, IndexMetaError> {
        let meta = IndexMeta::read(dir)?.ok_or_else(|| IndexMetaError::Missing {
            path: dir.to_path_buf(),
        })?;
        if !meta.is_compatible() {
            return Err(IndexMetaError::VersionMismatch {
                path: dir.to_path_buf(),
                found_schema: meta.schema_version,
                found_analyzer: meta.analyzer_version,
            });
        }
        Ok(meta)
    }
}

/// Why the metadata of an index cannot be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IndexMetaError {
    /// The directory has no [`META_FILE`]: it is not a raad index, or one from before raad
    /// recorded versions.
    #[error("{} is not a raad index (it has no {META_FILE})", path.display())]
    Missing {
        /// The index directory.
        path: PathBuf,
    },
    /// The index was written by a raad with another schema or analyzer.
    #[error(
        "the index at {} was built with schema {found_schema}, analyzer {found_analyzer}{}; \
         this version reads schema {SCHEMA_VERSION}, analyzer {ANALYZER_VERSION}: {}",
        path.display(),
        what_changed(*found_schema),
        what_to_do(*found_schema)
    )]
    VersionMismatch {
        /// The index directory.
        path: PathBuf,
        /// The schema version recorded in the index.
        found_schema: u32,
        /// The analyzer version recorded in the index.
        found_analyzer: u32,
    },
    /// The metadata file is not valid JSON of the expected shape.
    #[error("{} is damaged ({message}): rebuild the index", path.display())]
    Invalid {
        /// The metadata file.
        path: PathBuf,
        /// serde_json's message.
        message: String,
    },
    /// The metadata file could not be read or written.
    #[error("cannot access {}: {source}", path.display())]
    Io {
        /// The metadata file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

/// What changed since an index of schema `found_schema` was built, when a user needs to know
/// more than the numbers (an empty text otherwise).
pub fn what_changed(found_schema: u32) -> &'static str {
    if found_schema == SCHEMA_VERSION_BEFORE_COUNCILS {
        " (before councils: its records have no council, and the same id in two councils \
         would be one record)"
    } else {
        ""
    }
}

/// Whether an index of schema `found_schema` (any analyzer version) can be upgraded in place
/// to this raad's schema: its stored records hold everything the current schema indexes, so
/// they are read back and indexed anew, analyzed by this raad.
pub fn can_upgrade(found_schema: u32) -> bool {
    found_schema == SCHEMA_VERSION_BEFORE_COUNCILS
}

/// What to do about an index of schema `found_schema` that this raad does not read: upgrade
/// it when [`can_upgrade`], otherwise rebuild it.
pub fn what_to_do(found_schema: u32) -> &'static str {
    if can_upgrade(found_schema) {
        "index it again to upgrade it in place, keeping its records"
    } else {
        "rebuild the index"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_none_and_check_says_not_an_index() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(IndexMeta::read(dir.path()).unwrap(), None);
        let err = IndexMeta::check(dir.path()).unwrap_err();
        assert!(matches!(err, IndexMetaError::Missing { .. }));
        assert!(err.to_string().contains("is not a raad index"), "{err}");
    }

    #[test]
    fn other_versions_are_refused_with_both_versions_and_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let old = IndexMeta {
            schema_version: SCHEMA_VERSION + 1,
            ..IndexMeta::current()
        };
        old.write(dir.path()).unwrap();
        let err = IndexMeta::check(dir.path()).unwrap_err();
        match &err {
            IndexMetaError::VersionMismatch {
                found_schema,
                found_analyzer,
                ..
            } => {
                assert_eq!(*found_schema, SCHEMA_VERSION + 1);
                assert_eq!(*found_analyzer, ANALYZER_VERSION);
            }
            other => panic!("expected a version mismatch, got {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            format!(
                "the index at {} was built with schema {}, analyzer {ANALYZER_VERSION}; this \
                 version reads schema {SCHEMA_VERSION}, analyzer {ANALYZER_VERSION}: rebuild the \
                 index",
                dir.path().display(),
                SCHEMA_VERSION + 1
            )
        );
    }

    /// Two `raad index` runs creating the same new index both write raad.json before either
    /// holds the index lock: neither may fail on the other's temporary file.
    #[test]
    fn writers_racing_on_the_same_folder_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let failures: usize = std::thread::scope(|scope| {
            let writers: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        (0..200)
                            .filter(|_| IndexMeta::current().write(dir.path()).is_err())
                            .count()
                    })
                })
                .collect();
            writers.into_iter().map(|w| w.join().unwrap()).sum()
        });
        assert_eq!(failures, 0);
        assert_eq!(IndexMeta::check(dir.path()).unwrap(), IndexMeta::current());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, [META_FILE], "no temporary file left behind");
    }

    #[test]
    fn an_index_from_before_councils_says_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let old = IndexMeta {
            schema_version: crate::schema::SCHEMA_VERSION_BEFORE_COUNCILS,
            ..IndexMeta::current()
        };
        old.write(dir.path()).unwrap();
        let err = IndexMeta::check(dir.path()).unwrap_err();
        assert!(
            err.to_string().contains(
                "schema 6, analyzer {ANALYZER_VERSION} (before councils: its records have no \
                 council, and the same id in two councils would be one record); this version \
                 reads schema 7"
                    .replace("{ANALYZER_VERSION}", &ANALYZER_VERSION.to_string())
                    .as_str()
            ) && err
                .to_string()
                .ends_with("index it again to upgrade it in place, keeping its records"),
            "{err}"
        );
        assert!(can_upgrade(6) && !can_upgrade(5) && !can_upgrade(SCHEMA_VERSION));
    }

    #[test]
    fn damaged_file_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(META_FILE), "{not json").unwrap();
        let err = IndexMeta::check(dir.path()).unwrap_err();
        assert!(matches!(err, IndexMetaError::Invalid { .. }));
        assert!(err.to_string().contains(META_FILE), "{err}");
    }
}
