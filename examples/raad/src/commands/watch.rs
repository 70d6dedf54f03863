//! `raad watch`: saved searches that report what is new since they last ran, kept in the
//! index folder ([`crate::watch_file`]).

use std::io::{self, BufWriter, Write};
use std::path::Path;

use raad_query::{MatchMode, Mode, Report, Searcher, Watch, WatchRun, WatchState, WATCHES_FILE};
use serde::Serialize;

use crate::cli::{
    Format, WatchAddArgs, WatchArgs, WatchCommand, WatchFormat, WatchListArgs, WatchNameArgs,
    WatchRunArgs,
};
use crate::exit_codes::ExitCode;
use crate::index_location;
use crate::matching::{self, date_bounds};
use crate::messages;
use crate::output::{self, atom};
use crate::parties::load_parties;
use crate::terminal::Terminal;
use crate::watch_file::{Entry, WatchFile};

/// Runs `raad watch`.
pub fn run(args: &WatchArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    match &args.command {
        WatchCommand::Add(args) => add(args),
        WatchCommand::List(args) => list(args),
        WatchCommand::Show(args) => show(args),
        WatchCommand::Rm(args) => remove(args),
        WatchCommand::Run(args) => run_watches(args, terminal),
    }
}

/// `raad watch add`: checks the query and the filters, then saves the watch.
fn add(args: &WatchAddArgs) -> anyhow::Result<ExitCode> {
    check_name(&args.name)?;
    let request = matching::request(args.query.join(" "), &args.matching)?;
    let mut watch = Watch::new(args.name.clone(), request.text);
    watch.mode = request.mode;
    watch.match_mode = request.match_mode;
    watch.filters = request.filters;
    watch.report = Report {
        new: !args.answers,
        answered: true,
        changed: args.changes,
    };
    let dir = index_location::for_reading(&args.location)?;
    // The search the watch will run, once now: a malformed query fails here, not in cron.
    let searcher = Searcher::open(&dir)?;
    let results = searcher.search(&watch.request().limit(0))?;
    let mut err = io::stderr().lock();
    for warning in &results.warnings {
        messages::search_warning(&mut err, warning)?;
    }
    drop(err);

    let file = WatchFile::lock(&dir)?;
    let mut watches = file.read()?;
    match watches.get_mut(&watch.name) {
        Some(entry) if args.replace => entry.watch = watch,
        Some(_) => anyhow::bail!(
            "a watch named `{}` exists; give another name, or --replace to change it",
            args.name
        ),
        None => watches.watches.push(Entry {
            watch,
            last_run: None,
            state: Default::default(),
        }),
    }
    file.write(&watches)?;
    messages::note(format_args!(
        "watch `{}` saved in {}: {} {} now; its first run reports {}",
        args.name,
        dir.join(WATCHES_FILE).display(),
        messages::thousands(results.total),
        if results.total == 1 {
            "record matches"
        } else {
            "records match"
        },
        if args.answers {
            "answers that arrive from then on"
        } else {
            "them"
        }
    ));
    Ok(ExitCode::Success)
}

/// A name that is also a file name: letters, digits, `-`, `_`, `.`, not starting with `.`.
fn check_name(name: &str) -> anyhow::Result<()> {
    let fits = !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    anyhow::ensure!(
        fits,
        "`{}` cannot name a watch: use letters, digits, `-`, `_` and `.` (it names the Atom \
         feed file too)",
        name
    );
    Ok(())
}

/// A watch as `list` and `show` print it: the watch, how many records it has recorded,
/// and when it last ran.
#[derive(Serialize)]
struct Summary<'a> {
    #[serde(flatten)]
    watch: &'a Watch,
    recorded: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_run: Option<&'a str>,
}

