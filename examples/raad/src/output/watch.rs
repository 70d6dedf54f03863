//! What `raad watch run` reports, per watch: a table, JSON Lines or CSV (Atom feeds are
//! [`super::atom`]'s).

use std::io::Write;

use raad_query::{Found, WatchRun};
use serde::Serialize;

use crate::escape;
use crate::messages;
use crate::output::table::who;
use crate::terminal::{fit, Terminal};

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The CSV columns: the watch and the reason, then the record's.
const COLUMNS: [&str; 12] = [
    "watch",
    "reason",
    "id",
    "council",
    "date",
    "kind",
    "title",
    "councillors",
    "parties",
    "alderman",
    "answer_date",
    "source",
];

/// A watch's name and what its run found.
pub type Ran<'a> = (&'a str, &'a WatchRun);

/// Under each watch that found something, its name and the count, then one line per record:
/// reason, id, date, title, who asked and who answers.
pub fn write_table(
    out: &mut impl Write,
    runs: &[Ran<'_>],
    terminal: Terminal,
) -> anyhow::Result<()> {
    let (bold, reset) = if terminal.color {
        (BOLD, RESET)
    } else {
        ("", "")
    };
    for (name, run) in runs.iter().filter(|(_, run)| !run.found.is_empty()) {
        writeln!(
            out,
            "{bold}{}{reset}: {} to report, {} {} now",
            escape::controls(name, false),
            messages::thousands(run.found.len()),
            messages::thousands(run.matches),
            if run.matches == 1 { "matches" } else { "match" }
        )?;
        for found in &run.found {
            let line = line(found);
            let line = match terminal.width {
                Some(width) => fit(&line, width),
                None => line,
            };
            writeln!(out, "{line}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn line(found: &Found) -> String {
    let record = &found.record;
    let date = record.date.map(|date| date.to_string()).unwrap_or_default();
    let title = record.title.as_deref().unwrap_or("(no title)");
    let people = who(
        record
            .councillors
            .iter()
            .map(|c| (c.name.as_str(), c.party.as_deref())),
        record.alderman.as_deref(),
    );
    let mut line = format!(
        "  {:<9} {}  {date:<10}  {}",
        found.reason.as_str(),
        escape::controls(&record.qualified_id(), false),
        escape::controls(title, false)
    );
    if !people.is_empty() {
        line.push_str("  ");
        line.push_str(&people);
    }
    line
}

/// One JSON object per reported record per line: `{"watch","reason","record"}`.
pub fn write_json(out: &mut impl Write, runs: &[Ran<'_>]) -> anyhow::Result<()> {
    #[derive(Serialize)]
    struct Line<'a> {
        watch: &'a str,
        #[serde(flatten)]
        found: &'a Found,
    }
    for (name, run) in runs {
        for found in &run.found {
            serde_json::to_writer(&mut *out, &Line { watch: name, found })?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// A header row and one row per reported record.
pub fn write_csv(out: impl Write, runs: &[Ran<'_>]) -> anyhow::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for (name, run) in runs {
        for found in &run.found {
            let record = &found.record;
            let join = |values: Vec<&str>| values.join("; ");
            writer.write_record([
                name.to_string(),
                found.reason.to_string(),
                record.id.clone(),
                record.council.clone().unwrap_or_default(),
                record.date.map(|d| d.to_string()).unwrap_or_default(),
                record.kind.clone().unwrap_or_default(),
                record.title.clone().unwrap_or_default(),
                join(record.councillors.iter().map(|c| c.name.as_str()).collect()),
                join(
                    record
                        .councillors
                        .iter()
                        .filter_map(|c| c.party.as_deref())
                        .collect(),
                ),
                record.alderman.clone().unwrap_or_default(),
                record
                    .answer_date
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                record
                    .source
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ])?;
        }
    }
    writer.flush()?;
    Ok(())
}
