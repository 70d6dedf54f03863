//! Indexing benchmark: raad's indexer against plain tantivy with its built-in Dutch pipeline,
//! on the same records, in the same run, at several thread counts.
//!
//! ```text
//! cargo run --release -p raad-benches --bin indexing -- --records 20000 --threads 1,2
//! ```
//!
//! The corpus is `../shared/data/dekamer-dev.jsonl` repeated with fresh ids up to `--records`
//! records, written as JSON Lines files of 1,000 records into a work folder; or, with
//! `--generated opschrift|jsonl` (and when the shared data is absent), records of raad's corpus
//! generator. Each measurement runs in a child process of this program, so that its peak RSS
//! (VmHWM) is its own:
//!
//! - `tantivy-dutch`: records read with raad's parser → documents with id (raw; with
//!   `--councils`, the council in front, `Gent/2016_MV_00146`, as ids overlap), title,
//!   question and answer (stored, analyzed by SimpleTokenizer → RemoveLongFilter(40) →
//!   LowerCaser → AsciiFoldingFilter → StopWordFilter(Dutch) → Stemmer(Dutch)), one
//!   IndexWriter with the given threads and memory budget, one commit, merges waited for;
//! - `raad`: `raad_index::Indexer` with the same threads and budget over the same folder
//!   (parsing, the raad schema, upserts, manifest, commits, merges);
//! - `raad-rerun`: the same raad run again over the unchanged folder.
//!
//! raad assigns topics as it indexes (keyword rules, then inference from labelled neighbours);
//! `--no-topics` turns both off, to tell their cost from the indexing's.
//!
//! On a shared machine one run of each engine can be disturbed by other work: `--rounds N`
//! alternates the engines N times and compares each engine's fastest run. The corpus is
//! flushed to disk (`sync`) before the first measurement.
//!
//! Output: one line per measurement, then the ratios, then one JSON object with everything.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::Parser;
use raad_benches::relevance::tantivy_dutch;
use raad_core::parse::{self, ParseOptions};
use raad_corpus::{
    council_names, write_corpus as write_corpus_files, write_councils, CorpusFormat,
    GeneratorBuilder,
};
use raad_index::IndexerBuilder;
use serde::{Deserialize, Serialize};
use tantivy::indexer::IndexWriterOptions;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STRING};
use tantivy::{doc, Index};

/// Records per corpus file.
const RECORDS_PER_FILE: usize = 1_000;

/// Measures indexing throughput and peak memory of raad and of plain tantivy.
#[derive(Debug, Parser)]
struct Args {
    /// Records in the corpus.
    #[arg(long, default_value_t = 20_000)]
    records: usize,
    /// Councils the records are shared among (Gent, Antwerpen, …), their ids overlapping: a
    /// folder with a raad.toml per council for `--generated`, a `council` field in each record
    /// of the repeated source.
    #[arg(long, default_value_t = 1)]
    councils: usize,
    /// Thread counts to measure, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Memory budget of the index writer in bytes (same for both); default: raad's default for
    /// the thread count.
    #[arg(long)]
    budget: Option<usize>,
    /// The JSON Lines file whose records are repeated (default: ../shared/data/dekamer-dev.jsonl).
    #[arg(long)]
    source: Option<PathBuf>,
    /// Index records from raad's corpus generator instead, written in this format (opschrift
    /// or jsonl); also the fallback when the source file is absent.
    #[arg(long)]
    generated: Option<String>,
    /// Work folder (corpus and indices); default: a folder in the system's temporary folder,
    /// removed at the end.
    #[arg(long)]
    work: Option<PathBuf>,
    /// raad commits every this many records (default: raad's default).
    #[arg(long)]
    commit_every: Option<u64>,
    /// raad returns without waiting for tantivy's segment merges.
    #[arg(long)]
    no_wait_merges: bool,
    /// raad runs without topic rules and topic inference (to measure what they cost).
    #[arg(long)]
    no_topics: bool,
    /// Give each measurement as many CPU cores as it has threads (Linux `taskset`: cores
    /// 0..threads). Without it, a one-thread run still overlaps parsing (its own thread) with
    /// indexing and uses about 1.3 cores, which caps the two-thread speed-up on a machine of
    /// two cores at about 1.5×; with it, the speed-up is that of one core against two.
    #[arg(long)]
    cores_as_threads: bool,
    /// Measure each engine this many times per thread count, alternating (baseline, raad,
    /// baseline, raad, …), and compare each engine's fastest run: the run least disturbed by
    /// the machine's other work.
    #[arg(long, default_value_t = 1)]
    rounds: usize,
    /// Internal: run one measurement in this process (`raad` or `tantivy-dutch`).
    #[arg(long, hide = true)]
    child: Option<String>,
    /// Internal: the corpus folder of a child.
    #[arg(long, hide = true)]
    corpus: Option<PathBuf>,
    /// Internal: the index folder of a child.
    #[arg(long, hide = true)]
    index: Option<PathBuf>,
}

