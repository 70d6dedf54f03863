//! The `raad` binary end to end: exit codes, output formats and messages, on the example
//! records in `examples/records` (fictional people, written by us).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::raad_in;

fn records_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../records")
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
    // The party facet ignores the party filter, as for `--party Groen`: every party shows.
    let parties = results["facets"]["party"].as_array().unwrap();
    assert!(parties.contains(&serde_json::json!({"value": "Groen", "count": 1})));
    assert_eq!(parties.len(), 9, "{parties:?}");

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
        Some("id,council,date,kind,title,councillors,parties,alderman,topics,topic_source,snippet")
    );
    assert!(rows
        .next()
        .unwrap()
        .starts_with("2016_MV_00412,,2016-11-21,mondelinge vraag,"));

    let table = raad_in(
        cwd,
        &["search", "--index", "index", "fietspaden", "--limit", "1"],
    );
    // Only the record with a form of fietspad: `wandelpaden` shares just a part.
    assert!(
        stdout(&table).contains("1 of 1 records"),
        "{}",
        stdout(&table)
    );
    let any = raad_in(
        cwd,
        &[
            "search",
            "--index",
            "index",
            "fietspaden",
            "--any",
            "--limit",
            "1",
        ],
    );
    assert!(
        stdout(&any).contains("1 of 2 records matching any word"),
        "{}",
        stdout(&any)
    );
    let explained = raad_in(
        cwd,
        &[
            "search",
            "--index",
            "index",
            "fietspaden Coupure",
            "--explain",
        ],
    );
    assert!(
        stdout(&explained)
            .contains("matched: fietspaden (word: fietspaden), Coupure (word: Coupure)"),
        "{}",
        stdout(&explained)
    );
    // No record holds all three words: the nearest are shown, never a bare 0.
    let nearest = raad_in(
        cwd,
        &[
            "search",
            "--index",
            "index",
            "fietspaden Coupure wandelpaden",
        ],
    );
    assert_eq!(nearest.status.code(), Some(1));
    let text = stdout(&nearest);
    assert!(
        text.starts_with("no record holds all of: wandelpaden fietspaden Coupure; 1 holds fietspaden and Coupure (shown):"),
        "{text}"
    );
    assert!(text.contains("2016_MV_00412"), "{text}");
    assert!(
        text.contains("0 records hold every word; 1 of 1 hold fietspaden and Coupure"),
        "{text}"
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

/// The rows of a CSV output (header first), read by a CSV reader: cells may hold line breaks.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|row| row.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The ids (first column) of a CSV output, without the header.
fn csv_ids(output: &Output) -> Vec<String> {
    csv_rows(&stdout(output))
        .into_iter()
        .skip(1)
        .map(|row| row[0].clone())
        .collect()
}

#[test]
fn show_and_parse_csv_have_the_search_columns_and_the_whole_record() {
    let dir = indexed();
    let cwd = dir.path();
    let search = raad_in(
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
    let search_header = csv_rows(&stdout(&search)).remove(0);
    assert_eq!(search_header.last().map(String::as_str), Some("snippet"));

    let show = raad_in(
        cwd,
        &[
            "show",
            "--index",
            "index",
            "2016 mv 412",
            "dekamer-900001",
            "--format",
            "csv",
        ],
    );
    assert_eq!(show.status.code(), Some(0), "{}", stderr(&show));
    let rows = csv_rows(&stdout(&show));
    assert_eq!(rows.len(), 3, "a header and two records: {rows:?}");
    let header = &rows[0];
    // The hit columns but the snippet, in the same order, then the rest of the record.
    let shared = search_header.len() - 1;
    assert_eq!(header[..shared], search_header[..shared]);
    assert_eq!(
        header[shared..],
        [
            "involved_aldermen",
            "topic_confidence",
            "answer_date",
            "question",
            "answer",
            "source"
        ]
    );
    let cell = |row: &[String], column: &str| {
        let at = header.iter().position(|name| name == column).unwrap();
        row[at].clone()
    };
    assert_eq!(cell(&rows[1], "id"), "2016_MV_00412");
    assert_eq!(cell(&rows[1], "alderman"), "Jorn Vandenbussche");
    assert!(
        cell(&rows[1], "question").contains("Wanneer wordt het fietspad hersteld?"),
        "{:?}",
        rows[1]
    );
    assert_eq!(cell(&rows[2], "id"), "dekamer-900001");
    assert_eq!(cell(&rows[2], "topic_source"), "given");

    let parse = raad_in(
        cwd,
        &["parse", "--format", "csv", records_dir().to_str().unwrap()],
    );
    assert_eq!(parse.status.code(), Some(0), "{}", stderr(&parse));
    let rows = csv_rows(&stdout(&parse));
    assert_eq!(&rows[0], header);
    assert_eq!(rows.len(), 10, "a header and the 9 example records");
    assert_eq!(rows[1][0], "2016_MV_00412");
}

#[test]
fn json_and_csv_wherever_data_is_printed() {
    let dir = indexed();
    let cwd = dir.path();
    let records = records_dir();
    let records = records.to_str().unwrap();

    let stats = raad_in(cwd, &["stats", "--index", "index", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&stats)).unwrap();
    assert_eq!(json["records"], 9);
    let shorthand = raad_in(cwd, &["stats", "--index", "index", "--json"]);
    let shorthand: serde_json::Value = serde_json::from_str(&stdout(&shorthand)).unwrap();
    assert_eq!(shorthand["records"], json["records"]);
    let csv = raad_in(cwd, &["stats", "--index", "index", "--format", "csv"]);
    let rows = csv_rows(&stdout(&csv));
    assert_eq!(rows[0], ["key", "value"]);
    assert!(rows.contains(&vec!["records".to_string(), "9".to_string()]));
    assert!(
        rows.contains(&vec![
            "kinds.schriftelijke vraag".to_string(),
            "6".to_string()
        ]),
        "{rows:?}"
    );

    let index = raad_in(
        cwd,
        &["index", "--index", "index", "--format", "json", records],
    );
    assert_eq!(index.status.code(), Some(0), "{}", stderr(&index));
    let report: serde_json::Value = serde_json::from_str(&stdout(&index)).unwrap();
    assert_eq!(report["records_in_index"], 9);
    assert!(
        !stderr(&index).contains("indexed,") && !stderr(&index).contains("records_in_index"),
        "the report is on stdout only: {}",
        stderr(&index)
    );
    let index = raad_in(
        cwd,
        &["index", "--index", "index", "--format", "csv", records],
    );
    let rows = csv_rows(&stdout(&index));
    assert!(rows.contains(&vec!["records_in_index".to_string(), "9".to_string()]));

    let parse = raad_in(cwd, &["parse", "--format", "json", records]);
    let lines: Vec<serde_json::Value> = stdout(&parse)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 9);
    let shorthand = raad_in(cwd, &["parse", "--json", records]);
    assert_eq!(stdout(&shorthand), stdout(&parse));

    let analyze = raad_in(
        cwd,
        &["analyze", "--format", "csv", "Camera's op fietspaden"],
    );
    let rows = csv_rows(&stdout(&analyze));
    assert_eq!(
        rows[0],
        ["text", "position", "offset_from", "offset_to", "word"]
    );
    assert_eq!(rows[1], ["camera", "0", "0", "8", "Camera's"]);

    let both = raad_in(
        cwd,
        &["stats", "--index", "index", "--json", "--format", "csv"],
    );
    assert_eq!(both.status.code(), Some(2), "--json is --format json");
}

#[test]
fn from_and_to_read_dates_as_the_query_language_does() {
    let dir = indexed();
    let cwd = dir.path();
    let ids = |args: &[&str]| {
        let mut all = vec![
            "search", "--index", "index", "--sort", "oldest", "--limit", "all",
        ];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "csv"]);
        let out = raad_in(cwd, &all);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        csv_ids(&out)
    };
    let from = ids(&["--from", "2017-02"]);
    assert_eq!(from, ids(&["datum:2017-02.."]));
    assert_eq!(from[0], "dekamer-900001", "from the first of February");
    // Through the end of the month: 13 February is in, 1 March is not.
    let to = ids(&["--to", "2017-02"]);
    assert_eq!(to, ids(&["datum:..2017-02"]));
    assert_eq!(to.last().map(String::as_str), Some("dekamer-900002"));
    assert_eq!(
        ids(&["--from", "2017-02", "--to", "2017-02"]),
        ["dekamer-900001", "dekamer-900002"]
    );
    assert_eq!(ids(&["--from", "2020"]), ids(&["datum:2020.."]));

    let bad = raad_in(cwd, &["search", "--index", "index", "--to", "2016-13"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("--to takes a date as 2016, 2016-03 or 2016-03-01, not `2016-13`"),
        "{}",
        stderr(&bad)
    );
    let reversed = raad_in(
        cwd,
        &[
            "search", "--index", "index", "--from", "2018", "--to", "2016",
        ],
    );
    assert_eq!(reversed.status.code(), Some(2), "{}", stderr(&reversed));
}

