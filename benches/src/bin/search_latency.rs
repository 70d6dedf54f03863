//! Search latency: raad-query against plain tantivy on the same index, in the same run.
//!
//! ```text
//! cargo run --release -p raad-benches --bin search_latency -- [--index DIR] [--records N]
//! RAAD_BENCH_INDEX=/tmp/raad-1m RAAD_BENCH_RECORDS=1000000 \
//!     cargo run --release -p raad-benches --bin search_latency
//! ```
//!
//! The index: `--index DIR` (or `RAAD_BENCH_INDEX`) when it holds a raad index; when `DIR`
//! does not exist yet, `--records` generated records are indexed into it first and kept for
//! the next run; without `--index`, into a temporary directory. Its segments are merged into
//! one, as a settled index is, unless `--unmerged` (the segments the writer made). Generated
//! records remix the development set of `../shared/data` (titles, question and answer
//! sentences of different records) with generated councillors, parties, aldermen and dates,
//! so term statistics stay Dutch while no two records are alike.
//!
//! The query mix: one word, two words, a phrase, a prefix and a fuzzy name, each alone and
//! with a party filter, and, in an index of several councils (`--councils N`: record i is
//! council `i % N`'s, ids overlapping), with a council filter. Each runs single-threaded as
//! - `tantivy`: plain tantivy running the same term queries as raad's first phase, top 10 by
//!   BM25 with their stored documents: the intersection of the words (raad matches every
//!   word), each word's term required and its compound parts adding to the score at half
//!   weight, as term queries on `body`; a phrase as a phrase query, and a prefix or
//!   fuzzy word as term queries for the terms it expands to
//!   (`raad_query::bench_internals::expansions`: the 50 most frequent in `body`, and in
//!   `names` for the fuzzy name), with the party as a required facet term;
//! - `tantivy+count`: the same plus the total count (raad always reports the total);
//! - `tantivy-own`: plain tantivy's own, smaller queries for the same text: whole words
//!   without compound parts, `PhrasePrefixQuery` and `FuzzyTermQuery` (unranked: every
//!   expansion scores the same), the fuzzy name in `names` only;
//! - `raad`: `Searcher::search`, top 10, no facets, no snippets;
//! - `raad+facets+snippets`: the same with the six facets and snippets (and `raad+facets`,
//!   `raad+snippets` with one of the two);
//! - `raad-first`: `raad` as the first search for its words: each run on a `Searcher` opened
//!   afresh and warmed by one other word (`stad`) with the query's filter, so the
//!   per-segment figures every search needs are read but nothing of the query's own words
//!   is cached (the question's document frequencies are counted once per term, see
//!   `raad_query`'s ranking).
//!
//! Every variant's time includes building its query from the text (analysis, and finding
//! the terms of a prefix or fuzzy word).
//!
//! Then queries per second with `--threads` threads (default 2) for both raad variants.
//! Output: a Markdown table on stdout; progress on stderr.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use raad_core::analysis::{dutch_analyzer, names_analyzer, register_analyzers};
use raad_core::document::facet;
use raad_core::index_meta::IndexMeta;
use raad_core::{Councillor, Date, RaadSchema, Record};
use raad_query::bench_internals::{expansions, fuzzy_distance, text_fuzzy_distance};
use raad_query::{SearchRequest, Searcher};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument, Term};

