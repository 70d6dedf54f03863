//! `raad top`: who asked most — a facet's values among the matching records.

use std::io::Write;

use raad_query::analytics::TopValues;

use crate::cli::TopArgs;
use crate::escape;
use crate::exit_codes::ExitCode;
use crate::matching;
use crate::messages::{self, thousands};
use crate::output::export::{self, CsvOut};
use crate::terminal::{fit, Terminal};

/// Runs `raad top`.
pub fn run(args: &TopArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let request = matching::request(args.words.query.join(" "), &args.matching)?;
    let limit = matching::limit(&args.limit)?;
    let (dir, searcher) = matching::open(&args.location, &args.parties)?;
    let top = searcher.top_values(&request, args.facet.facet(), limit, args.examples)?;
    messages::search_warnings(&top.warnings)?;
    let provenance = matching::provenance(&request, &dir);
    export::write(
        &args.output,
        &args.provenance,
        &provenance,
        &top,
        |csv| write_csv(csv, &top),
        |out| write_table(out, &top, terminal),
    )?;
    Ok(if top.total > 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

/// `value,count,share,first_date,last_date,examples`: one row per value.
fn write_csv(writer: &mut CsvOut<'_>, top: &TopValues) -> anyhow::Result<()> {
    writer.write_record([
        top.facet.as_str(),
        "count",
        "share",
        "first_date",
        "last_date",
        "examples",
    ])?;
    for value in &top.values {
        writer.write_record([
            value.value.clone(),
            value.count.to_string(),
            format!("{:.4}", value.share),
            value.first_date.map(|d| d.to_string()).unwrap_or_default(),
            value.last_date.map(|d| d.to_string()).unwrap_or_default(),
            value.examples.join("; "),
        ])?;
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, top: &TopValues, terminal: Terminal) -> anyhow::Result<()> {
    writeln!(
        out,
        "{} of {} matching {} ({} {} in all{})",
        top.facet,
        thousands(top.total as usize),
        if top.total == 1 { "record" } else { "records" },
        thousands(top.distinct),
        if top.distinct == 1 { "value" } else { "values" },
        if top.without_value > 0 {
            format!("; {} without one", thousands(top.without_value as usize))
        } else {
            String::new()
        }
    )?;
    let name_width = top
        .values
        .iter()
        .map(|v| v.value.chars().count())
        .max()
        .unwrap_or(5)
        .min(32);
    for value in &top.values {
        let name = fit(&escape::controls(&value.value, false), name_width);
        let dates = match (value.first_date, value.last_date) {
            (Some(first), Some(last)) => format!("{first} – {last}"),
            _ => String::new(),
        };
        let line = format!(
            "{name:name_width$}  {:>7}  {:>5.1}%  {dates:23}  {}",
            thousands(value.count as usize),
            value.share * 100.0,
            escape::controls(&value.examples.join(", "), false)
        );
        match terminal.width {
            Some(width) => writeln!(out, "{}", fit(line.trim_end(), width))?,
            None => writeln!(out, "{}", line.trim_end())?,
        }
    }
    Ok(())
}
