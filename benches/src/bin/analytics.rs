//! Analytics latency at scale: trends, answer statistics and batches over generated records,
//! against plain tantivy counting the same matches in the same run.
//!
//! ```text
//! cargo run --release -p raad-benches --bin analytics -- --index /tmp/raad-analytics-1m
//! ```
//!
//! The index: `--index DIR` when it holds a raad index; when `DIR` does not exist yet,
//! `--records` records of raad's generator (seed 1; written answers with the generator's
//! spread of delays, about one in ten unanswered) are indexed into it and kept for the next
//! run. Each measurement runs `--iterations` times on one thread; the table gives the
//! median (p50) and the 90th percentile, and the same for the baseline:
//!
//! The baseline is plain tantivy counting the same matches per value with its own
//! `FacetCollector` (and `Count`): what a tantivy user writes for "how many per year".
//!
//! - `trend, one word` and `trend, all records`: [`Searcher::trend`] by year split by party;
//!   baseline: records per year over the same query (a term query on `body`, or all records).
//! - `answers by alderman, all records`: [`Searcher::answer_stats`]; baseline: records per
//!   alderman.
//! - `top councillors, one word`: [`Searcher::top_values`] with three examples each;
//!   baseline: records per councillor.
//! - `overdue, all records`: [`Searcher::overdue`] (60 days), the 20 oldest read back;
//!   baseline: unanswered records per alderman.
//! - `batch of 100 names`: [`Searcher::batch`] of the 100 councillors who asked most;
//!   baseline: records per year for each of the same names' term queries on `names`.
//!
//! Output: a Markdown table on stdout; progress on stderr.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use raad_core::analysis::{names_analyzer, register_analyzers};
use raad_core::index_meta::IndexMeta;
use raad_core::{Date, Facet, RaadSchema};
use raad_corpus::GeneratorBuilder;
use raad_query::analytics::{batch_queries, AnswerOptions, OverdueOptions, Period, TrendOptions};
use raad_query::{SearchRequest, Searcher};
use tantivy::collector::{Count, FacetCollector};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, Term};

/// Measures the analytics against plain tantivy counting the same matches.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Index to read; generated and kept when the directory does not exist.
    #[arg(long)]
    index: Option<PathBuf>,
    /// Records to generate when an index has to be built.
    #[arg(long, default_value_t = 1_000_000)]
    records: u64,
    /// Timed runs of each measurement.
    #[arg(long, default_value_t = 30)]
    iterations: usize,
    /// Run only the measurements whose name contains this text (for profiling one).
    #[arg(long)]
    only: Option<String>,
}

