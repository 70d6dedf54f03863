//! [`IndexerBuilder`] and [`Indexer`]: the configuration of a run, and the run itself.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use raad_core::parse::{self, ParseOptions};
use raad_core::topics::TopicRules;
use raad_query::Snapshot;
use rayon::prelude::*;
use tantivy::indexer::IndexWriterOptions;

use crate::error::{IndexError, Result};
use crate::index_dir;
use crate::infer::{self, Scope, TopicSettings};
use crate::machine::{self, MIN_BUDGET_PER_THREAD};
use crate::manifest::Manifest;
use crate::pipeline::{self, Context, SentTopics};
use crate::progress::{NoProgress, Progress};
use crate::report::IndexReport;
use crate::writer::{CommitPolicy, Writer};

/// Commit after this many records by default.
///
/// Every commit closes a segment per indexing thread, and tantivy merges segments afterwards:
/// committing every 100,000 records made a run over 1,000,000 records spend a third of its time
/// merging. So commits are mostly timed ([`DEFAULT_COMMIT_INTERVAL`]), and this bound only
/// matters on fast machines.
pub const DEFAULT_COMMIT_RECORDS: u64 = 1_000_000;

/// Commit after this much time by default: a killed run loses at most about this much work.
pub const DEFAULT_COMMIT_INTERVAL: Duration = Duration::from_secs(60);

/// Batches in flight between the workers and the writer thread, per thread: enough to keep the
/// writer busy, few enough to bound memory.
const BATCHES_IN_FLIGHT_PER_THREAD: usize = 8;

/// Builds an [`Indexer`]. Every setting has a default sized to the machine:
///
/// | setting | default |
/// | --- | --- |
/// | [`threads`](IndexerBuilder::threads) | available cores, at most 8 |
/// | [`memory_budget`](IndexerBuilder::memory_budget) | a quarter of the available memory, at most 1 GiB, at least 15 MB per thread |
/// | [`commit_every_records`](IndexerBuilder::commit_every_records) | 1,000,000 records |
/// | [`commit_interval`](IndexerBuilder::commit_interval) | 60 seconds |
/// | [`rebuild`](IndexerBuilder::rebuild) | off |
/// | [`wait_for_merges`](IndexerBuilder::wait_for_merges) | on |
/// | [`topic_rules`](IndexerBuilder::topic_rules) | the built-in taxonomy |
/// | [`infer_topics`](IndexerBuilder::infer_topics) | on, [`DEFAULT_NEIGHBOURS`](crate::DEFAULT_NEIGHBOURS) neighbours, [`DEFAULT_MIN_CONFIDENCE`](crate::DEFAULT_MIN_CONFIDENCE) |
#[derive(Clone)]
pub struct IndexerBuilder {
    index_dir: PathBuf,
    threads: Option<usize>,
    memory_budget: Option<usize>,
    commit_every_records: u64,
    commit_interval: Duration,
    rebuild: bool,
    wait_for_merges: bool,
    parse_options: ParseOptions,
    topics: TopicSettings,
    progress: Arc<dyn Progress>,
}

impl std::fmt::Debug for IndexerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexerBuilder")
            .field("index_dir", &self.index_dir)
            .field("threads", &self.threads)
            .field("memory_budget", &self.memory_budget)
            .field("commit_every_records", &self.commit_every_records)
            .field("commit_interval", &self.commit_interval)
            .field("rebuild", &self.rebuild)
            .field("wait_for_merges", &self.wait_for_merges)
            .field("topics", &self.topics)
            .finish_non_exhaustive()
    }
}

impl IndexerBuilder {
    /// A builder for an indexer that writes the index in `index_dir` (created when missing).
    pub fn new(index_dir: impl Into<PathBuf>) -> IndexerBuilder {
        IndexerBuilder {
            index_dir: index_dir.into(),
            threads: None,
            memory_budget: None,
            commit_every_records: DEFAULT_COMMIT_RECORDS,
            commit_interval: DEFAULT_COMMIT_INTERVAL,
            rebuild: false,
            wait_for_merges: true,
            parse_options: ParseOptions::default(),
            topics: TopicSettings::default(),
            progress: Arc::new(NoProgress),
        }
    }

