//! `raad`: the command-line tool journalists use to parse, index and search council records.
//!
//! This crate is glue: the work is done by raad-core, raad-index and raad-query. It is the only
//! crate that knows about terminals, colours, exit codes and output formats.

mod chart;
mod cli;
mod commands;
mod escape;
mod exit_codes;
mod hints;
mod index_location;
mod matching;
mod messages;
mod output;
mod parties;
mod synonyms;
mod terminal;
mod watch_file;

use std::process;

use crate::cli::{Cli, Command};
use crate::exit_codes::ExitCode;
use crate::terminal::Terminal;

fn main() -> process::ExitCode {
    let cli = Cli::parse_args();
    // A damaged index is reported as an error; the panic tantivy raised on it says nothing more.
    raad_query::quiet_caught_panics();
    let terminal = Terminal::detect(cli.color);
    let result = match cli.command {
        Command::Parse(args) => commands::parse::run(&args, terminal),
        Command::Analyze(args) => commands::analyze::run(&args),
        Command::Index(args) => commands::index::run(&args),
        Command::Stats(args) => commands::stats::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::Generate(args) => commands::generate::run(&args),
        Command::Topics => commands::topics::run(),
        Command::Search(args) => commands::search::run(&args, terminal),
        Command::Show(args) => commands::show::run(&args, terminal),
        Command::Watch(args) => commands::watch::run(&args, terminal),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Trend(args) => commands::trend::run(&args, terminal),
        Command::Top(args) => commands::top::run(&args, terminal),
        Command::Answers(args) => commands::answers::run(&args, terminal),
        Command::Overdue(args) => commands::overdue::run(&args, terminal),
        Command::Batch(args) => commands::batch::run(&args, terminal),
    };
    match result {
        Ok(code) => code.into(),
        // Commands that know the status of their work handle a closed pipe themselves.
        Err(err) if output::is_broken_pipe(&err) => ExitCode::Success.into(),
        Err(err) => {
            messages::error(&err);
            ExitCode::Error.into()
        }
    }
}