/// Measures search latency of raad against plain tantivy.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Index to search; generated and kept when the directory does not exist.
    #[arg(long, env = "RAAD_BENCH_INDEX")]
    index: Option<PathBuf>,
    /// Records to generate when an index has to be built.
    #[arg(long, env = "RAAD_BENCH_RECORDS", default_value_t = 100_000)]
    records: usize,
    /// Councils the generated records are shared among (Gent, Antwerpen, …); with more than
    /// one, the mix has council-filtered queries too. An index kept from an earlier run keeps
    /// its councils.
    #[arg(long, env = "RAAD_BENCH_COUNCILS", default_value_t = 1)]
    councils: usize,
    /// Leave a generated index in the segments the writer made (as an index still being
    /// added to) instead of merging them into one.
    #[arg(long)]
    unmerged: bool,
    /// The development set the generated records remix.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data/dekamer-dev.jsonl"))]
    source: PathBuf,
    /// Timed runs of each query in each variant.
    #[arg(long, default_value_t = 30)]
    iterations: usize,
    /// Threads for the throughput measurement.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Time only these variants (comma-separated, e.g. `raad,tantivy`), and skip the
    /// throughput measurement: for profiling one variant under `perf`.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// Time only these query kinds (comma-separated: `one word`, `two words`, `phrase`,
    /// `prefix`, `fuzzy name`).
    #[arg(long, value_delimiter = ',')]
    kinds: Vec<String>,
}

/// One query of the mix, in the query language and as plain tantivy parts.
struct MixQuery {
    kind: &'static str,
    text: String,
    filter: Filter,
}

