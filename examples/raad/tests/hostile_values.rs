//! Values that do not fit (#16): dates beyond what an index holds, escape sequences in
//! records and file names, and records too large to search cheaply, end to end.

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

/// Indexes `records` (JSON Lines written to `in/records.jsonl`) into `index/` of `dir`.
fn index(dir: &Path, file: &str, records: &str) -> Output {
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(dir.join("in").join(file), records).unwrap();
    raad_in(dir, &["index", "--index", "index", "in"])
}

#[test]
fn range_bounds_beyond_the_index_span_match_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = index(
        dir.path(),
        "records.jsonl",
        concat!(
            r#"{"id":"D1","date":"2016-03-15","title":"Fietspaden"}"#,
            "\n",
            r#"{"id":"D2","date":"2020-06-01","title":"Fietspaden"}"#,
            "\n",
        ),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let count = |args: &[&str]| {
        let mut all = vec!["search", "--index", "index", "--format", "json"];
        all.extend_from_slice(args);
        let out = raad_in(dir.path(), &all);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["total"].as_u64().unwrap()
    };
    assert_eq!(count(&["fietspaden", "--from", "2263"]), 0);
    assert_eq!(count(&["fietspaden", "--to", "1000"]), 0);
    assert_eq!(count(&["fietspaden datum:3000.."]), 0);
    assert_eq!(count(&["fietspaden datum:..1200"]), 0);
    assert_eq!(count(&["fietspaden", "--from", "1000"]), 2);
    assert_eq!(count(&["fietspaden", "--to", "9999"]), 2);
    assert_eq!(count(&["fietspaden", "--from", "2017", "--to", "2300"]), 1);
}

#[test]
fn records_the_index_cannot_hold_are_rejected_by_index() {
    let dir = tempfile::tempdir().unwrap();
    let long_id = "x".repeat(70_000);
    let records = format!(
        "{}\n{}\n{{\"id\":\"{long_id}\"}}\n",
        r#"{"id":"D1","date":"2016-03-15"}"#, r#"{"id":"D2","date":"3000-01-01"}"#,
    );
    let out = index(dir.path(), "records.jsonl", &records);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(
            "rejected: in/records.jsonl:2: field `date`: 3000-01-01 is outside the dates an \
             index can hold (1678-01-01 to 2261-12-31)\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "rejected: in/records.jsonl:3: field `id`: 70000 bytes long; an id may be at most \
             256 bytes\n"
        ),
        "{err}"
    );
}

#[test]
fn escape_sequences_are_shown_escaped_in_tables_and_kept_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let record = r#"{"id":"E1","title":"\u001b]0;PWNED\u0007","question":"Fietspaden \u001b[2J hier?","councillors":[{"name":"Jan\rPeeters"}]}"#;
    let out = index(dir.path(), "records.jsonl", &format!("{record}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let table = stdout(&raad_in(
        dir.path(),
        &["search", "--index", "index", "fietspaden"],
    ));
    assert!(!table.contains('\u{1b}') && !table.contains('\u{7}') && !table.contains('\r'));
    assert!(table.contains("E1  "), "{table}");
    assert!(table.contains("Jan\\rPeeters"), "{table}");
    assert!(table.contains("  \\x1b]0;PWNED\\x07\n"), "{table}");
    assert!(table.contains("Fietspaden \\x1b[2J hier?"), "{table}");

    let show = stdout(&raad_in(dir.path(), &["show", "--index", "index", "E1"]));
    assert!(show.contains("title:       \\x1b]0;PWNED\\x07\n"), "{show}");
    assert!(show.contains("councillor:  Jan\\rPeeters\n"), "{show}");
    assert!(show.contains("Fietspaden \\x1b[2J hier?"), "{show}");

    let json = stdout(&raad_in(
        dir.path(),
        &["show", "--index", "index", "E1", "--format", "json"],
    ));
    let value: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    let record = if value.is_array() { &value[0] } else { &value };
    assert_eq!(record["title"], "\u{1b}]0;PWNED\u{7}");
}

#[test]
fn file_names_with_escape_sequences_are_escaped_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in").join("x\u{1b}]0;PWNED\u{7}.txt"), "").unwrap();
    let out = raad_in(dir.path(), &["parse", "in"]);
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(
        err.contains("rejected: in/x\\x1b]0;PWNED\\x07.txt: the file is empty\n"),
        "{err}"
    );
}

#[test]
fn similar_records_and_index_folders_are_escaped_too() {
    let dir = tempfile::tempdir().unwrap();
    let records = concat!(
        r#"{"id":"S1","title":"Fietspaden in de Brugse Poort","question":"Fietspaden?"}"#,
        "\n",
        r#"{"id":"S2\u001b[31m","title":"Fietspaden \u001b]0;PWNED\u0007 opnieuw","question":"Fietspaden?"}"#,
        "\n",
    );
    let out = index(dir.path(), "records.jsonl", records);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let show = stdout(&raad_in(
        dir.path(),
        &["show", "--index", "index", "S1", "--similar", "3"],
    ));
    assert!(
        !show.contains('\u{1b}') && !show.contains('\u{7}'),
        "{show:?}"
    );
    assert!(
        show.contains("S2\\x1b[31m    Fietspaden \\x1b]0;PWNED\\x07 opnieuw\n"),
        "{show}"
    );

    // The hint after the error repeats the folder given: escaped like the error itself.
    let missing = raad_in(dir.path(), &["stats", "--index", "no\u{1b}]0;idx\u{7}"]);
    let err = stderr(&missing);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(
        err.contains("build one with `raad index --index no\\x1b]0;idx\\x07 PATH...`"),
        "{err}"
    );
}

#[test]
fn large_records_are_reported_at_index_time() {
    let dir = tempfile::tempdir().unwrap();
    let answer = "Het antwoord op de vraag. ".repeat(50_000);
    let records = format!(
        "{}\n{{\"id\":\"L1\",\"title\":\"Groot\",\"answer\":\"{answer}\"}}\n",
        r#"{"id":"S1","title":"Klein"}"#
    );
    let out = index(dir.path(), "records.jsonl", &records);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<String> = stderr(&out)
        .lines()
        .filter(|line| line.starts_with("large record:"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "large record: in/records.jsonl:2: L1 has 1.2 MB of text (over 1 MB); indexed whole, \
          but searches that match it are slower and show snippets from its first 1 MB"
        ]
    );
}
