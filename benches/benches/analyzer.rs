//! Analyzer throughput: raad's Dutch analyzer against tantivy's own Dutch pipeline and its
//! default analyzer, in one criterion group over the same text.
//!
//! The text is every question of `../shared/data/be-parliament-2020-nl.jsonl` (about 8 MB of
//! Dutch with diacritics). Without `../shared` the benchmark prints a notice and measures
//! nothing. Each iteration analyzes all texts with one analyzer, as an indexing thread does,
//! and checks the token count so the work cannot be optimized away. raad's analyzer remembers
//! what each word became (and keeps caches of compound splits and stems), warm after the first
//! pass; `raad-cold-caches` builds a fresh analyzer for every pass.
//!
//! `cargo bench -p raad-benches --bench analyzer`

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use raad_benches::relevance::AnalyzerChoice;
use tantivy::tokenizer::TextAnalyzer;

fn texts() -> Option<Vec<String>> {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/be-parliament-2020-nl.jsonl"
    ));
    let Ok(content) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipping the analyzer benchmark: {} is not there",
            path.display()
        );
        return None;
    };
    #[derive(serde::Deserialize)]
    struct Line {
        text: String,
    }
    let texts: Vec<String> = content
        .lines()
        .filter_map(|line| serde_json::from_str::<Line>(line).ok())
        .map(|line| line.text)
        .collect();
    Some(texts)
}

fn count_tokens(analyzer: &mut TextAnalyzer, texts: &[String]) -> usize {
    let mut count = 0;
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            count += 1;
        }
    }
    count
}

fn analyzers(c: &mut Criterion) {
    let Some(texts) = texts() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("analyzer");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for choice in [
        AnalyzerChoice::TantivyDutch,
        AnalyzerChoice::Raad,
        AnalyzerChoice::TantivyDefault,
    ] {
        let mut analyzer = choice.analyzer();
        let expected = count_tokens(&mut analyzer, &texts);
        assert!(expected > 0, "{choice} produced no tokens");
        group.bench_function(choice.name(), |b| {
            b.iter(|| assert_eq!(count_tokens(&mut analyzer, &texts), expected))
        });
    }
    // The word memory and the compound and stem caches start empty: the cost of an indexing
    // thread's first pass.
    let expected = count_tokens(&mut AnalyzerChoice::Raad.analyzer(), &texts);
    group.bench_function("raad-cold-caches", |b| {
        b.iter(|| {
            assert_eq!(
                count_tokens(&mut AnalyzerChoice::Raad.analyzer(), &texts),
                expected
            )
        })
    });
    group.finish();
}

criterion_group!(benches, analyzers);
criterion_main!(benches);