#[test]
fn index_reports_rejections_with_line_and_column_as_parse_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(
        dir.path().join("in/broken.jsonl"),
        "{\"id\":\"a-1\"}\n{not json\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("in/notes.pdf"), "x").unwrap();
    let messages = |output: &Output| -> Vec<String> {
        stderr(output)
            .lines()
            .filter(|line| line.starts_with("rejected: ") || line.starts_with("skipped: "))
            .map(str::to_string)
            .collect()
    };
    let parse = raad_in(dir.path(), &["parse", "in"]);
    let index = raad_in(dir.path(), &["index", "--index", "index", "in"]);
    assert_eq!(index.status.code(), Some(1));
    let rejected = messages(&index);
    assert!(
        rejected.contains(
            &"rejected: in/broken.jsonl:2:2: invalid JSON: key must be a string".to_string()
        ),
        "{rejected:?}"
    );
    assert_eq!(rejected, messages(&parse));
}

#[test]
fn color_is_documented_once_and_works_everywhere() {
    let dir = indexed();
    let cwd = dir.path();
    let top = raad_in(cwd, &["--help"]);
    assert!(stdout(&top).contains("--color"), "{}", stdout(&top));
    for command in ["parse", "index", "search", "show", "stats", "analyze"] {
        let help = raad_in(cwd, &[command, "--help"]);
        assert_eq!(help.status.code(), Some(0));
        assert!(
            !stdout(&help).contains("--color"),
            "{command}: {}",
            stdout(&help)
        );
    }
    for args in [
        &[
            "search",
            "--index",
            "index",
            "fietspaden",
            "--color",
            "always",
        ][..],
        &[
            "--color",
            "always",
            "search",
            "--index",
            "index",
            "fietspaden",
        ],
    ] {
        let out = raad_in(cwd, args);
        assert!(
            stdout(&out).starts_with("\x1b[1m2016_MV_00412\x1b[0m"),
            "{args:?}: {}",
            stdout(&out)
        );
    }
}

