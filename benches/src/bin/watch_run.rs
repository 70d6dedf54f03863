//! Watch runs (issue 14): 20 watches run over one index, as `raad watch run` runs them from
//! cron, against the same searches' plain counts in the same run.
//!
//! ```text
//! cargo build --release -p raad-benches --bin watch_run
//! ./target/release/watch_run --index /tmp/raad-bench-1m
//! ```
//!
//! The index must exist (build one with `search_latency --index DIR --records N`); nothing is
//! written to it. The 20 watches are the queries of `search_latency` without a filter (four
//! each of one word, two words, a phrase, a prefix and a fuzzy name). Timed, each on a
//! freshly opened index (so the walk over the record ids is in every figure):
//! - `first run` (once): every watch from an empty state, reporting only answers (so every
//!   match is recorded and none read: a first run that reports every match reads them all);
//! - `nothing new`: every watch against the state its first run returned;
//! - `10 new each`: the same with 10 records taken out of each state (200 reported);
//! - `state JSON`: the 20 states written to JSON and read back, as the binary keeps them;
//! - `whole run`: what `raad watch run` does: the states read from JSON, the watches run
//!   at once (`Watcher::run_all`, on every core; nothing new), the next states written to
//!   JSON (the file's lock and sync left out);
//! - `counts`: the 20 searches alone with `limit(0)` (the exact count, no ids), the baseline.
//!
//! Output: a Markdown table on stdout; progress on stderr.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use raad_query::{SearchRequest, Searcher, Watch, WatchState};

/// Times watch runs over an existing index.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// The index to watch (not written to).
    #[arg(long, env = "RAAD_BENCH_INDEX")]
    index: PathBuf,
    /// Timed repetitions of each measurement (the median is shown, and the slowest).
    #[arg(long, default_value_t = 5)]
    iterations: usize,
}

/// The watches: `search_latency`'s queries without a filter.
const QUERIES: [&str; 20] = [
    "pensioen",
    "belasting",
    "spoorwegen",
    "asielzoekers",
    "federale politie",
    "pensioen zelfstandigen",
    "treinen vertraging",
    "btw tarief",
    "\"federale politie\"",
    "\"openbare dienst\"",
    "\"sociale zekerheid\"",
    "\"minister van justitie\"",
    "belast*",
    "spoor*",
    "asiel*",
    "pensioen*",
    "Codens~",
    "Vermeuln~",
    "Janssesn~",
    "Peters~",
];

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("watch_run: {error}");
            ExitCode::FAILURE
        }
    }
}

type Error = Box<dyn std::error::Error>;

fn run(args: &Args) -> Result<(), Error> {
    let watches: Vec<Watch> = QUERIES
        .iter()
        .enumerate()
        .map(|(n, query)| Watch::new(format!("w{n}"), *query))
        .collect();
    let records = Searcher::open(&args.index)?.num_records();
    eprintln!("{records} records in {}", args.index.display());

    // The states a first run leaves, and the figures of that run.
    let mut first_times = Vec::new();
    let mut states = Vec::new();
    let mut matches = 0;
    let mut reported = 0;
    // Once, with watches that report only answers: every match is recorded, none read (a
    // first run that reports tens of thousands of records reads each of them).
    let answers_only: Vec<Watch> = watches
        .iter()
        .map(|watch| {
            let mut watch = watch.clone();
            watch.report.new = false;
            watch
        })
        .collect();
    {
        let started = Instant::now();
        let searcher = Searcher::open(&args.index)?;
        let watcher = searcher.watcher();
        for watch in &answers_only {
            let run = watcher.run(watch, &WatchState::default())?;
            matches += run.matches;
            reported += run.found.len();
            states.push(run.state);
        }
        first_times.push(started.elapsed());
        eprintln!("first run: {:?}", started.elapsed());
    }

    let nothing = time(args, "nothing new", || {
        let searcher = Searcher::open(&args.index)?;
        let watcher = searcher.watcher();
        let mut found = 0;
        for (watch, state) in watches.iter().zip(&states) {
            found += watcher.run(watch, state)?.found.len();
        }
        Ok(found)
    })?;
    let thinned: Vec<WatchState> = states
        .iter()
        .map(|state| {
            let mut state = state.clone();
            let keys: Vec<String> = state.records.keys().step_by(97).take(10).cloned().collect();
            for key in keys {
                state.records.remove(&key);
            }
            state
        })
        .collect();
    let ten_new = time(args, "10 new each", || {
        let searcher = Searcher::open(&args.index)?;
        let watcher = searcher.watcher();
        let mut found = 0;
        for (watch, state) in watches.iter().zip(&thinned) {
            found += watcher.run(watch, state)?.found.len();
        }
        Ok(found)
    })?;
    let json = time(args, "state JSON", || {
        let text = serde_json::to_string(&states)?;
        let back: Vec<WatchState> = serde_json::from_str(&text)?;
        Ok(back.len())
    })?;
    // What `raad watch run` does besides: the states read from their JSON, the runs, the
    // next states written to JSON (the file's lock, write and sync are left out).
    let states_json = serde_json::to_string(&states)?;
    let whole = time(args, "whole run", || {
        let read: Vec<WatchState> = serde_json::from_str(&states_json)?;
        let searcher = Searcher::open(&args.index)?;
        let watcher = searcher.watcher();
        let mut found = 0;
        let mut next = Vec::with_capacity(watches.len());
        let pairs: Vec<(&Watch, WatchState)> = watches.iter().zip(read).collect();
        for run in watcher.run_all(pairs, None) {
            let run = run?;
            found += run.found.len();
            next.push(run.state);
        }
        let written = serde_json::to_string(&next)?;
        Ok(found + usize::from(written.is_empty()))
    })?;
    let counts = time(args, "counts", || {
        let searcher = Searcher::open(&args.index)?;
        let mut total = 0;
        for query in QUERIES {
            total += searcher.search(&SearchRequest::new(query).limit(0))?.total;
        }
        Ok(total)
    })?;

    println!(
        "20 watches over {records} records; {matches} matches in all ({} per watch on average), \
         {} iterations\n",
        matches / QUERIES.len(),
        args.iterations
    );
    println!("| measurement | records reported | median | slowest |");
    println!("| --- | ---: | ---: | ---: |");
    let row = |name: &str, reported: usize, times: &[Duration]| {
        let mut sorted = times.to_vec();
        sorted.sort();
        println!(
            "| {name} | {reported} | {:.0} ms | {:.0} ms |",
            sorted[sorted.len() / 2].as_secs_f64() * 1000.0,
            sorted[sorted.len() - 1].as_secs_f64() * 1000.0
        );
    };
    row(
        "first run, answers only (empty states)",
        reported,
        &first_times,
    );
    row("nothing new", nothing.0, &nothing.1);
    row("10 new each", ten_new.0, &ten_new.1);
    row("state JSON out and back", json.0, &json.1);
    row(
        "whole run: states read, nothing new, states written",
        whole.0,
        &whole.1,
    );
    row("counts alone (baseline)", counts.0, &counts.1);
    Ok(())
}

/// Runs `measure` `iterations` times: its last result and the times.
fn time(
    args: &Args,
    name: &str,
    mut measure: impl FnMut() -> Result<usize, Error>,
) -> Result<(usize, Vec<Duration>), Error> {
    let mut times = Vec::new();
    let mut result = 0;
    for _ in 0..args.iterations.max(1) {
        let started = Instant::now();
        result = measure()?;
        times.push(started.elapsed());
        eprintln!("{name}: {:?}", started.elapsed());
    }
    Ok((result, times))
}
