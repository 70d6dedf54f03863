//! Files in, typed records out, every problem reported.
//!
//! The first stage of raad's data flow: [`discover`] finds record files under the paths a user
//! gives, [`parse_file`] / [`parse_bytes`] turn one file into [`Record`]s plus the
//! [`ParseError`]s of what could not be used. Parsing never panics and never fails as a whole:
//! a bad file, JSON line or record becomes a rejection with its path, line and reason, and the
//! rest of the input goes on.
//!
//! ```
//! use std::path::Path;
//! use raad_core::parse::{parse_bytes, ParseOptions, RecordFormat};
//!
//! let text = "OPSCHRIFT\n\nVergadering van 15 maart 2016\n\nNummer: 2016_MV_00146\n\n\
//!             Onderwerp:\n\nMondelinge vraag van raadslid Jan Peeters: Fietspaden\n\n\
//!             Raadslid(-leden):\n\nJan Peeters - sp.a\n\n\
//!             OMSCHRIJVING VAN DE VRAAG\n\nToelichting:\n\n.\n\nVraag:\n\n\
//!             *Wanneer worden de fietspaden naar de*\n\nhaven hersteld?\n\n\
//!             OPSCHRIFT\n\nVergadering van 15 maart 2016\n";
//! let parsed = parse_bytes(
//!     Path::new("vragen.txt"),
//!     text.as_bytes(),
//!     RecordFormat::Opschrift,
//!     &ParseOptions::default(),
//! );
//! let record = &parsed.records[0];
//! assert_eq!(record.id, "2016_MV_00146");
//! assert_eq!(record.kind.as_deref(), Some("mondelinge vraag"));
//! assert_eq!(record.title.as_deref(), Some("Fietspaden"));
//! assert_eq!(record.councillors[0].party.as_deref(), Some("Vooruit"));
//! assert_eq!(record.councillors[0].party_as_written.as_deref(), Some("sp.a"));
//! assert_eq!(
//!     record.question.as_deref(),
//!     Some("Wanneer worden de fietspaden naar de haven hersteld?")
//! );
//! assert_eq!(record.answer, None);
//! // The second record has no number: it is rejected, with its line, and not lost silently.
//! assert_eq!(parsed.rejections[0].to_string(), "vragen.txt:27: record has no id \
//!     (no `Nummer:` field, or JSON without \"id\")");
//! ```
//!
//! # Formats
//! - **Opschrift** (`.txt`, `.md`): the council's text export, one or more records each starting
//!   at a line `OPSCHRIFT` (see [`opschrift`](self#the-opschrift-format) below).
//! - **JSON Lines** (`.jsonl`): one record per line in the shape of [`Record`]; blank lines are
//!   ignored.
//! - **JSON** (`.json`): one record, an array of records, or records one after another (JSON
//!   Lines saved as `.json`).
//!
//! Every file is first decoded: UTF-8 with or without a byte-order mark, UTF-16 with a
//! byte-order mark, and anything that is not UTF-8 as Windows-1252 (except a UTF-8 file with
//! a few stray bytes, which become U+FFFD). CRLF line ends are read as LF. A file with a NUL
//! byte or mostly control characters in its first 8 KiB is rejected as not text; a file with
//! no content (or only white space) as empty.
//!
//! # Rules of the record model
//! - Every record gets `source` = the path as given and the line where the record starts
//!   (the `OPSCHRIFT` line; for JSON the line of the record's opening brace).
//! - Optional fields are `None`, never `""` or `"."`: in JSON an empty (or white space) string
//!   or a lone `"."` is read as absent.
//! - JSON fields that are not part of [`Record`] are ignored, and a `source` given in the input
//!   is replaced by where the record was read.
//! - `code` is taken from the id (`2016_MV_00146` → `MV`) when the input gives none; ids without
//!   a code (`NR. 217/14`) have none, and unknown codes are kept.
//! - `kind` is lower-cased (`Mondelinge vraag` → `mondelinge vraag`); other kinds are kept as
//!   written, lower-cased.
//! - Parties: `party_as_written` is the spelling of the input, `party` its canonical name from
//!   [`ParseOptions::parties`]. In JSON the given `party` is the spelling as written, unless the
//!   input also has `party_as_written` (the output of `raad parse --json` read back), in which
//!   case both are kept as given, `party` made canonical.
//!
//! # What rejects a record
//! - No id (no `Nummer:` value; JSON without `"id"`): [`ParseErrorKind::MissingId`] at the
//!   record's first line.
//! - A date that is present but cannot be read: [`ParseErrorKind::Field`] at the date's line.
//!   The record is rejected rather than kept without its date, in both formats, so that a date
//!   is never lost without a word: the rejection names the field and the text, and fixing the
//!   file brings the record back. (In JSON, dates must be ISO `YYYY-MM-DD`.)
//! - A record beyond the bounds of [`crate::limits`]: an id over 256 bytes, over 1,000
//!   councillors, involved aldermen or topics, or a date outside 1678–2261 (tantivy cannot
//!   hold it): [`ParseErrorKind::Field`] at the record's first line, naming the field in the
//!   record model's terms (`id`, `councillors`, `date`, `answer_date`, …) and the bound.
//! - JSON that does not parse, or does not have the record shape: [`ParseErrorKind::Json`] at
//!   line:column; in a `.jsonl` file the other lines go on; in a `.json` file a record of the
//!   wrong shape is rejected alone, and the records before a syntax error are kept (after one,
//!   the rest of the file cannot be trusted).
//!
//! # The opschrift format
//! Header labels (`Vergadering van <date>`, `Nummer:`, `Onderwerp:`, `Raadslid(-leden):`,
//! `Bevoegd:`, `Betrokken:`, and `Thema's:` for topics) are matched in any case, with or without
//! a space before the colon, with or without markdown emphasis around them; the value is the
//! rest of the line or the following non-empty line(s) up to the next label. In detail:
//! - `Onderwerp:` `<Kind> van raadslid|raadsleden NAMES: <title>` gives the kind and the title;
//!   without that prefix the whole value is the title. When a record has no
//!   `Raadslid(-leden):` list, the names of the Onderwerp become its councillors (without party).
//! - `Raadslid(-leden):` one `Name - Party` per line (also an en dash, or `Name (Party)`).
//! - `Nummer:` and `Bevoegd:` take their first value line; `Bevoegd:` is the responsible
//!   alderman (`Burgemeester` is a value like any other).
//! - `Betrokken:` involved aldermen, one per line, or `A en B`, `A, B en C` on one line.
//! - `OMSCHRIJVING VAN DE VRAAG` holds `Toelichting:` (a lone `.` means none) and `Vraag:`;
//!   both go into the question, in that order. Text right after the heading without a label
//!   is question text.
//! - `ANTWOORD`: its first non-empty line is the answer date when it reads as a date; a line
//!   that looks like a date but is not a valid one (short, not ending like a sentence, a day
//!   and a month name or `dd/mm/yyyy` digits: `31 februari 2016`) rejects the record; any other
//!   line starts the answer text. No `ANTWOORD`, or nothing after it: no answer.
//! - A line in the header that reads as a date on its own (`ma 12/04/2021 - 19:00`,
//!   `Gepubliceerd op 07/07/2021`) is the record's date when it has none yet (a `Vergadering`
//!   line always sets it), wherever it stands in the header. Other unlabelled header lines and
//!   unknown labels (`Commissie:`, a few words and a colon on a line of their own) are not part
//!   of the model and are passed over, as is text before the first `OPSCHRIFT`. A file without
//!   any `OPSCHRIFT` line is read as one record when it has a `Nummer:` label, and rejected as
//!   [`ParseErrorKind::NoRecord`] otherwise.
//!
//! Text (title, question, answer) is cleaned up from the PDF-to-text conversion; quotes and
//! dashes are kept as written:
//! - White space is folded to single spaces; paragraphs are separated by `"\n\n"`.
//! - Lines without a blank line between them are one paragraph, unless the next line is a
//!   list item (`1. `, `2) `, `a) `, `- `, `• `, `* `).
//! - Across a blank line, the next line continues the paragraph when the previous one is
//!   plainly unfinished (it ends in a comma or in a word such as `de`, `van`, `en`), or when
//!   the next one starts in lower case and the previous one does not end in `?` or `!`
//!   (`…naar de*` / blank / `hogere overheden.` is one sentence again). Otherwise the blank
//!   line is a paragraph break.
//! - A word broken with a hyphen at the end of a line is joined without a space.
//! - Markdown emphasis is removed: a run of one to three `*` that opens (followed by a
//!   non-space, not preceded by a letter or digit) paired with one of the same length that
//!   closes (preceded by a non-space, not followed by a letter or digit). Other stars stay:
//!   `5 * 3`, `5*3`, a bullet `* punt`, a footnote mark `(*)`. Pairs are found within a block of
//!   non-blank lines before the lines are read, so emphasis around a label, around part of a
//!   value (`… de Muide en **Meulestede**`) or across a line break is removed whole. Underscores are not touched
//!   (ids such as `2016_MV_00146` are full of them).
//! - A paragraph that is only `.` (the export's "nothing here") is dropped.

