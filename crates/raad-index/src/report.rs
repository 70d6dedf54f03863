//! What an indexing run did, as plain serde data: `raad index --json` prints it as is.

use serde::Serialize;

use crate::infer::TopicReport;
use crate::upgrade::Upgrade;

/// The outcome of [`crate::Indexer::run`].
///
/// Every record read from a changed file counts once: as `indexed` (its id was not in the
/// index), `replaced` (its id was in the index when the run started) or `repeated` (its id came
/// earlier in this run, in the same file or another one: one version per id is indexed, see
/// [`repeats`](IndexReport::repeats) and [`duplicates`](IndexReport::duplicates)). Records in
/// files whose content did not change since they were last indexed are not read again and
/// count as `unchanged`. So `indexed + replaced + repeated + unchanged` is every record the
/// input files gave (rejected ones and files that could not be read aside), and the index
/// grows by `indexed - removed`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexReport {
    /// Input files found (record files only; other files are listed in `skipped`).
    pub files: u64,
    /// Files skipped because their content did not change since they were indexed.
    pub skipped_unchanged_files: u64,
    /// Records under an id the index did not hold and no earlier record of this run had.
    pub indexed: u64,
    /// Records under an id the index held when the run started (the first of this run with
    /// that id).
    pub replaced: u64,
    /// Records under an id that an earlier record of this run had, in the same file or
    /// another: they add no record to the index, and one version of the id is indexed.
    pub repeated: u64,
    /// Records in unchanged files, left as they were.
    pub unchanged: u64,
    /// Records removed because the changed file they came from no longer holds their id (and
    /// no other file does).
    pub removed: u64,
    /// Rejected files and records, sorted by path and line. Rejections in unchanged files are
    /// listed again: the file still holds them.
    pub rejected: Vec<Rejection>,
    /// Files that could not be read, or not wholly, this time, whose records stay as their
    /// last good read left them, sorted by path (see [`Kept`]).
    pub kept: Vec<Kept>,
    /// Ids held by more than one input file, sorted by id (see [`Duplicate`]).
    pub duplicates: Vec<Duplicate>,
    /// Ids that one input file holds more than once, sorted by path and first line, every one
    /// of them (see [`Repeated`]). Those of unchanged files are listed again: the file still
    /// holds them.
    pub repeats: Vec<Repeated>,
    /// Whether the run was stopped through its cancellation flag
    /// ([`crate::IndexerBuilder::cancel_flag`]) before it read every file: what it read is
    /// committed, and running it again continues where it stopped.
    pub interrupted: bool,
    /// Paths found but not read (not a record file, not a regular file, a link out of the
    /// paths given), with the reason, in the order found.
    pub skipped: Vec<SkippedPath>,
    /// Records in the index after the run.
    pub records_in_index: u64,
    /// Wall-clock duration of the run, in seconds.
    pub seconds: f64,
    /// Bytes of input read (unchanged files included: they are read to be hashed).
    pub bytes: u64,
    /// Where the records' topics come from, and what inference did in this run.
    pub topics: TopicReport,
    /// Records indexed in this run with more text than
    /// [`raad_core::limits::LARGE_TEXT_BYTES`], sorted by path and line (see [`LargeRecord`]).
    pub large: Vec<LargeRecord>,
    /// Files whose records came without a council while other records of the run had one,
    /// sorted by path: raad does not guess their council (give it with a `raad.toml` in their
    /// folder, or in the records). Empty when no record had a council.
    pub without_council: Vec<WithoutCouncil>,
    /// The index was of an earlier schema and this run upgraded it in place before it read
    /// its files (see [`Upgrade`]); `None` otherwise.
    pub upgraded: Option<Upgrade>,
}

/// A file whose records came without a council in a run where others had one (see
/// [`IndexReport::without_council`]). They are indexed without a council.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct WithoutCouncil {
    /// The file, as given.
    pub path: String,
    /// Its records without a council.
    pub records: u64,
}

