//! `raad search` with synonyms: the built-in table, `--add-synonyms`, `--no-synonyms`, and a
//! bad table file reported with its path and line.

use std::path::Path;
use std::process::Output;

mod common;
use common::raad_in;

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A temp folder with an index of three records at `index/`.
fn indexed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let records = [
        r#"{"id": "2020_SV_00001", "title": "Controles in de LEZ"}"#,
        r#"{"id": "2020_SV_00002", "title": "Uitbreiding van de lage-emissiezone"}"#,
        r#"{"id": "2020_SV_00003", "title": "Een zonnige dag aan de Blaarmeersen"}"#,
    ]
    .join("\n");
    std::fs::write(dir.path().join("records.jsonl"), records).unwrap();
    let out = raad_in(dir.path(), &["index", "--index", "index", "records.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

fn search(cwd: &Path, args: &[&str]) -> Output {
    let mut all = vec!["search", "--index", "index"];
    all.extend_from_slice(args);
    raad_in(cwd, &all)
}

#[test]
fn an_abbreviation_finds_its_synonym_ranked_below_and_explained() {
    let dir = indexed();
    let out = search(dir.path(), &["LEZ", "--explain"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("2 of 2 records"), "{text}");
    assert!(text.contains("matched: LEZ (word: LEZ)"), "{text}");
    assert!(
        text.contains("matched: LEZ (synonym: lage-emissiezone)"),
        "{text}"
    );
    assert!(
        text.find("2020_SV_00001") < text.find("2020_SV_00002"),
        "the word as typed ranks first: {text}"
    );
    let reverse = search(dir.path(), &["lage-emissiezone"]);
    assert!(
        stdout(&reverse).contains("2 of 2 records"),
        "{}",
        stdout(&reverse)
    );
    let without = search(dir.path(), &["LEZ", "--no-synonyms"]);
    assert!(
        stdout(&without).contains("1 of 1 records"),
        "{}",
        stdout(&without)
    );
}

#[test]
fn a_synonym_file_extends_the_table_and_a_bad_one_names_path_and_line() {
    let dir = indexed();
    let cwd = dir.path();
    std::fs::write(cwd.join("extra.tsv"), "# ours\nsportpark\tBlaarmeersen\n").unwrap();
    let out = search(cwd, &["sportpark", "--add-synonyms", "extra.tsv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("2020_SV_00003"), "{}", stdout(&out));
    // The built-in groups stay.
    let out = search(cwd, &["LEZ", "--add-synonyms", "extra.tsv"]);
    assert!(stdout(&out).contains("2 of 2 records"), "{}", stdout(&out));
    // --synonyms replaces the built-in table.
    let out = search(cwd, &["LEZ", "--synonyms", "extra.tsv"]);
    assert!(stdout(&out).contains("1 of 1 records"), "{}", stdout(&out));

    std::fs::write(cwd.join("bad.tsv"), "LEZ\tlage-emissiezone\nOCMW\n").unwrap();
    let out = search(cwd, &["LEZ", "--add-synonyms", "bad.tsv"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.contains(
            "bad.tsv:2: a group needs at least two members separated by TABs; found only `OCMW`"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}
