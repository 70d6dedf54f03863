//! Upgrading an index of an earlier schema in place, so that no record is lost to a new
//! version of raad.
//!
//! An index of schema 6 ([`raad_core::schema::SCHEMA_VERSION_BEFORE_COUNCILS`]) has no council
//! fields, and its terms were analyzed by an earlier analyzer; but every document stores its
//! whole record, and that is all the current schema indexes. So a run over such an index reads
//! every stored record back (through the read side, `raad_query::open_earlier_index`), gives
//! it the council the run's settings name for its file (none unless the user gives one), and
//! indexes it anew, beside the old index, in [`STAGING_DIR`] inside the index folder.
//!
//! The swap keeps the old index readable until the new one is whole:
//!
//! 1. The staging index is committed (with the old commit's payload: topic inference is not
//!    redone), the manifest is copied beside it with the keys of records that took a council
//!    changed ([`manifest::copy_rekeyed`]), and then `raad.json` is written into it: the mark
//!    that the staging index is complete. A kill before leaves a staging folder without it,
//!    which the next run deletes before it starts over.
//! 2. Its segment files move into the index folder. Their names are new, and the old index's
//!    `meta.json` does not name them: the old index is as it was.
//! 3. Its `meta.json` replaces the old one, in one rename: from here on the folder holds the
//!    new index. (The folder's `raad.json` still says schema 6, so readers keep refusing it
//!    until step 4 is done, and a run finishes it.)
//! 4. tantivy's list of managed files and the manifest replace the old ones, the old segment
//!    files are deleted, `raad.json` is written with this raad's versions, and the staging
//!    folder goes.
//!
//! A run stopped through its cancel flag while it builds drops the staging index (the old
//! one is as it was, and the report says `interrupted`); once the staging index is complete,
//! the few renames of the swap are done first. A kill at any moment is finished by the next
//! run: with the staging index complete and its
//! `meta.json` not yet moved, from step 2; once moved, from step 4. Each step is a rename or
//! a deletion that a second pass finds done. The whole upgrade holds the index's write lock.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use raad_core::analysis::register_analyzers;
use raad_core::index_meta::{can_upgrade, IndexMeta, META_FILE};
use raad_core::{RaadSchema, Record};
use raad_query::open_earlier_index;
use serde::{Deserialize, Serialize};
use tantivy::indexer::IndexWriterOptions;
use tantivy::Index;

use crate::error::{IndexError, Result};
use crate::index_dir::{writer_lock, LockWait};
use crate::manifest::{self, sync_dir, Manifest, MANIFEST_FILE};
use crate::progress::Progress;

/// The folder inside the index folder where an upgrade builds the new index.
pub(crate) const STAGING_DIR: &str = "raad-upgrade";

/// tantivy's file that names the segments of an index: the one whose rename swaps the index.
const TANTIVY_META: &str = "meta.json";

/// tantivy's list of the files it manages (and deletes when they are no longer used).
const TANTIVY_MANAGED: &str = ".managed.json";

/// What the staging index holds ([`Upgrade`] as JSON), for the report of the run that
/// finishes the upgrade, which may not be the one that built it.
const SUMMARY_FILE: &str = "upgrade.json";

/// What an upgrade of an index of an earlier schema did (see [`crate::IndexReport::upgraded`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upgrade {
    /// The schema version the index had.
    pub from_schema: u32,
    /// The analyzer version the index had.
    pub from_analyzer: u32,
    /// Records the upgraded index holds: every record of the old one.
    pub records: u64,
    /// Of them, records that took a council in the upgrade (from the run's council setting
    /// or the `raad.toml` of their file's folder); the others stay without one.
    pub with_council: u64,
}

