//! The file manifest: which input files are in the index, with which content.
//!
//! It lives in the index directory as [`MANIFEST_FILE`], an append-only log of JSON lines:
//!
//! - `{"op":"header","fingerprint":…}` first: the parser version and options the entries were
//!   made with; entries made with others are not trusted.
//! - `{"op":"dirty","path":…}` before the writer touches the index for a file;
//! - `{"op":"done","path":…,"hash":…,"records":…,"rejections":[…],"ids":[…]}` after the
//!   commit that holds the file's records: `ids` are the id keys the index keeps for the
//!   file, which tell what leaves the index when the file changes and which files share an id.
//!
//! Paths are keyed by their bytes ([`FileKey`]): `path` is their text, escaped when they are
//! not UTF-8, and then `path_bytes` holds the bytes. Manifests of older versions (text paths,
//! no ids) are read; their files are read again once, for their ids.
//!
//! The last line about a path decides. A file is skipped as unchanged only when its last line
//! is `done` with the hash of its current content. The ordering rules make that safe whatever
//! moment the process is killed at:
//!
//! - `dirty` lines are synced to disk before every tantivy commit, so a commit that holds
//!   changes for a file is always preceded by a durable `dirty` line for it;
//! - `done` lines are written only after that commit returned.
//!
//! So a kill between the commit and the `done` line leaves `dirty` (the file is indexed again:
//! upserts make that idempotent), and a file whose index content differs from its last `done`
//! hash always has a later `dirty` line (which forces a re-index even when the file went back to
//! the old content). A dirty file's ids are those of its last `done` line and those of the
//! documents that name it as their source. A line torn by a kill can only be the last one; it is ignored, and the log
//! is rewritten before anything is appended to it. Any other unreadable line makes the whole
//! manifest untrusted: every file is indexed again, which costs time but never loses records.
//!
//! A rebuild writes its manifest beside the live one (`raad-files.jsonl.new`, its header
//! naming the opstamp of the commit it replaces) and renames it into place after its commit;
//! [`settle_rebuild`] finishes or drops one that a kill left behind.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use raad_query::{Finding, Problem};
use serde::{Deserialize, Serialize};

use crate::error::{IndexError, Result};
use crate::file_key::FileKey;
use crate::report::{Kept, Rejection, Repeated};

/// The manifest's file name inside the index directory.
pub const MANIFEST_FILE: &str = "raad-files.jsonl";

/// The manifest a rebuild writes beside the live one; it replaces it once the rebuilt index is
/// committed (see [`settle_rebuild`]).
const REBUILD_FILE: &str = "raad-files.jsonl.new";

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
enum Line {
    Header {
        fingerprint: String,
        /// In a rebuild's manifest: the opstamp of the index's commit before the rebuild.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rebuild_of: Option<u64>,
    },
    Dirty {
        path: String,
        /// The path's bytes when they are not UTF-8 (`path` is then their escaped text).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        path_bytes: Option<Vec<u8>>,
    },
    Done(DoneEntry),
}

/// A file whose records are committed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DoneEntry {
    /// The file path, as given (as text: escaped when it is not UTF-8).
    pub path: String,
    /// The path's bytes when they are not UTF-8; the key is then these bytes, not `path`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// xxh3-128 of the file's bytes, in hex.
    pub hash: String,
    /// Records the file held.
    pub records: u64,
    /// Rejections in the file, reported again when the file is skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
    /// The id keys of the records the index keeps for this file, sorted: the ones its last
    /// read gave and those kept from earlier reads. `None` in manifests of older raad
    /// versions: such a file is read again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    /// Records kept from an earlier read, reported again when the file is skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<Kept>,
    /// Ids the file holds more than once, reported again when the file is skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repeats: Vec<Repeated>,
}

