//! `raad batch`: many queries or names from a file, each with its total, years and parties.

use std::collections::BTreeMap;
use std::io::{self, Read, Write};

use anyhow::Context;
use raad_query::analytics::{batch_queries, Batch};

use crate::cli::BatchArgs;
use crate::escape;
use crate::exit_codes::ExitCode;
use crate::matching;
use crate::messages::{self, thousands};
use crate::output::export::{self, CsvOut};
use crate::output::provenance::Provenance;
use crate::terminal::{fit, Terminal};

/// The largest list read: a list of names is small; a file this big is not one.
const MAX_LIST_BYTES: u64 = 10 * 1024 * 1024;

/// Runs `raad batch`.
pub fn run(args: &BatchArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let text = read_list(&args.file)?;
    let queries = batch_queries(&text);
    anyhow::ensure!(
        !queries.is_empty(),
        "{}: no queries (one per line; blank lines and # comments are skipped)",
        args.file.display()
    );
    let base = matching::request(String::new(), &args.matching)?;
    let (dir, searcher) = matching::open(&args.location, &args.parties)?;
    let batch = searcher.batch(&queries, &base)?;
    let mut err = io::stderr().lock();
    let mut mistakes = 0;
    for row in &batch.rows {
        if let Some(error) = &row.error {
            mistakes += 1;
            writeln!(
                err,
                "rejected: {}:{}: {}",
                args.file.display(),
                row.line,
                escape::controls(error, false)
            )?;
        }
    }
    if let Some(row) = batch.rows.iter().find(|row| !row.warnings.is_empty()) {
        for warning in &row.warnings {
            messages::search_warning(&mut err, warning)?;
        }
    }
    drop(err);
    let provenance = Provenance::new(
        &args.file.display().to_string(),
        &base.filters,
        matching::mode(&base),
        &dir,
    );
    export::write(
        &args.output,
        &args.provenance,
        &provenance,
        &batch,
        |csv| write_csv(csv, &batch),
        |out| write_table(out, &batch, terminal),
    )?;
    Ok(if mistakes == 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

fn read_list(path: &std::path::Path) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        io::stdin()
            .take(MAX_LIST_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read the list from stdin")?;
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_LIST_BYTES + 1).read_to_end(&mut bytes))
            .with_context(|| format!("cannot read {}", path.display()))?;
    }
    anyhow::ensure!(
        bytes.len() as u64 <= MAX_LIST_BYTES,
        "{}: larger than 10 MB; a batch is a list of queries, one per line",
        path.display()
    );
    String::from_utf8(bytes).map_err(|error| {
        anyhow::anyhow!(
            "{}: not UTF-8 text (byte {}); save the list as UTF-8",
            path.display(),
            error.utf8_error().valid_up_to()
        )
    })
}

/// Every party of any row, most records over the whole batch first.
fn parties(batch: &Batch) -> Vec<String> {
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for row in &batch.rows {
        for party in &row.parties {
            *totals.entry(&party.value).or_default() += party.count;
        }
    }
    let mut parties: Vec<(&str, u64)> = totals.into_iter().collect();
    parties.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    parties
        .into_iter()
        .map(|(party, _)| party.to_string())
        .collect()
}

/// `line,query,total,<year>…,<party>…,error`: one row per line of the list.
fn write_csv(writer: &mut CsvOut<'_>, batch: &Batch) -> anyhow::Result<()> {
    let parties = parties(batch);
    let mut header = vec!["line".to_string(), "query".to_string(), "total".to_string()];
    header.extend(batch.years.iter().cloned());
    header.extend(parties.iter().cloned());
    header.push("error".to_string());
    writer.write_record(&header)?;
    for row in &batch.rows {
        let mut cells = vec![
            row.line.to_string(),
            row.query.clone(),
            row.total.to_string(),
        ];
        cells.extend(row.years.iter().map(u64::to_string));
        cells.extend(parties.iter().map(|party| {
            row.parties
                .iter()
                .find(|p| &p.value == party)
                .map_or(0, |p| p.count)
                .to_string()
        }));
        cells.push(row.error.clone().unwrap_or_default());
        writer.write_record(&cells)?;
    }
    Ok(())
}

fn write_table(out: &mut dyn Write, batch: &Batch, terminal: Terminal) -> anyhow::Result<()> {
    let width = batch
        .rows
        .iter()
        .map(|row| row.query.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 32);
    for row in &batch.rows {
        let query = fit(&escape::controls(&row.query, false), width);
        let line = match &row.error {
            Some(error) => format!("{query:width$}  error: {}", escape::controls(error, false)),
            None => {
                let busiest = batch
                    .years
                    .iter()
                    .zip(&row.years)
                    .max_by_key(|(_, count)| **count)
                    .filter(|(_, count)| **count > 0)
                    .map(|(year, count)| format!("most in {year} ({count})"))
                    .unwrap_or_default();
                let parties: Vec<String> = row
                    .parties
                    .iter()
                    .take(3)
                    .map(|p| format!("{} {}", escape::controls(&p.value, false), p.count))
                    .collect();
                format!(
                    "{query:width$}  {:>7}  {busiest:20}  {}",
                    thousands(row.total as usize),
                    parties.join(", ")
                )
            }
        };
        match terminal.width {
            Some(columns) => writeln!(out, "{}", fit(line.trim_end(), columns))?,
            None => writeln!(out, "{}", line.trim_end())?,
        }
    }
    Ok(())
}
