//! An index raad wrote before councils (schema 6, analyzer 2) is upgraded in place by the next
//! run, keeping every record, its manifest (unchanged files stay unchanged) and its topics;
//! an upgrade that fails leaves the old index as it was, and one a kill left half done is
//! finished or started over.

mod common;

use std::path::PathBuf;

use common::{make_schema_6, snapshot_files, Fixture};
use raad_core::index_meta::IndexMeta;
use raad_core::parse::ParseOptions;
use raad_index::{IndexError, Upgrade};
use raad_query::{check_index, SearchRequest, Searcher};
use tantivy::TantivyDocument;

/// The folder an upgrade builds the new index in.
const STAGING: &str = "raad-upgrade";

/// `a.jsonl` (three records about a Fietspad) and `b.jsonl` (two about Verlichting), indexed,
/// and the index turned into one of schema 6.
fn old_index(fx: &Fixture) -> Vec<PathBuf> {
    let a = fx.write("a.jsonl", &common::records(1, 3, "Fietspad"));
    let b = fx.write("b.jsonl", &common::records(4, 2, "Verlichting"));
    let files = vec![a, b];
    let report = fx.run(&files);
    assert_eq!(report.records_in_index, 5);
    make_schema_6(&fx.index_dir(), Vec::new());
    files
}

/// The ids of every record a search for `text` finds, sorted.
fn ids(searcher: &Searcher, text: &str) -> Vec<String> {
    let results = searcher
        .search(&SearchRequest::new(text).limit(100))
        .unwrap();
    let mut ids: Vec<String> = results.hits.into_iter().map(|hit| hit.id).collect();
    ids.sort();
    ids
}

#[test]
fn readers_say_what_changed_and_to_index_it_again() {
    let fx = Fixture::new();
    old_index(&fx);
    let error = Searcher::open(fx.index_dir()).unwrap_err().to_string();
    let analyzer = raad_core::analysis::ANALYZER_VERSION;
    assert_eq!(
        error,
        format!(
            "the index at {} was built with schema 6, analyzer 2 (before councils: its records \
             have no council, and the same id in two councils would be one record); this \
             version reads schema 7, analyzer {analyzer}: index it again to upgrade it in \
             place, keeping its records",
            fx.index_dir().display()
        )
    );
}

#[test]
fn an_index_from_before_councils_is_upgraded_keeping_every_record_and_the_manifest() {
    let fx = Fixture::new();
    let files = old_index(&fx);
    let report = fx.run(&files);
    assert_eq!(
        report.upgraded,
        Some(Upgrade {
            from_schema: 6,
            from_analyzer: 2,
            records: 5,
            with_council: 0,
        })
    );
    // The manifest was kept: the files are unchanged, nothing is read again.
    assert_eq!(
        (
            report.skipped_unchanged_files,
            report.unchanged,
            report.indexed,
            report.replaced,
            report.removed
        ),
        (2, 5, 0, 0, 0)
    );
    assert_eq!(report.records_in_index, 5);
    assert_eq!(
        IndexMeta::read(&fx.index_dir()).unwrap(),
        Some(IndexMeta::current())
    );
    assert!(!fx.index_dir().join(STAGING).exists());
    // No file of the old index is left, none of the new one is missing.
    let check = check_index(fx.index_dir()).unwrap();
    assert!(check.findings.is_empty(), "{:?}", check.findings);

    let searcher = Searcher::open(fx.index_dir()).unwrap();
    assert_eq!(
        ids(&searcher, "fietspad"),
        ["2017_SV_00001", "2017_SV_00002", "2017_SV_00003"]
    );
    assert_eq!(
        ids(&searcher, "verlichting"),
        ["2017_SV_00004", "2017_SV_00005"]
    );
    let record = searcher.get("2017_SV_00005").unwrap();
    assert_eq!(record.council, None);
    assert_eq!(record.title.as_deref(), Some("Verlichting 5"));
    assert_eq!(record.source.unwrap().path, files[1].display().to_string());

    // Done once: the next run finds a current index.
    let again = fx.run(&files);
    assert_eq!(again.upgraded, None);
    assert_eq!(
        (again.skipped_unchanged_files, again.records_in_index),
        (2, 5)
    );
}

#[test]
fn an_upgrade_without_files_gives_the_records_the_council_the_run_names() {
    let fx = Fixture::new();
    let files = old_index(&fx);
    let mut indexer = fx.indexer();
    indexer.parse_options(ParseOptions {
        council: Some("Gent".to_string()),
        ..ParseOptions::default()
    });
    let indexer = indexer.build().unwrap();
    let report = indexer.run(&[]).unwrap();
    assert_eq!(
        report
            .upgraded
            .as_ref()
            .map(|u| (u.records, u.with_council)),
        Some((5, 5))
    );
    let searcher = Searcher::open(fx.index_dir()).unwrap();
    let record = searcher.get_in("Gent", "2017_SV_00001").unwrap();
    assert_eq!(record.council.as_deref(), Some("Gent"));
    let results = searcher
        .search(&SearchRequest::new("fietspad").council("gent"))
        .unwrap();
    assert_eq!(results.total, 3);
    drop(searcher);

    // Indexing the files for Gent now replaces the records, one per id.
    let report = indexer.run(&files).unwrap();
    assert_eq!(report.upgraded, None);
    assert_eq!(
        (report.indexed, report.replaced, report.records_in_index),
        (0, 5, 5)
    );
}

