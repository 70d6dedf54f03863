//! Topic accuracy: how often raad gives a record the topic its publisher gave it.
//!
//! ```text
//! cargo run --release -p raad-benches --bin topics -- --corpus ../shared/data/dekamer-dev.jsonl --hide 0.3 --seed 1
//! cargo run --release -p raad-benches --bin topics -- --generated 100000 --hide 1 --seed 1
//! ```
//!
//! The records come from a JSON Lines file (`--corpus`, the dekamer shape) or from raad's
//! corpus generator (`--generated N`: each record labelled with the policy domain it was
//! written about). The topics of a seeded random share (`--hide`) of the labelled records are
//! removed; the records are indexed by `raad_index::Indexer` with its defaults (rules for
//! records without topics, then inference from the records that kept theirs); each hidden
//! record's main topic in the index is compared with the main topic (first of its topics) it
//! had.
//!
//! - With `--hide 0.3` this measures inference: a hidden record that ends up with topics by
//!   rules, or none, counts as wrong.
//! - With `--hide 1` nothing stays labelled, so every record gets its topics by rules: on the
//!   generated corpus this measures the built-in taxonomy against the generator's domains.
//!
//! `baseline_most_common` is the score of always answering the most common main topic of the
//! records that kept theirs (of all labelled records when none kept theirs). The program ends
//! with one JSON line `{"labelled":..,"hidden":..,"accuracy":..,"baseline_most_common":..}`;
//! the lines before it give details (per source, speed).

use std::collections::HashMap;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use raad_core::parse::{self, ParseOptions};
use raad_core::{Record, TopicSource};
use raad_corpus::GeneratorBuilder;
use raad_index::{IndexerBuilder, DEFAULT_MIN_CONFIDENCE, DEFAULT_NEIGHBOURS};
use raad_query::Searcher;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// Measures topic inference and topic rules.
#[derive(Debug, Parser)]
struct Args {
    /// A JSON Lines corpus whose records have topics (the dekamer shape).
    #[arg(
        long,
        conflicts_with = "generated",
        required_unless_present = "generated"
    )]
    corpus: Option<PathBuf>,
    /// The share (0–1) of the labelled records whose topics are hidden.
    #[arg(long, default_value_t = 0.3)]
    hide: f64,
    /// Seed of the choice of hidden records (and of the generated corpus).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Use this many generated records, labelled with their domain, instead of a corpus.
    #[arg(long)]
    generated: Option<u64>,
    /// Neighbours that vote.
    #[arg(long, default_value_t = DEFAULT_NEIGHBOURS)]
    neighbours: usize,
    /// The least share of the vote an inferred topic needs.
    #[arg(long, default_value_t = DEFAULT_MIN_CONFIDENCE)]
    min_confidence: f32,
    /// Indexing threads.
    #[arg(long, default_value_t = 2)]
    threads: usize,
}

