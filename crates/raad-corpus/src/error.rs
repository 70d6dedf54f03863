//! The one error type of raad-corpus.

use std::path::PathBuf;

/// Everything that can go wrong in raad-corpus. Generating records cannot fail; writing them
/// to files can.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A corpus folder or file could not be created or written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The folder or file that failed.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}