/// The filter of a query of the mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    None,
    Party(&'static str),
    Council(&'static str),
}

impl Filter {
    /// The filters of the mix: none, a party, and a council when the index has several.
    fn all(councils: usize) -> Vec<Filter> {
        let mut filters = vec![Filter::None, Filter::Party(FILTER_PARTY)];
        if councils > 1 {
            filters.push(Filter::Council(FILTER_COUNCIL));
        }
        filters
    }

    fn label(self) -> String {
        match self {
            Filter::None => "—".to_string(),
            Filter::Party(party) => format!("party {party}"),
            Filter::Council(council) => format!("council {council}"),
        }
    }
}

const WORDS: [&str; 4] = ["pensioen", "belasting", "spoorwegen", "asielzoekers"];
const PAIRS: [&str; 4] = [
    "federale politie",
    "pensioen zelfstandigen",
    "treinen vertraging",
    "btw tarief",
];
const PHRASES: [&str; 4] = [
    "\"federale politie\"",
    "\"openbare dienst\"",
    "\"sociale zekerheid\"",
    "\"minister van justitie\"",
];
const PREFIXES: [&str; 4] = ["belast*", "spoor*", "asiel*", "pensioen*"];
/// Fuzzy names: generated councillor surnames with one typing error.
const FUZZY: [&str; 4] = ["Codens~", "Vermeuln~", "Janssesn~", "Peters~"];
const FILTER_PARTY: &str = "Groen";
/// The second council of a generated index: with ten councils, a tenth of the records.
const FILTER_COUNCIL: &str = "Antwerpen";

fn mix(councils: usize) -> Vec<MixQuery> {
    let kinds: [(&str, &[&str; 4]); 5] = [
        ("one word", &WORDS),
        ("two words", &PAIRS),
        ("phrase", &PHRASES),
        ("prefix", &PREFIXES),
        ("fuzzy name", &FUZZY),
    ];
    let mut queries = Vec::new();
    for (kind, texts) in kinds {
        for filter in Filter::all(councils) {
            for text in texts.iter() {
                queries.push(MixQuery {
                    kind,
                    text: text.to_string(),
                    filter,
                });
            }
        }
    }
    queries
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    // Without --index, a directory of this process, removed at the end.
    let temporary = args
        .index
        .is_none()
        .then(|| std::env::temp_dir().join(format!("raad-search-latency-{}", std::process::id())));
    let dir = args
        .index
        .clone()
        .or_else(|| temporary.clone())
        .ok_or("no index directory")?;
    let outcome = measure(args, &dir);
    if let Some(temporary) = temporary {
        let _ = std::fs::remove_dir_all(temporary);
    }
    outcome
}

fn measure(args: &Args, dir: &Path) -> Result<(), String> {
    if !dir.join("meta.json").is_file() {
        let started = Instant::now();
        let records = generate(&args.source, args.records, args.councils)?;
        eprintln!(
            "indexing {} generated records into {}",
            records.len(),
            dir.display()
        );
        build_index(dir, &records, !args.unmerged)?;
        eprintln!("indexed in {:.0} s", started.elapsed().as_secs_f64());
    }
    let searcher = Searcher::open(dir).map_err(|e| e.to_string())?;
    let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    register_analyzers(index.tokenizers());
    let reader = index.reader().map_err(|e| e.to_string())?;
    let tantivy_searcher = reader.searcher();
    let schema = RaadSchema::new();
    let queries: Vec<MixQuery> = mix(args.councils)
        .into_iter()
        .filter(|q| args.kinds.is_empty() || args.kinds.iter().any(|kind| kind == q.kind))
        .collect();
    // The tantivy queries are built inside the timed region, as raad builds its own: the
    // analysis of the text and, for prefix and fuzzy words, the walk of the term dictionary.
    let same_terms = |q: &MixQuery| same_terms_query(&tantivy_searcher, &schema, q);

    let variants = [
        "tantivy",
        "tantivy+count",
        "tantivy-own",
        "raad",
        "raad+facets+snippets",
        "raad+facets",
        "raad+snippets",
        "raad-first",
    ];
    // latencies[variant][query] in microseconds. Each variant runs on its own, after a
    // warm-up round, so caches (store blocks, term dictionaries) help every variant alike.
    let mut latencies: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); queries.len()]; variants.len()];
    let mut totals = vec![0usize; queries.len()];
    for (v, variant) in variants.iter().enumerate() {
        if !args.only.is_empty() && !args.only.iter().any(|only| only == variant) {
            continue;
        }
        eprint!("{variant} ");
        for round in 0..=args.iterations {
            for (q, query) in queries.iter().enumerate() {
                let fresh = if *variant == "raad-first" {
                    let fresh = Searcher::open(dir).map_err(|e| e.to_string())?;
                    let other_word = MixQuery {
                        kind: query.kind,
                        text: "stad".to_string(),
                        filter: query.filter,
                    };
                    raad(&fresh, &other_word, Extras::None)?;
                    Some(fresh)
                } else {
                    None
                };
                let started = Instant::now();
                let found = match *variant {
                    "tantivy" => tantivy_top10(&tantivy_searcher, &*same_terms(query)?, false),
                    "tantivy+count" => tantivy_top10(&tantivy_searcher, &*same_terms(query)?, true),
                    "tantivy-own" => tantivy_top10(
                        &tantivy_searcher,
                        &*plain_tantivy_query(&schema, query),
                        false,
                    ),
                    "raad" => raad(&searcher, query, Extras::None),
                    "raad+facets+snippets" => raad(&searcher, query, Extras::Both),
                    "raad+facets" => raad(&searcher, query, Extras::Facets),
                    "raad-first" => raad(fresh.as_ref().unwrap_or(&searcher), query, Extras::None),
                    _ => raad(&searcher, query, Extras::Snippets),
                }?;
                let took = started.elapsed();
                if round > 0 {
                    latencies[v][q].push(micros(took));
                }
                if *variant == "raad" {
                    totals[q] = found;
                }
            }
        }
    }
    eprintln!();

    let records = searcher.num_records();
    println!(
        "{records} records in {} segments, {} runs of each of {} queries, single-threaded\n",
        tantivy_searcher.segment_readers().len(),
        args.iterations,
        queries.len()
    );
    println!("| query kind | filter | matches (mean) | tantivy p50 | tantivy+count p50 | tantivy-own p50 | raad p50 | raad / tantivy | raad / tantivy-own | raad+facets+snippets p50 | p99 | raad-first p50 | p99 |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let kinds = ["one word", "two words", "phrase", "prefix", "fuzzy name"];
    for kind in kinds {
        for filter in Filter::all(args.councils) {
            let picked: Vec<usize> = (0..queries.len())
                .filter(|&q| queries[q].kind == kind && queries[q].filter == filter)
                .collect();
            let pooled = |v: usize| -> Vec<f64> {
                picked
                    .iter()
                    .flat_map(|&q| latencies[v][q].iter().copied())
                    .collect()
            };
            let mean_total = picked.iter().map(|&q| totals[q]).sum::<usize>() / picked.len().max(1);
            let (t, tc, to, r, full) = (pooled(0), pooled(1), pooled(2), pooled(3), pooled(4));
            let first = pooled(7);
            println!(
                "| {kind} | {} | {mean_total} | {} | {} | {} | {} | {:.2}× | {:.2}× | {} | {} | {} | {} |",
                filter.label(),
                ms(percentile(&t, 50.0)),
                ms(percentile(&tc, 50.0)),
                ms(percentile(&to, 50.0)),
                ms(percentile(&r, 50.0)),
                percentile(&r, 50.0) / percentile(&t, 50.0),
                percentile(&r, 50.0) / percentile(&to, 50.0),
                ms(percentile(&full, 50.0)),
                ms(percentile(&full, 99.0)),
                ms(percentile(&first, 50.0)),
                ms(percentile(&first, 99.0)),
            );
        }
    }
    let all = |v: usize| -> Vec<f64> { latencies[v].iter().flatten().copied().collect() };
    println!();
    println!("| variant | p50 | p99 |");
    println!("| --- | ---: | ---: |");
    for (v, variant) in variants.iter().enumerate() {
        let pooled = all(v);
        println!(
            "| {variant} | {} | {} |",
            ms(percentile(&pooled, 50.0)),
            ms(percentile(&pooled, 99.0))
        );
    }
    let raad_p50 = percentile(&all(3), 50.0);
    let ratio = raad_p50 / percentile(&all(0), 50.0);
    let ratio_count = raad_p50 / percentile(&all(1), 50.0);
    let ratio_own = raad_p50 / percentile(&all(2), 50.0);
    println!("\nraad top-10 p50 / tantivy top-10 p50 = {ratio:.2}× (/ tantivy top-10 + count: {ratio_count:.2}×; / tantivy-own: {ratio_own:.2}×)");

    if !args.only.is_empty() {
        return Ok(());
    }
    println!("\n| variant | threads | queries/s |");
    println!("| --- | ---: | ---: |");
    for full in [false, true] {
        let qps = throughput(&searcher, &queries, args.threads, full)?;
        let single = throughput(&searcher, &queries, 1, full)?;
        let name = if full { "raad+facets+snippets" } else { "raad" };
        println!("| {name} | 1 | {single:.0} |");
        println!("| {name} | {} | {qps:.0} |", args.threads);
    }
    Ok(())
}

