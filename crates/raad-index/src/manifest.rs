//! The file manifest: which input files are in the index, with which content.
//!
//! It lives in the index directory as [`MANIFEST_FILE`], an append-only log of JSON lines:
//!
//! - `{"op":"header","fingerprint":…}` first: the parser version and options the entries were
//!   made with; entries made with others are not trusted.
//! - `{"op":"dirty","path":…}` before the writer touches the index for a file;
//! - `{"op":"done","path":…,"hash":…,"records":…,"rejections":[…]}` after the commit that holds
//!   the file's records.
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
//! the old content). A line torn by a kill can only be the last one; it is ignored, and the log
//! is rewritten before anything is appended to it. Any other unreadable line makes the whole
//! manifest untrusted: every file is indexed again, which costs time but never loses records.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{IndexError, Result};
use crate::report::Rejection;

/// The manifest's file name inside the index directory.
pub const MANIFEST_FILE: &str = "raad-files.jsonl";

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
enum Line {
    Header { fingerprint: String },
    Dirty { path: String },
    Done(DoneEntry),
}

/// A file whose records are committed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct DoneEntry {
    /// The file path, as given (the key).
    pub path: String,
    /// xxh3-128 of the file's bytes, in hex.
    pub hash: String,
    /// Records the file held.
    pub records: u64,
    /// Rejections in the file, reported again when the file is skipped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejections: Vec<Rejection>,
}

/// What the manifest says about one path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FileState {
    /// Committed with this content.
    Done(DoneEntry),
    /// Possibly changed in the index since its last `done` line.
    Dirty,
}

/// The manifest as read at the start of a run (shared read-only by the workers) and its log,
/// open for appending (used by the writer thread only).
pub(crate) struct Manifest {
    /// The state per path.
    pub files: HashMap<String, FileState>,
    fingerprint: String,
    path: PathBuf,
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
        };
        Ok((manifest, clean && !text.is_empty()))
    }

    /// The committed entry of `path` if its content hash is still `hash`.
    pub fn unchanged(&self, path: &str, hash: &str) -> Option<&DoneEntry> {
        match self.files.get(path) {
            Some(FileState::Done(entry)) if entry.hash == hash => Some(entry),
            _ => None,
        }
    }

    /// Applies what a run appended to the log.
    pub fn apply(&mut self, changes: HashMap<String, FileState>) {
        self.files.extend(changes);
    }

    /// Rewrites the log to hold one line per path (atomically: a kill leaves the old log or the
    /// new one), and opens it for appending.
    pub fn rewrite(&self) -> Result<ManifestLog> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let temp_path = dir.join(format!("{MANIFEST_FILE}.tmp"));
        let io = |err| IndexError::io(&temp_path, err);
        let file = File::create(&temp_path).map_err(io)?;
        let mut out = BufWriter::new(file);
        write_line(
            &mut out,
            &Line::Header {
                fingerprint: self.fingerprint.clone(),
            },
        )
        .map_err(io)?;
        let mut paths: Vec<&String> = self.files.keys().collect();
        paths.sort();
        for path in paths {
            let line = match &self.files[path] {
                FileState::Done(entry) => Line::Done(entry.clone()),
                FileState::Dirty => Line::Dirty { path: path.clone() },
            };
            write_line(&mut out, &line).map_err(io)?;
        }
        let file = out.into_inner().map_err(|err| io(err.into_error()))?;
        file.sync_all().map_err(io)?;
        drop(file);
        fs::rename(&temp_path, &self.path).map_err(|err| IndexError::io(&self.path, err))?;
        sync_dir(dir);
        ManifestLog::open_append(&self.path, self.files.len())
    }

    /// Opens the log for appending as it is (it must be clean: see [`Manifest::load`]).
    pub fn append(&self) -> Result<ManifestLog> {
        ManifestLog::open_append(&self.path, self.files.len())
    }

    /// Removes the log (rebuilds start from nothing).
    pub fn remove(dir: &Path) -> Result<()> {
        let path = dir.join(MANIFEST_FILE);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(err) => Err(IndexError::io(path, err)),
        }
    }
}

/// The manifest log open for appending, and what this run changed.
pub(crate) struct ManifestLog {
    out: BufWriter<File>,
    path: PathBuf,
    /// Lines in the log (to decide when to compact it).
    pub lines: usize,
    /// The state per path written in this run.
    pub changes: HashMap<String, FileState>,
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

