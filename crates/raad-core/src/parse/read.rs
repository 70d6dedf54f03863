//! Reading one record file, bounded: only files, never more than the limit of bytes.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::error::ParseErrorKind;

/// The largest file raad reads by default: 1 GB, far above any council export (the largest
/// real file is a few tens of MB), and low enough that a mistake (a link to `/dev/zero`, a
/// disk image named `.txt`) does not eat the machine's memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1_000_000_000;

/// A path that is neither a file nor a folder. raad never opens these in folders: opening a
/// named pipe waits for a writer, and a device such as `/dev/zero` never ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialFile {
    /// A named pipe (FIFO).
    NamedPipe,
    /// A Unix socket.
    Socket,
    /// A character or block device.
    Device,
    /// Anything else that is not a file or folder.
    Other,
}

impl fmt::Display for SpecialFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SpecialFile::NamedPipe => "a named pipe",
            SpecialFile::Socket => "a socket",
            SpecialFile::Device => "a device",
            SpecialFile::Other => "not a file or folder",
        })
    }
}

impl SpecialFile {
    /// What `metadata` (of a path, links followed) describes, when it is neither a file nor a
    /// folder.
    pub fn of(metadata: &Metadata) -> Option<SpecialFile> {
        if metadata.is_file() || metadata.is_dir() {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            let file_type = metadata.file_type();
            if file_type.is_fifo() {
                return Some(SpecialFile::NamedPipe);
            }
            if file_type.is_socket() {
                return Some(SpecialFile::Socket);
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return Some(SpecialFile::Device);
            }
        }
        Some(SpecialFile::Other)
    }
}

/// Reads the file at `path` whole, refusing one larger than `limit` bytes.
///
/// A device or socket is refused before it is opened ([`ParseErrorKind::NotRegular`]). A named
/// pipe is read (a path given by name, as in `raad parse <(…)`, is the user's wish; folders
/// never hand one to this function, see [`discover`](super::discover)). A file whose size
/// is over the limit is refused without reading it, and the read itself stops after `limit`
/// bytes, so that a pipe or a file that grows while it is read cannot exceed it either
/// ([`ParseErrorKind::TooLarge`]).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ParseErrorKind> {
    let read_error = |err: std::io::Error| match err.kind() {
        std::io::ErrorKind::NotFound => ParseErrorKind::NotFound,
        _ => ParseErrorKind::Read {
            message: err.to_string(),
        },
    };
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    if let Some(kind) = SpecialFile::of(&metadata) {
        if kind != SpecialFile::NamedPipe {
            return Err(ParseErrorKind::NotRegular { kind });
        }
    }
    if metadata.is_file() && metadata.len() > limit {
        return Err(ParseErrorKind::TooLarge { limit });
    }
    let file = File::open(path).map_err(read_error)?;
    let expected = if metadata.is_file() {
        metadata.len()
    } else {
        0
    };
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    // One byte over the limit tells a file that reached it from one that went past it.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(ParseErrorKind::TooLarge { limit });
    }
    Ok(bytes)
}

/// A size in bytes as people read it: `1 GB`, `64 MB`, `1.5 kB`, `512 bytes` (decimal
/// units, as disks and `--max-file-size` count them).
pub fn format_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 4] = [
        (1_000_000_000_000, "TB"),
        (1_000_000_000, "GB"),
        (1_000_000, "MB"),
        (1_000, "kB"),
    ];
    for (unit, name) in UNITS {
        if bytes >= unit {
            let value = bytes as f64 / unit as f64;
            let text = format!("{value:.1}");
            let text = text.strip_suffix(".0").unwrap_or(&text);
            return format!("{text} {name}");
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(format_size(DEFAULT_MAX_FILE_SIZE), "1 GB");
        assert_eq!(format_size(1_500), "1.5 kB");
        assert_eq!(format_size(64_000_000), "64 MB");
        assert_eq!(format_size(999), "999 bytes");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_file(&path, 10).unwrap(), b"0123456789");
        assert_eq!(
            read_file(&path, 9),
            Err(ParseErrorKind::TooLarge { limit: 9 })
        );
        assert_eq!(
            read_file(&dir.path().join("gone.txt"), 9),
            Err(ParseErrorKind::NotFound)
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert_eq!(
            read_file(&link, DEFAULT_MAX_FILE_SIZE),
            Err(ParseErrorKind::NotRegular {
                kind: SpecialFile::Device
            })
        );
    }
}