impl DoneEntry {
    /// An entry for the file `key`.
    pub fn new(key: &FileKey, hash: String, records: u64) -> DoneEntry {
        DoneEntry {
            path: key.display(),
            path_bytes: (!key.is_utf8()).then(|| key.as_bytes().to_vec()),
            hash,
            records,
            rejections: Vec::new(),
            ids: Some(Vec::new()),
            kept: None,
            repeats: Vec::new(),
        }
    }

    /// The file's key.
    pub fn key(&self) -> FileKey {
        key_of(&self.path, self.path_bytes.as_ref())
    }

    /// The id keys of the entry (none for an entry of an older raad).
    pub fn ids(&self) -> &[String] {
        self.ids.as_deref().unwrap_or_default()
    }
}

fn key_of(path: &str, bytes: Option<&Vec<u8>>) -> FileKey {
    match bytes {
        Some(bytes) => FileKey::from_bytes(bytes.clone()),
        None => FileKey::from_text(path),
    }
}

/// What the manifest says about one file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FileState {
    /// Committed with this content.
    Done(DoneEntry),
    /// Possibly changed in the index since its last `done` line (which is kept, for the ids
    /// the file held then).
    Dirty(Option<DoneEntry>),
}

impl FileState {
    /// The file's last committed entry.
    pub fn entry(&self) -> Option<&DoneEntry> {
        match self {
            FileState::Done(entry) | FileState::Dirty(Some(entry)) => Some(entry),
            FileState::Dirty(None) => None,
        }
    }
}

/// The manifest as read at the start of a run (shared read-only by the workers) and its log,
/// open for appending (used by the writer thread only).
pub(crate) struct Manifest {
    /// The state per file.
    pub files: HashMap<FileKey, FileState>,
    fingerprint: String,
    path: PathBuf,
    /// In a rebuild: the opstamp the rebuilt index replaces.
    rebuild_of: Option<u64>,
}

