//! One module per subcommand; each has `run(args, terminal) -> anyhow::Result<ExitCode>`.

pub mod parse;
