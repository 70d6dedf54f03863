//! [`check_index`]: whether an index is whole, file by file (the data behind `raad check`).
//!
//! tantivy ends every segment file with a footer holding a checksum of its bytes; a file whose
//! checksum does not match was changed after it was written (a disk error, a stray write).
//! `meta.json` has no checksum: its document counts are checked against the segment files,
//! and the stored records against the record model.

use std::fmt;
use std::path::{Path, PathBuf};

use raad_core::index_meta::{IndexMeta, IndexMetaError, META_FILE};
use raad_core::RaadSchema;
use serde::Serialize;
use tantivy::directory::Directory;
use tantivy::index::{SegmentComponent, SegmentMeta, SegmentReader};
use tantivy::{Index, TantivyDocument};

use crate::damage::catching;
use crate::error::{QueryError, Result};
use crate::index_dir::raad_schema;
use crate::reader_directory::ReaderDirectory;
use crate::stored::record_of;

/// tantivy's metadata file: the segments of the last commit and their document counts.
const TANTIVY_META: &str = "meta.json";

/// How often a check starts again on the next commit when a writer committed while it ran.
const COMMIT_RETRIES: usize = 5;

/// The files of a segment, by their extension: every segment has them all.
const SEGMENT_FILES: [SegmentComponent; 6] = [
    SegmentComponent::Terms,
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::FieldNorms,
    SegmentComponent::FastFields,
    SegmentComponent::Store,
];

/// The segment files an open of a large index verifies (see [`Checksums::UpTo`]): one byte
/// per document and field, read with no bounds check.
const SMALL_FILES: [SegmentComponent; 1] = [SegmentComponent::FieldNorms];

/// The bytes of the files of `segments` (a file that cannot be opened counts nothing: the
/// counts check names it).
fn segments_bytes(index: &Index, segments: &[SegmentMeta]) -> u64 {
    let directory = index.directory();
    segments
        .iter()
        .flat_map(|segment| {
            SEGMENT_FILES
                .iter()
                .map(|component| segment.relative_path(component.clone()))
        })
        .filter_map(|file| directory.open_read(&file).ok())
        .map(|slice| tantivy::HasLen::len(&slice) as u64)
        .sum()
}

/// What [`check_index`] found. Serializes as the JSON object `raad check --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// The index directory.
    pub index: PathBuf,
    /// Segments of the last commit.
    pub segments: usize,
    /// Segment files whose checksum was verified (and matched).
    pub files_verified: usize,
    /// Stored records read back (and decoded) without a problem.
    pub records_verified: u64,
    /// What is damaged; empty when the index is whole.
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// Whether nothing is damaged.
    pub fn is_whole(&self) -> bool {
        self.findings.is_empty()
    }
}

/// One damaged thing: the file, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, relative to the index directory (`meta.json`, `raad.json`, a segment file).
    pub file: PathBuf,
    /// What is wrong.
    #[serde(flatten)]
    pub problem: Problem,
}

impl Finding {
    /// A finding about `file`; for other crates that check files of the index folder they
    /// own (raad-index's manifest).
    pub fn new(file: impl Into<PathBuf>, problem: Problem) -> Finding {
        Finding {
            file: file.into(),
            problem,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.problem)
    }
}

