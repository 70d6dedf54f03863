//! One module per subcommand; each has a `run` that returns the exit code or an error.

pub mod analyze;
pub mod answers;
pub mod batch;
pub mod check;
pub mod generate;
pub mod index;
pub mod overdue;
pub mod parse;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod top;
pub mod topics;
pub mod trend;
pub mod watch;
