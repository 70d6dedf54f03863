//! A damaged index is an error, never a panic. tantivy trusts its files: a flipped byte in a
//! term dictionary, a fast field or a position list can make it panic deep inside a decoder,
//! and a wrong document count in `meta.json` makes it read past the end of a column. Every
//! public read of raad-query therefore runs its tantivy calls through [`guarded`], which turns
//! such a panic, and tantivy's own errors about damaged data, into
//! [`QueryError::IndexDamaged`] naming the damaged file when the files' checksums tell it.
//! One request fails; the program (a server) goes on.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use tantivy::directory::error::OpenReadError;
use tantivy::{Index, TantivyError};

use crate::check::{file_findings, Checksums, OPEN_CHECKSUM_BYTES};
use crate::error::{QueryError, Result};

thread_local! {
    /// How many [`guarded`] reads this thread is inside: a panic then is caught and reported
    /// as an error, so the hook of [`quiet_caught_panics`] keeps quiet about it.
    static CATCHING: Cell<u32> = const { Cell::new(0) };
}

/// Runs `read`, the tantivy calls of one read of the index in `dir` (`index`, once open), so
/// that a panic inside it, or a tantivy error about damaged data, becomes
/// [`QueryError::IndexDamaged`]. Other errors pass through unchanged.
pub(crate) fn guarded<T>(
    index: Option<&Index>,
    dir: &Path,
    read: impl FnOnce() -> Result<T>,
) -> Result<T> {
    match catching(read) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(QueryError::Tantivy(error))) if is_damage(&error) => {
            Err(damaged(index, dir, error.to_string()))
        }
        Ok(Err(error)) => Err(error),
        Err(panic) => Err(damaged(index, dir, panic)),
    }
}

/// Runs `f`, catching a panic inside it: `Err` holds the panic's message.
pub(crate) fn catching<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    CATCHING.with(|depth| depth.set(depth.get() + 1));
    // Nothing `f` touches is used again after a panic: the read that panicked is abandoned.
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|depth| depth.set(depth.get() - 1));
    outcome.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|text| text.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string())
    })
}

/// Installs a panic hook that keeps quiet about the panics raad-query catches (a damaged
/// index, reported as [`QueryError::IndexDamaged`]) and hands every other panic to the hook
/// installed before. For programs that print their own errors, such as the `raad` binary:
/// without it, Rust's default hook prints a caught panic's message and location on stderr.
pub fn quiet_caught_panics() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if CATCHING.with(|depth| depth.get() == 0) {
            previous(info);
        }
    }));
}

/// [`QueryError::IndexDamaged`] when a segment file of `index` (in `dir`) fails its checksum,
/// or `meta.json`'s document counts differ from what the segment files hold. tantivy itself
/// trusts its files: a damaged one gives wrong results or a panic, so every open checks them.
/// Reads every segment file once, at the speed of the disk (the operating system's cache
/// makes later opens cheaper).
pub(crate) fn check_files(index: &Index, dir: &Path) -> Result<()> {
    guarded(Some(index), dir, || {
        match file_findings(index, Checksums::UpTo(OPEN_CHECKSUM_BYTES))?
            .into_iter()
            .next()
        {
            None => Ok(()),
            Some(finding) => Err(QueryError::IndexDamaged {
                index: dir.to_path_buf(),
                file: dir.join(&finding.file),
                detail: finding.problem.to_string(),
            }),
        }
    })
}

/// Whether tantivy's error says that the index's data is damaged (rather than, say, that a
/// file cannot be read for want of permission).
fn is_damage(error: &TantivyError) -> bool {
    match error {
        TantivyError::DataCorruption(_)
        | TantivyError::DeserializeError(_)
        | TantivyError::IncompatibleIndex(_) => true,
        TantivyError::IoError(error) => error.kind() != std::io::ErrorKind::PermissionDenied,
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. }) => {
            io_error.kind() != std::io::ErrorKind::PermissionDenied
        }
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(_)) => true,
        _ => false,
    }
}

/// The error for damage in the index in `dir` that showed as `detail` (a panic's message or
/// tantivy's error). When the files of `index` tell which one is damaged (a checksum that
/// does not match, a document count that differs from `meta.json`'s), the error names it.
fn damaged(index: Option<&Index>, dir: &Path, detail: String) -> QueryError {
    let finding = index
        .and_then(|index| catching(|| file_findings(index, Checksums::All)).ok()?.ok())
        .and_then(|findings| findings.into_iter().next());
    match finding {
        Some(finding) => QueryError::IndexDamaged {
            index: dir.to_path_buf(),
            file: dir.join(&finding.file),
            detail: finding.problem.to_string(),
        },
        None => QueryError::IndexDamaged {
            index: dir.to_path_buf(),
            file: if dir.as_os_str().is_empty() {
                PathBuf::from("in memory")
            } else {
                dir.to_path_buf()
            },
            detail: format!("reading it failed: {detail}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn a_panic_inside_a_guarded_read_is_an_index_damaged_error() {
        let error = guarded::<()>(None, Path::new("idx"), || {
            panic!("index out of bounds: the len is 12 but the index is 1000")
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "index damaged (idx): reading it failed: index out of bounds: the len is 12 but the \
             index is 1000"
        );
        assert!(
            matches!(error, QueryError::IndexDamaged { index, .. } if index == Path::new("idx"))
        );
    }

    #[test]
    fn tantivy_errors_about_damaged_data_are_damage_and_others_pass_through() {
        let corrupt = || -> Result<()> {
            Err(
                TantivyError::DataCorruption(tantivy::error::DataCorruption::comment_only(
                    "bad vint",
                ))
                .into(),
            )
        };
        let error = guarded(None, Path::new("idx"), corrupt).unwrap_err();
        assert!(matches!(error, QueryError::IndexDamaged { .. }), "{error}");
        let denied = || -> Result<()> {
            Err(TantivyError::IoError(Arc::new(std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            )))
            .into())
        };
        let error = guarded(None, Path::new("idx"), denied).unwrap_err();
        assert!(matches!(error, QueryError::Tantivy(_)), "{error}");
        let not_found = || -> Result<()> { Err(QueryError::NotFound { id: "x".into() }) };
        let error = guarded(None, Path::new("idx"), not_found).unwrap_err();
        assert!(matches!(error, QueryError::NotFound { .. }), "{error}");
    }
}
