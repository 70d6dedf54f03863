//! Exports for spreadsheets: `--excel` and `--csv-delimiter`, `raad search --columns`,
//! `--facets-out`, and the provenance (`query`, `filters`, `index`, `generated_at`) of JSON
//! output and `--provenance-out`, on three records written here.

use std::path::Path;
use std::process::Output;

mod common;
use common::{raad_in, stderr, stdout};

/// Three records: two answered by Filip Watteeuw (after 14 and 52 days), one unanswered; a
/// title with a `;` in it.
const RECORDS: &str = r#"{"id":"2019_MV_00001","kind":"mondelinge vraag","date":"2019-03-04","title":"Fietspad; Coupure","councillors":[{"name":"An Peeters","party":"Groen"}],"alderman":"Filip Watteeuw","topics":["mobiliteit"],"question":"Wanneer komt het fietspad?","answer":"Het fietspad komt in mei.","answer_date":"2019-03-18"}
{"id":"2019_SV_00002","kind":"schriftelijke vraag","date":"2019-05-10","title":"Fietsenstalling station","councillors":[{"name":"Bart Claes","party":"N-VA"}],"alderman":"Filip Watteeuw","topics":["mobiliteit"],"question":"Hoeveel fietsen staan er?","answer":"Er staan 300 fietsen.","answer_date":"2019-07-01"}
{"id":"2020_MV_00003","kind":"mondelinge vraag","date":"2020-02-03","title":"Fietsdiefstal","councillors":[{"name":"An Peeters","party":"Groen"}],"alderman":"Mieke Hullebroeck","topics":["veiligheid"],"question":"Hoeveel fietsen worden gestolen?"}
"#;

