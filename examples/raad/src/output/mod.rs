//! Output formats for search results and records. Data goes to stdout only.

pub mod atom;
pub mod csv;
pub mod table;
pub mod watch;

use std::io;

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
