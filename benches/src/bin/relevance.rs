//! Relevance harness: indexes a corpus in a temporary (in-RAM) index with one analyzer, runs
//! judged queries in plain mode, and prints the scores.
//!
//! ```text
//! cargo run --release -p raad-benches --bin relevance -- \
//!     --corpus ../shared/data/dekamer-dev-notitle.jsonl \
//!     --queries ../shared/data/dekamer-dev-knownitem.tsv --task knownitem --analyzer raad
//! ```
//!
//! The last line of the output is one JSON object:
//! `{"task":..,"analyzer":..,"queries":N,"mrr10":..,"recall10":..,"ndcg10":..,"map100":..}`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use raad_benches::relevance::{
    measure_speed, run, run_through_query, run_weighted, AnalyzerChoice, FieldSetup, Repeats,
    RunConfig, Task, WeightedSetup,
};

/// Scores an analyzer on judged queries (MRR@10, Recall@10, nDCG@10, MAP@100).
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Records to search, one JSON object per line.
    #[arg(long)]
    corpus: PathBuf,
    /// Judged queries, `query<TAB>id,id,...` per line.
    #[arg(long)]
    queries: PathBuf,
    /// The task the queries are for: knownitem or themes.
    #[arg(long)]
    task: Task,
    /// The analyzer of the text fields: raad, tantivy-dutch, tantivy-default, or the
    /// measurement variants raad-snowball3 and raad-nocompounds.
    #[arg(long, default_value = "raad")]
    analyzer: AnalyzerChoice,
    /// Score title, question and answer as separate fields and sum them, instead of one
    /// BM25 over the combined body.
    #[arg(long)]
    per_field: bool,
    /// Weight of title matches added to the body's (0: title not scored on its own).
    #[arg(long, default_value_t = FieldSetup::default().title_boost)]
    title_boost: f32,
    /// Weight of query terms that are parts of a compound or hyphenated query word.
    #[arg(long, default_value_t = FieldSetup::default().part_weight)]
    part_weight: f32,
    /// Weight of question matches added to the body's (0: question not scored on its own).
    #[arg(long, default_value_t = FieldSetup::default().question_boost)]
    question_boost: f32,
    /// Weight of the bonus for successive query words found near each other (0: off).
    #[arg(long, default_value_t = FieldSetup::default().pair_weight)]
    pair_weight: f32,
    /// How much farther apart than in the query the words of a pair may be.
    #[arg(long, default_value_t = FieldSetup::default().pair_slop)]
    pair_slop: u32,
    /// Run the queries through raad-query's plain mode (the library's own search) instead of
    /// the harness's query builder; uses the raad analyzer and the library's field weights.
    #[arg(long)]
    through_query: bool,
    /// Score one field only, a body holding the title TITLE times and the question QUESTION
    /// times (and the answer ANSWER times, default once): the field weights carried by term
    /// frequency at index time. Uses the raad analyzer and `--part-weight`.
    #[arg(long, value_name = "TITLE,QUESTION[,ANSWER]")]
    weighted_body: Option<Repeats>,
    /// With `--weighted-body`: weight of matches in a separate title field added to the
    /// weighted body's (0: none, one term per query word).
    #[arg(long, default_value_t = 0.0)]
    weighted_title_boost: f32,
    /// With `--weighted-body`: weight of matches in a separate head field (title and
    /// question) added to the weighted body's (0: none).
    #[arg(long, default_value_t = 0.0)]
    weighted_head_boost: f32,
    /// With `--weighted-body`: words of the question kept in the head field, from its start
    /// (0: all).
    #[arg(long, default_value_t = 0)]
    weighted_head_words: usize,
    /// With `--weighted-body`: instead of relevance, time top-10 searches of the queries in
    /// plain tantivy's, raad's and the weighted body's shapes over the corpus remixed to
    /// COPIES times its size; prints a Markdown table.
    #[arg(long, value_name = "COPIES")]
    weighted_speed: Option<usize>,
    /// Timed rounds of `--weighted-speed` (after one warm-up round).
    #[arg(long, default_value_t = 5)]
    speed_rounds: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = RunConfig {
        corpus: args.corpus,
        queries: args.queries,
        task: args.task,
        analyzer: args.analyzer,
        fields: FieldSetup {
            combined_body: !args.per_field,
            title_boost: args.title_boost,
            part_weight: args.part_weight,
            question_boost: args.question_boost,
            pair_weight: args.pair_weight,
            pair_slop: args.pair_slop,
        },
    };
    let started = Instant::now();
    let result = if let Some(repeats) = args.weighted_body {
        let setup = WeightedSetup {
            repeats,
            part_weight: args.part_weight,
            title_boost: args.weighted_title_boost,
            head_boost: args.weighted_head_boost,
            head_words: args.weighted_head_words,
        };
        eprintln!("weighted body {repeats}: {setup:?}");
        if let Some(copies) = args.weighted_speed {
            return speed(&config, setup, copies, args.speed_rounds);
        }
        run_weighted(&config, setup)
    } else if args.through_query {
        run_through_query(&config)
    } else {
        run(&config)
    };
    match result {
        Ok(report) => {
            eprintln!(
                "{:?} in {:.1} s",
                config.fields,
                started.elapsed().as_secs_f64()
            );
            match serde_json::to_string(&report) {
                Ok(line) => {
                    println!("{line}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(2)
                }
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Prints the `--weighted-speed` table.
fn speed(config: &RunConfig, setup: WeightedSetup, copies: usize, rounds: usize) -> ExitCode {
    let started = Instant::now();
    match measure_speed(config, setup, copies, rounds) {
        Ok(rows) => {
            eprintln!("measured in {:.1} s", started.elapsed().as_secs_f64());
            println!("| query shape | fields | mean | p50 | mean / tantivy |");
            println!("| --- | ---: | ---: | ---: | ---: |");
            for row in rows {
                println!(
                    "| {} | {} | {:.1} µs | {:.1} µs | {:.2}× |",
                    row.shape, row.fields, row.mean_micros, row.p50_micros, row.ratio
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
