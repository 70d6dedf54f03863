//! `raad serve`: the web page and the JSON API of raad-serve, on this machine's loopback
//! address unless `--addr` says otherwise.

use std::io::Write;

use raad_query::Searcher;
use raad_serve::{App, Server};

use crate::cli::ServeArgs;
use crate::exit_codes::ExitCode;
use crate::parties::load_parties;
use crate::{index_location, messages};

/// Runs `raad serve` until Ctrl-C.
pub fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_reading(&args.location)?;
    let searcher = Searcher::open(&dir)?.with_parties(load_parties(&args.parties)?);
    let server = Server::bind(args.addr, App::new(searcher, &dir))?;
    let addr = server.local_addr();
    if !addr.ip().is_loopback() {
        messages::reachable_from_network(addr);
    }
    let url = format!("http://{addr}/");
    messages::serving(&dir, &url);
    // The URL on stdout: a script that asked for port 0 reads where to go.
    let mut out = std::io::stdout().lock();
    writeln!(out, "{url}")?;
    out.flush()?;
    drop(out);
    server.run_until_ctrl_c()?;
    Ok(ExitCode::Success)
}