    /// Threads that parse files and threads that index documents (each; 1 to 8).
    pub fn threads(&mut self, threads: usize) -> &mut IndexerBuilder {
        self.threads = Some(threads);
        self
    }

    /// Memory the index writer may use over all its threads before it writes a segment to
    /// disk, in bytes (at least 15 MB per thread). Parsing uses a little more on top.
    pub fn memory_budget(&mut self, bytes: usize) -> &mut IndexerBuilder {
        self.memory_budget = Some(bytes);
        self
    }

    /// Commit after this many records (at least 1). A kill loses at most the records since
    /// the last commit, and a re-run indexes them again.
    pub fn commit_every_records(&mut self, records: u64) -> &mut IndexerBuilder {
        self.commit_every_records = records.max(1);
        self
    }

    /// Commit when this much time has passed since the last commit.
    pub fn commit_interval(&mut self, interval: Duration) -> &mut IndexerBuilder {
        self.commit_interval = interval;
        self
    }

    /// Start from an empty index: what the index held and the record of which files it came
    /// from are deleted first. Also the way to replace an index of another raad version.
    pub fn rebuild(&mut self, yes: bool) -> &mut IndexerBuilder {
        self.rebuild = yes;
        self
    }

    /// Whether [`Indexer::run`] waits for tantivy's segment merges before it returns (fewer
    /// segments, faster searches) or leaves them to the next run.
    pub fn wait_for_merges(&mut self, yes: bool) -> &mut IndexerBuilder {
        self.wait_for_merges = yes;
        self
    }

    /// How the parser reads files (party aliases and the like).
    pub fn parse_options(&mut self, options: ParseOptions) -> &mut IndexerBuilder {
        self.parse_options = options;
        self
    }

    /// The keyword rules that give records without topics theirs (source `rules`), or `None`
    /// to leave such records without topics. Changing the rules re-indexes every file.
    pub fn topic_rules(&mut self, rules: Option<TopicRules>) -> &mut IndexerBuilder {
        self.topics.rules = rules;
        self
    }

    /// Whether records without given topics take the main topic of their most similar
    /// records with given topics (source `inferred`), when the vote is clear enough; see the
    /// `infer` module of this crate's source for the method. When off, topics inferred by
    /// earlier runs stay as they are.
    pub fn infer_topics(&mut self, yes: bool) -> &mut IndexerBuilder {
        self.topics.infer = yes;
        self
    }

    /// How many labelled neighbours vote on an inferred topic (1 to 100).
    pub fn topic_neighbours(&mut self, neighbours: usize) -> &mut IndexerBuilder {
        self.topics.neighbours = neighbours;
        self
    }

    /// The least share of the neighbours' vote an inferred topic needs (0 to 1); below it the
    /// rules decide.
    pub fn topic_min_confidence(&mut self, share: f32) -> &mut IndexerBuilder {
        self.topics.min_confidence = share;
        self
    }

    /// Where progress goes (by default nowhere).
    pub fn progress(&mut self, progress: Arc<dyn Progress>) -> &mut IndexerBuilder {
        self.progress = progress;
        self
    }

    /// Checks the settings and builds the indexer. Opens nothing yet.
    pub fn build(&self) -> Result<Indexer> {
        let threads = self.threads.unwrap_or_else(machine::default_threads);
        if !(1..=machine::MAX_THREADS).contains(&threads) {
            return Err(IndexError::InvalidConfig {
                message: format!(
                    "threads must be between 1 and {}, not {threads}",
                    machine::MAX_THREADS
                ),
            });
        }
        let memory_budget = self
            .memory_budget
            .unwrap_or_else(|| machine::default_memory_budget(threads));
        if memory_budget / threads < MIN_BUDGET_PER_THREAD {
            return Err(IndexError::InvalidConfig {
                message: format!(
                    "a memory budget of {memory_budget} bytes is too small for {threads} \
                     thread(s): give at least {} bytes ({MIN_BUDGET_PER_THREAD} per thread)",
                    MIN_BUDGET_PER_THREAD * threads
                ),
            });
        }
        if !(1..=100).contains(&self.topics.neighbours) {
            return Err(IndexError::InvalidConfig {
                message: format!(
                    "topic neighbours must be between 1 and 100, not {}",
                    self.topics.neighbours
                ),
            });
        }
        if !(0.0..=1.0).contains(&self.topics.min_confidence) {
            return Err(IndexError::InvalidConfig {
                message: format!(
                    "the least topic confidence must be between 0 and 1, not {}",
                    self.topics.min_confidence
                ),
            });
        }
        Ok(Indexer {
            config: self.clone(),
            threads,
            memory_budget,
        })
    }
}

