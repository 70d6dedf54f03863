//! `raad stats`: what an index holds.

use std::io::{self, Write};
use std::path::Path;

use raad_query::IndexStats;

use crate::cli::{Format, StatsArgs};
use crate::exit_codes::ExitCode;
use crate::{index_location, output};

/// Runs `raad stats`.
pub fn run(args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_reading(&args.location)?;
    let stats = raad_query::index_stats(&dir)?;
    let mut out = io::stdout().lock();
    match args.output.format() {
        Format::Json => {
            serde_json::to_writer(&mut out, &stats)?;
            writeln!(out)?;
        }
        Format::Csv => output::csv::write_key_values(&mut out, args.output.csv_style(), &stats)?,
        Format::Table => write_table(&mut out, &dir, &stats)?,
    }
    Ok(ExitCode::Success)
}

fn write_table(out: &mut impl Write, dir: &Path, stats: &IndexStats) -> anyhow::Result<()> {
    writeln!(out, "index:      {}", dir.display())?;
    writeln!(out, "records:    {}", stats.records)?;
    for (kind, count) in &stats.kinds {
        writeln!(out, "  {kind}: {count}")?;
    }
    writeln!(out, "answered:   {}", stats.answered)?;
    if !stats.topic_sources.is_empty() {
        let sources: Vec<String> = stats
            .topic_sources
            .iter()
            .map(|(source, count)| format!("{count} {source}"))
            .collect();
        writeln!(out, "topics:     {}", sources.join(", "))?;
    }
    match (stats.first_date, stats.last_date) {
        (Some(first), Some(last)) => writeln!(out, "dates:      {first} .. {last}")?,
        _ => writeln!(out, "dates:      none")?,
    }
    writeln!(
        out,
        "size:       {:.1} MB in {} segment(s)",
        stats.size_bytes as f64 / 1e6,
        stats.segments
    )?;
    writeln!(
        out,
        "version:    schema {}, analyzer {}",
        stats.schema_version, stats.analyzer_version
    )?;
    Ok(())
}
