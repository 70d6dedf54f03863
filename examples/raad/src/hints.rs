//! The command that fixes an error. The libraries say what is wrong, and what to do, in their
//! own terms ("rebuild the index"); only the binary knows its commands, so it adds them here,
//! to the same one line.

use std::path::Path;

use raad_core::index_meta::{can_upgrade, IndexMetaError};
use raad_index::IndexError;
use raad_query::QueryError;

/// What to run about `err`, when raad has a command for it: the first error in its chain that
/// has one decides.
pub fn hint(err: &anyhow::Error) -> Option<String> {
    err.chain().find_map(|cause| {
        if let Some(error) = cause.downcast_ref::<QueryError>() {
            query_hint(error)
        } else if let Some(error) = cause.downcast_ref::<IndexError>() {
            index_hint(error)
        } else {
            cause.downcast_ref::<IndexMetaError>().and_then(meta_hint)
        }
    })
}

fn query_hint(error: &QueryError) -> Option<String> {
    match error {
        QueryError::NoIndex { path } => Some(build(path)),
        QueryError::IndexMeta(error) => meta_hint(error),
        // An index opened from disk names its folder; one built in memory has no command.
        QueryError::IncompatibleSchema { path, .. } if !path.as_os_str().is_empty() => {
            Some(rebuild(path))
        }
        QueryError::IndexDamaged { index, .. } if !index.as_os_str().is_empty() => Some(format!(
            "run `raad check --index {}` to see what is damaged; {}",
            index.display(),
            rebuild(index)
        )),
        _ => None,
    }
}

fn index_hint(error: &IndexError) -> Option<String> {
    match error {
        IndexError::VersionMismatch {
            path, found_schema, ..
        } if can_upgrade(*found_schema) => Some(upgrade(path)),
        IndexError::VersionMismatch { path, .. } | IndexError::Damaged { path, .. } => {
            Some(rebuild(path))
        }
        IndexError::NotAnIndex { .. } => {
            Some("give `--index` a new or empty folder, or an existing raad index".to_string())
        }
        _ => None,
    }
}

fn meta_hint(error: &IndexMetaError) -> Option<String> {
    match error {
        IndexMetaError::Missing { path } => Some(build(path)),
        IndexMetaError::VersionMismatch {
            path, found_schema, ..
        } if can_upgrade(*found_schema) => Some(upgrade(path)),
        IndexMetaError::VersionMismatch { path, .. } => Some(rebuild(path)),
        // The path of the metadata file itself; the index is its folder.
        IndexMetaError::Invalid { path, .. } => path.parent().map(rebuild),
        _ => None,
    }
}

fn build(dir: &Path) -> String {
    format!(
        "build one with `raad index --index {} PATH...`",
        dir.display()
    )
}

/// The command that upgrades the index in `dir`, of an earlier schema, in place.
pub fn upgrade(dir: &Path) -> String {
    format!("run `raad index --index {}` to upgrade it", dir.display())
}

/// The command that rebuilds the index in `dir` from its files.
pub fn rebuild(dir: &Path) -> String {
    format!(
        "run `raad index --rebuild --index {} PATH...`",
        dir.display()
    )
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn index_errors_get_the_command_that_fixes_them() {
        let dir = PathBuf::from("idx");
        let missing = anyhow::Error::new(QueryError::NoIndex { path: dir.clone() });
        assert_eq!(
            hint(&missing).as_deref(),
            Some("build one with `raad index --index idx PATH...`")
        );
        let old = anyhow::Error::new(IndexError::VersionMismatch {
            path: dir.clone(),
            found_schema: 1,
            found_analyzer: 1,
        })
        .context("while indexing");
        assert_eq!(
            hint(&old).as_deref(),
            Some("run `raad index --rebuild --index idx PATH...`")
        );
        let before_councils =
            anyhow::Error::new(QueryError::IndexMeta(IndexMetaError::VersionMismatch {
                path: dir.clone(),
                found_schema: 6,
                found_analyzer: 2,
            }));
        assert_eq!(
            hint(&before_councils).as_deref(),
            Some("run `raad index --index idx` to upgrade it")
        );
        let damaged = anyhow::Error::new(QueryError::IndexMeta(IndexMetaError::Invalid {
            path: dir.join("raad.json"),
            message: "EOF".to_string(),
        }));
        assert_eq!(
            hint(&damaged).as_deref(),
            Some("run `raad index --rebuild --index idx PATH...`")
        );
        let in_memory = anyhow::Error::new(QueryError::IncompatibleSchema {
            path: PathBuf::new(),
            message: "no field `body`".to_string(),
        });
        assert_eq!(hint(&in_memory), None);
        assert_eq!(hint(&anyhow::anyhow!("anything else")), None);
    }
}
