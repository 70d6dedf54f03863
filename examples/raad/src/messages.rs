//! What raad tells the user on stderr, worded once: every command that skips or rejects input,
//! notes something or fails says it the same way. Data goes to stdout, never through here.
//! Paths, values and reasons are shown with their control characters escaped
//! ([`Escaped`]), so that no file name or record field writes to the terminal itself.

use std::fmt::Display;
use std::io::{self, Write};

use raad_core::limits::LARGE_TEXT_BYTES;
use raad_core::schema::SCHEMA_VERSION;
use raad_core::ParseError;
use raad_index::{Duplicate, Kept, LargeRecord, Rejection, Repeated, Upgrade, WithoutCouncil};
use raad_query::{Suggestion, SuggestionKind};

use crate::escape::Escaped;

/// `skipped: PATH (REASON)`: a path left out unread (not a record file, a named pipe or
/// device, a link out of the paths given).
pub fn skipped(out: &mut impl Write, path: impl Display, reason: impl Display) -> io::Result<()> {
    writeln!(out, "skipped: {} ({reason})", Escaped(path))
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
    write!(out, "rejected: {}", Escaped(place.path))?;
    if let Some(line) = place.line {
        write!(out, ":{line}")?;
        if let Some(column) = place.column {
            write!(out, ":{column}")?;
        }
    }
    writeln!(out, ": {}", Escaped(reason))
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
    writeln!(out, "kept from the last run: {}", Escaped(kept))
}

/// `duplicate id: ID in A and B; indexed from B`: one id in several input files, followed by
/// ` (written "X" in A, "Y" in B)` when they write it differently.
pub fn duplicate(out: &mut impl Write, duplicate: &Duplicate) -> io::Result<()> {
    write!(
        out,
        "duplicate id: {} in {}; indexed from {}",
        Escaped(&duplicate.id),
        Escaped(duplicate.files.join(" and ")),
        Escaped(&duplicate.indexed)
    )?;
    if !duplicate.written.is_empty() {
        let written: Vec<String> = duplicate
            .written
            .iter()
            .map(|w| format!("\"{}\" in {}", Escaped(&w.id), Escaped(&w.path)))
            .collect();
        write!(out, " (written {})", written.join(", "))?;
    }
    writeln!(out)
}

/// Lines and spellings a `repeated id:` line shows; the JSON report has them all.
const REPEAT_ITEMS_SHOWN: usize = 5;

/// `repeated id: ID in FILE (lines 3 and 7); line 7 is indexed`: one id that one file holds
/// more than once, the file's last record being its version; `indexed_from` names the file
/// whose version is indexed instead, when another file's wins. Followed by
/// ` (written "2016 mv 146" and "2016_MV_00146")` when the records write the id differently.
pub fn repeated(
    out: &mut impl Write,
    repeated: &Repeated,
    indexed_from: Option<&str>,
) -> io::Result<()> {
    let lines: Vec<String> = repeated.lines.iter().map(u32::to_string).collect();
    write!(
        out,
        "repeated id: {} in {} (lines {})",
        Escaped(&repeated.id),
        Escaped(&repeated.path),
        listing(&lines)
    )?;
    match (repeated.indexed_line, indexed_from) {
        (Some(line), _) => write!(out, "; line {line} is indexed")?,
        (None, Some(file)) => write!(out, "; indexed from {}", Escaped(file))?,
        (None, None) => write!(out, "; another file's version is indexed")?,
    }
    if !repeated.written.is_empty() {
        let written: Vec<String> = repeated
            .written
            .iter()
            .map(|id| format!("\"{}\"", Escaped(id)))
            .collect();
        write!(out, " (written {})", listing(&written))?;
    }
    writeln!(out)
}

/// `… and N more repeated ids (see --json)`: the `repeated id:` lines left out.
pub fn more_repeated(out: &mut impl Write, more: usize) -> io::Result<()> {
    let noun = if more == 1 { "id" } else { "ids" };
    writeln!(out, "… and {more} more repeated {noun} (see --json)")
}