impl<'a> Summary<'a> {
    fn of(entry: &'a Entry) -> Summary<'a> {
        Summary {
            watch: &entry.watch,
            recorded: entry.state.records.len(),
            last_run: entry.last_run.as_deref(),
        }
    }
}

/// `raad watch list`.
fn list(args: &WatchListArgs) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_reading(&args.location)?;
    let watches = WatchFile::lock(&dir)?.read()?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.output.format() {
        Format::Json => {
            for entry in &watches.watches {
                serde_json::to_writer(&mut out, &Summary::of(entry))?;
                writeln!(out)?;
            }
        }
        Format::Csv => {
            let mut writer = ::csv::Writer::from_writer(&mut out);
            writer.write_record([
                "name", "query", "filters", "reports", "recorded", "last_run",
            ])?;
            for entry in &watches.watches {
                writer.write_record([
                    entry.watch.name.clone(),
                    entry.watch.query.clone(),
                    serde_json::to_string(&entry.watch.filters)?,
                    reports(entry.watch.report),
                    entry.state.records.len().to_string(),
                    entry.last_run.clone().unwrap_or_default(),
                ])?;
            }
            writer.flush()?;
        }
        Format::Table => {
            for entry in &watches.watches {
                writeln!(
                    out,
                    "{}  {}  ({}; {} recorded; {})",
                    crate::escape::controls(&entry.watch.name, false),
                    crate::escape::controls(&entry.watch.query, false),
                    reports(entry.watch.report),
                    messages::thousands(entry.state.records.len()),
                    match &entry.last_run {
                        Some(time) => format!("last run {time}"),
                        None => "not run yet".to_string(),
                    }
                )?;
            }
        }
    }
    out.flush()?;
    if watches.watches.is_empty() {
        messages::note(format_args!(
            "no watches in {}; add one with `raad watch add NAME QUERY`",
            dir.display()
        ));
        return Ok(ExitCode::Partial);
    }
    Ok(ExitCode::Success)
}

/// What a watch reports, in words: `new, answered, changed`.
fn reports(report: Report) -> String {
    let mut words = Vec::new();
    if report.new {
        words.push("new");
    }
    if report.answered {
        words.push("answered");
    }
    if report.changed {
        words.push("changed");
    }
    words.join(", ")
}

/// `raad watch show NAME`.
fn show(args: &WatchNameArgs) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_reading(&args.location)?;
    let watches = WatchFile::lock(&dir)?.read()?;
    let entry = named(&watches.watches, &args.name, &dir)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.output.format() {
        Format::Json => {
            serde_json::to_writer(&mut out, &Summary::of(entry))?;
            writeln!(out)?;
        }
        Format::Csv => output::csv::write_key_values(
            &mut out,
            output::csv::CsvStyle::PLAIN,
            &Summary::of(entry),
        )?,
        Format::Table => {
            let watch = &entry.watch;
            let mut field = |label: &str, value: &str| {
                writeln!(out, "{label:<10} {}", crate::escape::controls(value, false))
            };
            field("name:", &watch.name)?;
            field("query:", &watch.query)?;
            if watch.mode == Mode::Plain {
                field("mode:", "plain words")?;
            }
            if watch.match_mode == MatchMode::Any {
                field("match:", "any word")?;
            }
            if !watch.filters.is_empty() {
                field("filters:", &serde_json::to_string(&watch.filters)?)?;
            }
            field("reports:", &reports(watch.report))?;
            field(
                "recorded:",
                &format!(
                    "{} records ({} answered)",
                    messages::thousands(entry.state.records.len()),
                    messages::thousands(
                        entry.state.records.values().filter(|s| s.answered).count()
                    )
                ),
            )?;
            field(
                "last run:",
                entry.last_run.as_deref().unwrap_or("not run yet"),
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::Success)
}

/// The entry named `name`, or an error listing the names there are.
fn named<'a>(entries: &'a [Entry], name: &str, dir: &Path) -> anyhow::Result<&'a Entry> {
    entries
        .iter()
        .find(|entry| entry.watch.name == name)
        .ok_or_else(|| no_such_watch(entries, name, dir))
}

fn no_such_watch(entries: &[Entry], name: &str, dir: &Path) -> anyhow::Error {
    let names: Vec<&str> = entries.iter().map(|e| e.watch.name.as_str()).collect();
    if names.is_empty() {
        anyhow::anyhow!("no watch named `{name}`: {} has no watches", dir.display())
    } else {
        anyhow::anyhow!(
            "no watch named `{name}` in {}; there are: {}",
            dir.display(),
            names.join(", ")
        )
    }
}