#[test]
fn filter_values_that_match_nothing_warn_on_stderr_and_in_json() {
    let dir = indexed();
    let cwd = dir.path();
    let table = raad_in(cwd, &["search", "--index", "index", "--party", "Groene"]);
    assert_eq!(table.status.code(), Some(1));
    assert_eq!(
        stderr(&table),
        "warning: no party \"Groene\" in this index; did you mean Groen (1 record)?\n"
    );
    // The query text's form warns alike; JSON carries the warning too.
    let json = raad_in(
        cwd,
        &["search", "--index", "index", "partij:Groene", "--json"],
    );
    assert_eq!(json.status.code(), Some(1));
    assert_eq!(
        stderr(&json),
        "warning: no party \"Groene\" in this index; did you mean Groen (1 record)?\n"
    );
    let results: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(results["total"], 0);
    assert_eq!(
        results["warnings"],
        serde_json::json!([{
            "warning": "unknown_filter_value",
            "facet": "party",
            "value": "Groene",
            "closest": [{"value": "Groen", "count": 1}]
        }])
    );
    // A known value: no warning, and no `warnings` in JSON.
    let known = raad_in(
        cwd,
        &["search", "--index", "index", "--party", "groen", "--json"],
    );
    assert_eq!(known.status.code(), Some(0));
    assert_eq!(stderr(&known), "");
    let results: serde_json::Value = serde_json::from_str(&stdout(&known)).unwrap();
    assert!(results.get("warnings").is_none(), "{results}");
}