/// How the upgrade writes.
pub(crate) struct UpgradeSettings<'a> {
    /// The writer options of the run.
    pub options: IndexWriterOptions,
    /// The council a record of the old index (which has none) takes, if any.
    pub council: &'a (dyn Fn(&Record) -> Option<String> + Sync),
    /// How long to wait for the write lock.
    pub lock: &'a LockWait<'a>,
    /// Told when an upgrade starts.
    pub progress: &'a dyn Progress,
    /// Set to stop: an upgrade still building its index drops it (the old index stays as it
    /// was); one that is moving it in finishes, which takes a moment.
    pub cancel: &'a AtomicBool,
}

/// What [`upgrade`] found or did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The index is of this raad's schema (or not a raad index): nothing to upgrade.
    Current,
    /// The index was upgraded.
    Upgraded(Upgrade),
    /// The upgrade was stopped through the cancel flag before the new index was complete;
    /// the old index, of `records` records, is as it was.
    Stopped {
        /// The records of the old index.
        records: u64,
    },
}

/// Where an upgrade stands, from the staging folder's contents.
#[derive(Debug, PartialEq, Eq)]
enum Stage {
    /// No staging index, or an incomplete one (deleted first): build it.
    Build,
    /// A complete staging index, not yet swapped in: move it (step 2).
    Move,
    /// Swapped in: finish (step 4).
    Finish,
}

fn stage(staging: &Path) -> Stage {
    match (
        staging.join(META_FILE).is_file(),
        staging.join(TANTIVY_META).is_file(),
    ) {
        (true, true) => Stage::Move,
        (true, false) => Stage::Finish,
        (false, _) => Stage::Build,
    }
}

/// Upgrades the index in `dir` when it is of an earlier schema that raad upgrades, or
/// finishes an upgrade a kill interrupted. Also removes the staging folder an upgrade that was
/// done left behind.
pub(crate) fn upgrade(dir: &Path, settings: &UpgradeSettings<'_>) -> Result<Outcome> {
    let staging = dir.join(STAGING_DIR);
    let meta = match IndexMeta::read(dir) {
        Ok(Some(meta)) => meta,
        // Not a raad index (yet), or a damaged raad.json: opening it says what is wrong.
        Ok(None) | Err(_) => return Ok(Outcome::Current),
    };
    if !can_upgrade(meta.schema_version) {
        if meta.is_compatible() && staging.is_dir() {
            // Killed after the upgrade was done, before its folder was deleted.
            let _lock = settings.lock.retry(|| writer_lock(dir))?;
            remove_staging(&staging)?;
        }
        return Ok(Outcome::Current);
    }
    let _lock = settings.lock.retry(|| writer_lock(dir))?;
    // Another run may have upgraded it while this one waited for the lock.
    let meta = match IndexMeta::read(dir).map_err(|err| IndexError::meta(dir, err))? {
        Some(meta) if can_upgrade(meta.schema_version) => meta,
        _ => return Ok(Outcome::Current),
    };
    if stage(&staging) == Stage::Build {
        if staging.exists() {
            remove_staging(&staging)?;
        }
        match build(dir, &staging, &meta, settings) {
            Ok(Built::Complete) => {}
            Ok(Built::Stopped { records }) => {
                remove_staging(&staging)?;
                return Ok(Outcome::Stopped { records });
            }
            Err(err) => {
                // The old index was not touched; what was built of the new one goes.
                let _ = fs::remove_dir_all(&staging);
                return Err(err);
            }
        }
    }
    if stage(&staging) == Stage::Move {
        move_in(dir, &staging)?;
    }
    let summary = fs::read(staging.join(SUMMARY_FILE))
        .ok()
        .and_then(|json| serde_json::from_slice::<Upgrade>(&json).ok());
    finish(dir, &staging)?;
    match summary {
        Some(summary) => Ok(Outcome::Upgraded(summary)),
        // Only a damaged staging folder has none: the index tells its records.
        None => {
            let records = Index::open_in_dir(dir)
                .and_then(|index| Ok(index.reader()?.searcher().num_docs()))
                .map_err(|err| IndexError::tantivy(dir, err))?;
            Ok(Outcome::Upgraded(Upgrade {
                from_schema: meta.schema_version,
                from_analyzer: meta.analyzer_version,
                records,
                with_council: 0,
            }))
        }
    }
}

