//! `raad parse`: files in, records out, every problem reported.

use std::io::{self, BufWriter, Write};

use anyhow::Context;
use raad_core::parse::{self, ParseOptions};
use raad_core::party::PartyTable;
use raad_core::Record;

use crate::cli::ParseArgs;
use crate::exit_codes::ExitCode;
use crate::output;
use crate::terminal::{fit, Terminal};

/// Runs `raad parse`.
pub fn run(args: &ParseArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let mut options = ParseOptions::default();
    if let Some(path) = &args.parties {
        options.parties = PartyTable::default();
        options
            .parties
            .load_tsv(path)
            .with_context(|| format!("cannot use the party aliases in {}", path.display()))?;
    }
    let discovery = parse::discover(&args.paths);
    let mut stderr = io::stderr().lock();
    for skipped in &discovery.skipped {
        writeln!(
            stderr,
            "skipped: {} (not a record file: raad reads .txt, .md, .json and .jsonl)",
            skipped.display()
        )?;
    }
    let mut rejected = 0usize;
    for error in &discovery.errors {
        writeln!(stderr, "rejected: {error}")?;
        rejected += 1;
    }
    if discovery.files.is_empty() && rejected > 0 {
        anyhow::bail!("no input could be read");
    }

    let mut out = BufWriter::new(io::stdout().lock());
    let mut records = 0usize;
    for (path, format) in &discovery.files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                writeln!(stderr, "rejected: {}: cannot read: {err}", path.display())?;
                rejected += 1;
                continue;
            }
        };
        let parsed = parse::parse_bytes(path, &bytes, *format, &options);
        for record in &parsed.records {
            if args.json {
                serde_json::to_writer(&mut out, record)?;
                out.write_all(b"\n")?;
            } else {
                writeln!(out, "{}", summary_line(record, terminal))?;
            }
        }
        records += parsed.records.len();
        // Rejections follow the file's records so that the two streams read in the same order.
        out.flush()?;
        for rejection in &parsed.rejections {
            writeln!(stderr, "rejected: {rejection}")?;
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
    let mut line = format!("{:<14} {date}  {who}", record.id);
    if let Some(title) = &record.title {
        line.push_str(": ");
        line.push_str(title);
    }
    let line = match terminal.width {
        Some(width) => fit(&line, width),
        None => line,
    };
    if terminal.color {
        // Bold id: the key a journalist copies into `raad show`.
        let id_len = record.id.len().min(line.len());
        if line.is_char_boundary(id_len) {
            return format!("\x1b[1m{}\x1b[0m{}", &line[..id_len], &line[id_len..]);
        }
    }
    line
}