mod dates;
mod decode;
mod discover;
mod emphasis;
mod json;
mod opschrift;
mod paragraphs;
mod read;
mod write;

use std::path::Path;

pub use dates::parse_dutch_date;
pub use discover::{discover, discover_with, DiscoverOptions, Discovery, SkipReason, Skipped};
pub use read::{format_size, read_file, SpecialFile, DEFAULT_MAX_FILE_SIZE};
pub use write::to_opschrift;

use crate::error::{ParseError, ParseErrorKind};
use crate::party::PartyTable;
use crate::record::Record;

/// The format of a record file, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// The council's "opschrift" text export (`.txt`, `.md`).
    Opschrift,
    /// One record, or an array of records (`.json`).
    Json,
    /// One record per line (`.jsonl`).
    JsonLines,
}

impl RecordFormat {
    /// The format for a file name: `.txt`/`.md` → opschrift, `.json` → JSON, `.jsonl` → JSON
    /// Lines, in any case; `None` for anything else.
    pub fn from_path(path: &Path) -> Option<RecordFormat> {
        let extension = path.extension()?.to_str()?;
        [
            ("txt", RecordFormat::Opschrift),
            ("md", RecordFormat::Opschrift),
            ("json", RecordFormat::Json),
            ("jsonl", RecordFormat::JsonLines),
        ]
        .into_iter()
        .find(|(name, _)| extension.eq_ignore_ascii_case(name))
        .map(|(_, format)| format)
    }
}