fn micros(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

fn ms(micros: f64) -> String {
    format!("{:.2} ms", micros / 1000.0)
}

fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// What raad computes besides the top 10.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Extras {
    None,
    Facets,
    Snippets,
    Both,
}

fn request(query: &MixQuery, extras: Extras) -> SearchRequest {
    let mut request = SearchRequest::new(query.text.as_str()).limit(10);
    match query.filter {
        Filter::None => {}
        Filter::Party(party) => request = request.party(party),
        Filter::Council(council) => request = request.council(council),
    }
    if matches!(extras, Extras::Facets | Extras::Both) {
        request = request.all_facets();
    }
    if matches!(extras, Extras::None | Extras::Facets) {
        request = request.snippet_chars(0);
    }
    request
}

fn raad(searcher: &Searcher, query: &MixQuery, extras: Extras) -> Result<usize, String> {
    let results = searcher
        .search(&request(query, extras))
        .map_err(|e| format!("{}: {e}", query.text))?;
    Ok(results.total)
}

fn tantivy_top10(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    count: bool,
) -> Result<usize, String> {
    let top = TopDocs::with_limit(10).order_by_score();
    let (hits, total) = if count {
        searcher
            .search(query, &(top, Count))
            .map_err(|e| e.to_string())?
    } else {
        let hits = searcher.search(query, &top).map_err(|e| e.to_string())?;
        let found = hits.len();
        (hits, found)
    };
    for (_, address) in hits {
        let _doc: TantivyDocument = searcher.doc(address).map_err(|e| e.to_string())?;
    }
    Ok(total)
}

