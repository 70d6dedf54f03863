//! What the binary's end-to-end tests share: running `raad` as a user would, isolated from
//! the machine's own index and cache.

use std::path::Path;
use std::process::{Command, Output};

/// `raad` with `args`, run in `cwd`, with a private cache folder (so no test sees another's
/// demo index), no `RAAD_INDEX` and no colour.
pub fn raad_command(cwd: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_raad"));
    command
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", cwd.join("cache"))
        .env_remove("RAAD_INDEX")
        .env("NO_COLOR", "1");
    command
}

/// Runs `raad` with `args` in `cwd` (see [`raad_command`]) to its end.
pub fn raad_in(cwd: &Path, args: &[&str]) -> Output {
    raad_command(cwd, args).output().expect("raad runs")
}

/// What `raad` printed on stdout, as text.
#[allow(dead_code)] // Not every test file reads stdout.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// What `raad` printed on stderr, as text.
#[allow(dead_code)] // Not every test file reads stderr.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}