/// What [`build`] did.
enum Built {
    /// The staging index is complete.
    Complete,
    /// Stopped through the cancel flag: the staging index is incomplete.
    Stopped { records: u64 },
}

/// Step 1: the new index in `staging`, with every record of the old one (whose versions are
/// `meta`), and what it holds in [`SUMMARY_FILE`].
fn build(
    dir: &Path,
    staging: &Path,
    meta: &IndexMeta,
    settings: &UpgradeSettings<'_>,
) -> Result<Built> {
    let earlier = open_earlier_index(dir)
        .map_err(|err| IndexError::read(dir, err))?
        .ok_or_else(|| IndexError::Damaged {
            path: dir.to_path_buf(),
            message: "its records cannot be read for an upgrade".to_string(),
        })?;
    let payload = earlier
        .payload()
        .map_err(|err| IndexError::read(dir, err))?;
    settings.progress.upgrading(meta.schema_version);
    fs::create_dir(staging).map_err(|err| IndexError::io(staging, err))?;
    let tantivy_error = |err| IndexError::tantivy(staging, err);
    let schema = RaadSchema::new();
    let index = Index::create_in_dir(staging, schema.schema.clone()).map_err(tantivy_error)?;
    register_analyzers(index.tokenizers());
    let mut writer = index
        .writer_with_options(settings.options.clone())
        .map_err(tantivy_error)?;
    let mut rekeyed = HashMap::new();
    let mut failed = None;
    let mut stopped = false;
    let records = earlier
        .for_each_record(|mut record| {
            if settings.cancel.load(Ordering::Relaxed) {
                stopped = true;
                return false;
            }
            if record.council.is_none() {
                record.council = (settings.council)(&record);
                if record.council.is_some() {
                    rekeyed.insert(
                        raad_core::council::record_key(None, &record.id),
                        record.key(),
                    );
                }
            }
            match writer.add_document(schema.document(&record)) {
                Ok(_) => true,
                Err(err) => {
                    failed = Some(err);
                    false
                }
            }
        })
        .map_err(|err| IndexError::read(dir, err))?;
    if let Some(err) = failed {
        return Err(tantivy_error(err));
    }
    if stopped {
        let records = earlier
            .num_records()
            .map_err(|err| IndexError::read(dir, err))?;
        return Ok(Built::Stopped { records });
    }
    let mut commit = writer.prepare_commit().map_err(tantivy_error)?;
    if let Some(payload) = &payload {
        commit.set_payload(payload);
    }
    commit.commit().map_err(tantivy_error)?;
    writer.wait_merging_threads().map_err(tantivy_error)?;
    manifest::copy_rekeyed(dir, &staging.join(MANIFEST_FILE), &rekeyed)?;
    let summary = Upgrade {
        from_schema: meta.schema_version,
        from_analyzer: meta.analyzer_version,
        records,
        with_council: rekeyed.len() as u64,
    };
    let path = staging.join(SUMMARY_FILE);
    let json = serde_json::to_vec(&summary).expect("an Upgrade always serializes");
    fs::write(&path, json).map_err(|err| IndexError::io(path, err))?;
    // Last: the mark that the staging index is complete.
    IndexMeta::current()
        .write(staging)
        .map_err(|err| IndexError::meta(staging, err))?;
    Ok(Built::Complete)
}

/// Steps 2 and 3: the staging index's segment files into `dir`, then its `meta.json`.
fn move_in(dir: &Path, staging: &Path) -> Result<()> {
    for name in file_names(staging)? {
        if segment_of(&name).is_some() {
            rename(&staging.join(&name), &dir.join(&name))?;
        }
    }
    sync_dir(dir);
    rename(&staging.join(TANTIVY_META), &dir.join(TANTIVY_META))?;
    sync_dir(dir);
    Ok(())
}

