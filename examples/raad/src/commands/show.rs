//! `raad show`: whole records by id.

use std::io::{self, BufWriter, Write};

use raad_core::Record;
use raad_query::{QueryError, Searcher};

use crate::cli::{Format, ShowArgs};
use crate::exit_codes::ExitCode;
use crate::output::csv::RecordWriter;
use crate::terminal::Terminal;
use crate::{escape, index_location, messages, output};

/// Runs `raad show`.
pub fn run(args: &ShowArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_reading(&args.location)?;
    let searcher = Searcher::open(&dir)?;
    let format = args.output.format();
    let mut out = BufWriter::new(io::stdout().lock());
    // CSV rows go through their own writer (it keeps the header and the quoting); the other
    // formats write lines.
    let mut csv = match format {
        Format::Csv => Some(RecordWriter::new(
            io::stdout().lock(),
            args.output.csv_style(),
        )?),
        Format::Table | Format::Json => None,
    };
    let mut missing = 0;
    let mut shown = 0;
    for id in &args.id {
        let found = match &args.council {
            Some(council) => searcher.get_in(council, id),
            None => searcher.get(id),
        };
        let record = match found {
            Ok(record) => record,
            Err(QueryError::Ambiguous { candidates, .. }) => {
                out.flush()?;
                if let Some(csv) = &mut csv {
                    csv.flush()?;
                }
                messages::ambiguous_id(id, &candidates);
                missing += 1;
                continue;
            }
            Err(QueryError::NotFound { .. }) => {
                // The records before it reach stdout before the message reaches stderr.
                out.flush()?;
                if let Some(csv) = &mut csv {
                    csv.flush()?;
                }
                let id = match &args.council {
                    Some(council) => format!("{council}/{id}"),
                    None => id.clone(),
                };
                messages::note(format_args!(
                    "no record with id `{id}` in {}",
                    dir.display()
                ));
                missing += 1;
                continue;
            }
            Err(err) => return Err(err.into()),
        };
        match (&mut csv, format) {
            (Some(csv), _) => csv.write(&record)?,
            (None, Format::Json) => {
                serde_json::to_writer(&mut out, &record)?;
                writeln!(out)?;
            }
            (None, _) => {
                if shown > 0 {
                    writeln!(out, "\n{}", "─".repeat(40))?;
                }
                write_table(&mut out, &searcher, &record, args.similar, terminal)?;
            }
        }
        shown += 1;
    }
    out.flush()?;
    if let Some(csv) = &mut csv {
        csv.flush()?;
    }
    Ok(if missing == 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

/// The record readably, then up to `similar` similar records when asked.
fn write_table(
    out: &mut impl Write,
    searcher: &Searcher,
    record: &Record,
    similar: Option<usize>,
    terminal: Terminal,
) -> anyhow::Result<()> {
    output::table::write_record(out, record, terminal)?;
    let similar = match similar {
        Some(n) => searcher.similar(&record.qualified_id(), n)?,
        None => return Ok(()),
    };
    if !similar.is_empty() {
        writeln!(out, "\nSIMILAR")?;
        for hit in &similar {
            let date = hit.date.map(|d| d.to_string()).unwrap_or_default();
            writeln!(
                out,
                "{}  {date}  {}",
                escape::controls(&hit.id, false),
                escape::controls(hit.title.as_deref().unwrap_or(""), false)
            )?;
        }
    }
    Ok(())
}
