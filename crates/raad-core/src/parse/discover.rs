//! Input discovery: the record files under the paths a user gives.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::{ParseError, ParseErrorKind};
use crate::parse::read::SpecialFile;
use crate::parse::RecordFormat;

/// What [`discover`] found: the files to parse, the paths it skipped, and the paths it could
/// not read.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Record files with their format, in a deterministic order: the paths in the order given,
    /// each folder's entries sorted by name.
    pub files: Vec<(PathBuf, RecordFormat)>,
    /// Paths that are listed, not read, each with the reason.
    pub skipped: Vec<Skipped>,
    /// Paths and folders that could not be read: [`ParseErrorKind::NotFound`] for a path
    /// given that does not exist, [`ParseErrorKind::Read`] for the others.
    pub errors: Vec<ParseError>,
}

/// A path [`discover`] left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path, as found.
    pub path: PathBuf,
    /// Why it is not read.
    pub reason: SkipReason,
}

/// Why a path is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// A file whose extension is not a record format.
    NotRecordFile,
    /// A named pipe, socket or device: never opened.
    NotRegular(SpecialFile),
    /// A symbolic link to a place outside the paths given (see
    /// [`DiscoverOptions::follow_links`]).
    LinkOutside {
        /// Where the link leads.
        target: PathBuf,
    },
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotRecordFile => {
                f.write_str("not a record file: raad reads .txt, .md, .json and .jsonl")
            }
            SkipReason::NotRegular(kind) => write!(f, "not a regular file: {kind}"),
            SkipReason::LinkOutside { target } => {
                write!(f, "a link to {}, outside the paths given", target.display())
            }
        }
    }
}

/// How [`discover_with`] walks folders.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Follow symbolic links wherever they lead. Off by default: a link inside a folder is
    /// followed only when its target lies inside one of the paths given (the convention of
    /// ripgrep and fd), so that a link to `/` or `/etc` does not walk the whole machine.
    pub follow_links: bool,
}

/// [`discover_with`] with the default options.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    discover_with(paths, &DiscoverOptions::default())
}

/// Finds the record files in `paths`: each path is a file or a folder, searched recursively.
///
/// `.txt`/`.md` files are opschrift, `.json`/`.jsonl` JSON (extensions in any case); other
/// files go to [`Discovery::skipped`]. Inside folders, entries whose name starts with `.`
/// (`.git`, editor backups) are passed over without a mention; a path given explicitly is
/// always taken. Only files are read: named pipes, sockets and devices in folders are skipped
/// with the reason, without being opened (a pipe given by name is read: `raad parse <(…)`).
/// A symbolic link in a folder is followed when it leads inside one of `paths` or when
/// [`DiscoverOptions::follow_links`] says so, and skipped otherwise; a folder reached twice is
/// read once, so link cycles end. A file given twice is listed once.
pub fn discover_with(paths: &[PathBuf], options: &DiscoverOptions) -> Discovery {
    let mut walk = Walk {
        follow_links: options.follow_links,
        roots: paths
            .iter()
            .filter_map(|path| std::fs::canonicalize(path).ok())
            .collect(),
        ..Walk::default()
    };
    for path in paths {
        walk.visit(path, true);
    }
    walk.discovery
}

#[derive(Default)]
struct Walk {
    discovery: Discovery,
    seen_dirs: HashSet<PathBuf>,
    seen_files: HashSet<PathBuf>,
    follow_links: bool,
    /// The paths given, canonical: where links may lead.
    roots: Vec<PathBuf>,
}

impl Walk {
    fn visit(&mut self, path: &Path, explicit: bool) {
        if !explicit && !self.follow_links && self.is_link(path) {
            if let Ok(target) = std::fs::canonicalize(path) {
                if !self.roots.iter().any(|root| target.starts_with(root)) {
                    return self.skip(path, SkipReason::LinkOutside { target });
                }
            }
        }
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) if explicit && err.kind() == std::io::ErrorKind::NotFound => {
                return self
                    .discovery
                    .errors
                    .push(ParseError::file(path, ParseErrorKind::NotFound));
            }
            Err(err) => return self.error(path, &err),
        };
        if metadata.is_dir() {
            return self.visit_dir(path);
        }
        if !self.seen_files.insert(path.to_path_buf()) {
            return;
        }
        match SpecialFile::of(&metadata) {
            Some(SpecialFile::NamedPipe) if explicit => {}
            Some(kind) => return self.skip(path, SkipReason::NotRegular(kind)),
            None => {}
        }
        match RecordFormat::from_path(path) {
            Some(format) => self.discovery.files.push((path.to_path_buf(), format)),
            // A folder's council settings: read by the indexer, not a file it skipped.
            None if !explicit
                && path.file_name() == Some(std::ffi::OsStr::new(crate::council::CONFIG_FILE)) => {}
            None => self.skip(path, SkipReason::NotRecordFile),
        }
    }

    fn is_link(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
    }

    fn visit_dir(&mut self, dir: &Path) {
        // The canonical path identifies a folder reached through different links.
        let identity = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen_dirs.insert(identity) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => return self.error(dir, &err),
        };
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    if !entry.file_name().to_string_lossy().starts_with('.') {
                        children.push(entry.path());
                    }
                }
                Err(err) => self.error(dir, &err),
            }
        }
        children.sort();
        for child in children {
            self.visit(&child, false);
        }
    }

    fn skip(&mut self, path: &Path, reason: SkipReason) {
        self.discovery.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
        });
    }

    fn error(&mut self, path: &Path, err: &std::io::Error) {
        self.discovery.errors.push(ParseError::file(
            path,
            ParseErrorKind::Read {
                message: err.to_string(),
            },
        ));
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn names(discovery: &Discovery, root: &Path) -> (Vec<String>, Vec<String>) {
        let relative = |path: &Path| {
            path.strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string()
        };
        (
            discovery.files.iter().map(|(p, _)| relative(p)).collect(),
            discovery
                .skipped
                .iter()
                .map(|s| format!("{} ({})", relative(&s.path), s.reason))
                .collect(),
        )
    }

    #[test]
    fn links_out_of_the_inputs_are_followed_only_when_asked() {
        let work = tempfile::tempdir().unwrap();
        let root = work.path().join("in");
        let outside = work.path().join("out");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(root.join("sub/a.txt"), "x").unwrap();
        std::fs::write(outside.join("b.txt"), "x").unwrap();
        symlink(&outside, root.join("elsewhere")).unwrap();
        symlink(root.join("sub"), root.join("same")).unwrap();
        symlink(&root, root.join("sub/loop")).unwrap();

        let found = discover(std::slice::from_ref(&root));
        let target = std::fs::canonicalize(&outside).unwrap();
        assert_eq!(
            names(&found, &root),
            (
                vec!["same/a.txt".to_string()],
                vec![format!(
                    "elsewhere (a link to {}, outside the paths given)",
                    target.display()
                )]
            )
        );
        let followed = discover_with(
            std::slice::from_ref(&root),
            &DiscoverOptions { follow_links: true },
        );
        assert_eq!(
            names(&followed, &root),
            (
                vec!["elsewhere/b.txt".to_string(), "same/a.txt".to_string()],
                vec![]
            )
        );
        // The link given by name is a path given: followed.
        let given = discover(&[root.join("elsewhere")]);
        assert_eq!(given.files.len(), 1);
    }
}