/// Step 4: the rest of the staging index's files into `dir`, the old segment files out,
/// this raad's versions in `raad.json`, and the staging folder gone.
fn finish(dir: &Path, staging: &Path) -> Result<()> {
    for name in [TANTIVY_MANAGED, MANIFEST_FILE] {
        let from = staging.join(name);
        if from.is_file() {
            rename(&from, &dir.join(name))?;
        }
    }
    // A rebuild's manifest names a commit of the old index.
    Manifest::remove_rebuild(dir)?;
    let index = Index::open_in_dir(dir).map_err(|err| IndexError::tantivy(dir, err))?;
    let live: HashSet<String> = index
        .searchable_segment_ids()
        .map_err(|err| IndexError::tantivy(dir, err))?
        .iter()
        .map(|id| id.uuid_string())
        .collect();
    drop(index);
    for name in file_names(dir)? {
        if segment_of(&name).is_some_and(|segment| !live.contains(segment)) {
            let path = dir.join(&name);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => return Err(IndexError::io(path, err)),
            }
        }
    }
    sync_dir(dir);
    IndexMeta::current()
        .write(dir)
        .map_err(|err| IndexError::meta(dir, err))?;
    remove_staging(staging)
}

/// The segment a file of tantivy's belongs to: the 32 hexadecimal digits its name starts
/// with, before a dot (`<segment>.idx`, `<segment>.7.del`).
fn segment_of(name: &str) -> Option<&str> {
    let (segment, _) = name.split_once('.')?;
    (segment.len() == 32 && segment.bytes().all(|b| b.is_ascii_hexdigit())).then_some(segment)
}

/// The names of the files in `dir` (not its folders); names that are not UTF-8 are no
/// segment's, and left out.
fn file_names(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir).map_err(|err| IndexError::io(dir, err))? {
        let entry = entry.map_err(|err| IndexError::io(dir, err))?;
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        if let (true, Ok(name)) = (is_file, entry.file_name().into_string()) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|err| IndexError::io(to, err))
}