/// One measurement, as a child prints it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Measurement {
    engine: String,
    threads: usize,
    records: u64,
    bytes: u64,
    seconds: f64,
    /// User plus system CPU time of the child: less disturbed than wall time on a shared
    /// machine.
    cpu_seconds: f64,
    peak_rss_bytes: u64,
    budget_bytes: usize,
    /// Tokens indexed in the analyzed text fields (positions written): the indexing work.
    tokens: u64,
    /// The same, per field.
    #[serde(default)]
    field_tokens: BTreeMap<String, u64>,
    /// Seconds of raad's topic inference (part of `seconds`; after the records are committed).
    #[serde(default)]
    inference_seconds: f64,
}

impl Measurement {
    fn records_per_second(&self) -> f64 {
        self.records as f64 / self.seconds
    }

    fn mb_per_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.seconds
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match &args.child {
        Some(engine) => child(&args, engine),
        None => parent(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("indexing bench: {message}");
            ExitCode::from(2)
        }
    }
}

fn budget_for(args: &Args, threads: usize) -> usize {
    args.budget
        .unwrap_or_else(|| raad_index::default_memory_budget(threads))
}

fn parent(args: &Args) -> Result<(), String> {
    let source = args.source.clone().unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/dekamer-dev.jsonl")
    });
    let generated = match (&args.generated, source.exists()) {
        (Some(format), _) => Some(format.clone()),
        (None, true) => None,
        (None, false) => {
            eprintln!(
                "{} is absent: indexing generated records instead",
                source.display()
            );
            Some("jsonl".to_string())
        }
    };
    let work = match &args.work {
        Some(work) => work.clone(),
        None => std::env::temp_dir().join(format!("raad-indexing-bench-{}", std::process::id())),
    };
    let corpus = work.join("corpus");
    let bytes = match &generated {
        Some(format) => write_generated(format, &corpus, args.records, args.councils)?,
        None => write_corpus(&source, &corpus, args.records, args.councils)?,
    };
    eprintln!(
        "corpus: {} records ({}), {:.1} MB in {}",
        args.records,
        generated.as_deref().map_or_else(
            || format!("{} repeated", source.display()),
            |f| format!("generated, {f}")
        ),
        bytes as f64 / 1e6,
        corpus.display()
    );

    // The corpus was just written: its pages are flushed to disk now, not while the first
    // engine is measured.
    let _ = Command::new("sync").status();

    let mut all: Vec<Measurement> = Vec::new();
    for &threads in &args.threads {
        for round in 0..args.rounds.max(1) {
            for engine in ["tantivy-dutch", "raad"] {
                let index = work.join(format!("index-{engine}-{threads}"));
                let _ = fs::remove_dir_all(&index);
                let measured = run_child(args, engine, threads, &corpus, &index)?;
                print_line(&measured);
                all.push(measured);
                if engine == "raad" && round == 0 {
                    let mut rerun = run_child(args, engine, threads, &corpus, &index)?;
                    rerun.engine = "raad-rerun".into();
                    print_line(&rerun);
                    all.push(rerun);
                }
                let _ = fs::remove_dir_all(&index);
            }
        }
    }

    // Each engine's fastest run of the rounds.
    let fastest = |engine: &str, threads: usize| {
        all.iter()
            .filter(|m| m.engine == engine && m.threads == threads)
            .min_by(|a, b| a.seconds.total_cmp(&b.seconds))
    };
    let find = |engine: &str, threads: usize| fastest(engine, threads).map(|m| m.seconds);
    let mut ratios = serde_json::Map::new();
    for &threads in &args.threads {
        if let (Some(raad), Some(base), Some(rerun)) = (
            find("raad", threads),
            find("tantivy-dutch", threads),
            find("raad-rerun", threads),
        ) {
            let cpu = |engine: &str| {
                all.iter()
                    .filter(|m| m.engine == engine && m.threads == threads)
                    .map(|m| m.cpu_seconds)
                    .min_by(f64::total_cmp)
                    .unwrap_or(f64::NAN)
            };
            let cpu_ratio = cpu("raad") / cpu("tantivy-dutch");
            println!(
                "threads {threads}: raad/tantivy-dutch time {:.2}x (CPU {cpu_ratio:.2}x; \
                 fastest of {} rounds each); first run / re-run {:.1}x",
                raad / base,
                args.rounds.max(1),
                raad / rerun
            );
            ratios.insert(
                format!("raad_over_baseline_cpu_{threads}t"),
                cpu_ratio.into(),
            );
            ratios.insert(
                format!("raad_over_baseline_{threads}t"),
                (raad / base).into(),
            );
            ratios.insert(
                format!("first_over_rerun_{threads}t"),
                (raad / rerun).into(),
            );
        }
    }
    if let (Some(one), Some(two)) = (find("raad", 1), find("raad", 2)) {
        println!("raad 2 threads speed-up: {:.2}x", one / two);
        ratios.insert("raad_speedup_2t".into(), (one / two).into());
    }
    if let (Some(one), Some(two)) = (find("tantivy-dutch", 1), find("tantivy-dutch", 2)) {
        println!("tantivy-dutch 2 threads speed-up: {:.2}x", one / two);
        ratios.insert("baseline_speedup_2t".into(), (one / two).into());
    }
    let summary = serde_json::json!({
        "records": args.records,
        "rounds": args.rounds.max(1),
        "corpus_bytes": bytes,
        "measurements": all,
        "ratios": ratios,
    });
    println!("{summary}");
    if args.work.is_none() {
        let _ = fs::remove_dir_all(&work);
    }
    Ok(())
}