/// A temp folder with the records in `records.jsonl` and their index in `idx/`.
fn indexed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("records.jsonl"), RECORDS).unwrap();
    let out = raad_in(dir.path(), &["index", "--index", "idx", "records.jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

/// `raad search --index idx` with `args`, in `dir`.
fn search(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["search", "--index", "idx"];
    all.extend_from_slice(args);
    raad_in(dir, &all)
}

#[test]
fn excel_csv_has_a_bom_semicolons_crlf_and_quotes_cells_with_semicolons() {
    let dir = indexed();
    let out = search(dir.path(), &["--excel", "--sort", "oldest"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let bytes = out.stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{bytes:?}");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(
        text.starts_with(
            "id;council;date;kind;title;councillors;parties;alderman;topics;topic_source;snippet\r\n"
        ),
        "{text}"
    );
    // Every line ends in CRLF: as many `\r\n` as `\n`, header and three records.
    assert_eq!(text.matches("\r\n").count(), 4, "{text}");
    assert_eq!(text.matches('\n').count(), 4, "{text}");
    assert!(
        text.contains("2019_MV_00001;;2019-03-04;mondelinge vraag;\"Fietspad; Coupure\";An Peeters;Groen;Filip Watteeuw;mobiliteit;given;"),
        "{text}"
    );

    // The default stays comma, LF and no mark, where `;` needs no quotes.
    let out = search(dir.path(), &["--format", "csv"]);
    assert!(
        out.stdout.starts_with(b"id,council,date,"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains('\r'));
    assert!(
        stdout(&out).contains(",Fietspad; Coupure,"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn csv_delimiter_is_one_ascii_character_and_shapes_every_command() {
    let dir = indexed();
    // Alone it chooses CSV; here for `raad stats`, whose CSV is key/value rows.
    let out = raad_in(
        dir.path(),
        &["stats", "--index", "idx", "--csv-delimiter", "tab"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("\nrecords\t3\n"), "{}", stdout(&out));
    let out = raad_in(
        dir.path(),
        &[
            "show",
            "--index",
            "idx",
            "--csv-delimiter",
            "|",
            "2019_SV_00002",
        ],
    );
    assert!(
        stdout(&out).starts_with("id|council|date|kind|title|"),
        "{}",
        stdout(&out)
    );

    for bad in [";;", "é", "a", "\""] {
        let out = search(dir.path(), &["--csv-delimiter", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains("for '--csv-delimiter <CHAR>'")
                && stderr(&out).contains("give one ASCII character such as ';' or ','"),
            "{}",
            stderr(&out)
        );
    }
    let out = search(dir.path(), &["--format", "json", "--excel"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--excel shapes CSV output and cannot be used with --format json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn columns_chooses_the_csv_columns_with_answer_dates_and_delays() {
    let dir = indexed();
    let out = search(
        dir.path(),
        &[
            "--format",
            "csv",
            "--sort",
            "oldest",
            "--columns",
            "id,answer_date,delay_days",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "id,answer_date,delay_days\n\
         2019_MV_00001,2019-03-18,14\n\
         2019_SV_00002,2019-07-01,52\n\
         2020_MV_00003,,\n"
    );

    let out = search(
        dir.path(),
        &[
            "--format",
            "csv",
            "--sort",
            "oldest",
            "--columns",
            "answered,answer,source",
        ],
    );
    assert_eq!(
        stdout(&out),
        "answered,answer,source\n\
         yes,Het fietspad komt in mei.,records.jsonl:1\n\
         yes,Er staan 300 fietsen.,records.jsonl:2\n\
         no,,records.jsonl:3\n"
    );
}

#[test]
fn an_unknown_column_is_named_with_the_valid_ones() {
    let dir = indexed();
    let out = search(dir.path(), &["--format", "csv", "--columns", "id,url"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("invalid value 'url' for '--columns <LIST>'"),
        "{err}"
    );
    assert!(
        err.contains("[possible values: id, council, date, kind, title, councillors, parties, alderman, topics, topic_source, snippet, answer, answered, answer_date, delay_days, source]"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    // Columns are CSV's: with a table they would be ignored, so they are refused.
    let out = search(dir.path(), &["--columns", "id"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--columns chooses the columns of CSV output"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn facets_out_writes_the_counts_as_csv() {
    let dir = indexed();
    let out = search(
        dir.path(),
        &["--format", "csv", "--facets", "--facets-out", "facets.csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("--facets-out"), "{}", stderr(&out));
    let facets = std::fs::read_to_string(dir.path().join("facets.csv")).unwrap();
    assert_eq!(
        facets,
        "facet,value,count\n\
         party,Groen,2\n\
         party,N-VA,1\n\
         alderman,Filip Watteeuw,2\n\
         alderman,Mieke Hullebroeck,1\n\
         topic,mobiliteit,2\n\
         topic,veiligheid,1\n\
         councillor,An Peeters,2\n\
         councillor,Bart Claes,1\n\
         year,2019,2\n\
         year,2020,1\n\
         kind,mondelinge vraag,2\n\
         kind,schriftelijke vraag,1\n"
    );

    // With a filter the counts are the filtered set's (a facet's own filter aside, as the
    // table counts them: the other parties' records are counted for `party`), in the style
    // asked for.
    let out = search(
        dir.path(),
        &["--excel", "--party", "groen", "--facets-out", "groen.csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let facets = std::fs::read_to_string(dir.path().join("groen.csv")).unwrap();
    assert_eq!(
        facets,
        "\u{feff}facet;value;count\r\n\
         party;Groen;2\r\n\
         party;N-VA;1\r\n\
         alderman;Filip Watteeuw;1\r\n\
         alderman;Mieke Hullebroeck;1\r\n\
         topic;mobiliteit;1\r\n\
         topic;veiligheid;1\r\n\
         councillor;An Peeters;2\r\n\
         year;2019;1\r\n\
         year;2020;1\r\n\
         kind;mondelinge vraag;2\r\n"
    );

    // --facets with CSV on stdout and no file: the counts are not lost without a word.
    let out = search(dir.path(), &["--format", "csv", "--facets"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("add --facets-out FILE to write the facet counts"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("facet,value,count"));
}

#[test]
fn json_and_provenance_out_say_where_the_figures_come_from() {
    let dir = indexed();
    let out = search(
        dir.path(),
        &[
            "--json",
            "--party",
            "Groen",
            "--from",
            "2019-03",
            "--unanswered",
            "--provenance-out",
            "provenance.csv",
            "fietsen",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["query"], "fietsen");
    assert_eq!(
        json["filters"],
        serde_json::json!({
            "party": ["Groen"],
            "from": "2019-03-01",
            "answered": false,
            "mode": "all",
        })
    );
    assert_eq!(json["index"], "idx");
    let generated_at = json["generated_at"].as_str().unwrap();
    assert!(is_rfc3339_utc(generated_at), "{generated_at}");
    // The search results' own fields stay beside them.
    assert_eq!(json["total"], 1);
    assert_eq!(json["hits"][0]["id"], "2020_MV_00003");

    let provenance = std::fs::read_to_string(dir.path().join("provenance.csv")).unwrap();
    assert_eq!(
        provenance,
        format!(
            "key,value\n\
             filters.answered,false\n\
             filters.from,2019-03-01\n\
             filters.mode,all\n\
             filters.party,Groen\n\
             generated_at,{generated_at}\n\
             index,idx\n\
             query,fietsen\n"
        )
    );
}

/// `2026-03-01T09:30:00Z`: RFC 3339 in UTC, to the second.
fn is_rfc3339_utc(text: &str) -> bool {
    let digits = |range: std::ops::Range<usize>| {
        text.get(range)
            .is_some_and(|part| part.bytes().all(|b| b.is_ascii_digit()))
    };
    text.len() == 20
        && digits(0..4)
        && &text[4..5] == "-"
        && digits(5..7)
        && &text[7..8] == "-"
        && digits(8..10)
        && &text[10..11] == "T"
        && digits(11..13)
        && &text[13..14] == ":"
        && digits(14..16)
        && &text[16..17] == ":"
        && digits(17..19)
        && &text[19..] == "Z"
}