/// The one-word query: a word of the generator's vocabulary found in about 1% of records.
const ONE_WORD: &str = "kinderopvang";

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("analytics: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let temporary = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = match &args.index {
        Some(dir) => dir.clone(),
        None => temporary.path().join("index"),
    };
    if !dir.exists() {
        eprintln!(
            "indexing {} generated records into {}",
            args.records,
            dir.display()
        );
        let started = Instant::now();
        build_index(&dir, args.records)?;
        eprintln!("indexed in {:.0} s", started.elapsed().as_secs_f64());
    }
    let searcher = Searcher::open(&dir).map_err(|e| e.to_string())?;
    let index = searcher.index().clone();
    let reader = index.reader().map_err(|e| e.to_string())?;
    let tantivy = reader.searcher();
    let schema = RaadSchema::new();
    eprintln!("{} records", searcher.num_records());

    let as_of = Date::from_ymd(2027, 1, 1).ok_or("date")?;
    let by_party = TrendOptions {
        by: Period::Year,
        split: Some(Facet::Party),
        ..TrendOptions::default()
    };
    let word = SearchRequest::new(ONE_WORD);
    let all = SearchRequest::new("");
    let word_query: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_field_text(schema.body, ONE_WORD),
        IndexRecordOption::Basic,
    ));
    // The baseline counts per value the way plain tantivy does, with its facet collector:
    // every match is visited (tantivy's `Count` alone would read the number of a term's
    // postings without visiting them).
    let per = |query: &dyn Query, field: &str| {
        let mut facets = FacetCollector::for_field(field);
        facets.add_facet("/");
        tantivy
            .search(query, &(Count, facets))
            .map(|_| ())
            .map_err(|e| e.to_string())
    };

    // The batch: the 100 councillors who asked most, as names.
    let top = searcher
        .top_values(&all, Facet::Councillor, Some(100), 0)
        .map_err(|e| e.to_string())?;
    let names: String = top
        .values
        .iter()
        .map(|v| format!("\"{}\"\n", v.value))
        .collect();
    let queries = batch_queries(&names);
    let name_queries: Vec<Box<dyn Query>> = top
        .values
        .iter()
        .map(|value| {
            let mut analyzer = names_analyzer();
            let mut stream = analyzer.token_stream(&value.value);
            let mut terms = Vec::new();
            while stream.advance() {
                terms.push(stream.token().text.clone());
            }
            let clauses: Vec<(Occur, Box<dyn Query>)> = terms
                .into_iter()
                .map(|token| {
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_field_text(schema.names, &token),
                            IndexRecordOption::Basic,
                        )) as Box<dyn Query>,
                    )
                })
                .collect();
            Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>
        })
        .collect();

    let unanswered = TermQuery::new(
        Term::from_field_bool(schema.has_answer, false),
        IndexRecordOption::Basic,
    );
    let n = args.iterations;
    let only = args.only.as_deref();
    let mut rows = Vec::new();
    rows.extend(row(
        only,
        "trend by year × party, one word",
        n,
        || {
            searcher
                .trend(&word, &by_party)
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
        || per(&*word_query, "year"),
    )?);
    rows.extend(row(
        only,
        "trend by year × party, all records",
        n,
        || {
            searcher
                .trend(&all, &by_party)
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
        || per(&AllQuery, "year"),
    )?);
    let answers = AnswerOptions {
        by: Some(Facet::Alderman),
        deadline_days: 30,
        as_of,
    };
    rows.extend(row(
        only,
        "answers by alderman, all records",
        n,
        || {
            searcher
                .answer_stats(&all, &answers)
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
        || per(&AllQuery, "year"),
    )?);
    rows.extend(row(
        only,
        "top councillors, one word",
        n,
        || {
            searcher
                .top_values(&word, Facet::Councillor, Some(10), 3)
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
        || per(&*word_query, "councillor"),
    )?);
    let overdue = OverdueOptions {
        days: 60,
        as_of,
        limit: Some(20),
    };
    rows.extend(row(
        only,
        "overdue (60 days), all records",
        n,
        || {
            searcher
                .overdue(&all, &overdue)
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
        || per(&unanswered, "alderman"),
    )?);
    rows.extend(row(
        only,
        "batch of 100 names",
        n.min(10),
        || {
            searcher
                .batch(&queries, &all)
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
        || {
            for query in &name_queries {
                per(&**query, "year")?;
            }
            Ok(())
        },
    )?);

    println!(
        "| measurement | raad p50 | raad p90 | tantivy facet count p50 | ratio (p50) |\n|---|---:|---:|---:|---:|"
    );
    for (name, raad, baseline) in rows {
        println!(
            "| {name} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1}× |",
            ms(raad.0),
            ms(raad.1),
            ms(baseline.0),
            ms(raad.0) / ms(baseline.0).max(0.001)
        );
    }
    Ok(())
}

type Timings = (Duration, Duration);

/// Times `raad` and `baseline` alternately, `n` runs each after one warm-up run.
fn row(
    only: Option<&str>,
    name: &str,
    n: usize,
    mut raad: impl FnMut() -> Result<(), String>,
    mut baseline: impl FnMut() -> Result<(), String>,
) -> Result<Option<(String, Timings, Timings)>, String> {
    if only.is_some_and(|only| !name.contains(only)) {
        return Ok(None);
    }
    eprintln!("{name}");
    raad()?;
    baseline()?;
    let mut raad_times = Vec::with_capacity(n);
    let mut baseline_times = Vec::with_capacity(n);
    for _ in 0..n.max(1) {
        let started = Instant::now();
        raad()?;
        raad_times.push(started.elapsed());
        let started = Instant::now();
        baseline()?;
        baseline_times.push(started.elapsed());
    }
    Ok(Some((
        name.to_string(),
        percentiles(raad_times),
        percentiles(baseline_times),
    )))
}

fn percentiles(mut times: Vec<Duration>) -> Timings {
    times.sort();
    let at = |percent: usize| times[(percent * times.len()).div_ceil(100).max(1) - 1];
    (at(50), at(90))
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn build_index(dir: &Path, records: u64) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let schema = RaadSchema::new();
    let index = Index::create_in_dir(dir, schema.schema.clone()).map_err(|e| e.to_string())?;
    register_analyzers(index.tokenizers());
    let mut writer = index
        .writer_with_num_threads(2, 400_000_000)
        .map_err(|e| e.to_string())?;
    for generated in GeneratorBuilder::new().records(records).seed(1).build() {
        writer
            .add_document(schema.document(&generated.record))
            .map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    let segments = index.searchable_segment_ids().map_err(|e| e.to_string())?;
    if segments.len() > 1 {
        writer.merge(&segments).wait().map_err(|e| e.to_string())?;
    }
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    IndexMeta::current().write(dir).map_err(|e| e.to_string())?;
    Ok(())
}
