//! `raad check`: whether an index is whole, and what to do when it is not.

use std::io::{self, Write};

use raad_core::index_meta::{can_upgrade, IndexMeta};
use raad_query::{CheckReport, Finding};
use serde::Serialize;

use crate::cli::{CheckArgs, Format};
use crate::exit_codes::ExitCode;
use crate::output::csv::CsvStyle;
use crate::{hints, index_location, messages};

/// The JSON `raad check --json` prints: the report and whether the index is whole.
#[derive(Serialize)]
struct Output<'a> {
    whole: bool,
    #[serde(flatten)]
    report: &'a CheckReport,
}

/// Runs `raad check`: exit 0 when the index is whole, 1 when something is damaged.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_writing(&args.location);
    let mut report = raad_query::check_index(&dir)?;
    // The manifest is raad-index's file; only it knows its lines.
    report.findings.extend(raad_index::check_manifest(&dir));
    let mut out = io::stdout().lock();
    match args.output.format() {
        Format::Json => {
            let output = Output {
                whole: report.is_whole(),
                report: &report,
            };
            serde_json::to_writer(&mut out, &output)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&mut out, args.output.csv_style(), &report.findings)?,
        Format::Table => write_table(&mut out, &report)?,
    }
    out.flush()?;
    if report.is_whole() {
        return Ok(ExitCode::Success);
    }
    // An index from before councils is not damaged but old: the command that fixes it
    // upgrades it.
    let fix = match IndexMeta::read(&dir) {
        Ok(Some(meta)) if can_upgrade(meta.schema_version) => hints::upgrade(&dir),
        _ => hints::rebuild(&dir),
    };
    messages::damaged(&report, &fix);
    Ok(ExitCode::Partial)
}

fn write_table(out: &mut impl Write, report: &CheckReport) -> anyhow::Result<()> {
    writeln!(out, "index:      {}", report.index.display())?;
    writeln!(out, "segments:   {}", report.segments)?;
    writeln!(out, "files:      {} verified", report.files_verified)?;
    writeln!(out, "records:    {} verified", report.records_verified)?;
    if report.is_whole() {
        writeln!(out, "status:     whole")?;
        return Ok(());
    }
    writeln!(out, "status:     damaged")?;
    for finding in &report.findings {
        writeln!(out, "  {finding}")?;
    }
    Ok(())
}

fn write_csv(out: impl Write, style: CsvStyle, findings: &[Finding]) -> anyhow::Result<()> {
    let mut csv = style.writer(out)?;
    csv.write_record(["file", "problem"])?;
    for finding in findings {
        csv.write_record([
            finding.file.display().to_string(),
            finding.problem.to_string(),
        ])?;
    }
    csv.flush()?;
    Ok(())
}