/// What is wrong with a file of an index. In JSON, `"problem"` names the variant (snake case)
/// beside its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Problem {
    /// The last commit needs the file, and it is not there.
    Missing,
    /// The file's checksum does not match its contents.
    Checksum,
    /// The file cannot be read or decoded.
    Unreadable {
        /// What failed.
        detail: String,
    },
    /// raad's metadata (`raad.json`) is damaged or names other versions than this raad's.
    Versions {
        /// What is wrong.
        detail: String,
    },
    /// The index's fields are not the ones this raad reads.
    Schema {
        /// Which field differs.
        detail: String,
    },
    /// `meta.json` gives a segment another number of documents than the segment's files hold.
    DocumentCount {
        /// The segment's id.
        segment: String,
        /// The count in `meta.json`.
        recorded: u32,
        /// The count in the segment's files.
        found: u32,
    },
    /// Stored records that cannot be read back as records.
    Records {
        /// How many.
        damaged: u64,
        /// Why the first of them cannot.
        first: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing => write!(f, "missing"),
            Problem::Checksum => write!(f, "checksum does not match the contents"),
            Problem::Unreadable { detail } => write!(f, "cannot be read ({detail})"),
            Problem::Versions { detail } => write!(f, "{detail}"),
            Problem::Schema { detail } => write!(f, "not raad's fields ({detail})"),
            Problem::DocumentCount {
                segment,
                recorded,
                found,
            } => write!(
                f,
                "says segment {segment} holds {recorded} documents; its files hold {found}"
            ),
            Problem::Records { damaged, first } => write!(
                f,
                "{damaged} stored record{} cannot be read back (first: {first})",
                if *damaged == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Checks the index in `dir`, reading all of it: raad's metadata and versions, that
/// `meta.json` opens and its document counts agree with the segment files, every segment file
/// against its checksum, the fields, and that every stored record reads back as a record.
/// Read-only: works while another process writes the index.
///
/// Damage is reported in [`CheckReport::findings`], never as an error; errors are for a check
/// that cannot run: [`QueryError::NoIndex`] when `dir` holds no index, [`QueryError::Io`] when
/// it cannot be listed.
pub fn check_index(dir: impl AsRef<Path>) -> Result<CheckReport> {
    let dir = dir.as_ref();
    // As in `file_findings`: damage found is believed when no commit landed meanwhile.
    let opstamp = || {
        ReaderDirectory::open_index(dir)
            .and_then(|index| index.load_metas())
            .map(|metas| commit_of(&metas))
            .ok()
    };
    let mut before = opstamp();
    let mut report = check_once(dir)?;
    for _ in 0..COMMIT_RETRIES {
        let after = opstamp();
        if report.is_whole() || after == before {
            break;
        }
        before = after;
        report = check_once(dir)?;
    }
    Ok(report)
}

/// One pass of [`check_index`].
fn check_once(dir: &Path) -> Result<CheckReport> {
    if !dir.join(TANTIVY_META).is_file() {
        return Err(QueryError::NoIndex {
            path: dir.to_path_buf(),
        });
    }
    std::fs::read_dir(dir).map_err(|source| QueryError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut report = CheckReport {
        index: dir.to_path_buf(),
        segments: 0,
        files_verified: 0,
        records_verified: 0,
        findings: Vec::new(),
    };
    match IndexMeta::check(dir) {
        Ok(_) => {}
        Err(IndexMetaError::Missing { .. }) => report
            .findings
            .push(Finding::new(META_FILE, Problem::Missing)),
        Err(error) => report.findings.push(Finding::new(
            META_FILE,
            Problem::Versions {
                detail: error.to_string(),
            },
        )),
    }
    let opened = catching(|| {
        ReaderDirectory::open_index(dir).and_then(|index| Ok((index.load_metas()?, index)))
    });
    let (metas, index) = match opened {
        Ok(Ok(opened)) => opened,
        Ok(Err(error)) => return Ok(unreadable_meta(report, error.to_string())),
        Err(panic) => return Ok(unreadable_meta(report, panic)),
    };
    report.segments = metas.segments.len();
    let schema = match raad_schema(&index, dir) {
        Ok(schema) => Some(schema),
        Err(error) => {
            let detail = match error {
                QueryError::IncompatibleSchema { message, .. } => message,
                other => other.to_string(),
            };
            report
                .findings
                .push(Finding::new(TANTIVY_META, Problem::Schema { detail }));
            None
        }
    };
    for segment in &metas.segments {
        let damaged_before = report.findings.len();
        report.files_verified +=
            verify_files(&index, segment, &SEGMENT_FILES, &mut report.findings);
        // A segment whose files are damaged is not read further: the damage explains whatever
        // reading it would fail on.
        if report.findings.len() > damaged_before {
            continue;
        }
        let Some(schema) = &schema else { continue };
        match catching(|| read_segment(&index, segment, schema)) {
            Ok(Ok(read)) => {
                report.records_verified += read.records;
                report.findings.extend(read.findings);
            }
            Ok(Err(detail)) | Err(detail) => report.findings.push(Finding::new(
                TANTIVY_META,
                Problem::Unreadable {
                    detail: format!("segment {}: {detail}", segment.id().uuid_string()),
                },
            )),
        }
    }
    Ok(report)
}

/// The report of an index whose `meta.json` cannot be opened: nothing more can be checked.
fn unreadable_meta(mut report: CheckReport, detail: String) -> CheckReport {
    report
        .findings
        .push(Finding::new(TANTIVY_META, Problem::Unreadable { detail }));
    report
}

/// The damaged files of `index`'s last commit, quickly: its segment files against their
/// checksums and `meta.json`'s document counts against the files (no stored record is read).
/// What every open of an index checks (see [`open_index`](crate::open_index)), and what a read
/// that failed on damage names as the damaged file.
///
/// A writer's commit (or merge) removes the files of the commit before, which a check that started before
/// it misses: what is found is believed only when no commit landed meanwhile; else the new
/// commit is checked. When commits keep landing faster than a check, nothing is claimed.
pub(crate) fn file_findings(index: &Index, scope: Checksums) -> Result<Vec<Finding>> {
    let mut metas = index.load_metas()?;
    for _ in 0..COMMIT_RETRIES {
        let findings = segment_findings(index, &metas.segments, scope);
        let now = index.load_metas()?;
        if findings.is_empty() || commit_of(&now) == commit_of(&metas) {
            return Ok(findings);
        }
        metas = now;
    }
    Ok(Vec::new())
}

/// What tells one commit from the next: a merge changes the segments and keeps the opstamp.
type Commit = (u64, Vec<(String, Option<u64>)>);

fn commit_of(metas: &tantivy::IndexMeta) -> Commit {
    let segments = metas
        .segments
        .iter()
        .map(|segment| (segment.id().uuid_string(), segment.delete_opstamp()))
        .collect();
    (metas.opstamp, segments)
}

/// Which segment files [`file_findings`] verifies against their checksums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Checksums {
    /// Every file: `raad check`, and naming the damaged file once a read failed.
    All,
    /// Every file while the segment files together take at most this many bytes; of a
    /// larger index the field norms only. Every open of an index checks this much, up to
    /// [`OPEN_CHECKSUM_BYTES`].
    UpTo(u64),
}

/// The size of index up to which every open verifies every file's checksum: reading 256 MB
/// takes about 60 ms from the page cache. Past it an open would read the whole index for a
/// search that touches a few posting lists (1,000,000 records, 1.2 GB: 0.3 s and 900 MB of
/// memory per `raad search`); damage in the large files of a larger index is found by
/// `raad check`, and by the read it fails, which then names the file (see `damage.rs`).
pub(crate) const OPEN_CHECKSUM_BYTES: u64 = 256 << 20;

/// The damaged files among `segments` of `index`: checksums first, then document counts.
fn segment_findings(index: &Index, segments: &[SegmentMeta], scope: Checksums) -> Vec<Finding> {
    let mut findings = Vec::new();
    let every_file = match scope {
        Checksums::All => true,
        Checksums::UpTo(bytes) => segments_bytes(index, segments) <= bytes,
    };
    for segment in segments {
        if every_file {
            verify_files(index, segment, &SEGMENT_FILES, &mut findings);
        } else {
            verify_files(index, segment, &SMALL_FILES, &mut findings);
        }
    }
    if findings.is_empty() {
        findings = count_findings(index, segments);
    }
    findings
}

/// Where `meta.json`'s document counts of `segments` differ from what their files hold, or
/// their files cannot be opened. Cheap (no file is read whole): every open of an index checks
/// it, since a wrong count sends tantivy's reads out of the columns' bounds.
fn count_findings(index: &Index, segments: &[SegmentMeta]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for segment in segments {
        let counted = catching(|| document_counts(index, segment))
            .and_then(|counts| counts.map_err(|error| error.to_string()));
        match counted {
            Ok(Some(problem)) => findings.push(Finding::new(TANTIVY_META, problem)),
            Ok(None) => {}
            Err(detail) => findings.push(Finding::new(
                TANTIVY_META,
                Problem::Unreadable {
                    detail: format!("segment {}: {detail}", segment.id().uuid_string()),
                },
            )),
        }
    }
    findings
}

/// Verifies the files of `segment` against their checksums, adding what is damaged to
/// `findings`; returns how many files matched.
fn verify_files(
    index: &Index,
    segment: &SegmentMeta,
    components: &[SegmentComponent],
    findings: &mut Vec<Finding>,
) -> usize {
    let mut files: Vec<PathBuf> = components
        .iter()
        .map(|component| segment.relative_path(component.clone()))
        .collect();
    if segment.has_deletes() {
        files.push(segment.relative_path(SegmentComponent::Delete));
    }
    let directory = index.directory();
    let mut verified = 0;
    for file in files {
        let problem = match catching(|| directory.validate_checksum(&file)) {
            Ok(Ok(true)) => {
                verified += 1;
                continue;
            }
            Ok(Ok(false)) => Problem::Checksum,
            Ok(Err(tantivy::directory::error::OpenReadError::FileDoesNotExist(_))) => {
                Problem::Missing
            }
            Ok(Err(error)) => Problem::Unreadable {
                detail: error.to_string(),
            },
            Err(panic) => Problem::Unreadable { detail: panic },
        };
        findings.push(Finding::new(file, problem));
    }
    verified
}

/// When `meta.json` gives `segment` another document count than its files hold: the problem.
/// The field norms of `body` hold one byte per document, and the fast fields their own count.
fn document_counts(index: &Index, segment: &SegmentMeta) -> tantivy::Result<Option<Problem>> {
    let reader = SegmentReader::open(&index.segment(segment.clone()))?;
    let recorded = segment.max_doc();
    let body = index.schema().get_field("body")?;
    let norms = reader.get_fieldnorms_reader(body)?.num_docs();
    let fast = reader.fast_fields().date("date")?.num_docs();
    let found = if norms != recorded { norms } else { fast };
    Ok((found != recorded).then(|| Problem::DocumentCount {
        segment: segment.id().uuid_string(),
        recorded,
        found,
    }))
}

/// What reading one segment whole found.
struct SegmentRead {
    records: u64,
    findings: Vec<Finding>,
}

/// Reads `segment` whole: its document counts, and every stored record back into a record.
fn read_segment(
    index: &Index,
    segment: &SegmentMeta,
    schema: &RaadSchema,
) -> std::result::Result<SegmentRead, String> {
    let mut read = SegmentRead {
        records: 0,
        findings: Vec::new(),
    };
    if let Some(problem) = document_counts(index, segment).map_err(|error| error.to_string())? {
        // The columns would be read out of their bounds: the count is what is damaged.
        read.findings.push(Finding::new(TANTIVY_META, problem));
        return Ok(read);
    }
    let reader =
        SegmentReader::open(&index.segment(segment.clone())).map_err(|error| error.to_string())?;
    let store = reader
        .get_store_reader(1)
        .map_err(|error| error.to_string())?;
    let mut damaged = 0;
    let mut first = None;
    for doc in reader.doc_ids_alive() {
        let record = catching(|| {
            let document: TantivyDocument = store.get(doc)?;
            record_of(&document, schema, &doc)
        });
        match record {
            Ok(Ok(_)) => read.records += 1,
            Ok(Err(error)) => {
                damaged += 1;
                first.get_or_insert_with(|| error.to_string());
            }
            Err(panic) => {
                damaged += 1;
                first.get_or_insert(panic);
            }
        }
    }
    if let Some(first) = first {
        read.findings.push(Finding::new(
            segment.relative_path(SegmentComponent::Store),
            Problem::Records { damaged, first },
        ));
    }
    Ok(read)
}

#[cfg(test)]
mod open_checksum_tests {
    use raad_core::analysis::register_analyzers;
    use raad_core::{RaadSchema, Record};

    use super::*;

    /// An index of a few records whose positions file has one byte flipped.
    fn index_with_damaged_positions(dir: &Path) -> Index {
        let schema = RaadSchema::new();
        let index = Index::create_in_dir(dir, schema.schema.clone()).unwrap();
        register_analyzers(index.tokenizers());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0..200 {
            let mut record = Record::new(format!("2020_MV_{n:05}"));
            record.question =
                Some(format!("vraag {n} over het fietspad aan de Dampoort ").repeat(20));
            writer.add_document(schema.document(&record)).unwrap();
        }
        writer.commit().unwrap();
        let segment = index.searchable_segment_metas().unwrap()[0].clone();
        let file = dir.join(segment.relative_path(SegmentComponent::Positions));
        let mut bytes = std::fs::read(&file).unwrap();
        // In the middle: the data, not the footer that every open reads.
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        std::fs::write(&file, &bytes).unwrap();
        Index::open_in_dir(dir).unwrap()
    }

    #[test]
    fn an_open_verifies_every_file_of_a_small_index_and_the_small_files_of_a_large_one() {
        let dir = tempfile::tempdir().unwrap();
        let index = index_with_damaged_positions(dir.path());
        let damaged = |scope| {
            file_findings(&index, scope)
                .unwrap()
                .into_iter()
                .map(|finding| finding.file.extension().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        let positions = vec![std::ffi::OsString::from("pos")];
        assert_eq!(damaged(Checksums::All), positions);
        assert_eq!(damaged(Checksums::UpTo(OPEN_CHECKSUM_BYTES)), positions);
        // An index larger than the bound: its positions are left to `raad check`.
        assert_eq!(
            damaged(Checksums::UpTo(0)),
            Vec::<std::ffi::OsString>::new()
        );
    }
}
