//! The indexer (parser threads, grouped sends, topic rules) indexes the same terms as tantivy
//! does with the plain analyzers: compared field by field, term by term.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::Fixture;
use raad_core::parse::{self, ParseOptions, RecordFormat};
use raad_core::{RaadSchema, Record};
use tantivy::schema::Field;
use tantivy::{Index, TantivyDocument};

/// Per field: term bytes → document frequency, and the total number of tokens.
type Terms = BTreeMap<(u32, Vec<u8>), u32>;

fn terms(index: &Index, fields: &[Field]) -> (Terms, Vec<u64>) {
    let searcher = index.reader().unwrap().searcher();
    let mut terms = Terms::new();
    let mut totals = vec![0; fields.len()];
    for segment in searcher.segment_readers() {
        for (i, &field) in fields.iter().enumerate() {
            let inverted = segment.inverted_index(field).unwrap();
            totals[i] += inverted.total_num_tokens();
            let mut stream = inverted.terms().stream().unwrap();
            while stream.advance() {
                *terms
                    .entry((field.field_id(), stream.key().to_vec()))
                    .or_default() += stream.value().doc_freq;
            }
        }
    }
    (terms, totals)
}

fn plain_index(records: &[Record]) -> Index {
    let schema = RaadSchema::new();
    let index = Index::create_in_ram(schema.schema.clone());
    raad_core::analysis::register_analyzers(index.tokenizers());
    let mut writer = index.writer::<TantivyDocument>(50_000_000).unwrap();
    for record in records {
        writer.add_document(schema.document(record)).unwrap();
    }
    writer.commit().unwrap();
    index
}

fn compare(fx: &Fixture, file: &Path) {
    let parsed = parse::parse_bytes(
        file,
        &std::fs::read(file).unwrap(),
        RecordFormat::JsonLines,
        &ParseOptions::default(),
    );
    let records = parsed.records;
    assert!(!records.is_empty());
    // Inference rewrites documents, and the terms of the replaced ones stay in the segments
    // until a merge: compare what the pipeline writes.
    let indexer = fx.indexer().infer_topics(false).build().unwrap();
    let report = fx.run_with(&indexer, &[file.to_path_buf()]);
    assert_eq!(report.indexed as usize, records.len());

    let schema = RaadSchema::new();
    let fields = [schema.body, schema.names];
    let (index, _) = common::open(&fx.index_dir());
    let (written, written_totals) = terms(&index, &fields);
    let (plain, plain_totals) = terms(&plain_index(&records), &fields);
    assert_eq!(written_totals, plain_totals);
    assert_eq!(written.len(), plain.len());
    assert!(written == plain, "the term dictionaries differ");
}

#[test]
fn fixture_records_get_the_terms_of_plain_analysis() {
    let fx = Fixture::new();
    let lines: Vec<String> = [
        serde_json::json!({"id": "2016_MV_00001", "title": "Fietspaden in de Brugse Poort",
            "question": "Wanneer worden de fietspaden van N-VA vernieuwd?\n\nEn de camera's van de",
            "answer": "Volgend voorjaar, zegt de schepen. De stadsbestuur-beslissing volgt.",
            "councillors": [{"name": "Robin De Wulf", "party": "N-VA"}], "alderman": "Filip Watteeuw"}),
        serde_json::json!({"id": "2016_MV_00002", "title": "Verlichting van de",
            "question": "Straatverlichting.Kunt u 3.000 lampen vervangen?"}),
        serde_json::json!({"id": "2016_MV_00003", "title": "Alleen een titel"}),
        serde_json::json!({"id": "2016_MV_00004", "question": "Geen titel, wel een vraag",
            "answer": "Geen titel, wel een vraag"}),
    ]
    .iter()
    .map(|v| v.to_string())
    .collect();
    let file = fx.write("records.jsonl", &lines);
    compare(&fx, &file);
}

#[test]
fn dekamer_records_get_the_terms_of_plain_analysis() {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/dekamer-dev.jsonl");
    let Ok(text) = std::fs::read_to_string(&shared) else {
        eprintln!("skipped: {} is absent", shared.display());
        return;
    };
    let fx = Fixture::new();
    let lines: Vec<String> = text.lines().take(300).map(str::to_string).collect();
    let file = fx.write("dekamer.jsonl", &lines);
    compare(&fx, &file);
}