/// The final line.
#[derive(Debug, Serialize)]
struct Summary {
    labelled: usize,
    hidden: usize,
    accuracy: f64,
    baseline_most_common: f64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let result = measure(&args);
    match result {
        Ok(summary) => {
            println!(
                "{}",
                serde_json::to_string(&summary).expect("plain data serializes")
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("topics: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The records of the corpus file, or the generated ones, and what to call them.
fn records(args: &Args) -> Result<(Vec<Record>, String), String> {
    if let Some(count) = args.generated {
        let mut builder = GeneratorBuilder::new();
        builder.records(count).seed(args.seed).given_topics(1.0);
        let records = builder.build().map(|generated| generated.record).collect();
        return Ok((records, format!("{count} generated records")));
    }
    let corpus = args
        .corpus
        .as_ref()
        .ok_or("give --corpus FILE.jsonl or --generated N")?;
    let parsed = parse::parse_file(corpus, &ParseOptions::default());
    if let Some(rejection) = parsed.rejections.first() {
        return Err(format!(
            "{} records rejected, the first: {rejection}",
            parsed.rejections.len()
        ));
    }
    Ok((parsed.records, corpus.display().to_string()))
}

fn measure(args: &Args) -> Result<Summary, String> {
    if !(0.0..=1.0).contains(&args.hide) {
        return Err(format!("--hide must be between 0 and 1, not {}", args.hide));
    }
    let (mut records, name) = records(args)?;
    let mut labelled: Vec<usize> = (0..records.len())
        .filter(|&i| !records[i].topics.is_empty())
        .collect();
    labelled.shuffle(&mut ChaCha8Rng::seed_from_u64(args.seed));
    let hidden_count = (labelled.len() as f64 * args.hide).round() as usize;
    let mut hidden: HashMap<String, String> = HashMap::new();
    for &i in &labelled[..hidden_count] {
        let record = &mut records[i];
        hidden.insert(record.id.clone(), record.topics[0].clone());
        record.topics.clear();
        record.topic_source = None;
        record.topic_confidence = None;
    }
    let mut kept: HashMap<&str, usize> = HashMap::new();
    for &i in &labelled[hidden_count..] {
        *kept.entry(records[i].topics[0].as_str()).or_default() += 1;
    }
    if kept.is_empty() {
        for truth in hidden.values() {
            *kept.entry(truth.as_str()).or_default() += 1;
        }
    }
    let most_common = kept
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(topic, _)| topic.to_string())
        .unwrap_or_default();
    println!(
        "{name}: {} records, {} labelled in {} classes, {} hidden (seed {})",
        records.len(),
        labelled.len(),
        kept.len(),
        hidden_count,
        args.seed
    );

    let work = tempfile::tempdir().map_err(|err| format!("cannot make a work folder: {err}"))?;
    let input = work.path().join("corpus.jsonl");
    write_jsonl(&input, &records)?;
    let index_dir = work.path().join("index");
    let started = Instant::now();
    let report = IndexerBuilder::new(&index_dir)
        .threads(args.threads)
        .topic_neighbours(args.neighbours)
        .topic_min_confidence(args.min_confidence)
        .build()
        .and_then(|indexer| indexer.run(&[input]))
        .map_err(|err| err.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "indexed {} records in {seconds:.2} s; inference decided {} records on read and \
         looked again at {} in {:.2} s ({:.0} records/s), changed {}; in the index: {} given, \
         {} inferred, {} by rules",
        report.indexed,
        report.topics.decided_on_read,
        report.topics.examined,
        report.topics.seconds,
        (report.topics.decided_on_read + report.topics.examined) as f64
            / report.topics.seconds.max(1e-9),
        report.topics.changed,
        report.topics.given,
        report.topics.inferred,
        report.topics.by_rules,
    );

    let searcher = Searcher::open(&index_dir).map_err(|err| err.to_string())?;
    let mut right = 0usize;
    let mut by_source: HashMap<&'static str, (usize, usize)> = HashMap::new();
    let mut baseline_right = 0usize;
    for (id, truth) in &hidden {
        let record = searcher.get(id).map_err(|err| err.to_string())?;
        let source = record.topic_source.map_or("none", TopicSource::as_str);
        let correct = record.topics.first() == Some(truth);
        let tally = by_source.entry(source).or_default();
        tally.0 += 1;
        if correct {
            tally.1 += 1;
            right += 1;
        }
        if *truth == most_common {
            baseline_right += 1;
        }
    }
    let mut sources: Vec<_> = by_source.into_iter().collect();
    sources.sort();
    for (source, (count, correct)) in sources {
        println!(
            "hidden records with topics by {source}: {count}, right {correct} ({:.1}%)",
            percent(correct, count)
        );
    }
    Ok(Summary {
        labelled: labelled.len(),
        hidden: hidden_count,
        accuracy: ratio(right, hidden_count),
        baseline_most_common: ratio(baseline_right, hidden_count),
    })
}

fn write_jsonl(path: &PathBuf, records: &[Record]) -> Result<(), String> {
    let error = |err: std::io::Error| format!("cannot write {}: {err}", path.display());
    let mut out = BufWriter::new(fs::File::create(path).map_err(error)?);
    for record in records {
        serde_json::to_writer(&mut out, record).map_err(|err| err.to_string())?;
        out.write_all(b"\n").map_err(error)?;
    }
    out.flush().map_err(error)
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        ((part as f64 / whole as f64) * 10_000.0).round() / 10_000.0
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    ratio(part, whole) * 100.0
}
