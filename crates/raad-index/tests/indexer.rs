//! Indexer behaviour as a user sees it: counts in the report, documents in the index.

mod common;

use common::{record, records, Fixture};
use raad_index::{Duplicate, Rejection, Repeated, WrittenId};

#[test]
fn first_run_indexes_every_record() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    let b = fx.write("b.jsonl", &records(10, 2, "Verlichting"));
    let report = fx.run(&[a, b]);
    assert_eq!(report.files, 2);
    assert_eq!(report.indexed, 5);
    assert_eq!(report.replaced, 0);
    assert_eq!(report.unchanged, 0);
    assert_eq!(report.records_in_index, 5);
    assert!(report.rejected.is_empty());
    assert_eq!(fx.count_id("2017_SV_00010"), 1);
}

#[test]
fn changed_record_replaces_the_old_one() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    fx.run(std::slice::from_ref(&a));

    let mut changed = records(1, 3, "Fietspad");
    changed[1] = record("2017_SV_00002", "Zebrapad");
    changed.push(record("2017_SV_00004", "Nieuw"));
    fx.write("a.jsonl", &changed);
    let report = fx.run(&[a]);

    // Every record of a changed file is written again: three ids were there, one is new.
    assert_eq!((report.indexed, report.replaced, report.removed), (1, 3, 0));
    assert_eq!(report.records_in_index, 4);
    assert_eq!(fx.count_id("2017_SV_00002"), 1);
    assert_eq!(fx.stored("2017_SV_00002")["title"], "Zebrapad");
}

#[test]
fn the_same_id_spelled_differently_is_one_record() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &[record("2017_SV_00007", "Eerste")]);
    fx.run(std::slice::from_ref(&a));
    let b = fx.write("b.jsonl", &[record("2017 sv 7", "Tweede")]);
    let report = fx.run(&[a, b]);
    assert_eq!((report.indexed, report.replaced), (0, 1));
    assert_eq!(report.records_in_index, 1);
    assert_eq!(fx.stored("2017_SV_00007")["title"], "Tweede");
}

#[test]
fn within_one_run_the_later_file_wins_whatever_the_thread_order() {
    for threads in [1, 2] {
        let fx = Fixture::new();
        // Many records in the first file so that the second one, small, is often parsed first.
        let mut first = records(100, 400, "Vroeg");
        first.push(record("2017_SV_00001", "Uit het eerste bestand"));
        let a = fx.write("a.jsonl", &first);
        let b = fx.write(
            "b.jsonl",
            &[record("2017_SV_00001", "Uit het tweede bestand")],
        );
        let mut indexer = fx.indexer();
        indexer.threads(threads).memory_budget(40_000_000);
        let report = fx.run_with(&indexer.build().unwrap(), &[a, b]);
        assert_eq!(
            (report.indexed, report.replaced, report.repeated),
            (401, 0, 1),
            "{threads} threads"
        );
        assert_eq!(report.records_in_index, 401);
        assert_eq!(fx.count_id("2017_SV_00001"), 1);
        assert_eq!(
            fx.stored("2017_SV_00001")["title"],
            "Uit het tweede bestand",
            "{threads} threads"
        );
    }
}