/// Settings of the parser.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// The party alias table that gives each councillor's canonical party.
    pub parties: PartyTable,
    /// The largest file read, in bytes (default [`DEFAULT_MAX_FILE_SIZE`]); a larger one is
    /// rejected as [`ParseErrorKind::TooLarge`] without being read.
    pub max_file_size: u64,
    /// The council of the records read (`raad index --council`, a folder's `raad.toml`):
    /// every opschrift record, and the JSON records that name none. `None` leaves them
    /// without a council.
    pub council: Option<String>,
    /// The title the council's records give the mayor, when not
    /// [`MAYOR`](crate::council::MAYOR) (a folder's `raad.toml`: `mayor = "…"`). Either title,
    /// as responsible or involved alderman, is indexed as `MAYOR`
    /// ([`alderman_name`](crate::council::alderman_name)).
    pub mayor: Option<String>,
}

impl Default for ParseOptions {
    fn default() -> ParseOptions {
        ParseOptions {
            parties: PartyTable::default(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            council: None,
            mayor: None,
        }
    }
}

impl ParseOptions {
    /// A hash of the options, the same for equal options in every process: what records
    /// parsed with these options depend on.
    pub fn fingerprint(&self) -> u64 {
        // Destructured, so that a new option cannot be left out of the fingerprint.
        // The size limit decides which files are read, not what their records are.
        let ParseOptions {
            parties,
            max_file_size: _,
            council,
            mayor,
        } = self;
        // Unchanged without a council or a mayor's title, so that single-council indexes
        // keep their manifests.
        let mut fingerprint = parties.fingerprint();
        if let Some(council) = council {
            let key = crate::council::council_key(council);
            let mut hasher = rustc_hash::FxHasher::default();
            std::hash::Hash::hash(&key, &mut hasher);
            fingerprint ^= std::hash::Hasher::finish(&hasher);
        }
        if let Some(title) = mayor {
            let mut hasher = rustc_hash::FxHasher::default();
            std::hash::Hash::hash(&("mayor", title.to_lowercase()), &mut hasher);
            fingerprint ^= std::hash::Hasher::finish(&hasher);
        }
        fingerprint
    }