impl Manifest {
    /// Reads the manifest of the index in `dir`. A missing file is an empty manifest; entries
    /// made with another `fingerprint` are dropped.
    pub fn load(dir: &Path, fingerprint: &str) -> Result<(Manifest, bool)> {
        let path = dir.join(MANIFEST_FILE);
        let text = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => return Err(IndexError::io(path, err)),
        };
        let (files, clean) = parse_log(&text, fingerprint);
        let manifest = Manifest {
            files,
            fingerprint: fingerprint.to_string(),
            path,
            rebuild_of: None,
        };
        Ok((manifest, clean && !text.is_empty()))
    }

    /// An empty manifest for a rebuild of the index in `dir`, whose last commit before the
    /// rebuild has opstamp `rebuild_of`. Its log goes beside the live manifest, which stays
    /// in place for the index as it is until the rebuild is committed.
    pub fn for_rebuild(dir: &Path, fingerprint: &str, rebuild_of: u64) -> Manifest {
        Manifest {
            files: HashMap::new(),
            fingerprint: fingerprint.to_string(),
            path: dir.join(REBUILD_FILE),
            rebuild_of: Some(rebuild_of),
        }
    }

    /// The committed entry of `key` if its content hash is still `hash`.
    pub fn unchanged(&self, key: &FileKey, hash: &str) -> Option<&DoneEntry> {
        match self.files.get(key) {
            Some(FileState::Done(entry)) if entry.hash == hash && entry.ids.is_some() => {
                Some(entry)
            }
            _ => None,
        }
    }

    /// Applies what a run appended to the log.
    pub fn apply(&mut self, changes: HashMap<FileKey, FileState>) {
        self.files.extend(changes);
    }

    /// Rewrites the log to hold one line per file (two for a dirty file: its last `done`
    /// line, then `dirty`), atomically: a kill leaves the old log or the new one. Opens it
    /// for appending.
    pub fn rewrite(&self) -> Result<ManifestLog> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let mut temp_path = self.path.clone().into_os_string();
        temp_path.push(".tmp");
        let temp_path = PathBuf::from(temp_path);
        let io = |err| IndexError::io(&temp_path, err);
        let file = File::create(&temp_path).map_err(io)?;
        let mut out = BufWriter::new(file);
        write_line(
            &mut out,
            &Line::Header {
                fingerprint: self.fingerprint.clone(),
                rebuild_of: self.rebuild_of,
            },
        )
        .map_err(io)?;
        let mut keys: Vec<&FileKey> = self.files.keys().collect();
        keys.sort();
        for key in keys {
            let state = &self.files[key];
            if let Some(entry) = state.entry() {
                write_line(&mut out, &Line::Done(entry.clone())).map_err(io)?;
            }
            if matches!(state, FileState::Dirty(_)) {
                write_line(&mut out, &dirty_line(key)).map_err(io)?;
            }
        }
        let file = out.into_inner().map_err(|err| io(err.into_error()))?;
        file.sync_all().map_err(io)?;
        drop(file);
        fs::rename(&temp_path, &self.path).map_err(|err| IndexError::io(&self.path, err))?;
        sync_dir(dir);
        ManifestLog::open_append(&self.path, self.files.len())
    }

    /// Whether the log on disk is much larger than a rewrite would make it: more than twice
    /// the lines, or (`done` lines carry every id of their file) twice the bytes.
    pub fn needs_compaction(&self, lines: usize) -> bool {
        let estimate: u64 = self
            .files
            .values()
            .map(|state| {
                let ids = state.entry().map(DoneEntry::ids).unwrap_or_default();
                200 + ids.iter().map(|id| id.len() as u64 + 3).sum::<u64>()
            })
            .sum();
        let size = fs::metadata(&self.path).map_or(0, |m| m.len());
        lines > 2 * self.files.len() + 1_000 || size > 2 * estimate + (1 << 20)
    }

    /// Opens the log for appending as it is (it must be clean: see [`Manifest::load`]).
    pub fn append(&self) -> Result<ManifestLog> {
        ManifestLog::open_append(&self.path, self.files.len())
    }

    /// Removes a rebuild's log (the rebuild was stopped: the live manifest stays).
    pub fn remove_rebuild(dir: &Path) -> Result<()> {
        let path = dir.join(REBUILD_FILE);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(IndexError::io(path, err)),
        }
    }

    /// Removes the log (an index created anew starts from nothing).
    pub fn remove(dir: &Path) -> Result<()> {
        for name in [MANIFEST_FILE, REBUILD_FILE] {
            let path = dir.join(name);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => return Err(IndexError::io(path, err)),
            }
        }
        Ok(())
    }
}

/// Makes a rebuild's manifest the live one once the rebuilt index is committed.
pub(crate) fn finish_rebuild(dir: &Path) -> Result<()> {
    let path = dir.join(MANIFEST_FILE);
    fs::rename(dir.join(REBUILD_FILE), &path).map_err(|err| IndexError::io(path, err))?;
    sync_dir(dir);
    Ok(())
}

/// Settles a rebuild's manifest that a killed run left behind, with the index's lock held:
/// when the index's last commit is no longer the one the rebuild started from, the rebuilt
/// index was committed and its manifest becomes the live one; otherwise the rebuild never
/// took effect and its manifest is dropped.
pub(crate) fn settle_rebuild(dir: &Path, committed_opstamp: u64) -> Result<()> {
    let path = dir.join(REBUILD_FILE);
    let text = match fs::read(&path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(IndexError::io(path, err)),
    };
    let header = text
        .split(|&b| b == b'\n')
        .next()
        .and_then(|line| serde_json::from_slice::<Line>(line).ok());
    match header {
        Some(Line::Header {
            rebuild_of: Some(before),
            ..
        }) if before != committed_opstamp => finish_rebuild(dir),
        _ => fs::remove_file(&path).map_err(|err| IndexError::io(path, err)),
    }
}