fn remove_staging(staging: &Path) -> Result<()> {
    match fs::remove_dir_all(staging) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(IndexError::io(staging, err)),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use raad_core::index_meta::IndexMetaError;
    use raad_core::schema::SCHEMA_VERSION_BEFORE_COUNCILS as SCHEMA_6;
    use raad_query::QueryError;

    use super::*;
    use crate::progress::NoProgress;
    use crate::IndexerBuilder;

    /// An index of three records in `dir` whose raad.json says schema 6 (its fields are the
    /// current ones: the upgrade reads the stored records by the field's name either way).
    fn old_index(work: &Path) -> std::path::PathBuf {
        let dir = work.join("index");
        let file = work.join("a.jsonl");
        let lines: Vec<String> = (1..=3)
            .map(|i| format!(r#"{{"id": "2017_SV_0000{i}", "title": "Fietspad {i}"}}"#))
            .collect();
        fs::write(&file, lines.join("\n")).unwrap();
        let mut builder = IndexerBuilder::new(&dir);
        builder.threads(1).memory_budget(20_000_000);
        builder.build().unwrap().run(&[file]).unwrap();
        IndexMeta {
            schema_version: SCHEMA_6,
            analyzer_version: 2,
            created_by: String::new(),
        }
        .write(&dir)
        .unwrap();
        dir
    }

    fn with_settings<T>(f: impl FnOnce(&UpgradeSettings<'_>) -> T) -> T {
        let lock = LockWait {
            wait: Duration::ZERO,
            progress: &NoProgress,
        };
        let settings = UpgradeSettings {
            options: IndexWriterOptions::builder().num_worker_threads(1).build(),
            council: &|_| None,
            lock: &lock,
            progress: &NoProgress,
            cancel: &AtomicBool::new(false),
        };
        f(&settings)
    }

    fn num_docs(dir: &Path) -> u64 {
        Index::open_in_dir(dir)
            .unwrap()
            .reader()
            .unwrap()
            .searcher()
            .num_docs()
    }

    /// The segments the files in `dir` belong to, and those its meta.json names.
    fn segments(dir: &Path) -> (HashSet<String>, HashSet<String>) {
        let files = file_names(dir)
            .unwrap()
            .iter()
            .filter_map(|name| segment_of(name).map(str::to_string))
            .collect();
        let live = Index::open_in_dir(dir)
            .unwrap()
            .searchable_segment_ids()
            .unwrap()
            .iter()
            .map(|id| id.uuid_string())
            .collect();
        (files, live)
    }

    fn expected() -> Upgrade {
        Upgrade {
            from_schema: SCHEMA_6,
            from_analyzer: 2,
            records: 3,
            with_council: 0,
        }
    }

    #[test]
    fn killed_while_moving_the_old_index_stays_whole_and_the_next_run_goes_on() {
        let work = tempfile::tempdir().unwrap();
        let dir = old_index(work.path());
        let staging = dir.join(STAGING_DIR);
        let meta = IndexMeta::read(&dir).unwrap().unwrap();
        let built = with_settings(|settings| build(&dir, &staging, &meta, settings)).unwrap();
        assert!(matches!(built, Built::Complete));
        assert_eq!(stage(&staging), Stage::Move);
        // Killed after the first segment file moved.
        let first = file_names(&staging)
            .unwrap()
            .into_iter()
            .find(|name| segment_of(name).is_some())
            .unwrap();
        fs::rename(staging.join(&first), dir.join(&first)).unwrap();
        // The old index is as it was: its meta.json names its own segments, all there.
        assert_eq!(num_docs(&dir), 3);
        let (files, live) = segments(&dir);
        assert!(live.is_subset(&files));

        let upgraded = with_settings(|settings| upgrade(&dir, settings)).unwrap();
        assert_eq!(upgraded, Outcome::Upgraded(expected()));
        assert_eq!(num_docs(&dir), 3);
        let (files, live) = segments(&dir);
        assert_eq!(files, live, "the old segments' files are gone");
        assert!(!staging.exists());
        assert_eq!(IndexMeta::check(&dir).unwrap(), IndexMeta::current());
    }

    #[test]
    fn killed_after_the_swap_readers_wait_for_the_next_run_to_finish_it() {
        let work = tempfile::tempdir().unwrap();
        let dir = old_index(work.path());
        let staging = dir.join(STAGING_DIR);
        let meta = IndexMeta::read(&dir).unwrap().unwrap();
        let built = with_settings(|settings| build(&dir, &staging, &meta, settings)).unwrap();
        assert!(matches!(built, Built::Complete));
        move_in(&dir, &staging).unwrap();
        // Killed here: the new index is in place, raad.json still says schema 6.
        assert_eq!(stage(&staging), Stage::Finish);
        assert!(matches!(
            raad_query::open_index(&dir),
            Err(QueryError::IndexMeta(IndexMetaError::VersionMismatch {
                found_schema: SCHEMA_6,
                ..
            }))
        ));

        let upgraded = with_settings(|settings| upgrade(&dir, settings)).unwrap();
        assert_eq!(upgraded, Outcome::Upgraded(expected()));
        let opened = raad_query::open_index(&dir).unwrap();
        assert_eq!(opened.snapshot().unwrap().num_records(), 3);
        let (files, live) = segments(&dir);
        assert_eq!(files, live);
        assert!(!staging.exists());
        // Nothing more to do.
        assert_eq!(
            with_settings(|settings| upgrade(&dir, settings)).unwrap(),
            Outcome::Current
        );
    }

    #[test]
    fn segment_files_are_told_by_their_names() {
        assert_eq!(
            segment_of("0123456789abcdef0123456789abcdef.idx"),
            Some("0123456789abcdef0123456789abcdef")
        );
        assert!(segment_of("0123456789abcdef0123456789abcdef.12.del").is_some());
        for other in [
            "meta.json",
            ".managed.json",
            "raad.json",
            "raad-files.jsonl",
            "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdeg.idx",
        ] {
            assert_eq!(segment_of(other), None, "{other}");
        }
    }
}
