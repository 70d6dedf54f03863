//! `raad parse`: files in, records out, every problem reported.

use std::io::{self, BufWriter, StdoutLock, Write};

use raad_core::parse::{self, DiscoverOptions, ParseOptions, DEFAULT_MAX_FILE_SIZE};
use raad_core::{ParseError, ParseErrorKind, Record};

use crate::cli::{Format, OutputFormat, ParseArgs};
use crate::escape;
use crate::exit_codes::ExitCode;
use crate::messages;
use crate::output;
use crate::output::csv::RecordWriter;
use crate::parties::load_parties;
use crate::terminal::{fit, Terminal};

/// Runs `raad parse`.
pub fn run(args: &ParseArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let options = ParseOptions {
        parties: load_parties(&args.parties)?,
        max_file_size: args.input.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
        council: args.council.clone(),
        // A council's own title for its mayor comes from its folder's raad.toml.
        mayor: None,
    };
    let discover = DiscoverOptions {
        follow_links: args.input.follow,
    };
    let discovery = parse::discover_with(&args.paths, &discover);
    // A mistyped path is an error before any output, as `raad index` has it.
    if let Some(missing) = discovery
        .errors
        .iter()
        .find(|error| error.kind == ParseErrorKind::NotFound)
    {
        anyhow::bail!("{}: no such file or folder", missing.path.display());
    }
    let mut stderr = io::stderr().lock();
    for skipped in &discovery.skipped {
        messages::skipped(&mut stderr, skipped.path.display(), &skipped.reason)?;
    }
    let mut rejected = 0usize;
    for error in &discovery.errors {
        messages::parse_rejected(&mut stderr, error)?;
        rejected += 1;
    }
    if discovery.files.is_empty() && rejected > 0 {
        anyhow::bail!("no input could be read");
    }
    if discovery.files.is_empty() {
        messages::no_record_files(&args.paths);
        return Ok(ExitCode::Partial);
    }

    let mut out = Records::new(&args.output, terminal)?;
    let mut records = 0usize;
    for (path, format) in &discovery.files {
        let bytes = match parse::read_file(path, options.max_file_size) {
            Ok(bytes) => bytes,
            Err(kind) => {
                messages::parse_rejected(&mut stderr, &ParseError::file(path, kind))?;
                rejected += 1;
                continue;
            }
        };
        let parsed = parse::parse_bytes(path, &bytes, *format, &options);
        // Rejections follow the file's records so that the two streams read in the same order.
        let written = write_all(&mut out, &parsed.records);
        records += parsed.records.len();
        for rejection in &parsed.rejections {
            messages::parse_rejected(&mut stderr, rejection)?;
        }
        rejected += parsed.rejections.len();
        match written {
            Ok(()) => {}
            // The reader has all it wants (`raad parse … | head`): stop, with the status of
            // what was parsed, and without a word about the pipe.
            Err(err) if output::is_broken_pipe(&err) => return Ok(status(rejected)),
            Err(err) => return Err(err),
        }
    }
    out.flush()?;
    writeln!(
        stderr,
        "{records} record{} from {} file{}; {rejected} rejected, {} skipped",
        plural(records),
        discovery.files.len(),
        plural(discovery.files.len()),
        discovery.skipped.len()
    )?;
    Ok(status(rejected))
}

/// Writes a file's records and flushes them.
fn write_all(out: &mut Records, records: &[Record]) -> anyhow::Result<()> {
    for record in records {
        out.write(record)?;
    }
    out.flush()
}

fn status(rejected: usize) -> ExitCode {
    if rejected == 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    }
}

/// Where the records go, in the format asked for.
enum Records {
    /// One readable line per record.
    Table(BufWriter<StdoutLock<'static>>, Terminal),
    /// JSON Lines.
    Json(BufWriter<StdoutLock<'static>>),
    /// A header row, then a row per record (boxed: the CSV writer carries its own buffer).
    Csv(Box<RecordWriter<StdoutLock<'static>>>),
}

impl Records {
    fn new(output: &OutputFormat, terminal: Terminal) -> anyhow::Result<Records> {
        let stdout = io::stdout().lock();
        Ok(match output.format() {
            Format::Table => Records::Table(BufWriter::new(stdout), terminal),
            Format::Json => Records::Json(BufWriter::new(stdout)),
            Format::Csv => Records::Csv(Box::new(RecordWriter::new(stdout, output.csv_style())?)),
        })
    }

    fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        match self {
            Records::Table(out, terminal) => writeln!(out, "{}", summary_line(record, *terminal))?,
            Records::Json(out) => {
                serde_json::to_writer(&mut *out, record)?;
                out.write_all(b"\n")?;
            }
            Records::Csv(out) => out.write(record)?,
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        match self {
            Records::Table(out, _) | Records::Json(out) => out.flush()?,
            Records::Csv(out) => out.flush()?,
        }
        Ok(())
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One readable line: id, date, who asked, who answers, and the title.
fn summary_line(record: &Record, terminal: Terminal) -> String {
    let date = record
        .date
        .map_or_else(|| "          ".to_string(), |d| d.to_string());
    let who = output::table::who(
        record
            .councillors
            .iter()
            .map(|c| (c.name.as_str(), c.party.as_deref())),
        record.alderman.as_deref(),
    );
    let qualified = record.qualified_id();
    let id = escape::controls(&qualified, false);
    let mut line = format!("{id:<14} {date}  {who}");
    if let Some(title) = &record.title {
        line.push_str(": ");
        line.push_str(&escape::controls(title, false));
    }
    let line = match terminal.width {
        Some(width) => fit(&line, width),
        None => line,
    };
    if terminal.color {
        // Bold id: the key a journalist copies into `raad show`.
        let id_len = id.len().min(line.len());
        if line.is_char_boundary(id_len) {
            return format!("\x1b[1m{}\x1b[0m{}", &line[..id_len], &line[id_len..]);
        }
    }
    line
}