fn analyzed(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut words: Vec<(usize, String)> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        // The word itself, not its compound parts.
        if words.last().map(|(p, _)| *p) != Some(token.position) {
            words.push((token.position, token.text.clone()));
        }
    }
    words
}

/// The term queries raad's first phase runs for a mix query, written with plain tantivy.
fn same_terms_query(
    searcher: &tantivy::Searcher,
    schema: &RaadSchema,
    query: &MixQuery,
) -> Result<Box<dyn Query>, String> {
    let mut dutch = dutch_analyzer();
    let text = query.text.trim_matches(['"', '*', '~']);
    let term_query = |field: Field, text: &str, boost: f32| -> (Occur, Box<dyn Query>) {
        let term = TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        );
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(term), boost)),
        )
    };
    let base: Box<dyn Query> = match query.kind {
        "phrase" => {
            return Ok(with_party(
                schema,
                query,
                plain_tantivy_query(schema, query),
            ))
        }
        "prefix" => {
            let folded = analyzed(&mut names_analyzer(), text)
                .into_iter()
                .map(|(_, w)| w)
                .collect::<String>();
            let terms =
                expansions(searcher, schema.body, &folded, None).map_err(|e| e.to_string())?;
            Box::new(BooleanQuery::new(
                terms
                    .iter()
                    .map(|t| term_query(schema.body, t, 1.0))
                    .collect(),
            ))
        }
        "fuzzy name" => {
            let folded = analyzed(&mut names_analyzer(), text)
                .into_iter()
                .map(|(_, w)| w)
                .collect::<String>();
            let stem = analyzed(&mut dutch, text)
                .into_iter()
                .next()
                .map_or(String::new(), |(_, w)| w);
            let mut clauses = Vec::new();
            for term in [&folded, &stem] {
                let distance = text_fuzzy_distance(term);
                for t in expansions(searcher, schema.body, term, Some(distance))
                    .map_err(|e| e.to_string())?
                {
                    clauses.push(term_query(schema.body, &t, 1.0));
                }
            }
            let distance = fuzzy_distance(text);
            for t in expansions(searcher, schema.names, &folded, Some(distance))
                .map_err(|e| e.to_string())?
            {
                clauses.push(term_query(schema.names, &t, 1.0));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        _ => {
            // Every word required (raad matches every word), its compound parts adding to
            // the score: the intersection of the same terms.
            let mut words: Vec<Vec<(Occur, Box<dyn Query>)>> = Vec::new();
            let mut stream = dutch.token_stream(text);
            let mut previous = None;
            while let Some(token) = stream.next() {
                if previous == Some(token.position) {
                    if let Some(word) = words.last_mut() {
                        word.push(term_query(schema.body, &token.text, 0.5));
                    }
                } else {
                    words.push(vec![term_query(schema.body, &token.text, 1.0)]);
                }
                previous = Some(token.position);
            }
            Box::new(BooleanQuery::new(
                words
                    .into_iter()
                    .map(|mut word| {
                        let query: Box<dyn Query> = if word.len() == 1 {
                            word.remove(0).1
                        } else {
                            let main = word.remove(0).1;
                            let mut clauses = vec![(Occur::Must, main)];
                            clauses.extend(word);
                            Box::new(BooleanQuery::new(clauses))
                        };
                        (Occur::Must, query)
                    })
                    .collect(),
            ))
        }
    };
    Ok(with_party(schema, query, base))
}

/// The plain tantivy form of a mix query with tantivy's own query types: the whole words as
/// term, boolean, phrase, phrase-prefix and fuzzy queries on `body` (`names` for the name).
fn plain_tantivy_query(schema: &RaadSchema, query: &MixQuery) -> Box<dyn Query> {
    let mut dutch = dutch_analyzer();
    let text = query.text.trim_matches(['"', '*', '~']);
    let words = analyzed(&mut dutch, text);
    let term = |text: &str| Term::from_field_text(schema.body, text);
    let base: Box<dyn Query> = match query.kind {
        "phrase" if words.len() > 1 => {
            let first = words.first().map_or(0, |(p, _)| *p);
            Box::new(PhraseQuery::new_with_offset(
                words.iter().map(|(p, w)| (p - first, term(w))).collect(),
            ))
        }
        "prefix" => Box::new(PhrasePrefixQuery::new(vec![term(text)])),
        "fuzzy name" => {
            let mut names = names_analyzer();
            let name = analyzed(&mut names, text)
                .into_iter()
                .next()
                .map_or(String::new(), |(_, w)| w);
            Box::new(FuzzyTermQuery::new(
                Term::from_field_text(schema.names, &name),
                2,
                true,
            ))
        }
        _ => Box::new(BooleanQuery::new(
            words
                .iter()
                .map(|(_, w)| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(term(w), IndexRecordOption::WithFreqs))
                            as Box<dyn Query>,
                    )
                })
                .collect(),
        )),
    };
    with_party(schema, query, base)
}