/// Indexes record files into one index directory. Made by [`IndexerBuilder`].
#[derive(Debug, Clone)]
pub struct Indexer {
    config: IndexerBuilder,
    threads: usize,
    memory_budget: usize,
}

impl Indexer {
    /// The number of indexing threads this indexer uses.
    pub fn threads(&self) -> usize {
        self.threads
    }

    /// The memory budget of the index writer, in bytes.
    pub fn memory_budget(&self) -> usize {
        self.memory_budget
    }

    /// The index directory.
    pub fn index_dir(&self) -> &Path {
        &self.config.index_dir
    }

    /// Indexes the record files in `paths` (files or folders, read recursively) and commits.
    ///
    /// Files whose content did not change since they were last committed are skipped. Problems
    /// with single files or records are listed in the report and do not stop the run; an error
    /// is returned only when the index itself cannot be opened or written (for instance
    /// [`IndexError::Locked`] when another process writes it).
    pub fn run(&self, paths: &[PathBuf]) -> Result<IndexReport> {
        let started = Instant::now();
        let dir = self.config.index_dir.as_path();
        let options = IndexWriterOptions::builder()
            .num_worker_threads(self.threads)
            .memory_budget_per_thread(self.memory_budget / self.threads)
            .build();
        let mut opened = index_dir::open_for_writing(dir, self.config.rebuild, options)?;
        let snapshot = Snapshot::of(&opened.index).map_err(|err| IndexError::read(dir, err))?;
        let searcher = snapshot.searcher();
        let records_before = searcher.num_docs();
        // Whether the index's topics were fully inferred when this run started: if not (a run
        // was killed before its inference, or the settings changed), this run infers over
        // every record, not only over its own.
        let inferred_before = records_before == 0
            || opened
                .index
                .load_metas()
                .map_err(|err| IndexError::tantivy(dir, err))?
                .payload
                .as_deref()
                == Some(self.config.topics.marker().as_str());

        let (mut manifest, clean) = Manifest::load(dir, &self.fingerprint())?;
        let mut log = if clean {
            manifest.append()?
        } else {
            manifest.rewrite()?
        };

        let discovery = parse::discover(paths);
        let inside_index = InsideIndex::new(dir, paths);
        let mut seen_paths = HashSet::new();
        let files: Vec<_> = discovery
            .files
            .into_iter()
            .filter(|(path, _)| !inside_index.holds(path) && seen_paths.insert(path.clone()))
            .collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .thread_name(|i| format!("raad-parse-{i}"))
            .build()
            .map_err(|err| IndexError::InvalidConfig {
                message: format!("cannot start {} parser threads: {err}", self.threads),
            })?;
        let total_bytes: u64 = pool.install(|| {
            files
                .par_iter()
                .map(|(path, _)| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0))
                .sum()
        });
        self.config.progress.start(files.len() as u64, total_bytes);