/// Writes the manifest of the index in `dir` to `to` (an upgrade's, which replaces it once the
/// upgraded index is in place), with each id key `rekeyed` names replaced by its new key: the
/// records that took a council in the upgrade. Every other byte stays, the header (so that
/// unchanged files stay unchanged) and a line that does not read (which makes the manifest
/// untrusted, as it was) included. Nothing is written when `dir` has no manifest.
pub(crate) fn copy_rekeyed(dir: &Path, to: &Path, rekeyed: &HashMap<String, String>) -> Result<()> {
    let from = dir.join(MANIFEST_FILE);
    let text = match fs::read(&from) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(IndexError::io(from, err)),
    };
    let io = |err| IndexError::io(to, err);
    let mut out = BufWriter::new(File::create(to).map_err(io)?);
    let mut lines = text.split(|&b| b == b'\n').peekable();
    while let Some(raw) = lines.next() {
        let last = lines.peek().is_none();
        match serde_json::from_slice::<Line>(raw) {
            Ok(Line::Done(mut entry)) if !rekeyed.is_empty() && entry.ids.is_some() => {
                if let Some(ids) = &mut entry.ids {
                    for id in ids.iter_mut() {
                        if let Some(key) = rekeyed.get(id.as_str()) {
                            id.clone_from(key);
                        }
                    }
                    ids.sort();
                    ids.dedup();
                }
                write_line(&mut out, &Line::Done(entry)).map_err(io)?;
            }
            // The text after the last newline: empty, or a line torn by a kill, kept torn.
            _ if last => out.write_all(raw).map_err(io)?,
            _ => {
                out.write_all(raw).map_err(io)?;
                out.write_all(b"\n").map_err(io)?;
            }
        }
    }
    let file = out.into_inner().map_err(|err| io(err.into_error()))?;
    file.sync_all().map_err(io)
}

fn dirty_line(key: &FileKey) -> Line {
    Line::Dirty {
        path: key.display(),
        path_bytes: (!key.is_utf8()).then(|| key.as_bytes().to_vec()),
    }
}

/// The manifest log open for appending, and what this run changed.
pub(crate) struct ManifestLog {
    out: BufWriter<File>,
    path: PathBuf,
    /// Lines in the log (to decide when to compact it).
    pub lines: usize,
    /// The state per file written in this run.
    pub changes: HashMap<FileKey, FileState>,
}

impl ManifestLog {
    fn open_append(path: &Path, lines: usize) -> Result<ManifestLog> {
        let file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|err| IndexError::io(path, err))?;
        Ok(ManifestLog {
            out: BufWriter::new(file),
            path: path.to_path_buf(),
            lines: lines + 1,
            changes: HashMap::new(),
        })
    }

    /// Records that the index is about to change for `key`, whose last committed entry is
    /// `previous`. Durable at the next [`sync`].
    ///
    /// [`sync`]: ManifestLog::sync
    pub fn mark_dirty(&mut self, key: &FileKey, previous: Option<DoneEntry>) -> Result<()> {
        self.push(&dirty_line(key))?;
        self.changes.insert(key.clone(), FileState::Dirty(previous));
        Ok(())
    }

    /// Records that `entry`'s file is committed. Call only after the commit returned.
    pub fn mark_done(&mut self, entry: DoneEntry) -> Result<()> {
        self.push(&Line::Done(entry.clone()))?;
        self.changes.insert(entry.key(), FileState::Done(entry));
        Ok(())
    }

    /// Writes buffered lines and syncs them to disk.
    pub fn sync(&mut self) -> Result<()> {
        let path = &self.path;
        self.out.flush().map_err(|err| IndexError::io(path, err))?;
        self.out
            .get_ref()
            .sync_data()
            .map_err(|err| IndexError::io(path, err))
    }

    fn push(&mut self, line: &Line) -> Result<()> {
        self.lines += 1;
        write_line(&mut self.out, line).map_err(|err| IndexError::io(&self.path, err))
    }
}

