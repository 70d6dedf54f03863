//! `raad index`: record files into an index, with a progress bar on a terminal.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use raad_core::index_meta::{can_upgrade, IndexMeta, META_FILE};
use raad_core::parse::{ParseOptions, DEFAULT_MAX_FILE_SIZE};
use raad_core::topics::TopicRules;
use raad_index::{IndexError, IndexReport, IndexerBuilder, Progress};

use crate::cli::{Format, IndexArgs};
use crate::exit_codes::ExitCode;
use crate::parties::load_parties;
use crate::{index_location, messages, output};

/// `repeated id:` lines printed at most; the JSON report lists every repeat.
const REPEATS_SHOWN: usize = 20;

/// Runs `raad index`.
pub fn run(args: &IndexArgs) -> anyhow::Result<ExitCode> {
    let dir = index_location::for_writing(&args.location);
    // Without paths there is nothing to build an index from: only an existing one is opened
    // (and upgraded, when it is from before councils).
    anyhow::ensure!(
        !args.paths.is_empty() || dir.join(META_FILE).is_file(),
        "{} holds no raad index: give the files or folders to index, `raad index --index {} \
         PATH...`",
        dir.display(),
        dir.display()
    );
    let mut builder = IndexerBuilder::new(&dir);
    builder.rebuild(args.rebuild);
    if let Some(threads) = args.threads {
        anyhow::ensure!(threads > 0, "--threads must be at least 1");
        builder.threads(threads);
    }
    if let Some(mb) = args.memory {
        anyhow::ensure!(
            mb >= 15,
            "--memory must be at least 15 MB (tantivy's minimum)"
        );
        builder.memory_budget(mb * 1_000_000);
    }
    if let Some(records) = args.commit_every {
        anyhow::ensure!(records > 0, "--commit-every must be at least 1");
        builder.commit_every_records(records);
    }
    builder.parse_options(ParseOptions {
        parties: load_parties(&args.parties)?,
        max_file_size: args.input.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
        council: args.council.clone(),
        // A council's own title for its mayor comes from its folder's raad.toml.
        mayor: None,
    });
    builder.follow_links(args.input.follow);
    if args.no_topic_rules {
        builder.topic_rules(None);
    } else if args.topics.is_some() || !args.add_topics.is_empty() {
        let mut rules = match &args.topics {
            Some(path) => TopicRules::from_file(path)
                .with_context(|| format!("cannot use the topic taxonomy {}", path.display()))?,
            None => TopicRules::built_in(),
        };
        for path in &args.add_topics {
            rules
                .extend_from_file(path)
                .with_context(|| format!("cannot use the topic taxonomy {}", path.display()))?;
        }
        builder.topic_rules(Some(rules));
    }
    builder.infer_topics(!args.no_topic_inference);
    let format = args.output.format();
    // A bar only beside the table: JSON and CSV runs are usually scripts and logs.
    let bar = (format == Format::Table && io::stderr().is_terminal()).then(Bar::new);
    builder.progress(Arc::new(Notices { bar: bar.clone() }));
    builder.cancel_flag(stop_on_signals()?);
    let result = builder.build()?.run(&args.paths);
    if let Some(bar) = &bar {
        bar.bar.finish_and_clear();
    }
    let report = match result {
        Ok(report) => report,
        // Nothing to read is not a failure of raad's, but not what was asked either.
        Err(IndexError::NoRecordFiles {
            paths,
            skipped,
            errors,
        }) => {
            let mut stderr = io::stderr().lock();
            for skipped in &skipped {
                messages::skipped(&mut stderr, skipped.path.display(), &skipped.reason)?;
            }
            for error in &errors {
                messages::parse_rejected(&mut stderr, error)?;
            }
            messages::no_record_files(&paths);
            return Ok(ExitCode::Partial);
        }
        Err(err) => return Err(err.into()),
    };

    let mut stderr = io::stderr().lock();
    if let Some(upgrade) = &report.upgraded {
        messages::upgraded(&mut stderr, upgrade)?;
    }
    for skipped in &report.skipped {
        messages::skipped(&mut stderr, &skipped.path, &skipped.reason)?;
    }
    for rejection in &report.rejected {
        messages::index_rejected(&mut stderr, rejection)?;
    }
    for kept in &report.kept {
        messages::kept(&mut stderr, kept)?;
    }
    for duplicate in &report.duplicates {
        messages::duplicate(&mut stderr, duplicate)?;
    }
    // A file of a hundred thousand repeats must not flood the terminal: the JSON report
    // lists every one.
    for repeated in report.repeats.iter().take(REPEATS_SHOWN) {
        let indexed_from = report
            .duplicates
            .binary_search_by(|duplicate| duplicate.id.cmp(&repeated.id))
            .ok()
            .map(|at| report.duplicates[at].indexed.as_str());
        messages::repeated(&mut stderr, repeated, indexed_from)?;
    }
    if report.repeats.len() > REPEATS_SHOWN {
        messages::more_repeated(&mut stderr, report.repeats.len() - REPEATS_SHOWN)?;
    }
    for large in &report.large {
        messages::large(&mut stderr, large)?;
    }
    for file in &report.without_council {
        messages::without_council(&mut stderr, file)?;
    }
    let written: anyhow::Result<()> = match format {
        // The summary of a run is a message beside the progress bar, not data.
        Format::Table => Ok(writeln!(stderr, "{}", summary(&report, &dir))?),
        Format::Json => (|| {
            let mut out = io::stdout().lock();
            serde_json::to_writer(&mut out, &report)?;
            Ok(writeln!(out)?)
        })(),
        Format::Csv => {
            output::csv::write_key_values(io::stdout().lock(), args.output.csv_style(), &report)
        }
    };
    // A reader that went away (`| head`) does not change what the run did: its status stands.
    match written {
        Err(err) if !output::is_broken_pipe(&err) => return Err(err),
        _ => {}
    }
    if report.interrupted {
        // Still of an earlier schema: the upgrade itself was stopped.
        let upgrading = matches!(
            IndexMeta::read(&dir),
            Ok(Some(meta)) if can_upgrade(meta.schema_version)
        );
        if args.rebuild {
            writeln!(
                stderr,
                "interrupted: the rebuild stopped before it was complete, and the index is as \
                 it was; run the same command to rebuild it"
            )?;
        } else if upgrading {
            writeln!(
                stderr,
                "interrupted: the upgrade stopped before it was complete, and the index is as \
                 it was; run the same command to upgrade it"
            )?;
        } else {
            writeln!(
                stderr,
                "interrupted: {} records committed; run the same command to continue",
                report.indexed + report.replaced + report.repeated
            )?;
        }
        return Ok(ExitCode::Interrupted);
    }
    Ok(if report.rejected.is_empty() {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

/// A flag that the first Ctrl-C or SIGTERM sets (the indexer then commits what it read and
/// stops); a second one ends the process at once.
fn stop_on_signals() -> anyhow::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    let handler_flag = flag.clone();
    ctrlc::set_handler(move || {
        if handler_flag.swap(true, Relaxed) {
            std::process::exit(i32::from(ExitCode::Interrupted.code()));
        }
        eprintln!("stopping: committing what is read (press Ctrl-C again to stop at once)");
    })
    .context("cannot handle Ctrl-C")?;
    Ok(flag)
}

/// What the indexer tells as it goes: the progress bar on a terminal, and notices that
/// matter without one (a wait for the index's lock).
struct Notices {
    bar: Option<Bar>,
}

impl Progress for Notices {
    fn start(&self, files: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.start(files, bytes);
        }
    }

    fn file_done(&self, records: u64, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.file_done(records, bytes);
        }
    }

    fn committing(&self) {
        if let Some(bar) = &self.bar {
            bar.committing();
        }
    }

    fn finishing(&self) {
        if let Some(bar) = &self.bar {
            bar.finishing();
        }
    }

    fn inferring(&self) {
        if let Some(bar) = &self.bar {
            bar.inferring();
        }
    }

    fn upgrading(&self, from_schema: u32) {
        if let Some(bar) = &self.bar {
            bar.bar.set_message(format!(
                "upgrading the index from schema {from_schema}: its records are indexed anew…"
            ));
        }
    }

    fn waiting_for_lock(&self, wait: Duration) {
        let message = format!(
            "waiting up to {} s for the index's lock: another raad is writing it, or one that \
             was just stopped has not let go yet",
            wait.as_secs()
        );
        match &self.bar {
            Some(bar) => bar.bar.suspend(|| eprintln!("{message}")),
            None => eprintln!("{message}"),
        }
    }
}

