//! `raad analyze`: what the Dutch analyzer makes of a text.

use std::io::{self, Write};

use crate::cli::{AnalyzeArgs, Format};
use crate::exit_codes::ExitCode;
use crate::output;

/// Runs `raad analyze`.
pub fn run(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let text = args.text.join(" ");
    let tokens = raad_core::analysis::analyze(&text);
    let mut out = io::stdout().lock();
    match args.output.format() {
        Format::Json => {
            serde_json::to_writer(&mut out, &tokens)?;
            writeln!(out)?;
        }
        Format::Csv => {
            output::csv::write_tokens(&mut out, args.output.csv_style(), &text, &tokens)?
        }
        Format::Table => {
            writeln!(
                out,
                "{:>4}  {:<24} {:>5}..{:<5} word",
                "pos", "token", "from", "to"
            )?;
            for token in &tokens {
                let word = text.get(token.offset_from..token.offset_to).unwrap_or("");
                writeln!(
                    out,
                    "{:>4}  {:<24} {:>5}..{:<5} {word}",
                    token.position, token.text, token.offset_from, token.offset_to
                )?;
            }
        }
    }
    Ok(ExitCode::Success)
}
