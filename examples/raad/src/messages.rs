//! What raad tells the user on stderr, worded once: every command that skips or rejects input,
//! notes something or fails says it the same way. Data goes to stdout, never through here.

use std::fmt::Display;
use std::io::{self, Write};

use raad_core::ParseError;
use raad_index::{Duplicate, Kept, Rejection};

/// `skipped: PATH (…)`: a path that is not a record file, left out.
pub fn skipped(out: &mut impl Write, path: impl Display) -> io::Result<()> {
    writeln!(
        out,
        "skipped: {path} (not a record file: raad reads .txt, .md, .json and .jsonl)"
    )
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
    let line = with_causes(err);
    match crate::hints::hint(err) {
        Some(hint) => eprintln!("raad: error: {line}; {hint}"),
        None => eprintln!("raad: error: {line}"),
    }
}

/// The error and its causes, each said once: an error that words its cause into its own text
/// and also gives it as its source (as tantivy's and the libraries' I/O errors do) would say
/// the operating system's text twice with anyhow's `{:#}`.
fn with_causes(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// `raad: the index at DIR is damaged: FILE: PROBLEM (and N more); run …`: what `raad check`
/// found, and the command that repairs it.
pub fn damaged(report: &raad_query::CheckReport, rebuild: &str) {
    let Some(first) = report.findings.first() else {
        return;
    };
    let more = match report.findings.len() - 1 {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    eprintln!(
        "raad: the index at {} is damaged: {first}{more}; {rebuild}",
        report.index.display()
    );
}

/// What a search that no record matches as a whole shows instead: `no record holds all of:
/// werkoverleg Dampoort; 12 hold Dampoort (shown)`.
pub fn nearest(nearest: &raad_query::Nearest) -> String {
    format!(
        "no record holds all of: {}; {} {} {} (shown)",
        nearest
            .missing
            .iter()
            .chain(&nearest.words)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        thousands(nearest.total),
        if nearest.total == 1 { "holds" } else { "hold" },
        nearest.words.join(" and ")
    )
}

/// 1,204: counts as journalists write them in English-language output.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
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
    fn an_error_line_says_each_cause_once() {
        // `QueryError::Io` words the operating system's text and also gives it as its source.
        let err = anyhow::Error::new(raad_query::QueryError::Io {
            path: "idx/meta.json".into(),
            source: io::Error::new(io::ErrorKind::NotFound, "No such file or directory"),
        })
        .context("reading the index");
        assert_eq!(
            with_causes(&err),
            "reading the index: cannot access idx/meta.json: No such file or directory"
        );
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