fn summary(report: &IndexReport, dir: &std::path::Path) -> String {
    let topics = &report.topics;
    let decided = topics.decided_on_read + topics.examined;
    let inference = if decided > 0 {
        let why = topics
            .every_record_because
            .as_deref()
            .map_or_else(String::new, |why| {
                format!("; every record looked at again because {why}")
            });
        format!(
            " (inference: {decided} records in {:.1} s{why})",
            topics.seconds
        )
    } else {
        String::new()
    };
    // Records whose id came earlier in the run are neither new nor replacements; named only
    // when there are some, so that indexed + replaced + repeated + unchanged is every record.
    let repeated = if report.repeated > 0 {
        format!(", {} repeated", report.repeated)
    } else {
        String::new()
    };
    format!(
        "{} indexed, {} replaced{repeated}, {} unchanged, {} removed, {} rejected in {:.1} s \
         ({:.1} MB/s); {} records in {}\ntopics: {} given, {} inferred, {} by rules{inference}",
        report.indexed,
        report.replaced,
        report.unchanged,
        report.removed,
        report.rejected.len(),
        report.seconds,
        report.bytes as f64 / 1e6 / report.seconds.max(1e-3),
        report.records_in_index,
        dir.display(),
        topics.given,
        topics.inferred,
        topics.by_rules,
    )
}

/// The terminal progress bar: bytes read with rate and ETA; files and records as message.
#[derive(Clone)]
struct Bar {
    bar: ProgressBar,
    counts: Arc<Counts>,
}

#[derive(Default)]
struct Counts {
    files_total: AtomicU64,
    files_done: AtomicU64,
    records: AtomicU64,
}

impl Bar {
    fn new() -> Bar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
            )
            .expect("the template is valid"),
        );
        Bar {
            bar,
            counts: Arc::default(),
        }
    }
}

impl Progress for Bar {
    fn start(&self, files: u64, bytes: u64) {
        self.bar.set_length(bytes);
        self.counts.files_total.store(files, Relaxed);
        self.bar.set_message(format!("0/{files} files"));
    }

    fn file_done(&self, records: u64, bytes: u64) {
        let done = self.counts.files_done.fetch_add(1, Relaxed) + 1;
        let total_records = self.counts.records.fetch_add(records, Relaxed) + records;
        self.bar.inc(bytes);
        self.bar.set_message(format!(
            "{done}/{} files, {total_records} records",
            self.counts.files_total.load(Relaxed)
        ));
    }

    fn committing(&self) {
        self.bar.set_message("committing…");
    }

    fn finishing(&self) {
        self.bar.set_message("final commit and merges…");
    }

    fn inferring(&self) {
        self.bar
            .set_message("inferring topics from labelled records…");
    }
}