/// `a, b and c`, or the first [`REPEAT_ITEMS_SHOWN`] then `and N more`.
fn listing(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        _ if items.len() > REPEAT_ITEMS_SHOWN => format!(
            "{} and {} more",
            items[..REPEAT_ITEMS_SHOWN].join(", "),
            items.len() - REPEAT_ITEMS_SHOWN
        ),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `large record: PATH:LINE: ID has 200.0 MB of text; …`: a record indexed whole whose size
/// makes searches that match it slower, and whose snippets come from its first megabyte.
pub fn large(out: &mut impl Write, large: &LargeRecord) -> io::Result<()> {
    writeln!(
        out,
        "large record: {}:{}: {} has {:.1} MB of text (over {} MB); indexed whole, but searches \
         that match it are slower and show snippets from its first {} MB",
        Escaped(&large.path),
        large.line,
        Escaped(&large.id),
        large.text_bytes as f64 / 1_048_576.0,
        LARGE_TEXT_BYTES >> 20,
        LARGE_TEXT_BYTES >> 20,
    )
}

/// `did you mean TERM (ROLE, N records)? COMMAND`: a query word the index lacks or barely
/// has, the term it likely meant (a name with its role; a word without), and the command that
/// searches for it instead. The search itself ran as typed.
pub fn suggestion(
    out: &mut impl Write,
    suggestion: &Suggestion,
    command: impl Display,
) -> io::Result<()> {
    let records = match suggestion.records {
        1 => "1 record".to_string(),
        n => format!("{n} records"),
    };
    match suggestion.kind {
        SuggestionKind::Word => writeln!(
            out,
            "did you mean {} ({records})? {}",
            Escaped(&suggestion.term),
            Escaped(command)
        ),
        kind => writeln!(
            out,
            "did you mean {} ({}, {records})? {}",
            Escaped(&suggestion.term),
            kind.as_str(),
            Escaped(command)
        ),
    }
}

/// `raad: …`: a note about what raad did or did not find, beside the data.
pub fn note(text: impl Display) {
    eprintln!("raad: {}", Escaped(text));
}

/// `no council: PATH: N records …`: records indexed without a council in a run where others
/// had one; raad does not guess theirs.
pub fn without_council(out: &mut impl Write, file: &WithoutCouncil) -> io::Result<()> {
    let records = match file.records {
        1 => "1 record has".to_string(),
        n => format!("{n} records have"),
    };
    writeln!(
        out,
        "no council: {}: {records} no council while other records do; indexed without one \
         (name it with --council, a raad.toml in the folder, or \"council\" in the records)",
        Escaped(&file.path),
    )
}

/// `upgraded N records from schema 6 …`: `raad index` upgraded an index of an earlier schema
/// in place before it read its files.
pub fn upgraded(out: &mut impl Write, upgrade: &Upgrade) -> io::Result<()> {
    let records = match upgrade.records {
        1 => "1 record".to_string(),
        n => format!("{n} records"),
    };
    let councils = match upgrade.with_council {
        0 => "none has a council".to_string(),
        n if n == upgrade.records => {
            "each took the council given (--council, or its folder's raad.toml)".to_string()
        }
        n => format!(
            "{n} took the council given (--council, or their folder's raad.toml), the others \
             have none"
        ),
    };
    writeln!(
        out,
        "upgraded {records} from schema {} to schema {SCHEMA_VERSION}, analyzed anew; {councils}",
        upgrade.from_schema,
    )
}

/// `raad: id `ID` is in N councils: …`: `raad show` of an id that several councils have.
pub fn ambiguous_id(id: &str, candidates: &[String]) {
    note(format_args!(
        "id `{id}` is in {} councils: {}; name one, as in `raad show {}` (or --council)",
        candidates.len(),
        candidates.join(", "),
        candidates.first().map_or("", String::as_str)
    ));
}

/// `raad: serving DIR at URL`: where `raad serve` listens, and how to stop it.
pub fn serving(dir: &std::path::Path, url: &str) {
    note(format_args!(
        "serving {} at {url} (Ctrl-C stops)",
        dir.display()
    ));
}

/// `raad: warning: …`: `raad serve` on an address other machines can reach.
pub fn reachable_from_network(addr: std::net::SocketAddr) {
    eprintln!(
        "raad: warning: listening on {addr}, not the loopback address: the records are \
         reachable from the network, without a password"
    );
}
/// The note of `raad search --facets --format csv` without `--facets-out`: CSV on stdout is
/// one table, of hits, so the counts need a file of their own.
pub const FACETS_NOT_IN_CSV: &str =
    "the CSV holds the hits only; add --facets-out FILE to write the facet counts as CSV";

/// `raad: error: …`: the one line of an error that stopped the run, with its causes.
pub fn error(err: &anyhow::Error) {
    let line = with_causes(err);
    match crate::hints::hint(err) {
        // The hint repeats the index folder, which may hold control characters too.
        Some(hint) => eprintln!("raad: error: {}; {}", Escaped(line), Escaped(hint)),
        None => eprintln!("raad: error: {}", Escaped(line)),
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
        "raad: the index at {} is damaged: {}{more}; {}",
        Escaped(report.index.display()),
        Escaped(first),
        Escaped(rebuild)
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

/// `warning: no party "Groene" in this index; did you mean Groen (1,204 records)?`: a search
/// filter value that matches nothing, with the closest values the index holds.
pub fn search_warning(out: &mut impl Write, warning: &raad_query::Warning) -> io::Result<()> {
    let raad_query::Warning::UnknownFilterValue {
        facet,
        value,
        closest,
    } = warning;
    write!(
        out,
        "warning: no {facet} \"{}\" in this index",
        Escaped(value)
    )?;
    let closest: Vec<String> = closest
        .iter()
        .map(|near| {
            let records = usize::try_from(near.count).unwrap_or(usize::MAX);
            let noun = if records == 1 { "record" } else { "records" };
            format!("{} ({} {noun})", Escaped(&near.value), thousands(records))
        })
        .collect();
    if let Some((last, first)) = closest.split_last() {
        write!(out, "; did you mean ")?;
        if !first.is_empty() {
            write!(out, "{} or ", first.join(", "))?;
        }
        write!(out, "{last}?")?;
    }
    writeln!(out)
}

/// `NAME: warning: …`: a filter value of watch NAME that matches nothing in the index (as
/// [`search_warning`] words it).
pub fn watch_warning(
    out: &mut impl Write,
    watch: &str,
    warning: &raad_query::Warning,
) -> io::Result<()> {
    write!(out, "{}: ", Escaped(watch))?;
    search_warning(out, warning)
}

/// Every warning of a search or analysis, on stderr, before its data.
pub fn search_warnings(warnings: &[raad_query::Warning]) -> io::Result<()> {
    let mut err = io::stderr().lock();
    for warning in warnings {
        search_warning(&mut err, warning)?;
    }
    Ok(())
}

/// 1,204: counts as journalists write them in English-language output.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
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

    #[test]
    fn suggestions_name_the_role_of_a_name_only() {
        let mut suggestion = Suggestion {
            word: "Codens".to_string(),
            term: "Coddens".to_string(),
            kind: SuggestionKind::Alderman,
            records: 412,
            query: "Coddens".to_string(),
        };
        assert_eq!(
            text(|out| super::suggestion(out, &suggestion, "raad search Coddens")),
            "did you mean Coddens (alderman, 412 records)? raad search Coddens\n"
        );
        suggestion.kind = SuggestionKind::Word;
        suggestion.term = "kinderopvang".to_string();
        suggestion.records = 1;
        assert_eq!(
            text(|out| super::suggestion(out, &suggestion, "raad search kinderopvang")),
            "did you mean kinderopvang (1 record)? raad search kinderopvang\n"
        );
    }

    fn text(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn unknown_filter_values_name_the_closest_values() {
        use raad_query::{Facet, FacetCount, Warning};
        let warning = |closest: &[(&str, u64)]| Warning::UnknownFilterValue {
            facet: Facet::Party,
            value: "Groen!".to_string(),
            closest: closest
                .iter()
                .map(|(value, count)| FacetCount {
                    value: value.to_string(),
                    count: *count,
                })
                .collect(),
        };
        let line = |closest: &[(&str, u64)]| text(|out| search_warning(out, &warning(closest)));
        assert_eq!(
            line(&[("Groen", 1204)]),
            "warning: no party \"Groen!\" in this index; did you mean Groen (1,204 records)?\n"
        );
        assert_eq!(
            line(&[("Groen", 1204), ("Groen Plus", 3), ("Groep X", 1)]),
            "warning: no party \"Groen!\" in this index; did you mean Groen (1,204 records), \
             Groen Plus (3 records) or Groep X (1 record)?\n"
        );
        assert_eq!(line(&[]), "warning: no party \"Groen!\" in this index\n");
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
        let hostile = ParseError::file("x\u{1b}]0;PWNED\u{7}.txt", ParseErrorKind::Empty);
        assert_eq!(
            text(|out| parse_rejected(out, &hostile)),
            "rejected: x\\x1b]0;PWNED\\x07.txt: the file is empty\n"
        );
        let whole_file = ParseError::file("b.txt", ParseErrorKind::Empty);
        assert_eq!(
            text(|out| parse_rejected(out, &whole_file)),
            "rejected: b.txt: the file is empty\n"
        );
    }
}