    /// A responsible or involved alderman as a record writes it, as raad indexes it: the
    /// mayor, by the built-in title or this council's, as [`MAYOR`](crate::council::MAYOR)
    /// ([`alderman_name`](crate::council::alderman_name)).
    pub fn alderman(&self, name: String) -> String {
        crate::council::alderman_name(name, self.mayor.as_deref())
    }
}

/// The outcome of parsing one file: the records, and what was rejected.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The records, in file order.
    pub records: Vec<Record>,
    /// The rejected file, lines or records, in file order.
    pub rejections: Vec<ParseError>,
}

/// Parses the bytes of one file in the given format; `path` is what records and rejections
/// name as their source.
pub fn parse_bytes(
    path: &Path,
    bytes: &[u8],
    format: RecordFormat,
    options: &ParseOptions,
) -> Parsed {
    let text = match decode::decode(bytes) {
        Ok(text) => text,
        Err(kind) => {
            return Parsed {
                records: Vec::new(),
                rejections: vec![ParseError::file(path, kind)],
            }
        }
    };
    let mut parsed = Parsed::default();
    match format {
        RecordFormat::Opschrift => opschrift::parse(path, &text, options, &mut parsed),
        RecordFormat::Json => json::parse_json(path, &text, options, &mut parsed),
        RecordFormat::JsonLines => json::parse_json_lines(path, &text, options, &mut parsed),
    }
    parsed
}

/// Reads and parses one file, its format chosen by [`RecordFormat::from_path`]. A file that
/// cannot be read (see [`read_file`]: at most [`ParseOptions::max_file_size`] bytes, never a
/// device), or whose extension is not a record format, gives one rejection.
pub fn parse_file(path: &Path, options: &ParseOptions) -> Parsed {
    let rejected = |kind| Parsed {
        records: Vec::new(),
        rejections: vec![ParseError::file(path, kind)],
    };
    let Some(format) = RecordFormat::from_path(path) else {
        return rejected(ParseErrorKind::UnknownFormat);
    };
    match read_file(path, options.max_file_size) {
        Ok(bytes) => parse_bytes(path, &bytes, format, options),
        Err(kind) => rejected(kind),
    }
}

/// The `source.path` text of records read from `path`.
fn source_path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// `code` when the input gave one, else the code inside the id.
fn code_for(id: &str, given: Option<String>) -> Option<String> {
    given
        .map(|code| code.to_ascii_uppercase())
        .or_else(|| crate::id::code_of(id))
}

/// The kind as the model keeps it: lower-cased, white space folded; `None` when empty or `.`.
fn normalize_kind(kind: &str) -> Option<String> {
    let mut out = String::with_capacity(kind.len());
    for word in kind.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    (!out.is_empty() && out != ".").then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions() {
        let format = |name: &str| RecordFormat::from_path(Path::new(name));
        assert_eq!(format("a/b.txt"), Some(RecordFormat::Opschrift));
        assert_eq!(format("B.MD"), Some(RecordFormat::Opschrift));
        assert_eq!(format("x.Json"), Some(RecordFormat::Json));
        assert_eq!(format("x.JSONL"), Some(RecordFormat::JsonLines));
        assert_eq!(format("x.pdf"), None);
        assert_eq!(format("txt"), None);
    }

    #[test]
    fn kinds() {
        assert_eq!(
            normalize_kind(" Mondelinge  Vraag ").as_deref(),
            Some("mondelinge vraag")
        );
        assert_eq!(normalize_kind("  "), None);
    }
}
