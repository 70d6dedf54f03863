//! The `raad` binary end to end: exit codes, output formats and messages, on the example
//! records in `examples/records` (fictional people, written by us).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn records_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../records")
}

/// Runs raad in `cwd` with a private cache folder, so no test sees another's demo index.
fn raad_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_raad"))
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", cwd.join("cache"))
        .env_remove("RAAD_INDEX")
        .env("NO_COLOR", "1")
        .output()
        .expect("raad runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A temp folder with an index of the example records at `index/`.
fn indexed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let records = records_dir();
    let out = raad_in(
        dir.path(),
        &["index", "--index", "index", records.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

#[test]
fn parse_prints_json_lines_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = raad_in(
        dir.path(),
        &["parse", "--json", records_dir().to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 9);
    assert_eq!(lines[0]["id"], "2016_MV_00412");
    assert_eq!(lines[0]["councillors"][0]["party"], "Open Vld");
    assert_eq!(lines[0]["councillors"][0]["party_as_written"], "Open VLD");
    assert!(
        stderr(&out).contains("9 records from 5 files; 0 rejected, 0 skipped"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn parse_reports_rejections_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("broken.jsonl"),
        "{\"id\":\"a-1\"}\n{not json\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.pdf"), "x").unwrap();
    let out = raad_in(dir.path(), &["parse", "."]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("rejected: ./broken.jsonl:2:"), "{err}");
    assert!(
        err.contains("rejected: ./empty.txt: the file is empty"),
        "{err}"
    );
    assert!(err.contains("skipped: ./notes.pdf"), "{err}");
    assert!(
        err.contains("1 record from 2 files; 2 rejected, 1 skipped"),
        "{err}"
    );
    assert!(stdout(&out).starts_with("a-1"), "{}", stdout(&out));
}

#[test]
fn search_formats_and_exit_codes() {
    let dir = indexed();
    let cwd = dir.path();

    let json = raad_in(
        cwd,
        &[
            "search",
            "--index",
            "index",
            "party:Groen",
            "--format",
            "json",
        ],
    );
    assert_eq!(json.status.code(), Some(0));
    let results: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(results["total"], 1);
    assert_eq!(results["hits"][0]["id"], "2020_SV_00280");
    assert_eq!(results["facets"]["party"][0]["value"], "Groen");

    let csv = raad_in(
        cwd,
        &[
            "search",
            "--index",
            "index",
            "fietspaden",
            "--format",
            "csv",
        ],
    );
    assert_eq!(csv.status.code(), Some(0));
    let text = stdout(&csv);
    let mut rows = text.lines();
    assert_eq!(
        rows.next(),
        Some("id,date,kind,title,councillors,parties,alderman,topics,topic_source,snippet")
    );
    assert!(rows
        .next()
        .unwrap()
        .starts_with("2016_MV_00412,2016-11-21,mondelinge vraag,"));

    let table = raad_in(
        cwd,
        &["search", "--index", "index", "fietspaden", "--limit", "1"],
    );
    assert!(
        stdout(&table).contains("1 of 2 records"),
        "{}",
        stdout(&table)
    );

    let none = raad_in(cwd, &["search", "--index", "index", "zzzzqq"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).contains("0 of 0 records"));

    let bad = raad_in(cwd, &["search", "--index", "index", "\"unclosed"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).starts_with("raad: error: column 1:"),
        "{}",
        stderr(&bad)
    );
    assert_eq!(stderr(&bad).lines().count(), 1);

    let limit = raad_in(cwd, &["search", "--index", "index", "x", "--limit", "many"]);
    assert_eq!(limit.status.code(), Some(2));
    assert!(stderr(&limit).contains("--limit takes a number or `all`"));

    let missing = raad_in(cwd, &["search", "--index", "nowhere", "x"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nowhere"), "{}", stderr(&missing));
}

#[test]
fn show_finds_ids_as_typed() {
    let dir = indexed();
    let out = raad_in(
        dir.path(),
        &[
            "show",
            "--index",
            "index",
            "2016 mv 412",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let record: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(record["id"], "2016_MV_00412");
    assert_eq!(record["alderman"], "Jorn Vandenbussche");

    let table = raad_in(dir.path(), &["show", "--index", "index", "NR. 217/14"]);
    assert!(
        stdout(&table).contains("title:       Zitbanken in het Citadelpark"),
        "{}",
        stdout(&table)
    );

    // Topics say where they came from: the example records give two, rules give the others.
    let table = raad_in(dir.path(), &["show", "--index", "index", "2016_MV_00412"]);
    assert!(
        stdout(&table).contains("topics:      mobiliteit (by keyword rules, "),
        "{}",
        stdout(&table)
    );
    let given = raad_in(
        dir.path(),
        &[
            "search",
            "--index",
            "index",
            "--topic-source",
            "given",
            "--format",
            "csv",
        ],
    );
    assert_eq!(given.status.code(), Some(0), "{}", stderr(&given));
    let text = stdout(&given);
    let mut rows: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|row| row.split(',').next().unwrap())
        .collect();
    rows.sort();
    assert_eq!(rows, ["dekamer-900001", "dekamer-900002"]);

    let missing = raad_in(dir.path(), &["show", "--index", "index", "2099_MV_00001"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("no record with id `2099_MV_00001`"));
}

#[test]
fn index_json_summary_and_unchanged_rerun() {
    let dir = indexed();
    let records = records_dir();
    let out = raad_in(
        dir.path(),
        &[
            "index",
            "--index",
            "index",
            "--json",
            records.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(summary["indexed"], 0);
    assert_eq!(summary["unchanged"], 9);
    assert_eq!(summary["records_in_index"], 9);
    assert_eq!(summary["topics"]["given"], 2);
    assert_eq!(
        summary["topics"]["examined"], 0,
        "nothing changed: no inference"
    );

    let stats = raad_in(dir.path(), &["stats", "--index", "index", "--json"]);
    let stats: serde_json::Value = serde_json::from_str(&stdout(&stats)).unwrap();
    assert_eq!(stats["records"], 9);
    assert_eq!(stats["topic_sources"]["given"], 2);
}

#[test]
fn index_errors_say_which_command_fixes_them() {
    let dir = indexed();
    let records = records_dir();
    let records = records.to_str().unwrap();
    let missing = raad_in(dir.path(), &["stats", "--index", "nowhere"]);
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        stderr(&missing),
        "raad: error: no raad index at nowhere; build one with `raad index --index nowhere \
         PATH...`\n"
    );

    // An index of another raad version: searching and indexing both refuse it, one line each,
    // and name the rebuild.
    std::fs::write(
        dir.path().join("index/raad.json"),
        r#"{"schema_version": 1, "analyzer_version": 1}"#,
    )
    .unwrap();
    let versions = |verb: &str| {
        format!(
            "the index at index was built with schema 1, analyzer 1; this version {verb} schema \
             {}, analyzer {}: rebuild the index; run `raad index --rebuild --index index \
             PATH...`\n",
            raad_core::schema::SCHEMA_VERSION,
            raad_core::analysis::ANALYZER_VERSION
        )
    };
    let search = raad_in(dir.path(), &["search", "--index", "index", "fiets"]);
    assert_eq!(search.status.code(), Some(2));
    assert_eq!(
        stderr(&search),
        format!("raad: error: {}", versions("reads"))
    );
    let index = raad_in(dir.path(), &["index", "--index", "index", records]);
    assert_eq!(index.status.code(), Some(2));
    assert_eq!(
        stderr(&index),
        format!("raad: error: {}", versions("writes"))
    );
    let rebuild = raad_in(
        dir.path(),
        &["index", "--rebuild", "--index", "index", records],
    );
    assert_eq!(rebuild.status.code(), Some(0), "{}", stderr(&rebuild));
}

#[test]
fn analyze_json_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let out = raad_in(dir.path(), &["analyze", "--json", "Camera's op fietspaden"]);
    assert_eq!(out.status.code(), Some(0));
    let tokens: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let texts: Vec<&str> = tokens
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts[0], "camera");
    assert!(
        texts.contains(&"fietspad") && texts.contains(&"pad"),
        "{texts:?}"
    );
    assert_eq!(tokens[0]["offset_from"], 0);
    assert_eq!(tokens[0]["offset_to"], 8);
}

#[test]
fn search_without_index_uses_the_demo_corpus_once() {
    let dir = tempfile::tempdir().unwrap();
    let first = raad_in(dir.path(), &["search", "kinderopvang", "--limit", "3"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stderr(&first).contains("building the built-in demo corpus"),
        "{}",
        stderr(&first)
    );
    assert!(stdout(&first).contains("3 of "), "{}", stdout(&first));
    let second = raad_in(dir.path(), &["search", "kinderopvang", "--limit", "3"]);
    assert!(
        stderr(&second).contains("searching the built-in demo corpus"),
        "{}",
        stderr(&second)
    );
    assert_eq!(stdout(&first), stdout(&second));
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    // `raad search … | head -1` over the demo corpus's 3,000 records: far more output than a
    // pipe holds, so raad is still writing when head exits. bash reports raad's own status.
    let dir = tempfile::tempdir().unwrap();
    for format in ["table", "csv", "json"] {
        let script = format!(
            "\"$RAAD\" search '' --limit all --format {format} | head -1 >/dev/null; \
             echo \"status=${{PIPESTATUS[0]}}\""
        );
        let out = Command::new("bash")
            .args(["-c", &script])
            .current_dir(dir.path())
            .env("RAAD", env!("CARGO_BIN_EXE_raad"))
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .env_remove("RAAD_INDEX")
            .output()
            .unwrap();
        assert_eq!(
            stdout(&out).trim(),
            "status=0",
            "{format}: {}",
            stderr(&out)
        );
        assert!(
            !stderr(&out).contains("error"),
            "{format}: {}",
            stderr(&out)
        );
    }
}