/// A record with more text (title, question and answer) than
/// [`raad_core::limits::LARGE_TEXT_BYTES`]. It is indexed whole and found like any other;
/// searches that match it take longer and show snippets from the start of its text only. It
/// is reported so that this is never a silent slowdown (such a record is usually a whole
/// document pasted into one field).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LargeRecord {
    /// The file, as given.
    pub path: String,
    /// The line where the record starts.
    pub line: u32,
    /// The record's id as written.
    pub id: String,
    /// Bytes of text.
    pub text_bytes: u64,
}

/// Records of a file kept from its last good read: the file could not be read now (it is
/// unreadable, empty, not text, holds no record), or some of its records were rejected, so
/// that this read cannot tell which of them are gone. Only a read without rejections removes
/// a file's records.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Kept {
    /// The file, as given.
    pub path: String,
    /// Why this read did not decide.
    pub reason: String,
    /// Records kept as they were.
    pub records: u64,
}

impl std::fmt::Display for Kept {
    /// `PATH (REASON; N records)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = if self.records == 1 { "" } else { "s" };
        write!(
            f,
            "{} ({}; {} record{plural})",
            self.path, self.reason, self.records
        )
    }
}

/// An id that more than one input file holds. The index holds one record per id: the version
/// of the file whose path comes last in byte order (`b.jsonl` over `a.jsonl`,
/// `2024/x.txt` over `2023/y.txt`), whatever order the files are given or read in. The record
/// stays while any of the files holds the id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Duplicate {
    /// The id (normalized, as `raad show` finds it).
    pub id: String,
    /// The files that hold it, sorted by path.
    pub files: Vec<String>,
    /// The file whose version is in the index.
    pub indexed: String,
    /// How the files write the id, in the order of `files`, when they do not all write it
    /// alike (`2016 mv 146` in one, `2016_MV_00146` in the other); empty otherwise. Only
    /// spellings known to this run are listed: those of the files it read, and that of the
    /// version in the index (a file unchanged since it was indexed is not read again, and the
    /// index keeps ids by key).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub written: Vec<WrittenId>,
}

/// One file's spelling of an id (see [`Duplicate::written`]).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct WrittenId {
    /// The file, as given.
    pub path: String,
    /// The id as the file writes it (its first record with that id).
    pub id: String,
}

/// An id that one file holds more than once: its records have the same id, or ids that are
/// one after normalization (`2016 mv 146` and `2016_MV_00146`). The index holds one record per
/// id: the file's last one, the record that starts on the last of `lines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Repeated {
    /// The id (normalized, as `raad show` finds it).
    pub id: String,
    /// The file, as given.
    pub path: String,
    /// The lines where its records with the id start, in file order (every format the parser
    /// reads gives them; two records of a JSON array on one line share it).
    pub lines: Vec<u32>,
    /// The different ways those records write the id, in order of first appearance, when
    /// they do not all write it alike; empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub written: Vec<String>,
    /// The line whose record is in the index: the last of `lines`; `None` when another file's
    /// version of the id is indexed instead (the id is then in [`IndexReport::duplicates`]
    /// too).
    pub indexed_line: Option<u32>,
}

/// A path an indexing run found and did not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedPath {
    /// The path, as found.
    pub path: String,
    /// Why it was not read.
    pub reason: String,
}

impl SkippedPath {
    /// The report of a path discovery skipped.
    pub fn from_skipped(skipped: &raad_core::parse::Skipped) -> SkippedPath {
        SkippedPath {
            path: crate::file_key::display_path(&skipped.path),
            reason: skipped.reason.to_string(),
        }
    }
}

/// One rejected file or record: where it is and why, as `raad parse` reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
pub struct Rejection {
    /// The file, as given.
    pub path: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<u32>,
    /// The 1-based column, when known (JSON syntax errors).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// What is wrong.
    pub reason: String,
}

impl Rejection {
    /// The rejection for a parser error.
    pub fn from_parse_error(error: &raad_core::ParseError) -> Rejection {
        Rejection {
            path: crate::file_key::display_path(&error.path),
            line: error.line,
            column: error.column,
            reason: error.kind.to_string(),
        }
    }
}

impl std::fmt::Display for Rejection {
    /// `PATH[:LINE[:COLUMN]]: REASON`, the form `raad parse` prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.reason)
    }
}