fn write_line(out: &mut impl Write, line: &Line) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, line).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// The state per file in a log, and whether the log is clean (every line readable, header
/// matching): only a clean log may be appended to.
fn parse_log(text: &[u8], fingerprint: &str) -> (HashMap<FileKey, FileState>, bool) {
    let mut files = HashMap::new();
    if text.is_empty() {
        return (files, false);
    }
    let complete = text.ends_with(b"\n");
    let lines: Vec<&[u8]> = text
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .collect();
    let last = lines.len().saturating_sub(1);
    let mut header_ok = false;
    for (number, raw) in lines.iter().enumerate() {
        match serde_json::from_slice::<Line>(raw) {
            Ok(Line::Header {
                fingerprint: found, ..
            }) if number == 0 => {
                header_ok = found == fingerprint;
                if !header_ok {
                    return (HashMap::new(), false);
                }
            }
            Ok(Line::Dirty { path, path_bytes }) if header_ok => {
                let key = key_of(&path, path_bytes.as_ref());
                let previous = files
                    .remove(&key)
                    .and_then(|state: FileState| state.entry().cloned());
                files.insert(key, FileState::Dirty(previous));
            }
            // An entry without ids (an older raad's) is kept for what it says, but the file
            // is read again, so that its ids get known.
            Ok(Line::Done(entry)) if header_ok && entry.ids.is_none() => {
                files.insert(entry.key(), FileState::Dirty(None));
            }
            Ok(Line::Done(entry)) if header_ok => {
                files.insert(entry.key(), FileState::Done(entry));
            }
            // A torn last line is what a kill in the middle of an append leaves.
            Err(_) if number == last && !complete => return (files, false),
            _ => return (HashMap::new(), false),
        }
    }
    (files, complete && header_ok)
}

/// Whether the manifest of the index in `dir` is whole (for `raad check`): every line reads as
/// a manifest line, the header first. A missing manifest, or a torn last line (what a kill
/// leaves, repaired by the next run), is not damage. A damaged manifest costs no records: the
/// next run distrusts it and reads every file again.
pub fn check_manifest(dir: &Path) -> Vec<Finding> {
    let text = match fs::read(dir.join(MANIFEST_FILE)) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(err) => {
            return vec![Finding::new(
                MANIFEST_FILE,
                Problem::Unreadable {
                    detail: err.to_string(),
                },
            )]
        }
    };
    let complete = text.ends_with(b"\n");
    let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
    let last = lines.len().saturating_sub(1);
    for (number, raw) in lines.iter().enumerate() {
        if raw.is_empty() || (number == last && !complete) {
            continue;
        }
        let detail = match serde_json::from_slice::<Line>(raw) {
            Ok(Line::Header { .. }) if number == 0 => continue,
            Ok(Line::Header { .. }) => "a second header".to_string(),
            Ok(_) if number == 0 => "no header".to_string(),
            Ok(_) => continue,
            Err(err) => err.to_string(),
        };
        return vec![Finding::new(
            MANIFEST_FILE,
            Problem::Unreadable {
                detail: format!("line {}: {detail}", number + 1),
            },
        )];
    }
    Vec::new()
}

