//! Writing a corpus to files in the formats the parser reads.

use std::fmt;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use raad_core::parse::to_opschrift;
use raad_core::Record;

use crate::error::Error;

/// The file format of a written corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CorpusFormat {
    /// The council's text export: [`CorpusFormat::OPSCHRIFT_PER_FILE`] records per `.txt`
    /// file, like the pages of a bulletin.
    Opschrift,
    /// JSON Lines: [`CorpusFormat::JSONL_PER_FILE`] records per `.jsonl` file.
    Jsonl,
}

impl CorpusFormat {
    /// Records per opschrift file.
    pub const OPSCHRIFT_PER_FILE: usize = 1_000;
    /// Records per JSON Lines file.
    pub const JSONL_PER_FILE: usize = 10_000;

    /// The format's name as the command line spells it: `opschrift` or `jsonl`.
    pub fn name(self) -> &'static str {
        match self {
            CorpusFormat::Opschrift => "opschrift",
            CorpusFormat::Jsonl => "jsonl",
        }
    }

    /// How many records go into one file.
    pub fn records_per_file(self) -> usize {
        match self {
            CorpusFormat::Opschrift => CorpusFormat::OPSCHRIFT_PER_FILE,
            CorpusFormat::Jsonl => CorpusFormat::JSONL_PER_FILE,
        }
    }

    /// The name of the `index`-th file (0-based): `bulletin-00001.txt`, `records-00001.jsonl`.
    pub fn file_name(self, index: usize) -> String {
        match self {
            CorpusFormat::Opschrift => format!("bulletin-{:05}.txt", index + 1),
            CorpusFormat::Jsonl => format!("records-{:05}.jsonl", index + 1),
        }
    }
}

impl fmt::Display for CorpusFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A corpus format name that is neither `opschrift` nor `jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown corpus format `{0}`: expected `opschrift` or `jsonl`")]
pub struct UnknownFormat(pub String);

impl FromStr for CorpusFormat {
    type Err = UnknownFormat;

    fn from_str(text: &str) -> Result<CorpusFormat, UnknownFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "opschrift" => Ok(CorpusFormat::Opschrift),
            "jsonl" => Ok(CorpusFormat::Jsonl),
            _ => Err(UnknownFormat(text.to_string())),
        }
    }
}

/// What [`write_corpus`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusSummary {
    /// The files written, in order.
    pub files: Vec<PathBuf>,
    /// The number of records written.
    pub records: u64,
    /// The number of bytes written.
    pub bytes: u64,
}

/// Writes `records` into `dir` (created if missing) as numbered files of the format, the
/// record count per file given by [`CorpusFormat::records_per_file`]. Files of the same name
/// are replaced; other files in `dir` are left alone. No records, no files.
///
/// The records' `source` is not written (it says where a record was read from, and the parser
/// sets it when it reads the files back).
pub fn write_corpus(
    dir: &Path,
    format: CorpusFormat,
    records: impl IntoIterator<Item = Record>,
) -> crate::Result<CorpusSummary> {
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    fs::create_dir_all(dir).map_err(io_error(dir))?;
    let mut summary = CorpusSummary {
        files: Vec::new(),
        records: 0,
        bytes: 0,
    };
    let mut current: Option<(PathBuf, BufWriter<File>, usize)> = None;
    let mut text = String::new();
    for mut record in records {
        record.source = None;
        if current.is_none() {
            let path = dir.join(format.file_name(summary.files.len()));
            let file = File::create(&path).map_err(io_error(&path))?;
            current = Some((path, BufWriter::with_capacity(1 << 20, file), 0));
        }
        let Some((path, out, count)) = current.as_mut() else {
            continue;
        };
        text.clear();
        match format {
            CorpusFormat::Opschrift => {
                text.push_str(&to_opschrift(&record));
                text.push('\n');
            }
            CorpusFormat::Jsonl => {
                // A Record is plain data with string keys: serializing it cannot fail.
                text.push_str(&serde_json::to_string(&record).unwrap_or_default());
                text.push('\n');
            }
        }
        out.write_all(text.as_bytes()).map_err(io_error(path))?;
        summary.bytes += text.len() as u64;
        summary.records += 1;
        *count += 1;
        if *count == format.records_per_file() {
            if let Some((path, out, _)) = current.take() {
                finish(out, &path)?;
                summary.files.push(path);
            }
        }
    }
    if let Some((path, out, _)) = current.take() {
        finish(out, &path)?;
        summary.files.push(path);
    }
    Ok(summary)
}

fn finish(mut out: BufWriter<File>, path: &Path) -> crate::Result<()> {
    out.flush().map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names() {
        assert_eq!("opschrift".parse(), Ok(CorpusFormat::Opschrift));
        assert_eq!(" JSONL ".parse(), Ok(CorpusFormat::Jsonl));
        assert_eq!(
            "csv".parse::<CorpusFormat>().unwrap_err().to_string(),
            "unknown corpus format `csv`: expected `opschrift` or `jsonl`"
        );
        assert_eq!(CorpusFormat::Opschrift.file_name(0), "bulletin-00001.txt");
        assert_eq!(CorpusFormat::Jsonl.file_name(41), "records-00042.jsonl");
        assert_eq!(CorpusFormat::Jsonl.to_string(), "jsonl");
    }

    #[test]
    fn files_hold_their_share_of_records() {
        let dir = tempfile::tempdir().unwrap();
        let records = (0..10_001).map(|i| Record::new(format!("2020_SV_{i:05}")));
        let summary = write_corpus(dir.path(), CorpusFormat::Jsonl, records).unwrap();
        assert_eq!(summary.records, 10_001);
        assert_eq!(
            summary.files,
            [
                dir.path().join("records-00001.jsonl"),
                dir.path().join("records-00002.jsonl")
            ]
        );
        let second = fs::read_to_string(&summary.files[1]).unwrap();
        assert_eq!(second, "{\"id\":\"2020_SV_10000\",\"councillors\":[],\"involved_aldermen\":[],\"topics\":[]}\n");
        let total: u64 = summary
            .files
            .iter()
            .map(|f| fs::metadata(f).unwrap().len())
            .sum();
        assert_eq!(summary.bytes, total);
    }

    #[test]
    fn no_records_no_files_and_unwritable_dir_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let summary = write_corpus(dir.path(), CorpusFormat::Opschrift, Vec::new()).unwrap();
        assert!(summary.files.is_empty());
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        let err = write_corpus(&blocker.join("sub"), CorpusFormat::Jsonl, Vec::new()).unwrap_err();
        assert!(
            matches!(&err, Error::Io { path, .. } if path == &blocker.join("sub")),
            "{err}"
        );
        let message = err.to_string();
        let expected = format!("cannot write {}: ", blocker.join("sub").display());
        assert!(message.starts_with(&expected), "{message}");
    }
}
