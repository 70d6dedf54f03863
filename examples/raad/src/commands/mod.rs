//! One module per subcommand; each has a `run` that returns the exit code or an error.

pub mod analyze;
pub mod check;
pub mod generate;
pub mod index;
pub mod parse;
pub mod search;
pub mod show;
pub mod stats;
pub mod topics;
pub mod watch;
