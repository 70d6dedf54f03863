//! The output of the analytics commands (trend, top, answers, overdue, batch), written one
//! way: a table, CSV in the style asked for, or JSON with the provenance beside the figures;
//! `--provenance-out` writes the provenance of CSV output to a file of its own.

use std::io::{self, BufWriter, Write};

use serde::Serialize;

use crate::cli::{Format, OutputFormat, ProvenanceArgs};
use crate::output::provenance::{Provenance, Traced};

/// A CSV writer over stdout.
pub type CsvOut<'a> = ::csv::Writer<&'a mut dyn Write>;

/// Writes `data` to stdout in the format of `output`: `table` writes the table, `csv` the
/// rows (header included), JSON is `data`'s fields after the provenance's.
pub fn write<T: Serialize>(
    output: &OutputFormat,
    provenance_args: &ProvenanceArgs,
    provenance: &Provenance,
    data: &T,
    csv: impl FnOnce(&mut CsvOut<'_>) -> anyhow::Result<()>,
    table: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let style = output.csv_style();
    if let Some(path) = &provenance_args.provenance_out {
        provenance.write_csv(path, style)?;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    match output.format() {
        Format::Json => {
            serde_json::to_writer(&mut out, &Traced { provenance, data })?;
            writeln!(out)?;
        }
        Format::Csv => {
            let out: &mut dyn Write = &mut out;
            let mut writer = style.writer(out)?;
            csv(&mut writer)?;
            writer.flush()?;
        }
        Format::Table => table(&mut out)?,
    }
    out.flush()?;
    Ok(())
}
