//! Opening indexes from disk: the version check, missing indexes, reloads, many threads.

mod common;

use raad_core::analysis::register_analyzers;
use raad_core::index_meta::{IndexMeta, IndexMetaError};
use raad_core::RaadSchema;
use raad_query::{QueryError, SearchRequest, Searcher};
use tantivy::Index;

fn index_in(dir: &std::path::Path, records: &[raad_core::Record]) -> Index {
    let schema = RaadSchema::new();
    let index = Index::create_in_dir(dir, schema.schema.clone()).unwrap();
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for record in records {
        writer.add_document(schema.document(record)).unwrap();
    }
    writer.commit().unwrap();
    index
}

#[test]
fn opens_an_index_written_by_this_raad() {
    let dir = tempfile::tempdir().unwrap();
    index_in(dir.path(), &common::records());
    IndexMeta::current().write(dir.path()).unwrap();
    let searcher = Searcher::open(dir.path()).unwrap();
    assert_eq!(searcher.num_records(), 12);
    assert_eq!(
        searcher
            .search(&SearchRequest::new("zwerfvuil"))
            .unwrap()
            .total,
        2
    );
}

#[test]
fn a_directory_without_index_is_no_index() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    match Searcher::open(&missing) {
        Err(error @ QueryError::NoIndex { .. }) => assert_eq!(
            error.to_string(),
            format!("no raad index at {}", missing.display())
        ),
        other => panic!("expected NoIndex, got {other:?}"),
    }
    // A tantivy index without raad's metadata is not a raad index either.
    index_in(dir.path(), &[]);
    assert!(matches!(
        Searcher::open(dir.path()),
        Err(QueryError::NoIndex { .. })
    ));
}

#[test]
fn an_index_of_another_version_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    index_in(dir.path(), &common::records());
    let mut meta = IndexMeta::current();
    meta.analyzer_version += 1;
    meta.write(dir.path()).unwrap();
    match Searcher::open(dir.path()) {
        Err(QueryError::IndexMeta(error @ IndexMetaError::VersionMismatch { .. })) => {
            let message = error.to_string();
            assert!(message.contains("was built with schema"), "{message}");
            assert!(message.ends_with(": rebuild the index"), "{message}");
        }
        other => panic!("expected a version mismatch, got {other:?}"),
    }
}

#[test]
fn new_commits_become_visible() {
    let records = common::records();
    let index = common::index_of(&records[..4]);
    let searcher = Searcher::from_index(index.clone()).unwrap();
    assert_eq!(searcher.num_records(), 4);
    let schema = RaadSchema::new();
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    writer.add_document(schema.document(&records[6])).unwrap();
    writer.commit().unwrap();
    searcher.reload().unwrap();
    assert_eq!(searcher.num_records(), 5);
    assert_eq!(searcher.get("2018_SV_00120").unwrap().id, "2018_SV_00120");
}

#[test]
fn one_searcher_serves_many_threads() {
    let searcher = common::searcher();
    let expected = searcher
        .search(&SearchRequest::new("fiets*").all_facets())
        .unwrap();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    (0..20)
                        .map(|_| {
                            searcher
                                .search(&SearchRequest::new("fiets*").all_facets())
                                .unwrap()
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            for results in worker.join().unwrap() {
                assert_eq!(results.hits, expected.hits);
                assert_eq!(results.facets, expected.facets);
            }
        }
    });
}
