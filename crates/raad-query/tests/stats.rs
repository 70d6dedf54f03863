//! `index_stats`: what an index holds, read through the one open-and-check.

use raad_core::analysis::register_analyzers;
use raad_core::index_meta::{IndexMeta, IndexMetaError};
use raad_core::{RaadSchema, Record};
use raad_query::{index_stats, QueryError};
use tantivy::Index;

/// An index of `records` (given as raad's JSON) in `dir`, with this raad's metadata.
fn index_in(dir: &std::path::Path, records: &[serde_json::Value]) {
    let schema = RaadSchema::new();
    let index = Index::create_in_dir(dir, schema.schema.clone()).unwrap();
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for record in records {
        let record: Record = serde_json::from_value(record.clone()).unwrap();
        writer.add_document(schema.document(&record)).unwrap();
    }
    writer.commit().unwrap();
    IndexMeta::current().write(dir).unwrap();
}

#[test]
fn stats_describe_the_index() {
    let dir = tempfile::tempdir().unwrap();
    index_in(
        dir.path(),
        &[
            serde_json::json!({"id": "2016_MV_00001", "kind": "mondelinge vraag",
                "date": "2016-03-01", "title": "Een", "answer": "Ja.",
                "topics": ["mobiliteit"], "topic_source": "given"}),
            serde_json::json!({"id": "2019_SV_00002", "kind": "schriftelijke vraag",
                "date": "2019-12-31", "title": "Twee",
                "topics": ["mobiliteit"], "topic_source": "inferred", "topic_confidence": 0.5}),
            serde_json::json!({"id": "2018_SV_00003", "kind": "schriftelijke vraag",
                "date": "2018-06-15", "title": "Drie", "answer": "Nee.",
                "topics": ["cultuur"], "topic_source": "given"}),
            serde_json::json!({"id": "2018_XX_00004", "title": "Zonder soort of datum"}),
        ],
    );
    let stats = index_stats(dir.path()).unwrap();
    assert_eq!(stats.records, 4);
    assert_eq!(stats.answered, 2);
    assert_eq!(stats.kinds.len(), 2);
    assert_eq!(stats.kinds["mondelinge vraag"], 1);
    assert_eq!(stats.kinds["schriftelijke vraag"], 2);
    assert_eq!(stats.first_date.unwrap().to_string(), "2016-03-01");
    assert_eq!(stats.last_date.unwrap().to_string(), "2019-12-31");
    assert!(stats.size_bytes > 0);
    assert_eq!(stats.segments, 1);
    assert_eq!(stats.schema_version, raad_core::schema::SCHEMA_VERSION);
    assert_eq!(
        stats.analyzer_version,
        raad_core::analysis::ANALYZER_VERSION
    );
    // `raad stats --json` prints this object: its keys and their order are a contract.
    let text = serde_json::to_string(&stats).unwrap();
    let keys = [
        "records",
        "kinds",
        "answered",
        "first_date",
        "last_date",
        "size_bytes",
        "segments",
        "schema_version",
        "analyzer_version",
        "topic_sources",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|key| text.find(&format!("\"{key}\":")).expect(key))
        .collect();
    assert!(at.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json.as_object().unwrap().len(), keys.len(), "{text}");
    assert_eq!(json["records"], 4);
    assert_eq!(
        json["topic_sources"],
        serde_json::json!({"given": 2, "inferred": 1})
    );
}

#[test]
fn stats_of_records_without_dates_or_kinds() {
    let dir = tempfile::tempdir().unwrap();
    index_in(
        dir.path(),
        &[serde_json::json!({"id": "x-1", "title": "Zonder datum"})],
    );
    let stats = index_stats(dir.path()).unwrap();
    assert_eq!(stats.records, 1);
    assert!(stats.kinds.is_empty());
    assert_eq!((stats.first_date, stats.last_date), (None, None));
    assert!(stats.topic_sources.is_empty());
}

#[test]
fn stats_of_a_missing_index_or_another_version_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("index");
    let err = index_stats(&missing).unwrap_err();
    assert!(matches!(err, QueryError::NoIndex { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("no raad index at {}", missing.display())
    );

    index_in(dir.path(), &[serde_json::json!({"id": "x-1"})]);
    let old = IndexMeta {
        schema_version: IndexMeta::current().schema_version + 1,
        ..IndexMeta::current()
    };
    old.write(dir.path()).unwrap();
    assert!(matches!(
        index_stats(dir.path()),
        Err(QueryError::IndexMeta(
            IndexMetaError::VersionMismatch { .. }
        ))
    ));
}