#[test]
fn within_one_file_the_later_record_wins_and_the_repeat_is_reported() {
    let fx = Fixture::new();
    let a = fx.write(
        "a.jsonl",
        &[
            record("2017_SV_00001", "Oud"),
            record("2017_SV_00002", "Ander"),
            record("2017_SV_00001", "Nieuw"),
        ],
    );
    let report = fx.run(std::slice::from_ref(&a));
    // Three records read: two ids indexed, one record repeats an id of this run.
    assert_eq!(
        (report.indexed, report.replaced, report.repeated),
        (2, 0, 1)
    );
    assert_eq!(report.records_in_index, 2);
    assert_eq!(fx.count_id("2017_SV_00001"), 1);
    assert_eq!(fx.stored("2017_SV_00001")["title"], "Nieuw");
    let repeat = Repeated {
        id: "2017_sv_00001".to_string(),
        path: a.display().to_string(),
        lines: vec![1, 3],
        written: vec![],
        indexed_line: Some(3),
    };
    assert_eq!(report.repeats, std::slice::from_ref(&repeat));
    assert!(report.duplicates.is_empty());
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["repeated"], 1);
    assert_eq!(
        json["repeats"],
        serde_json::json!([{
            "id": "2017_sv_00001",
            "path": a.display().to_string(),
            "lines": [1, 3],
            "indexed_line": 3,
        }])
    );

    // Unchanged, the file still holds the repeat: it is reported again.
    let again = fx.run(std::slice::from_ref(&a));
    assert_eq!((again.unchanged, again.repeated), (3, 0));
    assert_eq!(again.repeats, [repeat]);

    // Changed, with the id once more: replaced once (the index held it), repeated twice.
    let mut changed = vec![
        record("2017_SV_00001", "Een"),
        record("2017_SV_00001", "Twee"),
    ];
    changed.push(record("2017_SV_00001", "Drie"));
    fx.write("a.jsonl", &changed);
    let third = fx.run(std::slice::from_ref(&a));
    assert_eq!(
        (third.indexed, third.replaced, third.repeated, third.removed),
        (0, 1, 2, 1)
    );
    assert_eq!(third.records_in_index, 1);
    assert_eq!(third.repeats[0].lines, [1, 2, 3]);
    assert_eq!(fx.stored("2017_SV_00001")["title"], "Drie");
}

#[test]
fn one_id_written_two_ways_in_one_file_is_reported_with_both_spellings() {
    let fx = Fixture::new();
    let a = fx.write(
        "a.jsonl",
        &[
            record("2016 mv 146", "Eerst"),
            record("2016_MV_00147", "Ander"),
            record("2016_MV_00146", "Later"),
            record("2016 mv 146", "Laatst"),
        ],
    );
    let report = fx.run(std::slice::from_ref(&a));
    assert_eq!(
        report.repeats,
        [Repeated {
            id: "2016_mv_00146".to_string(),
            path: a.display().to_string(),
            lines: vec![1, 3, 4],
            written: vec!["2016 mv 146".to_string(), "2016_MV_00146".to_string()],
            indexed_line: Some(4),
        }]
    );
    assert_eq!(
        (report.indexed, report.repeated, report.records_in_index),
        (2, 2, 2)
    );
    assert_eq!(fx.stored("2016_MV_00146")["title"], "Laatst");
}

#[test]
fn a_repeat_in_a_file_whose_version_loses_has_no_indexed_line() {
    let fx = Fixture::new();
    // A JSON array: its records start on lines 2 and 3.
    let a = fx.write(
        "a.json",
        &[
            "[".to_string(),
            format!("{},", record("2017_SV_00001", "Een")),
            record("2017_SV_00001", "Twee"),
            "]".to_string(),
        ],
    );
    let b = fx.write("b.jsonl", &[record("2017_SV_00001", "Uit b")]);
    let report = fx.run(&[a.clone(), b.clone()]);
    assert_eq!(report.repeats.len(), 1);
    assert_eq!(report.repeats[0].lines, [2, 3]);
    assert_eq!(report.repeats[0].indexed_line, None);
    assert_eq!(report.duplicates[0].indexed, b.display().to_string());
    assert_eq!((report.indexed, report.repeated), (1, 2));
    assert_eq!(fx.stored("2017_SV_00001")["title"], "Uit b");
}

