//! [`FileKey`]: an input file as the manifest knows it, by the exact bytes of its path.
//!
//! Paths are not always UTF-8: two Latin-1 names such as `v\xE9.jsonl` and `v\xE8.jsonl` are
//! different files whose lossy text is the same (`v\u{FFFD}.jsonl`). Keying files by text made
//! each run take one for the other and delete its records; so files are keyed by their bytes,
//! and only shown as text, with the bytes that are not UTF-8 escaped (`v\xE9.jsonl`).

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The bytes of a path as given (on Unix the bytes of the name; elsewhere the platform's
/// encoding of it). Ordered by those bytes: among files holding one id, the greatest key wins.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct FileKey(Vec<u8>);

impl FileKey {
    /// The key of `path`, exactly as given.
    pub fn of(path: &Path) -> FileKey {
        FileKey(path.as_os_str().as_encoded_bytes().to_vec())
    }

    /// The key whose text form is `text` (a UTF-8 path).
    pub fn from_text(text: &str) -> FileKey {
        FileKey(text.as_bytes().to_vec())
    }

    /// The key of these bytes (read back from the manifest).
    pub fn from_bytes(bytes: Vec<u8>) -> FileKey {
        FileKey(bytes)
    }

    /// The path's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Whether the path is UTF-8 (its text form is then the path itself).
    pub fn is_utf8(&self) -> bool {
        std::str::from_utf8(&self.0).is_ok()
    }

    /// The path as text for people and for the index's `source_path`: the path itself when it
    /// is UTF-8; otherwise its UTF-8 parts as they are, each other byte as `\xNN`, and a
    /// backslash as `\\` (so that two such names never show the same).
    pub fn display(&self) -> String {
        if let Ok(text) = std::str::from_utf8(&self.0) {
            return text.to_string();
        }
        let mut out = String::with_capacity(self.0.len() + 8);
        for chunk in self.0.utf8_chunks() {
            for c in chunk.valid().chars() {
                if c == '\\' {
                    out.push_str("\\\\");
                } else {
                    out.push(c);
                }
            }
            for byte in chunk.invalid() {
                let _ = write!(out, "\\x{byte:02X}");
            }
        }
        out
    }

    /// The path to open, when this platform can spell it.
    pub fn to_path(&self) -> Option<PathBuf> {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            Some(PathBuf::from(OsStr::from_bytes(&self.0)))
        }
        #[cfg(not(unix))]
        {
            std::str::from_utf8(&self.0).ok().map(PathBuf::from)
        }
    }
}

/// The text form of `path` ([`FileKey::display`]).
pub(crate) fn display_path(path: &Path) -> String {
    FileKey::of(path).display()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_paths_show_as_they_are() {
        let key = FileKey::of(Path::new("raad/vé \\ x.jsonl"));
        assert!(key.is_utf8());
        assert_eq!(key.display(), "raad/vé \\ x.jsonl");
    }

    #[cfg(unix)]
    #[test]
    fn latin1_names_are_two_keys_shown_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let e_acute = FileKey::of(Path::new(OsStr::from_bytes(b"s/v\xe9.jsonl")));
        let e_grave = FileKey::of(Path::new(OsStr::from_bytes(b"s/v\xe8.jsonl")));
        assert_ne!(e_acute, e_grave);
        assert_eq!(e_acute.display(), "s/v\\xE9.jsonl");
        assert_eq!(e_grave.display(), "s/v\\xE8.jsonl");
        let odd = FileKey::from_bytes(b"a\\\xff".to_vec());
        assert_eq!(odd.display(), "a\\\\\\xFF");
        assert_eq!(
            e_acute.to_path().unwrap().as_os_str().as_encoded_bytes(),
            b"s/v\xe9.jsonl"
        );
    }
}
