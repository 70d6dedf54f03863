//! Versions, locking and interrupted runs: the index stays usable and a re-run repairs it.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use common::{records, Fixture};
use raad_core::index_meta::{IndexMeta, IndexMetaError};
use raad_index::{IndexError, Progress, MANIFEST_FILE};
use raad_query::{index_stats, QueryError};

#[test]
fn an_index_of_another_version_is_refused_until_rebuilt() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 2, "Fietspad"));
    fx.run(std::slice::from_ref(&a));
    let old = IndexMeta {
        analyzer_version: IndexMeta::current().analyzer_version + 1,
        ..IndexMeta::current()
    };
    old.write(&fx.index_dir()).unwrap();

    let err = fx
        .indexer()
        .build()
        .unwrap()
        .run(std::slice::from_ref(&a))
        .unwrap_err();
    assert!(matches!(err, IndexError::VersionMismatch { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains(&fx.index_dir().display().to_string()),
        "{message}"
    );
    assert!(message.ends_with(": rebuild the index"), "{message}");
    assert!(matches!(
        index_stats(&fx.index_dir()),
        Err(QueryError::IndexMeta(
            IndexMetaError::VersionMismatch { .. }
        ))
    ));

    let mut rebuild = fx.indexer();
    rebuild.rebuild(true);
    let report = rebuild.build().unwrap().run(&[a]).unwrap();
    assert_eq!((report.indexed, report.records_in_index), (2, 2));
    assert_eq!(
        IndexMeta::check(&fx.index_dir()).unwrap(),
        IndexMeta::current()
    );
}

#[test]
fn a_folder_that_is_not_an_index_is_left_alone() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 2, "Fietspad"));
    std::fs::create_dir(fx.index_dir()).unwrap();
    std::fs::write(fx.index_dir().join("notes.txt"), "mine").unwrap();
    let err = fx.indexer().build().unwrap().run(&[a]).unwrap_err();
    assert!(matches!(err, IndexError::NotAnIndex { .. }), "{err:?}");
    assert_eq!(
        std::fs::read_to_string(fx.index_dir().join("notes.txt")).unwrap(),
        "mine"
    );
}

/// Opens a second indexer on the same index from inside the first one's run, and searches.
struct SecondWriter {
    fixture_index: std::path::PathBuf,
    seen: Mutex<Option<(String, u64)>>,
}

impl Progress for SecondWriter {
    fn file_done(&self, _records: u64, _bytes: u64) {
        let mut seen = self.seen.lock().unwrap();
        if seen.is_some() {
            return;
        }
        let second = raad_index::IndexerBuilder::new(&self.fixture_index)
            .threads(1)
            .lock_wait(std::time::Duration::ZERO)
            .build()
            .unwrap()
            .run(&[]);
        let message = match second {
            Err(err @ IndexError::Locked { .. }) => err.to_string(),
            other => panic!("expected a lock error, got {other:?}"),
        };
        // Reading works while the first writer holds the lock.
        let records = index_stats(&self.fixture_index).unwrap().records;
        *seen = Some((message, records));
    }
}

#[test]
fn a_second_writer_is_refused_and_searches_keep_working() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    fx.run(&[a]);
    let b = fx.write("b.jsonl", &records(10, 2, "Verlichting"));

    let progress = Arc::new(SecondWriter {
        fixture_index: fx.index_dir(),
        seen: Mutex::new(None),
    });
    let mut indexer = fx.indexer();
    indexer.progress(progress.clone());
    let report = indexer.build().unwrap().run(&[b]).unwrap();
    assert_eq!(report.records_in_index, 5);

    let (message, records_meanwhile) = progress.seen.lock().unwrap().clone().unwrap();
    assert_eq!(
        message,
        format!(
            "the index at {} is locked: another process is writing it; wait for it to finish \
             (searches keep working meanwhile)",
            fx.index_dir().display()
        )
    );
    assert_eq!(records_meanwhile, 3);
}

/// Stops the run (by panicking, the nearest a test gets to a kill) at the n-th commit.
struct StopAtCommit {
    commits: AtomicUsize,
    stop_at: usize,
}

impl Progress for StopAtCommit {
    fn committing(&self) {
        if self.commits.fetch_add(1, Ordering::SeqCst) + 1 == self.stop_at {
            panic!("stopped before commit {}", self.stop_at);
        }
    }
}

