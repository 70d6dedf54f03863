//! Progress reporting: the indexer tells a [`Progress`] what it has done, the caller draws it.
//!
//! The library never writes to the terminal; the `raad` binary implements [`Progress`] with a
//! progress bar, and library users who want nothing pass [`NoProgress`] (the default).

/// Receives the indexer's progress. Called from the thread that writes the index, so
/// implementations should return quickly; every method has an empty default.
pub trait Progress: Send + Sync {
    /// The run starts with `files` input files holding `bytes` bytes in all.
    fn start(&self, files: u64, bytes: u64) {
        let _ = (files, bytes);
    }

    /// One more file is done: `records` records from it were written (or found unchanged), and
    /// the file had `bytes` bytes.
    fn file_done(&self, records: u64, bytes: u64) {
        let _ = (records, bytes);
    }

    /// Another writer holds the index's lock: the run waits up to `wait` for it (a process
    /// that was just stopped may still hold it for a moment).
    fn waiting_for_lock(&self, wait: std::time::Duration) {
        let _ = wait;
    }

    /// The index is of an earlier schema (`from_schema`): its records are read back and
    /// indexed anew, before the run reads its files.
    fn upgrading(&self, from_schema: u32) {
        let _ = from_schema;
    }

    /// A commit starts (it may take a moment: segments are written and synced).
    fn committing(&self) {}

    /// Every file is done; the final commit and segment merges follow.
    fn finishing(&self) {}

    /// Topics are being inferred from labelled records (after the records are committed).
    fn inferring(&self) {}
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}
