//! `raad analyze`: what the Dutch analyzer makes of a text.

use std::io::{self, Write};

use crate::cli::AnalyzeArgs;
use crate::exit_codes::ExitCode;

/// Runs `raad analyze`.
pub fn run(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let text = args.text.join(" ");
    let tokens = raad_core::analysis::analyze(&text);
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer(&mut out, &tokens)?;
        writeln!(out)?;
    } else {
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
    Ok(ExitCode::Success)
}
