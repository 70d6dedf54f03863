//! Input discovery: the record files under the paths a user gives.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{ParseError, ParseErrorKind};
use crate::parse::RecordFormat;

/// What [`discover`] found: the files to parse, the files it skipped, and the paths it could
/// not read.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Record files with their format, in a deterministic order: the paths in the order given,
    /// each folder's entries sorted by name.
    pub files: Vec<(PathBuf, RecordFormat)>,
    /// Files whose extension is not a record format; they are listed, not read.
    pub skipped: Vec<PathBuf>,
    /// Paths and folders that could not be read ([`ParseErrorKind::Read`]).
    pub errors: Vec<ParseError>,
}

/// Finds the record files in `paths`: each path is a file or a folder, searched recursively.
///
/// `.txt`/`.md` files are opschrift, `.json`/`.jsonl` JSON (extensions in any case); other
/// files go to [`Discovery::skipped`]. Inside folders, entries whose name starts with `.`
/// (`.git`, editor backups) are passed over without a mention; a path given explicitly is
/// always taken. Symbolic links are followed, and a folder reached twice is read once, so link
/// cycles end. A file given twice is listed once.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut walk = Walk::default();
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
}

impl Walk {
    fn visit(&mut self, path: &Path, explicit: bool) {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(err) => return self.error(path, &err),
        };
        if metadata.is_dir() {
            self.visit_dir(path);
        } else if self.seen_files.insert(path.to_path_buf()) {
            match RecordFormat::from_path(path) {
                Some(format) => self.discovery.files.push((path.to_path_buf(), format)),
                None if explicit || metadata.is_file() => {
                    self.discovery.skipped.push(path.to_path_buf())
                }
                None => {}
            }
        }
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

    fn error(&mut self, path: &Path, err: &std::io::Error) {
        self.discovery.errors.push(ParseError::file(
            path,
            ParseErrorKind::Read {
                message: err.to_string(),
            },
        ));
    }
}