fn print_line(m: &Measurement) {
    println!(
        "{:<14} threads {}  {:>9.0} records/s  {:>6.2} MB/s  {:>7.2} s (CPU {:>6.2} s)  \
         peak RSS {:>5} MB (budget {} MB)  {:.1} M tokens",
        m.engine,
        m.threads,
        m.records_per_second(),
        m.mb_per_second(),
        m.seconds,
        m.cpu_seconds,
        m.peak_rss_bytes / 1_000_000,
        m.budget_bytes / 1_000_000,
        m.tokens as f64 / 1e6
    );
}

fn run_child(
    args: &Args,
    engine: &str,
    threads: usize,
    corpus: &Path,
    index: &Path,
) -> Result<Measurement, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = if args.cores_as_threads {
        let mut taskset = Command::new("taskset");
        taskset
            .arg("--cpu-list")
            .arg(format!("0-{}", threads.saturating_sub(1)))
            .arg(exe);
        taskset
    } else {
        Command::new(exe)
    };
    command
        .arg("--child")
        .arg(engine)
        .arg("--threads")
        .arg(threads.to_string())
        .arg("--corpus")
        .arg(corpus)
        .arg("--index")
        .arg(index);
    if let Some(budget) = args.budget {
        command.arg("--budget").arg(budget.to_string());
    }
    if let Some(records) = args.commit_every {
        command.arg("--commit-every").arg(records.to_string());
    }
    if args.no_wait_merges {
        command.arg("--no-wait-merges");
    }
    if args.no_topics {
        command.arg("--no-topics");
    }
    let output = command.output().map_err(|e| {
        format!(
            "cannot start the {engine} measurement ({e}); --cores-as-threads needs Linux taskset"
        )
    })?;
    if !output.status.success() {
        return Err(format!(
            "{engine} at {threads} threads failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    serde_json::from_slice(&output.stdout).map_err(|e| format!("{engine}: {e}"))
}

/// Writes `records` generated records (seed 1) in `format` into `corpus`, shared among
/// `councils` councils when more than one. Returns the corpus size in bytes.
fn write_generated(
    format: &str,
    corpus: &Path,
    records: usize,
    councils: usize,
) -> Result<u64, String> {
    let format: CorpusFormat = format.parse().map_err(|e| format!("{e}"))?;
    let _ = fs::remove_dir_all(corpus);
    let mut builder = GeneratorBuilder::new();
    builder.records(records as u64).seed(1);
    let summary = if councils > 1 {
        write_councils(corpus, format, &builder, councils)
    } else {
        write_corpus_files(corpus, format, builder.build().map(|g| g.record))
    }
    .map_err(|e| e.to_string())?;
    Ok(summary.bytes)
}

/// Writes `records` records, taken in turn from `source` with fresh ids, as JSON Lines files;
/// with several `councils`, record i is council `i % councils`'s, with id `i / councils`.
/// Returns the corpus size in bytes.
fn write_corpus(
    source: &Path,
    corpus: &Path,
    records: usize,
    councils: usize,
) -> Result<u64, String> {
    let names = council_names(councils.max(1));
    let text = fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let originals: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("{}: {e}", source.display()))?;
    if originals.is_empty() {
        return Err(format!("{} holds no records", source.display()));
    }
    let _ = fs::remove_dir_all(corpus);
    fs::create_dir_all(corpus).map_err(|e| e.to_string())?;
    let mut bytes = 0;
    let mut out: Option<BufWriter<fs::File>> = None;
    for i in 0..records {
        if i % RECORDS_PER_FILE == 0 {
            if let Some(mut done) = out.take() {
                done.flush().map_err(|e| e.to_string())?;
            }
            let path = corpus.join(format!("part-{:05}.jsonl", i / RECORDS_PER_FILE));
            out = Some(BufWriter::new(
                fs::File::create(&path).map_err(|e| e.to_string())?,
            ));
        }
        let mut record = originals[i % originals.len()].clone();
        if councils > 1 {
            record["id"] = format!("bench-{:08}", i / councils).into();
            record["council"] = names[i % councils].clone().into();
        } else {
            record["id"] = format!("bench-{i:08}").into();
        }
        let line = serde_json::to_string(&record).map_err(|e| e.to_string())?;
        bytes += line.len() as u64 + 1;
        let writer = out.as_mut().expect("a file is open");
        writeln!(writer, "{line}").map_err(|e| e.to_string())?;
    }
    if let Some(mut done) = out {
        done.flush().map_err(|e| e.to_string())?;
    }
    Ok(bytes)
}

fn child(args: &Args, engine: &str) -> Result<(), String> {
    let threads = *args.threads.first().ok_or("no --threads")?;
    let corpus = args.corpus.as_deref().ok_or("no --corpus")?;
    let index = args.index.as_deref().ok_or("no --index")?;
    let budget = budget_for(args, threads);
    let started = Instant::now();
    let mut inference_seconds = 0.0;
    let (records, bytes) = match engine {
        "raad" => {
            let mut builder = IndexerBuilder::new(index);
            builder
                .threads(threads)
                .memory_budget(budget)
                .wait_for_merges(!args.no_wait_merges);
            if let Some(records) = args.commit_every {
                builder.commit_every_records(records);
            }
            if args.no_topics {
                builder.topic_rules(None).infer_topics(false);
            }
            let report = builder
                .build()
                .map_err(|e| e.to_string())?
                .run(&[corpus.to_path_buf()])
                .map_err(|e| e.to_string())?;
            inference_seconds = report.topics.seconds;
            (
                report.indexed + report.replaced + report.repeated + report.unchanged,
                report.bytes,
            )
        }
        "tantivy-dutch" => baseline(corpus, index, threads, budget)?,
        other => return Err(format!("unknown engine {other}")),
    };
    let field_tokens = indexed_tokens(index)?;
    let measurement = Measurement {
        engine: engine.to_string(),
        threads,
        records,
        bytes,
        seconds: started.elapsed().as_secs_f64(),
        cpu_seconds: cpu_seconds(),
        peak_rss_bytes: peak_rss(),
        budget_bytes: budget,
        tokens: field_tokens.values().sum(),
        field_tokens,
        inference_seconds,
    };
    println!(
        "{}",
        serde_json::to_string(&measurement).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// What a Rust developer writes with tantivy alone: one thread reads and parses the files (with
/// raad's parser), tantivy's writer threads index.
fn baseline(
    corpus: &Path,
    index_dir: &Path,
    threads: usize,
    budget: usize,
) -> Result<(u64, u64), String> {
    const DUTCH: &str = "tantivy_dutch";
    let mut builder = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(DUTCH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let id = builder.add_text_field("id", STRING);
    let title = builder.add_text_field("title", text.clone());
    let question = builder.add_text_field("question", text.clone());
    let answer = builder.add_text_field("answer", text);
    fs::create_dir_all(index_dir).map_err(|e| e.to_string())?;
    let index = Index::create_in_dir(index_dir, builder.build()).map_err(|e| e.to_string())?;
    index.tokenizers().register(DUTCH, tantivy_dutch());
    let mut writer = index
        .writer_with_options::<tantivy::TantivyDocument>(
            IndexWriterOptions::builder()
                .num_worker_threads(threads)
                .memory_budget_per_thread(budget / threads)
                .build(),
        )
        .map_err(|e| e.to_string())?;
    // The same parser as raad's, so that the two differ only in how they index.
    let options = ParseOptions::default();
    let (mut records, mut bytes) = (0u64, 0u64);
    for (path, format) in parse::discover(&[corpus.to_path_buf()]).files {
        let content = fs::read(&path).map_err(|e| e.to_string())?;
        bytes += content.len() as u64;
        // A council's folder, when records are shared among councils (`--councils`).
        let folder = path
            .parent()
            .filter(|folder| *folder != corpus)
            .and_then(Path::file_name)
            .and_then(|name| name.to_str());
        for record in parse::parse_bytes(&path, &content, format, &options).records {
            // Ids overlap between councils: the key that tells their records apart is what a
            // tantivy user would index too (else the baseline would index a tenth of the
            // unique ids raad does, and replace records by id wrongly).
            let key = match record.council.as_deref().or(folder) {
                Some(council) => format!("{council}/{}", record.id),
                None => record.id,
            };
            let mut document = doc!(id => key);
            for (field, value) in [
                (title, record.title),
                (question, record.question),
                (answer, record.answer),
            ] {
                if let Some(value) = value {
                    document.add_text(field, value);
                }
            }
            writer.add_document(document).map_err(|e| e.to_string())?;
            records += 1;
        }
    }
    writer.commit().map_err(|e| e.to_string())?;
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    Ok((records, bytes))
}

/// Tokens in each analyzed text field of the index in `dir`.
fn indexed_tokens(dir: &Path) -> Result<BTreeMap<String, u64>, String> {
    let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    let schema = index.schema();
    let searcher = index.reader().map_err(|e| e.to_string())?.searcher();
    let mut tokens = BTreeMap::new();
    for (field, entry) in schema.fields() {
        let analyzed = match entry.field_type() {
            tantivy::schema::FieldType::Str(options) => options
                .get_indexing_options()
                .is_some_and(|indexing| indexing.tokenizer() != "raw"),
            _ => false,
        };
        if analyzed {
            let mut in_field = 0;
            for segment in searcher.segment_readers() {
                in_field += segment
                    .inverted_index(field)
                    .map_err(|e| e.to_string())?
                    .total_num_tokens();
            }
            tokens.insert(entry.name().to_string(), in_field);
        }
    }
    Ok(tokens)
}

/// User plus system CPU time of this process so far, in seconds (from /proc/self/stat, in
/// clock ticks of 1/100 s); 0 where unknown.
fn cpu_seconds() -> f64 {
    fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // Fields after the command name (which is in parentheses and may hold spaces).
            let rest = stat.rsplit_once(')')?.1;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let user: f64 = fields.get(11)?.parse().ok()?;
            let system: f64 = fields.get(12)?.parse().ok()?;
            Some((user + system) / 100.0)
        })
        .unwrap_or(0.0)
}

/// The peak resident set size of this process (VmHWM), in bytes; 0 where unknown.
fn peak_rss() -> u64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib * 1024)
        })
        .unwrap_or(0)
}