    /// Records that the index is about to change for `path`. Durable at the next [`sync`].
    ///
    /// [`sync`]: ManifestLog::sync
    pub fn mark_dirty(&mut self, path: &str) -> Result<()> {
        self.push(&Line::Dirty {
            path: path.to_string(),
        })?;
        self.changes.insert(path.to_string(), FileState::Dirty);
        Ok(())
    }

    /// Records that `entry`'s file is committed. Call only after the commit returned.
    pub fn mark_done(&mut self, entry: DoneEntry) -> Result<()> {
        let path = entry.path.clone();
        self.push(&Line::Done(entry.clone()))?;
        self.changes.insert(path, FileState::Done(entry));
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

/// The state per path in a log, and whether the log is clean (every line readable, header
/// matching): only a clean log may be appended to.
fn parse_log(text: &[u8], fingerprint: &str) -> (HashMap<String, FileState>, bool) {
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
            Ok(Line::Header { fingerprint: found }) if number == 0 => {
                header_ok = found == fingerprint;
                if !header_ok {
                    return (HashMap::new(), false);
                }
            }
            Ok(Line::Dirty { path }) if header_ok => {
                files.insert(path, FileState::Dirty);
            }
            Ok(Line::Done(entry)) if header_ok => {
                files.insert(entry.path.clone(), FileState::Done(entry));
            }
            // A torn last line is what a kill in the middle of an append leaves.
            Err(_) if number == last && !complete => return (files, false),
            _ => return (HashMap::new(), false),
        }
    }
    (files, complete && header_ok)
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
        DoneEntry {
            path: path.to_string(),
            hash: hash.to_string(),
            records,
            rejections: Vec::new(),
        }
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
        }
    }

    #[test]
    fn last_line_about_a_path_decides() {
        let text = log_text(&[
            header(),
            Line::Done(done("a.txt", "h1", 3)),
            Line::Dirty {
                path: "a.txt".into(),
            },
            Line::Done(done("b.txt", "h2", 1)),
        ]);
        let (files, clean) = parse_log(&text, "f1");
        assert!(clean);
        assert_eq!(files["a.txt"], FileState::Dirty);
        assert_eq!(files["b.txt"], FileState::Done(done("b.txt", "h2", 1)));
    }

    #[test]
    fn torn_last_line_is_ignored_and_marks_the_log_for_rewriting() {
        let mut text = log_text(&[header(), Line::Done(done("a.txt", "h1", 3))]);
        text.extend_from_slice(br#"{"op":"dirty","pa"#);
        let (files, clean) = parse_log(&text, "f1");
        assert!(!clean);
        assert_eq!(files["a.txt"], FileState::Done(done("a.txt", "h1", 3)));
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
    fn done_is_only_trusted_for_the_same_content() {
        let dir = tempfile::tempdir().unwrap();
        let text = log_text(&[header(), Line::Done(done("a.txt", "h1", 3))]);
        fs::write(dir.path().join(MANIFEST_FILE), text).unwrap();
        let (manifest, clean) = Manifest::load(dir.path(), "f1").unwrap();
        assert!(clean);
        assert_eq!(
            manifest.unchanged("a.txt", "h1").map(|e| e.records),
            Some(3)
        );
        assert_eq!(manifest.unchanged("a.txt", "h2"), None);
        assert_eq!(manifest.unchanged("b.txt", "h1"), None);
    }

    #[test]
    fn dirty_without_done_survives_a_kill_and_a_rewrite() {
        let dir = tempfile::tempdir().unwrap();
        let (mut manifest, _) = Manifest::load(dir.path(), "f1").unwrap();
        let mut log = manifest.rewrite().unwrap();
        log.mark_done(done("a.txt", "h1", 3)).unwrap();
        log.mark_dirty("a.txt").unwrap();
        log.sync().unwrap();
        // Killed here: the commit for a.txt may or may not have happened; no `done` follows.
        drop(log);
        let (reloaded, clean) = Manifest::load(dir.path(), "f1").unwrap();
        assert!(clean);
        assert_eq!(reloaded.unchanged("a.txt", "h1"), None);
        manifest.apply(reloaded.files.clone());
        manifest.rewrite().unwrap();
        let (rewritten, _) = Manifest::load(dir.path(), "f1").unwrap();
        assert_eq!(rewritten.files["a.txt"], FileState::Dirty);
    }
}
