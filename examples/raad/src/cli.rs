//! The command line, declared with clap derive. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::terminal::ColorWhen;

/// Search the questions and answers of a city council.
///
/// Exit status: 0 when the command did what was asked (records found; everything parsed or
/// indexed), 1 when it ran but found nothing or rejected some input, 2 on an error.
#[derive(Debug, Parser)]
#[command(name = "raad", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// When to colour the output: auto (on a terminal with NO_COLOR unset), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Parse record files and print the records (one line each, or JSON Lines with --json).
    ///
    /// Reads .txt and .md files as the "opschrift" text export and .json/.jsonl files as JSON
    /// records; folders are read recursively and other files are listed as skipped.
    /// Rejected files and records are reported on stderr as `rejected: PATH[:LINE]: REASON`.
    ///
    /// Exit status: 0 when nothing was rejected, 1 when some file or record was rejected,
    /// 2 when no input could be read at all.
    Parse(ParseArgs),
}

/// Arguments of `raad parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    /// Files or folders to parse.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Print JSON Lines: one record per line, in the record model's field names.
    #[arg(long)]
    pub json: bool,

    /// Extra party aliases: a TSV file of `as written<TAB>canonical name` lines.
    #[arg(long, value_name = "FILE")]
    pub parties: Option<PathBuf>,
}