#[test]
fn one_id_written_differently_in_two_files_is_a_duplicate_with_both_spellings() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &[record("2017 sv 7", "Uit a")]);
    let b = fx.write("b.jsonl", &[record("2017_SV_00007", "Uit b")]);
    let expected = Duplicate {
        id: "2017_sv_00007".to_string(),
        files: vec![a.display().to_string(), b.display().to_string()],
        indexed: b.display().to_string(),
        written: vec![
            WrittenId {
                path: a.display().to_string(),
                id: "2017 sv 7".to_string(),
            },
            WrittenId {
                path: b.display().to_string(),
                id: "2017_SV_00007".to_string(),
            },
        ],
    };

    // Both files read in one run.
    let report = fx.run(&[a.clone(), b.clone()]);
    assert_eq!(report.duplicates, std::slice::from_ref(&expected));
    assert_eq!((report.indexed, report.repeated), (1, 1));
    assert!(report.repeats.is_empty());
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["duplicates"][0]["written"][0]["id"], "2017 sv 7");

    // b added to an index that holds a's version: a is not read again, but its version in
    // the index says how it writes the id.
    let fx = Fixture::new();
    fx.write("a.jsonl", &[record("2017 sv 7", "Uit a")]);
    fx.run(std::slice::from_ref(&a));
    fx.write("b.jsonl", &[record("2017_SV_00007", "Uit b")]);
    let report = fx.run(&[a.clone(), b.clone()]);
    assert_eq!(report.duplicates, std::slice::from_ref(&expected));
    assert_eq!((report.replaced, report.repeated), (1, 0));

    // Neither file read: the spellings are not known (the index keeps one version, by key).
    let report = fx.run(&[a, b]);
    assert_eq!(report.duplicates[0].files, expected.files);
    assert!(report.duplicates[0].written.is_empty());
}

#[test]
fn records_gone_from_a_changed_file_leave_the_index() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    let b = fx.write("b.jsonl", &records(10, 1, "Ander bestand"));
    fx.run(&[a.clone(), b.clone()]);

    fx.write("a.jsonl", &records(1, 2, "Fietspad"));
    let report = fx.run(&[a, b]);
    assert_eq!(
        (report.replaced, report.removed, report.unchanged),
        (2, 1, 1)
    );
    assert_eq!(report.records_in_index, 3);
    assert_eq!(fx.count_id("2017_SV_00003"), 0);
    assert_eq!(fx.count_id("2017_SV_00010"), 1);
}

#[test]
fn a_record_moved_to_another_file_is_kept_once() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 2, "Fietspad"));
    let b = fx.write("b.jsonl", &records(10, 1, "Ander"));
    fx.run(&[a.clone(), b.clone()]);

    // Record 2 moves from a to b in one edit.
    fx.write("a.jsonl", &records(1, 1, "Fietspad"));
    let mut moved = records(10, 1, "Ander");
    moved.push(record("2017_SV_00002", "Verhuisd"));
    fx.write("b.jsonl", &moved);
    let report = fx.run(&[a, b]);
    assert_eq!(report.removed, 0);
    assert_eq!(report.records_in_index, 3);
    assert_eq!(fx.count_id("2017_SV_00002"), 1);
    assert_eq!(fx.stored("2017_SV_00002")["title"], "Verhuisd");
}

#[test]
fn unchanged_files_are_skipped_without_a_commit() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 30, "Fietspad"));
    let b = fx.write("b.jsonl", &records(100, 20, "Verlichting"));
    let first = fx.run(&[a.clone(), b.clone()]);
    assert_eq!(first.indexed, 50);
    let opstamp = fx.opstamp();

    let second = fx.run(&[a, b]);
    assert_eq!(second.indexed, 0);
    assert_eq!(second.replaced, 0);
    assert_eq!(second.unchanged, 50);
    assert_eq!(second.skipped_unchanged_files, 2);
    assert_eq!(second.records_in_index, 50);
    // Nothing was written: the index is at the same commit.
    assert_eq!(fx.opstamp(), opstamp);
}

#[test]
fn only_the_changed_file_is_read_again() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    let b = fx.write("b.jsonl", &records(10, 2, "Verlichting"));
    fx.run(&[a.clone(), b.clone()]);
    fx.write("b.jsonl", &records(10, 3, "Verlichting"));
    let report = fx.run(&[a, b]);
    assert_eq!(report.skipped_unchanged_files, 1);
    assert_eq!(
        (report.unchanged, report.indexed, report.replaced),
        (3, 1, 2)
    );
    assert_eq!(report.records_in_index, 6);
}

