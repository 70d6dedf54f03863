//! What raad tells the user on stderr, worded once: every command that skips or rejects input,
//! notes something or fails says it the same way. Data goes to stdout, never through here.

use std::fmt::Display;
use std::io::{self, Write};

use raad_core::ParseError;
use raad_index::{Duplicate, Kept, Rejection};

/// `skipped: PATH (REASON)`: a path left out unread (not a record file, a named pipe or
/// device, a link out of the paths given).
pub fn skipped(out: &mut impl Write, path: impl Display, reason: impl Display) -> io::Result<()> {
    writeln!(out, "skipped: {path} ({reason})")
}

/// `raad: no record files in PATHS`: the paths given hold nothing to read.
pub fn no_record_files(paths: &[std::path::PathBuf]) {
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    note(format_args!(
        "no record files in {} (raad reads .txt, .md, .json and .jsonl)",
        paths.join(", ")
    ));
}

/// Where a rejected file or record is: the file, and the line and column when known.
struct Place<'a> {
    path: &'a dyn Display,
    line: Option<u32>,
    column: Option<u32>,
}

/// `rejected: PATH[:LINE[:COLUMN]]: REASON`: a file or record `raad parse` or `raad index`
/// did not take. Both commands report through here, so their lines read alike.
fn rejected(out: &mut impl Write, place: Place<'_>, reason: impl Display) -> io::Result<()> {
    write!(out, "rejected: {}", place.path)?;
    if let Some(line) = place.line {
        write!(out, ":{line}")?;
        if let Some(column) = place.column {
            write!(out, ":{column}")?;
        }
    }
    writeln!(out, ": {reason}")
}

/// The rejection of a parser error (`raad parse`).
pub fn parse_rejected(out: &mut impl Write, error: &ParseError) -> io::Result<()> {
    let path = error.path.display();
    let place = Place {
        path: &path,
        line: error.line,
        column: error.column,
    };
    rejected(out, place, &error.kind)
}

/// The rejection an indexing run reported (`raad index`).
pub fn index_rejected(out: &mut impl Write, rejection: &Rejection) -> io::Result<()> {
    let place = Place {
        path: &rejection.path,
        line: rejection.line,
        column: rejection.column,
    };
    rejected(out, place, &rejection.reason)
}

/// `kept from the last run: FILE (reason)`: a file that could not be read now, whose records
/// stay as its last good read left them.
pub fn kept(out: &mut impl Write, kept: &Kept) -> io::Result<()> {
    writeln!(out, "kept from the last run: {kept}")
}

/// `duplicate id: ID in A and B; indexed from B`: one id in several input files.
pub fn duplicate(out: &mut impl Write, duplicate: &Duplicate) -> io::Result<()> {
    writeln!(
        out,
        "duplicate id: {} in {}; indexed from {}",
        duplicate.id,
        duplicate.files.join(" and "),
        duplicate.indexed
    )
}

/// `raad: …`: a note about what raad did or did not find, beside the data.
pub fn note(text: impl Display) {
    eprintln!("raad: {text}");
}

/// `raad: error: …`: the one line of an error that stopped the run, with its causes.
pub fn error(err: &anyhow::Error) {
    match crate::hints::hint(err) {
        Some(hint) => eprintln!("raad: error: {err:#}; {hint}"),
        None => eprintln!("raad: error: {err:#}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use raad_core::ParseErrorKind;

    fn text(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn parse_and_index_rejections_read_alike() {
        let mut error = ParseError::at_line(
            "a.jsonl",
            2,
            ParseErrorKind::Json {
                message: "expected value".to_string(),
            },
        );
        error.column = Some(7);
        let from_parse = text(|out| parse_rejected(out, &error));
        let from_index = text(|out| index_rejected(out, &Rejection::from_parse_error(&error)));
        assert_eq!(
            from_parse,
            "rejected: a.jsonl:2:7: invalid JSON: expected value\n"
        );
        assert_eq!(from_index, from_parse);
        let whole_file = ParseError::file("b.txt", ParseErrorKind::Empty);
        assert_eq!(
            text(|out| parse_rejected(out, &whole_file)),
            "rejected: b.txt: the file is empty\n"
        );
    }
}