        let sent = Mutex::new(SentTopics::default());
        let context = Context {
            schema: &opened.schema,
            options: &self.config.parse_options,
            rules: self.config.topics.rules.as_ref(),
            sent: &sent,
            manifest: &manifest,
            searcher,
        };
        let policy = CommitPolicy {
            every_records: self.config.commit_every_records,
            every: self.config.commit_interval,
        };
        let (sender, receiver) = mpsc::sync_channel(self.threads * BATCHES_IN_FLIGHT_PER_THREAD);
        let mut writer = Writer::new(
            dir,
            &mut opened.writer,
            &opened.schema,
            &mut log,
            self.config.progress.as_ref(),
            policy,
        );
        let written = std::thread::scope(|scope| {
            let files = &files;
            let context = &context;
            let pool = &pool;
            scope.spawn(move || pool.install(|| pipeline::produce(context, files, sender)));
            writer.run(receiver)
        });
        let mut tally = std::mem::take(&mut writer.tally);
        drop(writer);
        written?;

        let changes = std::mem::take(&mut log.changes);
        let lines = log.lines;
        drop(log);
        manifest.apply(changes);
        // The log grows by two lines per changed file and run; keep it near one line per file.
        if lines > 2 * manifest.files.len() + 1_000 {
            manifest.rewrite()?;
        }

        // Also after a run that changed nothing: the previous run may have been killed before
        // its inference was committed (the commit payload tells; see the `infer` module).
        let sent = sent
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let scope = if inferred_before && !sent.labelled && tally.replaced == 0 {
            Scope::Added {
                ids: sent.unlabelled,
                expected_records: records_before + tally.indexed,
            }
        } else {
            Scope::All
        };
        let topics = infer::infer(
            dir,
            &mut opened.writer,
            &opened.schema,
            &self.config.topics,
            scope,
            &pool,
            self.config.progress.as_ref(),
        )?;

        let index = opened.index.clone();
        if self.config.wait_for_merges {
            opened
                .writer
                .wait_merging_threads()
                .map_err(|err| IndexError::tantivy(dir, err))?;
        } else {
            drop(opened.writer);
        }
        let records_in_index = Snapshot::of(&index)
            .map_err(|err| IndexError::read(dir, err))?
            .num_records();

        for error in &discovery.errors {
            tally
                .rejected
                .push(crate::report::Rejection::from_parse_error(error));
        }
        tally.rejected.sort();
        Ok(IndexReport {
            files: tally.files,
            skipped_unchanged_files: tally.skipped_unchanged_files,
            indexed: tally.indexed,
            replaced: tally.replaced,
            unchanged: tally.unchanged,
            removed: (records_before + tally.indexed).saturating_sub(records_in_index),
            rejected: tally.rejected,
            skipped: discovery
                .skipped
                .iter()
                .filter(|path| !inside_index.holds(path))
                .map(|path| path.display().to_string())
                .collect(),
            records_in_index,
            seconds: started.elapsed().as_secs_f64(),
            bytes: tally.bytes,
            topics,
        })
    }

    /// What the manifest's entries depend on besides the file content: the raad version (its
    /// parser), the parse options (party aliases) and the topic rules.
    fn fingerprint(&self) -> String {
        let options_hash = self.config.parse_options.fingerprint();
        let rules = self
            .config
            .topics
            .rules
            .as_ref()
            .map_or(0, TopicRules::fingerprint);
        format!(
            "raad {} options {options_hash:016x} topics {rules:016x}",
            env!("CARGO_PKG_VERSION")
        )
    }
}

/// Recognises the index's own files among the inputs: `raad index .` with the index in `./`
/// would otherwise read `raad.json`, tantivy's `meta.json` and the manifest as records.
struct InsideIndex {
    /// The index folder, canonical; `None` when no input folder holds it (the usual case,
    /// where no file needs checking).
    dir: Option<PathBuf>,
}

impl InsideIndex {
    fn new(index_dir: &Path, inputs: &[PathBuf]) -> InsideIndex {
        let dir = std::fs::canonicalize(index_dir).ok().filter(|dir| {
            inputs
                .iter()
                .any(|input| std::fs::canonicalize(input).is_ok_and(|input| dir.starts_with(input)))
        });
        InsideIndex { dir }
    }

    fn holds(&self, path: &Path) -> bool {
        self.dir
            .as_ref()
            .is_some_and(|dir| std::fs::canonicalize(path).is_ok_and(|path| path.starts_with(dir)))
    }
}