#[test]
fn rebuild_starts_from_an_empty_index() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    let b = fx.write("b.jsonl", &records(10, 2, "Verlichting"));
    fx.run(&[a.clone(), b.clone()]);

    let mut indexer = fx.indexer();
    indexer.rebuild(true);
    let report = fx.run_with(&indexer.build().unwrap(), std::slice::from_ref(&b));
    assert_eq!(
        (report.indexed, report.replaced, report.unchanged),
        (2, 0, 0)
    );
    assert_eq!(report.records_in_index, 2);
    assert_eq!(fx.count_id("2017_SV_00001"), 0);

    // The manifest was reset with the index: a is new again, b is unchanged.
    let after = fx.run(&[a, b]);
    assert_eq!((after.indexed, after.unchanged), (3, 2));
}

#[test]
fn rejections_are_listed_and_good_files_indexed() {
    let fx = Fixture::new();
    let good = fx.write("good.jsonl", &records(1, 2, "Fietspad"));
    let bad = fx.write(
        "bad.jsonl",
        &[
            record("2017_SV_00020", "Goed"),
            "{\"id\": \"2017_SV_00021\", \"title\": ".to_string(),
            record("2017_SV_00022", "Ook goed"),
        ],
    );
    let report = fx.run(&[good.clone(), bad.clone()]);
    assert_eq!(report.indexed, 4);
    assert_eq!(report.records_in_index, 4);
    assert_eq!(report.rejected.len(), 1);
    let rejection: &Rejection = &report.rejected[0];
    assert_eq!(rejection.path, bad.display().to_string());
    assert_eq!(rejection.line, Some(2));
    assert!(
        rejection.reason.starts_with("invalid JSON"),
        "{}",
        rejection.reason
    );

    // A re-run skips the unchanged file but still reports what is wrong in it.
    let again = fx.run(&[good, bad]);
    assert_eq!(again.unchanged, 4);
    assert_eq!(again.rejected, report.rejected);
}

#[test]
fn a_missing_path_stops_the_run_before_the_index_is_created() {
    let fx = Fixture::new();
    let good = fx.write("good.jsonl", &records(1, 2, "Fietspad"));
    let missing = fx.dir.path().join("missing.jsonl");
    let result = fx.indexer().build().unwrap().run(&[good, missing.clone()]);
    match result {
        Err(raad_index::IndexError::InputNotFound { path }) => assert_eq!(path, missing),
        other => panic!("expected InputNotFound, got {other:?}"),
    }
    assert!(!fx.index_dir().exists(), "an index was created");
}

#[test]
fn report_serializes_as_the_cli_prints_it() {
    let fx = Fixture::new();
    let a = fx.write(
        "a.jsonl",
        &[record("2017_SV_00001", "Een"), "nope".to_string()],
    );
    let report = fx.run(std::slice::from_ref(&a));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["indexed"], 1);
    assert_eq!(json["replaced"], 0);
    assert_eq!(json["unchanged"], 0);
    assert_eq!(json["records_in_index"], 1);
    assert!(json["seconds"].as_f64().unwrap() >= 0.0);
    let rejected = &json["rejected"][0];
    assert_eq!(rejected["path"], a.display().to_string());
    assert_eq!(rejected["line"], 2);
    assert!(rejected["reason"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON"));
}

#[test]
fn the_index_inside_an_input_folder_is_not_read_as_records() {
    let fx = Fixture::new();
    let a = fx.write("a.jsonl", &records(1, 3, "Fietspad"));
    fx.run(&[a]);
    // The fixture's index folder is inside the folder given: its raad.json, meta.json and
    // manifest must not be read as records.
    let report = fx.run(&[fx.dir.path().to_path_buf()]);
    assert_eq!(report.files, 1);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert_eq!((report.unchanged, report.records_in_index), (3, 3));
}
