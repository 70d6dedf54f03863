//! `raad overdue`: unanswered questions older than N days, oldest first.

use std::io::Write;

use raad_query::analytics::{Overdue, OverdueOptions};

use crate::cli::OverdueArgs;
use crate::escape;
use crate::exit_codes::ExitCode;
use crate::matching;
use crate::messages::{self, thousands};
use crate::output::export::{self, CsvOut};
use crate::terminal::{fit, Terminal};

/// Runs `raad overdue`.
pub fn run(args: &OverdueArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let request = matching::request(args.words.query.join(" "), &args.matching)?;
    let options = OverdueOptions {
        days: args.days,
        as_of: matching::as_of(args.as_of.as_deref())?,
        limit: matching::limit(&args.limit)?,
    };
    let (dir, searcher) = matching::open(&args.location, &args.parties)?;
    let overdue = searcher.overdue(&request, &options)?;
    messages::search_warnings(&overdue.warnings)?;
    let provenance = matching::provenance(&request, &dir);
    export::write(
        &args.output,
        &args.provenance,
        &provenance,
        &overdue,
        |csv| write_csv(csv, &overdue),
        |out| write_table(out, &overdue, terminal),
    )?;
    Ok(if overdue.total > 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

fn write_csv(writer: &mut CsvOut<'_>, overdue: &Overdue) -> anyhow::Result<()> {
    writer.write_record([
        "id",
        "date",
        "days_open",
        "kind",
        "title",
        "alderman",
        "councillors",
        "parties",
    ])?;
    for record in &overdue.records {
        writer.write_record([
            record.id.clone(),
            record.date.to_string(),
            record.days_open.to_string(),
            record.kind.clone().unwrap_or_default(),
            record.title.clone().unwrap_or_default(),
            record.alderman.clone().unwrap_or_default(),
            record
                .councillors
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            record
                .councillors
                .iter()
                .filter_map(|c| c.party.as_deref())
                .collect::<Vec<_>>()
                .join("; "),
        ])?;
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, overdue: &Overdue, terminal: Terminal) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} unanswered after more than {} days, as of {}{}",
        thousands(overdue.total as usize),
        overdue.days,
        overdue.as_of,
        if (overdue.records.len() as u64) < overdue.total {
            format!(" (the oldest {} listed)", overdue.records.len())
        } else {
            String::new()
        }
    )?;
    for record in &overdue.records {
        let who = record
            .councillors
            .iter()
            .map(|c| match &c.party {
                Some(party) => format!("{} ({party})", c.name),
                None => c.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let line = format!(
            "{}  {:>5}d  {}  → {}  {}",
            record.date,
            record.days_open,
            escape::controls(&record.id, false),
            escape::controls(record.alderman.as_deref().unwrap_or("(no alderman)"), false),
            escape::controls(
                &format!("{} — {who}", record.title.as_deref().unwrap_or("")),
                false
            ),
        );
        match terminal.width {
            Some(width) => writeln!(out, "{}", fit(&line, width))?,
            None => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}
