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

/// The tantivy schema of raad's schema 6, from before councils: schema 7's fields without
/// `plain_id` and `council`, which schema 7 added last (so every other field keeps its number).
pub fn schema_6() -> tantivy::schema::Schema {
    let current = RaadSchema::new();
    let mut builder = tantivy::schema::Schema::builder();
    for (_, entry) in current.schema.fields() {
        if !matches!(entry.name(), "plain_id" | "council") {
            builder.add_field(entry.clone());
        }
    }
    builder.build()
}

/// Turns the index in `dir`, whose records have no council, into the index raad wrote before
/// councils: schema 6's fields (each record's document has no field schema 7 added), the same
/// stored records, the last commit's payload and the manifest kept, and a `raad.json` of
/// schema 6 and analyzer 2. Extra `documents` (built against schema 6) are added as they are.
pub fn make_schema_6(dir: &Path, documents: Vec<TantivyDocument>) {
    let (index, schema) = open(dir);
    let metas = index.load_metas().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let mut records = Vec::new();
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(1).unwrap();
        for doc in store.iter::<TantivyDocument>(segment.alive_bitset()) {
            let doc = doc.unwrap();
            let json = doc.get_first(schema.record).unwrap().as_str().unwrap();
            let record: raad_core::Record = serde_json::from_str(json).unwrap();
            assert_eq!(record.council, None, "schema 6 had no councils");
            records.push(record);
        }
    }
    drop((searcher, index));

    let old = tempfile::tempdir().unwrap();
    let old_index = Index::create_in_dir(old.path(), schema_6()).unwrap();
    raad_core::analysis::register_analyzers(old_index.tokenizers());
    let mut writer = old_index
        .writer_with_options::<TantivyDocument>(
            tantivy::indexer::IndexWriterOptions::builder()
                .num_worker_threads(1)
                .build(),
        )
        .unwrap();
    for record in &records {
        writer.add_document(schema.document(record)).unwrap();
    }
    for doc in documents {
        writer.add_document(doc).unwrap();
    }
    let mut commit = writer.prepare_commit().unwrap();
    if let Some(payload) = &metas.payload {
        commit.set_payload(payload);
    }
    commit.commit().unwrap();
    writer.wait_merging_threads().unwrap();

    // The index folder: raad's manifest stays, tantivy's files are the old index's.
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name != raad_index::MANIFEST_FILE && !name.starts_with(".tantivy") {
            std::fs::remove_file(&path).unwrap();
        }
    }
    for entry in std::fs::read_dir(old.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !name.starts_with(".tantivy") {
            std::fs::copy(&path, dir.join(&name)).unwrap();
        }
    }
    raad_core::index_meta::IndexMeta {
        schema_version: 6,
        analyzer_version: 2,
        created_by: "raad 0.1.0".to_string(),
    }
    .write(dir)
    .unwrap();
}

/// The names and contents of the files in `dir` and its folders, sorted: what a failed
/// upgrade must leave as it was.
pub fn snapshot_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}