#[test]
fn a_run_stopped_between_commits_is_completed_by_the_next_one() {
    let fx = Fixture::new();
    let files: Vec<_> = (0..6)
        .map(|f| fx.write(&format!("f{f}.jsonl"), &records(f * 1000, 300, "Dossier")))
        .collect();
    let mut indexer = fx.indexer();
    indexer
        .commit_every_records(250)
        .progress(Arc::new(StopAtCommit {
            commits: AtomicUsize::new(0),
            stop_at: 4,
        }));
    let indexer = indexer.build().unwrap();
    let stopped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| indexer.run(&files)));
    assert!(stopped.is_err());

    // The index opens at its last commit: some records are in, not all.
    let partial = index_stats(&fx.index_dir()).unwrap().records;
    assert!(partial > 0 && partial < 1800, "{partial}");

    let report = fx.run(&files);
    assert_eq!(report.records_in_index, 1800);
    assert_eq!(report.indexed + report.replaced + report.unchanged, 1800);
    assert_eq!(report.indexed, 1800 - partial);
    for f in 0..6 {
        assert_eq!(fx.count_id(&format!("2017_SV_{:05}", f * 1000 + 299)), 1);
    }
    let after = fx.run(&files);
    assert_eq!((after.unchanged, after.skipped_unchanged_files), (1800, 6));
}

#[test]
fn a_file_committed_without_its_done_line_is_indexed_again() {
    // The state a kill leaves between a commit and the manifest's `done` line: the index holds
    // the new content of a.jsonl, the manifest's last word on it is `dirty`. If the file then
    // goes back to the content the manifest last saw as done, it must not be skipped.
    let fx = Fixture::new();
    let first_content = records(1, 3, "Eerste versie");
    let a = fx.write("a.jsonl", &first_content);
    fx.run(std::slice::from_ref(&a));
    let manifest_path = fx.index_dir().join(MANIFEST_FILE);
    let manifest_after_first = std::fs::read_to_string(&manifest_path).unwrap();

    fx.write("a.jsonl", &records(1, 3, "Tweede versie"));
    fx.run(std::slice::from_ref(&a));
    let after_second = std::fs::read_to_string(&manifest_path).unwrap();
    let dirty_line = after_second
        .lines()
        .find(|line| line.contains(r#""op":"dirty""#))
        .expect("the second run marks a.jsonl dirty")
        .to_string();
    std::fs::write(
        &manifest_path,
        format!("{manifest_after_first}{dirty_line}\n"),
    )
    .unwrap();

    fx.write("a.jsonl", &first_content);
    let report = fx.run(std::slice::from_ref(&a));
    assert_eq!((report.unchanged, report.replaced), (0, 3));
    assert_eq!(fx.stored("2017_SV_00001")["title"], "Eerste versie 1");
}

#[test]
fn a_torn_manifest_line_costs_a_re_read_and_nothing_else() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    let b = fx.write("b.jsonl", &records(10, 2, "Verlichting"));
    fx.run(&[a.clone(), b.clone()]);
    let manifest_path = fx.index_dir().join(MANIFEST_FILE);
    let mut text = std::fs::read_to_string(&manifest_path).unwrap();
    text.push_str(r#"{"op":"dirty","path":"#);
    std::fs::write(&manifest_path, text).unwrap();

    let report = fx.run(&[a.clone(), b.clone()]);
    assert_eq!((report.unchanged, report.records_in_index), (5, 5));
    // The torn line was dropped when the manifest was rewritten.
    let rewritten = std::fs::read_to_string(&manifest_path).unwrap();
    assert!(rewritten.ends_with("}\n"), "{rewritten}");
    assert_eq!(fx.run(&[a, b]).unchanged, 5);
}

#[test]
fn settings_out_of_range_are_refused() {
    let fx = Fixture::new();
    let err = fx.indexer().threads(0).build().unwrap_err();
    assert_eq!(err.to_string(), "threads must be between 1 and 8, not 0");
    let err = fx
        .indexer()
        .threads(2)
        .memory_budget(20_000_000)
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "a memory budget of 20000000 bytes is too small for 2 thread(s): give at least \
         30000000 bytes (15000000 per thread)"
    );
}

#[test]
fn a_rebuild_is_refused_and_deletes_nothing_while_another_writer_works() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    fx.run(std::slice::from_ref(&a));

    let (index, _) = common::open(&fx.index_dir());
    let other_writer = index
        .writer::<tantivy::TantivyDocument>(20_000_000)
        .unwrap();
    let mut rebuild = fx.indexer();
    rebuild.rebuild(true);
    let err = rebuild.build().unwrap().run(&[a]).unwrap_err();
    assert!(matches!(err, IndexError::Locked { .. }), "{err:?}");
    drop(other_writer);
    assert_eq!(index_stats(&fx.index_dir()).unwrap().records, 3);
}