/// Makes a rename inside `dir` durable. Failure only weakens durability after a power loss,
/// never correctness after a process kill, so it is not reported.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(path: &str, hash: &str, records: u64) -> DoneEntry {
        let mut entry = DoneEntry::new(&FileKey::from_text(path), hash.to_string(), records);
        entry.ids = Some((0..records).map(|i| format!("ID{i}")).collect());
        entry
    }

    fn key(path: &str) -> FileKey {
        FileKey::from_text(path)
    }

    fn log_text(lines: &[Line]) -> Vec<u8> {
        let mut out = Vec::new();
        for line in lines {
            write_line(&mut out, line).unwrap();
        }
        out
    }

    fn header() -> Line {
        Line::Header {
            fingerprint: "f1".into(),
            rebuild_of: None,
        }
    }

    #[test]
    fn last_line_about_a_path_decides() {
        let text = log_text(&[
            header(),
            Line::Done(done("a.txt", "h1", 3)),
            dirty_line(&key("a.txt")),
            Line::Done(done("b.txt", "h2", 1)),
        ]);
        let (files, clean) = parse_log(&text, "f1");
        assert!(clean);
        assert_eq!(
            files[&key("a.txt")],
            FileState::Dirty(Some(done("a.txt", "h1", 3)))
        );
        assert_eq!(
            files[&key("b.txt")],
            FileState::Done(done("b.txt", "h2", 1))
        );
    }

    #[test]
    fn torn_last_line_is_ignored_and_marks_the_log_for_rewriting() {
        let mut text = log_text(&[header(), Line::Done(done("a.txt", "h1", 3))]);
        text.extend_from_slice(br#"{"op":"dirty","pa"#);
        let (files, clean) = parse_log(&text, "f1");
        assert!(!clean);
        assert_eq!(
            files[&key("a.txt")],
            FileState::Done(done("a.txt", "h1", 3))
        );
    }

    #[test]
    fn garbage_inside_the_log_distrusts_every_entry() {
        let mut text = log_text(&[header(), Line::Done(done("a.txt", "h1", 3))]);
        text.extend_from_slice(b"{garbage\n");
        text.extend(log_text(&[Line::Done(done("b.txt", "h2", 1))]));
        let (files, clean) = parse_log(&text, "f1");
        assert!(!clean);
        assert!(files.is_empty());
    }

    #[test]
    fn another_fingerprint_distrusts_every_entry() {
        let text = log_text(&[header(), Line::Done(done("a.txt", "h1", 3))]);
        let (files, clean) = parse_log(&text, "f2");
        assert!(!clean);
        assert!(files.is_empty());
    }

    #[test]
    fn entries_of_an_older_raad_are_read_again() {
        // The text form of an older manifest: paths as text, no ids.
        let text = b"{\"op\":\"header\",\"fingerprint\":\"f1\"}\n\
            {\"op\":\"done\",\"path\":\"a.txt\",\"hash\":\"h1\",\"records\":3}\n";
        let (files, clean) = parse_log(text, "f1");
        assert!(clean);
        assert_eq!(files[&key("a.txt")], FileState::Dirty(None));
    }

    #[test]
    fn done_is_only_trusted_for_the_same_content() {
        let dir = tempfile::tempdir().unwrap();
        let text = log_text(&[header(), Line::Done(done("a.txt", "h1", 3))]);
        fs::write(dir.path().join(MANIFEST_FILE), text).unwrap();
        let (manifest, clean) = Manifest::load(dir.path(), "f1").unwrap();
        assert!(clean);
        assert_eq!(
            manifest.unchanged(&key("a.txt"), "h1").map(|e| e.records),
            Some(3)
        );
        assert_eq!(manifest.unchanged(&key("a.txt"), "h2"), None);
        assert_eq!(manifest.unchanged(&key("b.txt"), "h1"), None);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_keyed_by_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let (mut manifest, _) = Manifest::load(dir.path(), "f1").unwrap();
        let keys = [b"v\xe9.jsonl", b"v\xe8.jsonl"]
            .map(|name| FileKey::of(Path::new(std::ffi::OsStr::from_bytes(name))));
        let mut log = manifest.rewrite().unwrap();
        for (n, key) in keys.iter().enumerate() {
            log.mark_done(DoneEntry::new(key, format!("h{n}"), 1))
                .unwrap();
        }
        log.sync().unwrap();
        manifest.apply(std::mem::take(&mut log.changes));
        drop(log);
        let (reloaded, _) = Manifest::load(dir.path(), "f1").unwrap();
        assert_eq!(reloaded.files.len(), 2);
        assert!(reloaded.unchanged(&keys[0], "h0").is_some());
        assert!(reloaded.unchanged(&keys[1], "h1").is_some());
        manifest.rewrite().unwrap();
        let (rewritten, _) = Manifest::load(dir.path(), "f1").unwrap();
        assert_eq!(rewritten.files, reloaded.files);
    }

    #[test]
    fn dirty_without_done_survives_a_kill_and_a_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let (mut manifest, _) = Manifest::load(dir.path(), "f1").unwrap();
        let mut log = manifest.rewrite().unwrap();
        log.mark_done(done("a.txt", "h1", 3)).unwrap();
        log.mark_dirty(&key("a.txt"), Some(done("a.txt", "h1", 3)))
            .unwrap();
        log.sync().unwrap();
        // Killed here: the commit for a.txt may or may not have happened; no `done` follows.
        drop(log);
        let (reloaded, clean) = Manifest::load(dir.path(), "f1").unwrap();
        assert!(clean);
        assert_eq!(reloaded.unchanged(&key("a.txt"), "h1"), None);
        manifest.apply(reloaded.files.clone());
        manifest.rewrite().unwrap();
        let (rewritten, _) = Manifest::load(dir.path(), "f1").unwrap();
        // The ids of the last committed read stay known.
        assert_eq!(
            rewritten.files[&key("a.txt")],
            FileState::Dirty(Some(done("a.txt", "h1", 3)))
        );
    }

    #[test]
    fn an_upgrade_copies_the_manifest_with_the_new_keys_and_every_other_byte() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = log_text(&[
            header(),
            Line::Done(done("a.txt", "h1", 2)),
            dirty_line(&key("a.txt")),
        ]);
        text.extend_from_slice(br#"{"op":"dirty","pa"#);
        fs::write(dir.path().join(MANIFEST_FILE), &text).unwrap();
        let to = dir.path().join("copy.jsonl");
        let rekeyed = HashMap::from([("ID0".to_string(), "x/ID0".to_string())]);
        copy_rekeyed(dir.path(), &to, &rekeyed).unwrap();
        let mut entry = done("a.txt", "h1", 2);
        entry.ids = Some(vec!["ID1".to_string(), "x/ID0".to_string()]);
        let mut expected = log_text(&[header(), Line::Done(entry), dirty_line(&key("a.txt"))]);
        expected.extend_from_slice(br#"{"op":"dirty","pa"#);
        assert_eq!(fs::read(&to).unwrap(), expected);
        // Nothing to rekey: the very same bytes.
        copy_rekeyed(dir.path(), &to, &HashMap::new()).unwrap();
        assert_eq!(fs::read(&to).unwrap(), text);
        // No manifest: no copy.
        let empty = tempfile::tempdir().unwrap();
        copy_rekeyed(empty.path(), &empty.path().join("copy"), &rekeyed).unwrap();
        assert!(!empty.path().join("copy").exists());
    }

    #[test]
    fn a_rebuild_manifest_counts_only_once_its_commit_happened() {
        let dir = tempfile::tempdir().unwrap();
        let live = log_text(&[header(), Line::Done(done("old.txt", "h1", 1))]);
        fs::write(dir.path().join(MANIFEST_FILE), &live).unwrap();
        let rebuild = Manifest::for_rebuild(dir.path(), "f1", 7);
        let mut log = rebuild.rewrite().unwrap();
        log.mark_done(done("new.txt", "h2", 1)).unwrap();
        log.sync().unwrap();
        drop(log);

        // The index is still at opstamp 7: the rebuild never took effect.
        settle_rebuild(dir.path(), 7).unwrap();
        assert_eq!(fs::read(dir.path().join(MANIFEST_FILE)).unwrap(), live);
        assert!(!dir.path().join(REBUILD_FILE).exists());

        let mut log = rebuild.rewrite().unwrap();
        log.mark_done(done("new.txt", "h2", 1)).unwrap();
        log.sync().unwrap();
        drop(log);
        // The rebuilt index was committed (opstamp 9): its manifest takes over.
        settle_rebuild(dir.path(), 9).unwrap();
        let (manifest, _) = Manifest::load(dir.path(), "f1").unwrap();
        assert!(manifest.unchanged(&key("new.txt"), "h2").is_some());
        assert!(!manifest.files.contains_key(&key("old.txt")));
    }
}