/// `base`, restricted to the query's party or council when it has one.
fn with_party(schema: &RaadSchema, query: &MixQuery, base: Box<dyn Query>) -> Box<dyn Query> {
    let (field, value) = match query.filter {
        Filter::None => return base,
        Filter::Party(party) => (schema.party, party),
        Filter::Council(council) => (schema.council, council),
    };
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, base),
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_facet(field, &facet(value)),
                IndexRecordOption::Basic,
            )),
        ),
    ]))
}

fn throughput(
    searcher: &Searcher,
    queries: &[MixQuery],
    threads: usize,
    full: bool,
) -> Result<f64, String> {
    let rounds = 5;
    let started = Instant::now();
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| {
                    for _ in 0..rounds {
                        for query in queries {
                            let extras = if full { Extras::Both } else { Extras::None };
                            if let Err(error) = raad(searcher, query, extras) {
                                return Some(error);
                            }
                        }
                    }
                    None
                })
            })
            .collect();
        workers
            .into_iter()
            .filter_map(|worker| worker.join().ok().flatten())
            .collect()
    });
    if let Some(error) = failures.into_iter().next() {
        return Err(error);
    }
    let done = (threads.max(1) * rounds * queries.len()) as f64;
    Ok(done / started.elapsed().as_secs_f64())
}

// # Generated records

/// splitmix64: a fixed, dependency-free sequence so every run generates the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PARTIES: [&str; 8] = [
    "N-VA",
    "Groen",
    "Vooruit",
    "Open Vld",
    "CD&V",
    "PVDA",
    "Vlaams Belang",
    "Voor Gent",
];
const FIRST_NAMES: [&str; 10] = [
    "Anne", "Robin", "Els", "Jan", "Karel", "Sofie", "Tom", "Fatma", "Pieter", "Ines",
];
const SURNAMES: [&str; 12] = [
    "Coddens",
    "De Wulf",
    "Peeters",
    "Janssens",
    "Vermeulen",
    "Maes",
    "Claes",
    "Goossens",
    "Wouters",
    "Mertens",
    "Willems",
    "Dubois",
];
const ALDERMEN: [&str; 10] = [
    "Filip Watteeuw",
    "Mathias De Clercq",
    "Tine Heyse",
    "Elke Decruynaere",
    "Sami Souguir",
    "Hafsa El-Bazioui",
    "Astrid De Bruycker",
    "Bram Van Braeckevelt",
    "Evita Willaert",
    "Burgemeester",
];

fn sentences(text: &str) -> Vec<&str> {
    text.split_inclusive(['.', '?'])
        .map(str::trim)
        .filter(|s| s.len() > 20)
        .collect()
}

