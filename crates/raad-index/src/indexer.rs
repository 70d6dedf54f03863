//! [`IndexerBuilder`] and [`Indexer`]: the configuration of a run, and the run itself.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use raad_core::council::{CouncilFolders, CouncilSettings};
use raad_core::index_meta::IndexMeta;
use raad_core::parse::{self, DiscoverOptions, Discovery, ParseOptions, RecordFormat};
use raad_core::topics::TopicRules;
use raad_core::ParseErrorKind;
use raad_query::Snapshot;
use rayon::prelude::*;
use tantivy::indexer::IndexWriterOptions;

use crate::error::{IndexError, Result};
use crate::file_key::FileKey;
use crate::held::Held;
use crate::holders::{id_hash, FileId, HeldTwice, Holders};
use crate::index_dir;
use crate::infer::{self, Scope, TopicSettings};
use crate::machine::{self, MIN_BUDGET_PER_THREAD};
use crate::manifest::{self, DoneEntry, Manifest};
use crate::pipeline::{self, Context, CouncilCounts, FileCouncil, Job, SentTopics};
use crate::progress::{NoProgress, Progress};
use crate::report::{
    Duplicate, IndexReport, Rejection, Repeated, SkippedPath, WithoutCouncil, WrittenId,
};
use crate::spelling::Spelling;
use crate::upgrade;
use crate::writer::{CommitPolicy, Tally, Writer};

/// Commit after this many records by default.
///
/// Every commit closes a segment per indexing thread, and tantivy merges segments afterwards:
/// committing every 100,000 records made a run over 1,000,000 records spend a third of its time
/// merging. So commits are mostly timed ([`DEFAULT_COMMIT_INTERVAL`]), and this bound only
/// matters on fast machines.
pub const DEFAULT_COMMIT_RECORDS: u64 = 1_000_000;

/// Commit after this much time by default: a killed run loses at most about this much work.
pub const DEFAULT_COMMIT_INTERVAL: Duration = Duration::from_secs(60);

