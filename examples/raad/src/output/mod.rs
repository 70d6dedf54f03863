//! Output formats for search results and records. Data goes to stdout, and to the files an
//! option names (`--facets-out`, `--provenance-out`).

pub mod atom;
pub mod bars;
pub mod csv;
pub mod export;
pub mod provenance;
pub mod table;
pub mod watch;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use anyhow::Context;

/// Whether `err` is stdout's reader going away (`raad search … | head`): a normal way to stop
/// reading, never an error to report.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        if let Some(e) = cause.downcast_ref::<io::Error>() {
            return broken(e);
        }
        if let Some(e) = cause.downcast_ref::<serde_json::Error>() {
            return e.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
        }
        // csv keeps its I/O error inside rather than as a `source`.
        matches!(
            cause.downcast_ref::<::csv::Error>().map(::csv::Error::kind),
            Some(::csv::ErrorKind::Io(e)) if broken(e)
        )
    })
}

/// Creates (or replaces) the file at `path` and writes it with `write`, naming the file in any
/// error: the files `--provenance-out` and `--facets-out` ask for.
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let written = File::create(path)
        .map_err(anyhow::Error::from)
        .and_then(|file| {
            let mut out = BufWriter::new(file);
            write(&mut out)?;
            out.flush()?;
            Ok(())
        });
    written.with_context(|| format!("cannot write {}", path.display()))
}
