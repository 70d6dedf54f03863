//! `raad topics`: the built-in taxonomy, in the file format `raad index --topics` reads.

use std::io::{self, Write};

use raad_core::topics::BUILT_IN_TAXONOMY;

use crate::exit_codes::ExitCode;

/// Runs `raad topics`.
pub fn run() -> anyhow::Result<ExitCode> {
    io::stdout()
        .lock()
        .write_all(BUILT_IN_TAXONOMY.as_bytes())?;
    Ok(ExitCode::Success)
}