/// `raad watch rm NAME`.
fn remove(args: &WatchNameArgs) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_reading(&args.location)?;
    let file = WatchFile::lock(&dir)?;
    let mut watches = file.read()?;
    named(&watches.watches, &args.name, &dir)?;
    watches
        .watches
        .retain(|entry| entry.watch.name != args.name);
    file.write(&watches)?;
    messages::note(format_args!("watch `{}` removed", args.name));
    Ok(ExitCode::Success)
}

/// `raad watch run [NAME…]`: runs the watches over one snapshot of the index, prints (or
/// writes feeds of) what is new, then records it, unless `--dry-run`. The state is written
/// only after the output: a run whose output failed reports the same again.
fn run_watches(args: &WatchRunArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let since = args
        .since
        .as_deref()
        .map(|text| date_bounds("--since", text).map(|(first, _)| first))
        .transpose()?;
    let dir = index_location::for_reading(&args.location)?;
    let file = WatchFile::lock(&dir)?;
    let mut watches = file.read()?;
    if watches.watches.is_empty() {
        messages::note(format_args!(
            "no watches in {}; add one with `raad watch add NAME QUERY`",
            dir.display()
        ));
        return Ok(ExitCode::Partial);
    }
    for name in &args.names {
        named(&watches.watches, name, &dir)?;
    }
    let selected = |entry: &Entry| args.names.is_empty() || args.names.contains(&entry.watch.name);
    let searcher = Searcher::open(&dir)
        .map_err(|err| anyhow::Error::new(err).context("cannot run the watches"))?
        .with_parties(load_parties(&args.parties)?);
    let watcher = searcher.watcher();
    let chosen: Vec<usize> = (0..watches.watches.len())
        .filter(|&at| selected(&watches.watches[at]))
        .collect();
    // The states are handed over (a broad watch records hundreds of thousands of ids); each
    // run's next state, which holds them, is put back below (or nothing is written).
    let states: Vec<WatchState> = chosen
        .iter()
        .map(|&at| std::mem::take(&mut watches.watches[at].state))
        .collect();
    let pairs: Vec<(&Watch, WatchState)> = chosen
        .iter()
        .map(|&at| &watches.watches[at].watch)
        .zip(states)
        .collect();
    let mut runs: Vec<(usize, WatchRun)> = Vec::new();
    for (at, run) in chosen.iter().zip(watcher.run_all(pairs, since)) {
        let name = &watches.watches[*at].watch.name;
        let run = run.map_err(|err| anyhow::Error::new(err).context(format!("watch `{name}`")))?;
        let mut err = io::stderr().lock();
        for warning in &run.warnings {
            messages::watch_warning(&mut err, name, warning)?;
        }
        runs.push((*at, run));
    }
    let named_runs: Vec<output::watch::Ran<'_>> = runs
        .iter()
        .map(|(at, run)| (watches.watches[*at].watch.name.as_str(), run))
        .collect();
    match args.format() {
        WatchFormat::Atom => {
            // `--out` is required with atom (clap checks); an empty path is the current folder.
            let out = args.out.clone().unwrap_or_default();
            atom::create_dir(&out)?;
            let links = atom::Links {
                watches_file: &dir.join(WATCHES_FILE),
                base: args.link_base.as_deref(),
            };
            let now = atom::now();
            for (at, run) in &runs {
                atom::write_feed(&out, &watches.watches[*at].watch, &run.found, &links, now)?;
            }
        }
        format => {
            let mut out = BufWriter::new(io::stdout().lock());
            match format {
                WatchFormat::Json => output::watch::write_json(&mut out, &named_runs)?,
                WatchFormat::Csv => output::watch::write_csv(&mut out, &named_runs)?,
                _ => output::watch::write_table(&mut out, &named_runs, terminal)?,
            }
            out.flush()?;
        }
    }
    let reported: usize = runs.iter().map(|(_, run)| run.found.len()).sum();
    if reported == 0 {
        messages::note(format_args!(
            "nothing new in {} {}",
            runs.len(),
            if runs.len() == 1 { "watch" } else { "watches" }
        ));
    }
    if !args.dry_run {
        let now = atom::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        for (at, run) in runs {
            let entry = &mut watches.watches[at];
            entry.state = run.state;
            entry.last_run = Some(now.clone());
        }
        file.write(&watches)?;
    }
    Ok(if reported > 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}