#[test]
fn party_filters_read_aliases_as_the_records_were() {
    let dir = indexed();
    let cwd = dir.path();
    let ids = |args: &[&str]| {
        let mut all = vec!["search", "--index", "index", "--limit", "all"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "csv"]);
        let out = raad_in(cwd, &all);
        (csv_ids(&out), stderr(&out))
    };
    // sp.a and SP.A in the records are Vooruit in the index; the filter reads them alike.
    let vooruit = ids(&["--party", "Vooruit"]);
    assert_eq!(vooruit.0, ["2020_SV_00280", "dekamer-900001"]);
    assert_eq!(ids(&["--party", "sp.a"]), vooruit);
    assert_eq!(ids(&["partij:SP.A"]), vooruit);
    // A user's alias file applies to search as it does to index.
    std::fs::write(cwd.join("aliases.tsv"), "Groenen\tGroen\n").unwrap();
    let (found, err) = ids(&["--party", "groenen", "--parties", "aliases.tsv"]);
    assert_eq!(
        (found, err.as_str()),
        (vec!["2020_SV_00280".to_string()], "")
    );
    let (found, err) = ids(&["--party", "groenen"]);
    assert!(found.is_empty());
    assert!(err.starts_with("warning: no party \"groenen\""), "{err}");
}

#[test]
fn a_misspelt_name_gets_a_suggestion_under_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path();
    let records: String = (1..=3)
        .map(|n| {
            format!(
                r#"{{"id": "2020_MV_{n:05}", "title": "Leefloon", "alderman": "Sofie Coddens", "councillors": [{{"name": "Robin De Wulf", "party": "N-VA"}}]}}"#
            ) + "\n"
        })
        .collect();
    std::fs::write(cwd.join("records.jsonl"), records).unwrap();
    let out = raad_in(cwd, &["index", "--index", "index", "records.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let line = "did you mean Coddens (alderman, 3 records)? raad search --index index Coddens\n";
    let table = raad_in(cwd, &["search", "--index", "index", "Codens"]);
    assert_eq!(table.status.code(), Some(1));
    assert_eq!(stdout(&table), "0 of 0 records\n");
    assert_eq!(stderr(&table), line);

    // The ready command line finds the records.
    let again = raad_in(cwd, &["search", "--index", "index", "Coddens"]);
    assert!(
        stdout(&again).ends_with("3 of 3 records\n"),
        "{}",
        stdout(&again)
    );
    assert_eq!(stderr(&again), "");

    let json = raad_in(
        cwd,
        &[
            "search",
            "--index",
            "index",
            "Codens leefloon",
            "--format",
            "json",
        ],
    );
    let results: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(
        results["suggestions"],
        serde_json::json!([{
            "word": "Codens",
            "term": "Coddens",
            "kind": "alderman",
            "records": 3,
            "query": "Coddens leefloon"
        }])
    );
    // No record holds both words: the nearest records are shown, and said to be so.
    assert_eq!(
        stderr(&json),
        "raad: no record holds all of: Codens leefloon; 3 hold leefloon (shown)\n\
         did you mean Coddens (alderman, 3 records)? raad search --index index 'Coddens leefloon'\n"
    );

    // CSV stays rows only; the suggestion is on stderr.
    let csv = raad_in(
        cwd,
        &["search", "--index", "index", "Codens", "--format", "csv"],
    );
    assert_eq!(
        stdout(&csv),
        "id,council,date,kind,title,councillors,parties,alderman,topics,topic_source,snippet\n"
    );
    assert_eq!(stderr(&csv), line);
}