/// `count` records remixed from the records of `source`; with several `councils`, record n
/// is council `n % councils`'s, with id `bench-<n / councils>`.
fn generate(source: &Path, count: usize, councils: usize) -> Result<Vec<Record>, String> {
    let names = raad_corpus::council_names(councils.max(1));
    let text = std::fs::read_to_string(source).map_err(|e| {
        format!(
            "{}: {e} (the generator remixes the development set of ../shared/data)",
            source.display()
        )
    })?;
    let originals: Vec<Record> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    if originals.is_empty() {
        return Err(format!("{} holds no records", source.display()));
    }
    let pool: Vec<&str> = originals
        .iter()
        .flat_map(|r| r.question.iter().chain(&r.answer))
        .flat_map(|t| sentences(t))
        .collect();
    let councillors: Vec<(String, &str)> = (0..60)
        .map(|i| {
            let name = format!(
                "{} {}",
                FIRST_NAMES[i % FIRST_NAMES.len()],
                SURNAMES[(i / FIRST_NAMES.len() + i) % SURNAMES.len()]
            );
            (name, PARTIES[i % PARTIES.len()])
        })
        .collect();
    let mut rng = Rng(0x5EED);
    let mut records = Vec::with_capacity(count);
    for n in 0..count {
        let base = &originals[rng.below(originals.len())];
        let mut record = if councils > 1 {
            let mut record = Record::new(format!("bench-{:08}", n / councils));
            record.council = Some(names[n % councils].clone());
            record
        } else {
            Record::new(format!("bench-{n:08}"))
        };
        let year = 2014 + rng.below(11) as i32;
        let date = Date::from_ymd(year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
        record.date = date;
        record.kind = Some(
            if rng.below(10) < 7 {
                "mondelinge vraag"
            } else {
                "schriftelijke vraag"
            }
            .to_string(),
        );
        record.title = base.title.clone();
        let asking = 1 + usize::from(rng.below(10) == 0);
        for _ in 0..asking {
            let (name, party) = &councillors[rng.below(councillors.len())];
            record.councillors.push(Councillor {
                name: name.clone(),
                party: Some(party.to_string()),
                party_as_written: None,
            });
        }
        record.alderman = Some(ALDERMEN[rng.below(ALDERMEN.len())].to_string());
        if rng.below(5) == 0 {
            record.involved_aldermen = vec![ALDERMEN[rng.below(ALDERMEN.len())].to_string()];
        }
        record.topics = base.topics.clone();
        let mut paragraph = |sentence_count: usize| -> String {
            (0..sentence_count)
                .map(|_| pool[rng.below(pool.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        if pool.is_empty() {
            record.question = base.question.clone();
            record.answer = base.answer.clone();
        } else {
            record.question = Some(paragraph(3 + n % 4));
            if n % 5 != 0 {
                record.answer = Some(paragraph(2 + n % 5));
                record.answer_date = date;
            }
        }
        records.push(record);
    }
    Ok(records)
}

fn build_index(dir: &Path, records: &[Record], merge: bool) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let schema = RaadSchema::new();
    let index = Index::create_in_dir(dir, schema.schema.clone()).map_err(|e| e.to_string())?;
    register_analyzers(index.tokenizers());
    let mut writer = index
        .writer_with_num_threads(2, 400_000_000)
        .map_err(|e| e.to_string())?;
    for record in records {
        writer
            .add_document(schema.document(record))
            .map_err(|e| e.to_string())?;
    }
    writer.commit().map_err(|e| e.to_string())?;
    // Search on merged segments, as a settled index is.
    let segments = index.searchable_segment_ids().map_err(|e| e.to_string())?;
    if merge && segments.len() > 1 {
        writer.merge(&segments).wait().map_err(|e| e.to_string())?;
    }
    writer.wait_merging_threads().map_err(|e| e.to_string())?;
    IndexMeta::current().write(dir).map_err(|e| e.to_string())?;
    Ok(())
}