#[test]
fn a_failed_upgrade_leaves_the_old_index_as_it_was() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &common::records(1, 3, "Fietspad"));
    fx.run(std::slice::from_ref(&a));
    // One document whose stored record is not a record: the upgrade cannot carry it over,
    // and must not drop it silently.
    let schema = common::schema_6();
    let mut bad = TantivyDocument::new();
    bad.add_text(schema.get_field("id").unwrap(), "2017_sv_00009");
    bad.add_text(schema.get_field("record").unwrap(), "{not a record");
    make_schema_6(&fx.index_dir(), vec![bad]);
    let before = snapshot_files(&fx.index_dir());

    let error = fx
        .indexer()
        .build()
        .unwrap()
        .run(std::slice::from_ref(&a))
        .unwrap_err();
    assert!(
        matches!(&error, IndexError::Damaged { message, .. } if message.contains("bad record")),
        "{error:?}"
    );
    assert_eq!(snapshot_files(&fx.index_dir()), before);
    assert!(!fx.index_dir().join(STAGING).exists());
}

#[test]
fn an_upgrade_killed_while_building_starts_over() {
    let fx = Fixture::new();
    let files = old_index(&fx);
    // What a kill while the new index was built leaves: a staging folder without raad.json.
    let staging = fx.index_dir().join(STAGING);
    std::fs::create_dir(&staging).unwrap();
    std::fs::write(staging.join("meta.json"), "{half").unwrap();
    std::fs::write(staging.join("0123456789abcdef0123456789abcdef.idx"), "half").unwrap();

    let report = fx.run(&files);
    assert_eq!(report.upgraded.map(|u| u.records), Some(5));
    assert_eq!(report.records_in_index, 5);
    assert!(!staging.exists());
    let searcher = Searcher::open(fx.index_dir()).unwrap();
    assert_eq!(
        ids(&searcher, "verlichting"),
        ["2017_SV_00004", "2017_SV_00005"]
    );
}

#[test]
fn a_rebuild_of_an_index_from_before_councils_reads_its_files_again() {
    let fx = Fixture::new();
    let files = old_index(&fx);
    let mut rebuild = fx.indexer();
    rebuild.rebuild(true);
    let report = rebuild.build().unwrap().run(&files).unwrap();
    assert_eq!(report.upgraded, None);
    assert_eq!((report.indexed, report.records_in_index), (5, 5));
    let searcher = Searcher::open(fx.index_dir()).unwrap();
    assert_eq!(
        ids(&searcher, "verlichting"),
        ["2017_SV_00004", "2017_SV_00005"]
    );
}

#[test]
fn an_upgrade_stopped_leaves_the_old_index_and_the_next_run_upgrades_it() {
    let fx = Fixture::new();
    let files = old_index(&fx);
    let before = snapshot_files(&fx.index_dir());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let mut stopped = fx.indexer();
    stopped.cancel_flag(stop);
    let report = stopped.build().unwrap().run(&files).unwrap();
    assert!(report.interrupted);
    assert_eq!((report.upgraded, report.records_in_index), (None, 5));
    assert_eq!(snapshot_files(&fx.index_dir()), before);

    let report = fx.run(&files);
    assert_eq!(report.upgraded.map(|u| u.records), Some(5));
    assert_eq!(report.skipped_unchanged_files, 2);
}

/// The folder indexed has since got a raad.toml: the upgrade gives its records that council,
/// and the manifest follows the new keys, so a record its file no longer holds still leaves.
#[test]
fn an_upgrade_with_a_raad_toml_keeps_the_manifest_true_to_the_new_keys() {
    let fx = Fixture::new();
    let folder = fx.dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    let a = folder.join("a.jsonl");
    let b = folder.join("b.jsonl");
    std::fs::write(&a, common::records(1, 3, "Fietspad").join("\n") + "\n").unwrap();
    std::fs::write(&b, common::records(4, 2, "Verlichting").join("\n") + "\n").unwrap();
    assert_eq!(fx.run(std::slice::from_ref(&folder)).records_in_index, 5);
    make_schema_6(&fx.index_dir(), Vec::new());

    std::fs::write(folder.join("raad.toml"), "council = \"Gent\"\n").unwrap();
    // a.jsonl no longer holds 2017_SV_00003.
    std::fs::write(&a, common::records(1, 2, "Fietspad").join("\n") + "\n").unwrap();
    let report = fx.run(std::slice::from_ref(&folder));
    assert_eq!(
        report
            .upgraded
            .as_ref()
            .map(|u| (u.records, u.with_council)),
        Some((5, 5))
    );
    assert_eq!(
        (report.replaced, report.removed, report.records_in_index),
        (4, 1, 4)
    );
    let searcher = Searcher::open(fx.index_dir()).unwrap();
    assert_eq!(
        ids(&searcher, "fietspad"),
        ["2017_SV_00001", "2017_SV_00002"]
    );
    assert_eq!(
        searcher.get("2017_SV_00004").unwrap().council.as_deref(),
        Some("Gent")
    );
}
