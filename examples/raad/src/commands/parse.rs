//! `raad parse`: files in, records out, every problem reported.

use std::io::{self, BufWriter, StdoutLock, Write};

use raad_core::parse::{self, ParseOptions};
use raad_core::{ParseError, ParseErrorKind, Record};

use crate::cli::{Format, ParseArgs};
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
    };
    let discovery = parse::discover(&args.paths);
    let mut stderr = io::stderr().lock();
    for skipped in &discovery.skipped {
        messages::skipped(&mut stderr, skipped.display())?;
    }
    let mut rejected = 0usize;
    for error in &discovery.errors {
        messages::parse_rejected(&mut stderr, error)?;
        rejected += 1;
    }
    if discovery.files.is_empty() && rejected > 0 {
        anyhow::bail!("no input could be read");
    }

    let mut out = Records::new(args.output.format(), terminal)?;
    let mut records = 0usize;
    for (path, format) in &discovery.files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                let kind = ParseErrorKind::Read {
                    message: err.to_string(),
                };
                messages::parse_rejected(&mut stderr, &ParseError::file(path, kind))?;
                rejected += 1;
                continue;
            }
        };
        let parsed = parse::parse_bytes(path, &bytes, *format, &options);
        for record in &parsed.records {
            out.write(record)?;
        }
        records += parsed.records.len();
        // Rejections follow the file's records so that the two streams read in the same order.
        out.flush()?;
        for rejection in &parsed.rejections {
            messages::parse_rejected(&mut stderr, rejection)?;
        }
        rejected += parsed.rejections.len();
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
    Ok(if rejected == 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
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
    fn new(format: Format, terminal: Terminal) -> anyhow::Result<Records> {
        let stdout = io::stdout().lock();
        Ok(match format {
            Format::Table => Records::Table(BufWriter::new(stdout), terminal),
            Format::Json => Records::Json(BufWriter::new(stdout)),
            Format::Csv => Records::Csv(Box::new(RecordWriter::new(stdout)?)),
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
    let id = escape::controls(&record.id, false);
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
