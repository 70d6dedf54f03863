//! Fixtures shared by the indexer tests: small JSON Lines record files in a temp folder, and
//! read-only looks into the index they are indexed into.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use raad_core::id::id_key;
use raad_core::RaadSchema;
use raad_index::{IndexReport, Indexer, IndexerBuilder};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, TantivyDocument, Term};

/// A temp folder with an `index` subfolder and record files beside it.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Writes `lines` (JSON records or anything else) as the file `name`.
    pub fn write(&self, name: &str, lines: &[String]) -> PathBuf {
        let path = self.dir.path().join(name);
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        path
    }

    /// An indexer with one thread, a small budget and the given commit interval in records.
    pub fn indexer(&self) -> IndexerBuilder {
        let mut builder = IndexerBuilder::new(self.index_dir());
        builder.threads(1).memory_budget(20_000_000);
        builder
    }

    pub fn run(&self, paths: &[PathBuf]) -> IndexReport {
        self.indexer().build().unwrap().run(paths).unwrap()
    }

    pub fn run_with(&self, indexer: &Indexer, paths: &[PathBuf]) -> IndexReport {
        indexer.run(paths).unwrap()
    }

    /// How many live documents hold this id.
    pub fn count_id(&self, id: &str) -> usize {
        let (index, schema) = open(&self.index_dir());
        let searcher = index.reader().unwrap().searcher();
        let query = TermQuery::new(
            Term::from_field_text(schema.id, &id_key(id)),
            IndexRecordOption::Basic,
        );
        searcher.search(&query, &Count).unwrap()
    }

    /// The stored record JSON of the (one) document with this id.
    pub fn stored(&self, id: &str) -> serde_json::Value {
        let (index, schema) = open(&self.index_dir());
        let searcher = index.reader().unwrap().searcher();
        let query = TermQuery::new(
            Term::from_field_text(schema.id, &id_key(id)),
            IndexRecordOption::Basic,
        );
        let hits = searcher
            .search(&query, &TopDocs::with_limit(2).order_by_score())
            .unwrap();
        assert_eq!(hits.len(), 1, "expected one document with id {id}");
        let doc: TantivyDocument = searcher.doc(hits[0].1).unwrap();
        let json = doc.get_first(schema.record).unwrap().as_str().unwrap();
        serde_json::from_str(json).unwrap()
    }

    /// The opstamp of the last commit.
    pub fn opstamp(&self) -> u64 {
        let (index, _) = open(&self.index_dir());
        index.load_metas().unwrap().opstamp
    }
}

pub fn open(dir: &Path) -> (Index, RaadSchema) {
    let index = Index::open_in_dir(dir).unwrap();
    raad_core::analysis::register_analyzers(index.tokenizers());
    let schema = RaadSchema::from_schema(&index.schema()).unwrap();
    (index, schema)
}

/// One record as a JSON line.
pub fn record(id: &str, title: &str) -> String {
    serde_json::json!({
        "id": id,
        "kind": "schriftelijke vraag",
        "date": "2017-01-04",
        "title": title,
        "question": format!("Vraag over {title}."),
    })
    .to_string()
}

/// `n` records `2017_SV_<start>`… with titles `<title> <n>`.
pub fn records(start: u32, n: u32, title: &str) -> Vec<String> {
    (start..start + n)
        .map(|i| record(&format!("2017_SV_{i:05}"), &format!("{title} {i}")))
        .collect()
}