/// How long a run waits for the write lock by default: long enough for a process that was
/// just killed to be torn down, short enough to tell a live writer quickly.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(5);

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
/// | [`lock_wait`](IndexerBuilder::lock_wait) | 5 seconds |
/// | [`max_file_size`](IndexerBuilder::max_file_size) | 1 GB ([`DEFAULT_MAX_FILE_SIZE`](raad_core::parse::DEFAULT_MAX_FILE_SIZE)) |
/// | [`follow_links`](IndexerBuilder::follow_links) | off: links are followed only inside the paths given |
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
    cancel: Arc<AtomicBool>,
    lock_wait: Duration,
    discover: DiscoverOptions,
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
            .field("lock_wait", &self.lock_wait)
            .field("max_file_size", &self.parse_options.max_file_size)
            .field("follow_links", &self.discover.follow_links)
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
            cancel: Arc::new(AtomicBool::new(false)),
            lock_wait: DEFAULT_LOCK_WAIT,
            discover: DiscoverOptions::default(),
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

    /// Start from an empty index: the index is built anew from the files given, beside the
    /// old one, which searches keep seeing until the new one is committed whole (a run stopped
    /// before leaves the old index as it was). Also the way to replace an index of another
    /// raad version.
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

    /// How the parser reads files (party aliases, the largest file read and the like).
    pub fn parse_options(&mut self, options: ParseOptions) -> &mut IndexerBuilder {
        self.parse_options = options;
        self
    }

    /// The largest file read, in bytes (the [`ParseOptions::max_file_size`] of
    /// [`parse_options`](IndexerBuilder::parse_options)): a larger one is rejected without
    /// being read, and keeps what the index holds from it.
    pub fn max_file_size(&mut self, bytes: u64) -> &mut IndexerBuilder {
        self.parse_options.max_file_size = bytes;
        self
    }

    /// Whether symbolic links in the folders given are followed wherever they lead; by default
    /// only links into the paths given are (see [`DiscoverOptions::follow_links`]). Link
    /// cycles end either way.
    pub fn follow_links(&mut self, yes: bool) -> &mut IndexerBuilder {
        self.discover.follow_links = yes;
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

    /// A flag that stops the run when set (from another thread, for instance a signal
    /// handler): no new file is read, what was read is committed, topic inference is left to
    /// the next run, and the report says [`interrupted`](crate::IndexReport::interrupted).
    /// Running again continues: files read whole are unchanged then, the others are read
    /// again. A rebuild that is stopped leaves the old index as it was.
    pub fn cancel_flag(&mut self, flag: Arc<AtomicBool>) -> &mut IndexerBuilder {
        self.cancel = flag;
        self
    }

    /// How long to wait for the index's write lock when another writer holds it (a process
    /// that was just stopped may still hold it for a moment) before giving up with
    /// [`IndexError::Locked`]; [`Progress::waiting_for_lock`] is told. Default
    /// [`DEFAULT_LOCK_WAIT`].
    pub fn lock_wait(&mut self, wait: Duration) -> &mut IndexerBuilder {
        self.lock_wait = wait;
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
    /// [`IndexError::Locked`] when another process writes it, [`IndexError::DiskFull`]). A run
    /// that fails leaves the index at its last commit, and removes the files it wrote since.
    ///
    /// The paths are looked through before the index is opened: a path that does not exist
    /// ([`IndexError::InputNotFound`]) or paths that hold no record file
    /// ([`IndexError::NoRecordFiles`]) stop the run before anything is created or locked.
    /// No paths at all open the index without reading anything (topic inference still runs).
    pub fn run(&self, paths: &[PathBuf]) -> Result<IndexReport> {
        let started = Instant::now();
        let dir = self.config.index_dir.as_path();
        let discovery = parse::discover_with(paths, &self.config.discover);
        if let Some(missing) = discovery
            .errors
            .iter()
            .find(|error| error.kind == ParseErrorKind::NotFound)
        {
            return Err(IndexError::InputNotFound {
                path: missing.path.clone(),
            });
        }
        if !paths.is_empty() && discovery.files.is_empty() {
            return Err(IndexError::NoRecordFiles {
                paths: paths.to_vec(),
                skipped: discovery.skipped,
                errors: discovery.errors,
            });
        }
        let councils = self.file_councils(paths, &discovery)?;
        let options = IndexWriterOptions::builder()
            .num_worker_threads(self.threads)
            .memory_budget_per_thread(self.memory_budget / self.threads)
            .build();
        let lock = index_dir::LockWait {
            wait: self.config.lock_wait,
            progress: self.config.progress.as_ref(),
        };
        // An index of an earlier schema is upgraded first; a rebuild replaces it anyway.
        let upgraded = if self.config.rebuild {
            None
        } else {
            let council = |record: &raad_core::Record| self.upgraded_council(record, &councils);
            let settings = upgrade::UpgradeSettings {
                options: options.clone(),
                council: &council,
                lock: &lock,
                progress: self.config.progress.as_ref(),
                cancel: self.config.cancel.as_ref(),
            };
            match upgrade::upgrade(dir, &settings)? {
                upgrade::Outcome::Current => None,
                upgrade::Outcome::Upgraded(upgrade) => Some(upgrade),
                // The old index is as it was; running again upgrades it.
                upgrade::Outcome::Stopped { records } => {
                    let mut report = self.report(started, Tally::default(), &discovery.errors);
                    report.interrupted = true;
                    report.records_in_index = records;
                    return Ok(report);
                }
            }
        };
        let mut opened = index_dir::open_for_writing(dir, self.config.rebuild, options, &lock)?;
        let written = self.write(dir, &mut opened, paths, discovery, &councils, started);
        match written.map(|report| IndexReport { upgraded, ..report }) {
            Ok(report) if self.config.wait_for_merges && !report.interrupted => {
                opened
                    .writer
                    .wait_merging_threads()
                    .map_err(|err| IndexError::tantivy(dir, err))?;
                Ok(report)
            }
            Ok(report) => Ok(report),
            Err(err) => {
                // Back to the last commit (the writer goes without committing), and away with
                // the files written since: a full disk must not stay full of them. A fresh
                // writer sees only what the last commit uses.
                drop(opened);
                index_dir::collect_garbage(dir);
                Err(err)
            }
        }
    }

    fn write(
        &self,
        dir: &Path,
        opened: &mut index_dir::WritableIndex,
        paths: &[PathBuf],
        discovery: Discovery,
        councils: &HashMap<PathBuf, Arc<FileCouncil>>,
        started: Instant,
    ) -> Result<IndexReport> {
        let tantivy_error = |err| IndexError::tantivy(dir, err);
        let rebuild = opened.rebuilding;
        // Segment files left by a run that was killed or failed (a full disk) go first.
        let _ = opened.writer.garbage_collect_files().wait();
        let metas = opened.index.load_metas().map_err(tantivy_error)?;
        manifest::settle_rebuild(dir, metas.opstamp)?;
        let snapshot = Snapshot::of(&opened.index).map_err(|err| IndexError::read(dir, err))?;
        let searcher = snapshot.searcher();
        let records_before = if rebuild { 0 } else { searcher.num_docs() };
        // Whether the index's topics were fully inferred when this run started: if not (a run
        // was killed before its inference, or the settings changed), this run infers over
        // every record, not only over its own.
        let inferred_before = records_before == 0
            || metas.payload.as_deref() == Some(self.config.topics.marker().as_str());

        let fingerprint = self.fingerprint();
        let (mut manifest, clean) = if rebuild {
            (
                Manifest::for_rebuild(dir, &fingerprint, metas.opstamp),
                false,
            )
        } else {
            Manifest::load(dir, &fingerprint)?
        };
        let mut log = if clean {
            manifest.append()?
        } else {
            manifest.rewrite()?
        };
        let mut holders = Holders::default();
        for (key, state) in &manifest.files {
            let file = holders.file(key);
            for id in state.entry().map(DoneEntry::ids).unwrap_or_default() {
                holders.add(id_hash(id), id, file, Spelling::UNKNOWN);
            }
        }
        holders.settle();

        let inside_index = InsideIndex::new(dir, paths);
        let mut seen_paths = HashSet::new();
        let jobs: Vec<Job> = discovery
            .files
            .into_iter()
            .filter(|(path, _)| !inside_index.holds(path) && seen_paths.insert(path.clone()))
            .map(|(path, format)| {
                let key = FileKey::of(&path);
                Job {
                    file: holders.file(&key),
                    key,
                    council: councils.get(&path).cloned(),
                    path,
                    format,
                    only: None,
                }
            })
            .collect();
        let inputs: HashSet<FileId> = jobs.iter().map(|job| job.file).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .thread_name(|i| format!("raad-parse-{i}"))
            .build()
            .map_err(|err| IndexError::InvalidConfig {
                message: format!("cannot start {} parser threads: {err}", self.threads),
            })?;
        let total_bytes: u64 = pool.install(|| {
            jobs.par_iter()
                .map(|job| std::fs::metadata(&job.path).map(|m| m.len()).unwrap_or(0))
                .sum()
        });
        self.config.progress.start(jobs.len() as u64, total_bytes);

        let cancel = self.config.cancel.as_ref();
        let sent = Mutex::new(SentTopics::default());
        // Records without topics are held back until the labelled ones are committed, except
        // in a rebuild, which commits once (see the `held` module).
        let labelled_in_index = !rebuild
            && snapshot
                .count_topic_source(raad_core::TopicSource::Given)
                .map_err(|err| IndexError::read(dir, err))?
                > 0;
        let held = Held::new(self.config.topics.infer && !rebuild, labelled_in_index);
        let large = Mutex::new(Vec::new());
        let council_counts = Mutex::new(Vec::new());
        let context = Context {
            schema: &opened.schema,
            options: &self.config.parse_options,
            rules: self.config.topics.rules.as_ref(),
            sent: &sent,
            large: &large,
            councils: &council_counts,
            manifest: &manifest,
            snapshot: (!rebuild).then_some(&snapshot),
            cancel,
            held: &held,
            topics: &self.config.topics,
            index: &opened.index,
        };
        let policy = CommitPolicy {
            every_records: self.config.commit_every_records,
            every: self.config.commit_interval,
            only_at_end: rebuild,
        };
        let mut writer = Writer::new(
            dir,
            &mut opened.writer,
            &opened.schema,
            &mut log,
            &manifest,
            &mut holders,
            self.config.progress.as_ref(),
            policy,
        );
        let run_pass = |writer: &mut Writer<'_>, jobs: &[Job]| {
            let (sender, receiver) =
                mpsc::sync_channel(self.threads * BATCHES_IN_FLIGHT_PER_THREAD);
            std::thread::scope(|scope| {
                let context = &context;
                let pool = &pool;
                scope.spawn(move || pool.install(|| pipeline::produce(context, jobs, sender)));
                writer.run(receiver)
            })
        };
        run_pass(&mut writer, &jobs)?;
        let mut interrupted = cancel.load(Ordering::Relaxed);
        if !interrupted {
            let refresh = writer.reconcile()?;
            let refresh_jobs: Vec<Job> = refresh
                .into_iter()
                .filter_map(|(file, ids)| {
                    let key = writer.holders.key(file).clone();
                    let path = key.to_path()?;
                    let format = RecordFormat::from_path(&path)?;
                    let council = match councils.get(&path) {
                        Some(council) => Some(council.clone()),
                        // A file of an earlier run: its own folder's settings.
                        None => {
                            let folder = path.parent().map(Path::to_path_buf);
                            let mut folders = CouncilFolders::new(folder.as_slice());
                            self.file_council(&path, &mut folders, &mut HashMap::new())
                                .ok()?
                        }
                    };
                    Some(Job {
                        council,
                        path,
                        format,
                        file,
                        key,
                        only: Some(ids),
                    })
                })
                .collect();
            run_pass(&mut writer, &refresh_jobs)?;
            interrupted = cancel.load(Ordering::Relaxed);
        }
        if rebuild && interrupted {
            // A rebuild is committed whole or not at all: the old index stays as it was.
            drop(writer);
            drop(log);
            opened.writer.rollback().map_err(tantivy_error)?;
            Manifest::remove_rebuild(dir)?;
            let mut report = self.report(started, Tally::default(), &discovery.errors);
            report.interrupted = true;
            report.records_in_index = searcher.num_docs();
            return Ok(report);
        }
        writer.finish(!interrupted)?;
        let mut tally = std::mem::take(&mut writer.tally);
        drop(writer);

        let changes = std::mem::take(&mut log.changes);
        let lines = log.lines;
        drop(log);
        if rebuild {
            manifest::finish_rebuild(dir)?;
            IndexMeta::current()
                .write(dir)
                .map_err(|err| IndexError::meta(dir, err))?;
            manifest = Manifest::load(dir, &fingerprint)?.0;
        }
        manifest.apply(changes);
        // The log grows by two lines per changed file and run; keep it near one line per file.
        if manifest.needs_compaction(lines) {
            manifest.rewrite()?;
        }

        let topics = if interrupted {
            // Left to the next run: the index's commit does not carry the inference marker.
            infer::TopicReport::default()
        } else {
            // Also after a run that changed nothing: the previous run may have been killed
            // before its inference was committed (the commit payload tells; see the `infer`
            // module).
            let sent = sent
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let released = held.released();
            let mut listed = sent.unlabelled;
            listed.extend(released.undecided);
            let every_because = if !inferred_before {
                Some(
                    "the index's topics were not all inferred with these settings (a run was \
                     stopped before its inference, or the settings or the method changed)"
                        .to_string(),
                )
            } else if records_before > 0 && (sent.labelled || tally.replaced > 0) {
                Some(
                    "labelled records were added or replaced, which can change any record's \
                     neighbours"
                        .to_string(),
                )
            } else {
                None
            };
            let scope = Scope {
                every_because,
                listed,
                decided: released.decided.into_iter().collect(),
                decided_with: released.labelled,
                expected_records: records_before + tally.indexed,
                seconds_on_read: released.seconds,
            };
            infer::infer(
                dir,
                &mut opened.writer,
                &opened.schema,
                &self.config.topics,
                scope,
                &pool,
                self.config.progress.as_ref(),
                cancel,
            )?
        };

        let after = Snapshot::of(&opened.index).map_err(|err| IndexError::read(dir, err))?;
        let records_in_index = after.num_records();

        let mut duplicates: Vec<Duplicate> = holders
            .duplicates()
            .filter(|held| held.files.iter().any(|(file, _)| inputs.contains(file)))
            .map(|held| {
                let versions = [Some(&after), (!rebuild).then_some(&snapshot)];
                duplicate(&holders, held, versions.into_iter().flatten())
            })
            .collect();
        duplicates.sort();
        let mut repeats: Vec<Repeated> = std::mem::take(&mut tally.repeats)
            .into_iter()
            .map(|(file, mut repeated)| {
                // The file's last record is its version; whether that version is the one in
                // the index depends on the other files, known only now.
                let wins = holders.winner(id_hash(&repeated.id)) == Some(file);
                repeated.indexed_line = repeated.lines.last().copied().filter(|_| wins);
                repeated
            })
            .collect();
        repeats.sort_by(|a, b| (&a.path, &a.lines).cmp(&(&b.path, &b.lines)));
        tally.kept.sort();
        let removed = (records_before + tally.indexed).saturating_sub(records_in_index);
        let mut report = self.report(started, tally, &discovery.errors);
        report.large = large
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        report.large.sort();
        report.without_council = without_council(
            council_counts
                .into_inner()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
        report.skipped = discovery
            .skipped
            .iter()
            .filter(|skipped| !inside_index.holds(&skipped.path))
            .map(SkippedPath::from_skipped)
            .collect();
        report.removed = removed;
        report.records_in_index = records_in_index;
        report.duplicates = duplicates;
        report.repeats = repeats;
        report.interrupted = interrupted;
        report.topics = topics;
        Ok(report)
    }

    /// The report of a run's tally; the counts of the index are filled in by the caller.
    fn report(
        &self,
        started: Instant,
        mut tally: Tally,
        discovery_errors: &[raad_core::ParseError],
    ) -> IndexReport {
        for error in discovery_errors {
            tally.rejected.push(Rejection::from_parse_error(error));
        }
        tally.rejected.sort();
        IndexReport {
            files: tally.files,
            skipped_unchanged_files: tally.skipped_unchanged_files,
            indexed: tally.indexed,
            replaced: tally.replaced,
            repeated: tally.repeated,
            unchanged: tally.unchanged,
            removed: 0,
            rejected: tally.rejected,
            kept: tally.kept,
            duplicates: Vec::new(),
            repeats: Vec::new(),
            interrupted: false,
            skipped: Vec::new(),
            records_in_index: 0,
            seconds: started.elapsed().as_secs_f64(),
            bytes: tally.bytes,
            topics: infer::TopicReport::default(),
            large: Vec::new(),
            without_council: Vec::new(),
            upgraded: None,
        }
    }

    /// The council a record of an index being upgraded takes (it has none): its file's, when
    /// the file is among this run's and a `raad.toml` names one; else the run's council
    /// ([`ParseOptions::council`]), if any.
    fn upgraded_council(
        &self,
        record: &raad_core::Record,
        councils: &HashMap<PathBuf, Arc<FileCouncil>>,
    ) -> Option<String> {
        let file = record
            .source
            .as_ref()
            .and_then(|source| councils.get(Path::new(&source.path)));
        match file {
            Some(file) => file.options.council.clone(),
            None => self.config.parse_options.council.clone(),
        }
    }

    /// The council settings (`raad.toml`) of each discovered file under one, read before the
    /// index is opened: a malformed one stops the run with nothing written.
    fn file_councils(
        &self,
        paths: &[PathBuf],
        discovery: &Discovery,
    ) -> Result<HashMap<PathBuf, Arc<FileCouncil>>> {
        let mut folders = CouncilFolders::new(paths);
        // One parse setup per `raad.toml`, not per file: a folder of a council holds thousands
        // of files, and each setup copies the whole party table.
        let mut built = HashMap::new();
        let mut councils = HashMap::new();
        for (path, _) in &discovery.files {
            if let Some(council) = self.file_council(path, &mut folders, &mut built)? {
                councils.insert(path.clone(), council);
            }
        }
        Ok(councils)
    }

    /// The parse options of `path` under its nearest `raad.toml` among `folders`' inputs, if
    /// one applies; `built` keeps the options of each settings file met so far.
    fn file_council(
        &self,
        path: &Path,
        folders: &mut CouncilFolders,
        built: &mut HashMap<*const CouncilSettings, Arc<FileCouncil>>,
    ) -> Result<Option<Arc<FileCouncil>>> {
        let Some(settings) = folders.settings_for(path).map_err(config_error)? else {
            return Ok(None);
        };
        // `folders` keeps every settings it read alive, so the address names one file's.
        let council = built.entry(Arc::as_ptr(&settings)).or_insert_with(|| {
            let base = &self.config.parse_options;
            let options = ParseOptions {
                parties: settings.party_table(&base.parties),
                max_file_size: base.max_file_size,
                council: settings.council.clone().or_else(|| base.council.clone()),
                mayor: settings.mayor.clone().or_else(|| base.mayor.clone()),
            };
            Arc::new(FileCouncil {
                options,
                fingerprint: settings.fingerprint(),
            })
        });
        Ok(Some(council.clone()))
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

/// The report of an id that several files hold. Spellings of files not read in this run are
/// unknown to `holders`; a version of the id in the index, now or when the run started
/// (`indices`), tells its file's.
fn duplicate<'a>(
    holders: &Holders,
    held: HeldTwice<'_>,
    indices: impl Iterator<Item = &'a Snapshot>,
) -> Duplicate {
    let mut files: Vec<(String, Option<String>)> = held
        .files
        .iter()
        .map(|(file, written)| (holders.key(*file).display(), written.clone()))
        .collect();
    // Worth a lookup only when some spelling is known: one alone tells no difference.
    if files.iter().any(|(_, written)| written.is_some()) {
        for index in indices {
            if files.iter().all(|(_, written)| written.is_some()) {
                break;
            }
            let Some(record) = stored_record(index, held.key) else {
                continue;
            };
            let source = record.source.map(|source| source.path);
            for (path, written) in &mut files {
                if written.is_none() && source.as_ref() == Some(path) {
                    *written = Some(record.id.clone());
                }
            }
        }
    }
    let spellings: HashSet<&String> = files.iter().filter_map(|(_, w)| w.as_ref()).collect();
    let written = if spellings.len() > 1 {
        files
            .iter()
            .filter_map(|(path, written)| {
                let id = written.clone()?;
                Some(WrittenId {
                    path: path.clone(),
                    id,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Duplicate {
        id: held.key.to_string(),
        indexed: holders.key(held.winner).display(),
        files: files.into_iter().map(|(path, _)| path).collect(),
        written,
    }
}

/// The files whose records came without a council in a run where other records had one,
/// sorted by path; none when no record had a council.
fn without_council(counts: Vec<CouncilCounts>) -> Vec<WithoutCouncil> {
    if counts.iter().all(|file| file.with == 0) {
        return Vec::new();
    }
    let mut files: Vec<WithoutCouncil> = counts
        .into_iter()
        .filter(|file| file.without > 0)
        .map(|file| WithoutCouncil {
            path: file.path,
            records: file.without,
        })
        .collect();
    files.sort();
    files.dedup();
    files
}

fn config_error(error: raad_core::Error) -> IndexError {
    IndexError::InvalidConfig {
        message: error.to_string(),
    }
}

/// The record the index holds under the id key `key`, if it can be read.
fn stored_record(index: &Snapshot, key: &str) -> Option<raad_core::Record> {
    let address = index.addresses_of(key).ok()?.into_iter().next()?;
    index.record(address).ok()
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
