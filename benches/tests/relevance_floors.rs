//! Relevance floors on the development sets in `../shared/data`: raad's search, run through
//! raad-query's plain mode as library users run it, must stay above the scores it reached
//! (minus a small margin) and ahead of tantivy's own Dutch pipeline. Skips with a notice when `../shared` is absent (a fresh clone).

use std::path::{Path, PathBuf};

use raad_benches::relevance::{
    read_queries, read_records, run_through_query, AnalyzerChoice, FieldSetup, IndexedCorpus,
    Report, RunConfig, Task,
};

/// Known-item MRR@10 reached on `dekamer-dev-knownitem.tsv` (0.8883), minus 0.01.
const KNOWN_ITEM_MRR10_FLOOR: f64 = 0.878;
/// Themes nDCG@10 reached on `dekamer-dev-themes.tsv` (0.4776), minus 0.01.
const THEMES_NDCG10_FLOOR: f64 = 0.467;

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data"));
    if dir.join("dekamer-dev.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!("skipping relevance floors: {} is not there", dir.display());
        None
    }
}

fn measure(dir: &Path, corpus: &str, queries: &str, task: Task) -> (Report, Report) {
    let config = RunConfig {
        corpus: dir.join(corpus),
        queries: dir.join(queries),
        task,
        analyzer: AnalyzerChoice::Raad,
        fields: FieldSetup::default(),
    };
    let records = read_records(&config.corpus).expect("corpus reads");
    let queries = read_queries(&config.queries).expect("queries read");
    let fields = FieldSetup::default();
    let report = |choice| {
        let index = IndexedCorpus::build(&records, choice).expect("corpus indexes");
        let report = index.evaluate(&queries, task, fields).expect("queries run");
        eprintln!(
            "{}",
            serde_json::to_string(&report).expect("report serializes")
        );
        report
    };
    let raad = run_through_query(&config).expect("raad-query runs the queries");
    eprintln!(
        "{}",
        serde_json::to_string(&raad).expect("report serializes")
    );
    (raad, report(AnalyzerChoice::TantivyDutch))
}

#[test]
fn known_item_mrr_stays_above_its_floor_and_ahead_of_tantivy_dutch() {
    let Some(dir) = data_dir() else { return };
    let (raad, baseline) = measure(
        &dir,
        "dekamer-dev-notitle.jsonl",
        "dekamer-dev-knownitem.tsv",
        Task::KnownItem,
    );
    assert!(
        raad.mrr10 >= KNOWN_ITEM_MRR10_FLOOR,
        "MRR@10 {} < {}",
        raad.mrr10,
        KNOWN_ITEM_MRR10_FLOOR
    );
    assert!(
        raad.mrr10 > baseline.mrr10,
        "raad {} <= tantivy-dutch {}",
        raad.mrr10,
        baseline.mrr10
    );
}

#[test]
fn themes_ndcg_stays_above_its_floor_and_ahead_of_tantivy_dutch() {
    let Some(dir) = data_dir() else { return };
    let (raad, baseline) = measure(
        &dir,
        "dekamer-dev.jsonl",
        "dekamer-dev-themes.tsv",
        Task::Themes,
    );
    assert!(
        raad.ndcg10 >= THEMES_NDCG10_FLOOR,
        "nDCG@10 {} < {}",
        raad.ndcg10,
        THEMES_NDCG10_FLOOR
    );
    assert!(
        raad.ndcg10 > baseline.ndcg10,
        "raad {} <= tantivy-dutch {}",
        raad.ndcg10,
        baseline.ndcg10
    );
}
