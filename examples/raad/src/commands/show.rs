//! `raad show`: whole records by id.

use std::io::{self, BufWriter, Write};

use raad_query::{QueryError, Searcher};

use crate::cli::{Format, ShowArgs};
use crate::exit_codes::ExitCode;
use crate::index_location;
use crate::output;
use crate::terminal::Terminal;

/// Runs `raad show`.
pub fn run(args: &ShowArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_reading(&args.location)?;
    let searcher = Searcher::open(&dir)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut missing = 0;
    for (i, id) in args.id.iter().enumerate() {
        let record = match searcher.get(id) {
            Ok(record) => record,
            Err(QueryError::NotFound { .. }) => {
                out.flush()?;
                eprintln!("raad: no record with id `{id}` in {}", dir.display());
                missing += 1;
                continue;
            }
            Err(err) => return Err(err.into()),
        };
        let similar = match args.similar {
            Some(n) => searcher.similar(&record.id, n)?,
            None => Vec::new(),
        };
        match args.format {
            Format::Json | Format::Csv => {
                serde_json::to_writer(&mut out, &record)?;
                writeln!(out)?;
            }
            Format::Table => {
                if i > 0 {
                    writeln!(out, "\n{}", "─".repeat(40))?;
                }
                output::table::write_record(&mut out, &record, terminal)?;
                if !similar.is_empty() {
                    writeln!(out, "\nSIMILAR")?;
                    for hit in &similar {
                        let date = hit.date.map(|d| d.to_string()).unwrap_or_default();
                        writeln!(
                            out,
                            "{}  {date}  {}",
                            hit.id,
                            hit.title.as_deref().unwrap_or("")
                        )?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(if missing == 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}
