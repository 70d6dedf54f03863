//! `raad trend`, `top`, `answers`, `overdue` and `batch` end to end, on nine records written
//! here (the library's analytics test has the same ones and counts them by hand):
//!
//! | id        | date       | title                       | asked by (party)   | alderman    | answered            |
//! |-----------|------------|-----------------------------|--------------------|-------------|---------------------|
//! | 2014_SV_1 | 2014-03-10 | Kinderopvang in Gentbrugge  | Coddens (Groen)    | Decruynaere | after 10 days       |
//! | 2014_SV_2 | 2014-09-01 | Wachtlijsten kinderopvang   | De Wulf (N-VA)     | Decruynaere | after 50 days       |
//! | 2016_SV_3 | 2016-02-15 | Kinderopvang en fietspaden  | Coddens, De Wulf   | Watteeuw    | after 10 days       |
//! | 2016_SV_4 | 2016-11-30 | Fietspaden aan de Dampoort  | Peeters (Open Vld) | Watteeuw    | no                  |
//! | 2017_SV_5 | 2017-01-05 | Subsidies voor kinderopvang | De Wulf (N-VA)     | Decruynaere | dated 2 days before |
//! | 2017_SV_6 | 2017-02-20 | Openingsuren kinderopvang   | Peeters (Open Vld) | Decruynaere | no                  |
//! | 2013_MV_7 | 2013-05-13 | Parkeren aan het station    | De Wulf (N-VA)     | Watteeuw    | the same day        |
//! | 2016_SV_8 | 2016-06-01 | Kinderopvang in de zomer    | Coddens (Groen)    | none        | yes, no date        |
//! | 2015_SV_9 | none       | Kinderopvang voor baby's    | Peeters (Open Vld) | Decruynaere | no                  |

use std::path::Path;
use std::process::Output;

mod common;
use common::{raad_in, stderr, stdout};

const RECORDS: &str = r#"{"id":"2014_SV_1","date":"2014-03-10","title":"Kinderopvang in Gentbrugge","councillors":[{"name":"Anne Coddens","party":"Groen"}],"alderman":"Elke Decruynaere","answer":"Ja.","answer_date":"2014-03-20"}
{"id":"2014_SV_2","date":"2014-09-01","title":"Wachtlijsten kinderopvang","councillors":[{"name":"Robin De Wulf","party":"N-VA"}],"alderman":"Elke Decruynaere","answer":"Ja.","answer_date":"2014-10-21"}
{"id":"2016_SV_3","date":"2016-02-15","title":"Kinderopvang en fietspaden","councillors":[{"name":"Anne Coddens","party":"Groen"},{"name":"Robin De Wulf","party":"N-VA"}],"alderman":"Filip Watteeuw","answer":"Ja.","answer_date":"2016-02-25"}
{"id":"2016_SV_4","date":"2016-11-30","title":"Fietspaden aan de Dampoort","councillors":[{"name":"Els Peeters","party":"Open Vld"}],"alderman":"Filip Watteeuw"}
{"id":"2017_SV_5","date":"2017-01-05","title":"Subsidies voor kinderopvang","councillors":[{"name":"Robin De Wulf","party":"N-VA"}],"alderman":"Elke Decruynaere","answer":"Ja.","answer_date":"2017-01-03"}
{"id":"2017_SV_6","date":"2017-02-20","title":"Openingsuren kinderopvang","councillors":[{"name":"Els Peeters","party":"Open Vld"}],"alderman":"Elke Decruynaere"}
{"id":"2013_MV_7","date":"2013-05-13","title":"Parkeren aan het station","councillors":[{"name":"Robin De Wulf","party":"N-VA"}],"alderman":"Filip Watteeuw","answer":"Ja.","answer_date":"2013-05-13"}
{"id":"2016_SV_8","date":"2016-06-01","title":"Kinderopvang in de zomer","councillors":[{"name":"Anne Coddens","party":"Groen"}],"answer":"Ja."}
{"id":"2015_SV_9","title":"Kinderopvang voor baby's","councillors":[{"name":"Els Peeters","party":"Open Vld"}],"alderman":"Elke Decruynaere"}
"#;

/// A temp folder with the records in `records.jsonl` and their index in `idx/`.
fn indexed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("records.jsonl"), RECORDS).unwrap();
    let out = raad_in(
        dir.path(),
        &[
            "index",
            "--index",
            "idx",
            "--no-topic-rules",
            "records.jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

/// `raad COMMAND --index idx ARGS…` in `dir`.
fn raad(dir: &Path, command: &str, args: &[&str]) -> Output {
    let mut all = vec![command, "--index", "idx"];
    all.extend_from_slice(args);
    raad_in(dir, &all)
}

#[test]
fn trend_counts_per_year_with_empty_years_in_every_format() {
    let dir = indexed();
    let out = raad(dir.path(), "trend", &["kinderopvang", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "period,first_day,last_day,count\n\
         2013,2013-01-01,2013-12-31,0\n\
         2014,2014-01-01,2014-12-31,2\n\
         2015,2015-01-01,2015-12-31,0\n\
         2016,2016-01-01,2016-12-31,2\n\
         2017,2017-01-01,2017-12-31,2\n"
    );

    let out = raad(
        dir.path(),
        "trend",
        &["kinderopvang", "--split", "party", "--excel"],
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("\u{feff}period;first_day;last_day;count;Groen;N-VA;Open Vld\r\n"),
        "{text}"
    );
    assert!(
        text.contains("2016;2016-01-01;2016-12-31;2;2;1;0\r\n"),
        "{text}"
    );

    let out = raad(
        dir.path(),
        "trend",
        &["kinderopvang", "--party", "Groen", "--json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["query"], "kinderopvang");
    assert_eq!(json["filters"]["party"][0], "Groen");
    assert!(json["index"].as_str().unwrap().ends_with("idx"));
    assert!(json["generated_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(json["total"], 3);
    assert_eq!(json["undated"], 0);
    let counts: Vec<u64> = json["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [0, 1, 0, 2, 0]);

    // The table: a bar per period, the undated record said apart.
    let out = raad(dir.path(), "trend", &["kinderopvang"]);
    let table = stdout(&out);
    assert!(
        table.starts_with("\"kinderopvang\": 7 records per year\n"),
        "{table}"
    );
    assert!(table.contains("2015  "), "{table}");
    assert!(table.contains('█'), "{table}");
    assert!(table.ends_with("without a date: 1\n"), "{table}");
}

#[test]
fn trend_by_quarter_and_legislature() {
    let dir = indexed();
    let out = raad(dir.path(), "trend", &["--by", "quarter", "--format", "csv"]);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1 + 16, "{text}");
    assert!(
        text.contains("\n2017-Q1,2017-01-01,2017-03-31,2\n"),
        "{text}"
    );
    let terms = dir.path().join("terms.txt");
    std::fs::write(&terms, "2013 2015 eerste\n2016 2018 tweede\n").unwrap();
    let out = raad(
        dir.path(),
        "trend",
        &[
            "--by",
            "legislature",
            "--legislatures",
            "terms.txt",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        stdout(&out),
        "period,first_day,last_day,count\n\
         eerste,2013-01-01,2015-12-31,3\n\
         tweede,2016-01-01,2018-12-31,5\n",
        "{}",
        stderr(&out)
    );
    std::fs::write(&terms, "2013 2015\n2015 2018\n").unwrap();
    let out = raad(
        dir.path(),
        "trend",
        &["--by", "legislature", "--legislatures", "terms.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("terms.txt:line 2"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn trend_writes_a_chart_titled_with_the_query() {
    let dir = indexed();
    let out = raad(
        dir.path(),
        "trend",
        &["kinderopvang", "--split", "party", "--chart", "chart.svg"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path().join("chart.svg")).unwrap();
    assert!(svg.contains("kinderopvang — per jaar, per partij"), "{svg}");
    assert!(
        svg.contains("Aantal vragen") && svg.contains("Open Vld"),
        "{svg}"
    );
    assert!(svg.contains("2013-05-13 – 2017-02-20, 9 vragen"), "{svg}");
    let out = raad(
        dir.path(),
        "trend",
        &["kinderopvang", "--chart", "chart.png", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let png = std::fs::read(dir.path().join("chart.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let out = raad(
        dir.path(),
        "trend",
        &["kinderopvang", "--chart", "chart.pdf"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not .pdf"), "{}", stderr(&out));
}

#[test]
fn a_trend_of_nothing_exits_1() {
    let dir = indexed();
    let out = raad(dir.path(), "trend", &["zwembad"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn top_lists_who_asked_most() {
    let dir = indexed();
    let out = raad(
        dir.path(),
        "top",
        &["kinderopvang", "--facet", "party", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "party,count,share,first_date,last_date,examples\n\
         Groen,3,0.4286,2014-03-10,2016-06-01,2016_SV_8; 2016_SV_3; 2014_SV_1\n\
         N-VA,3,0.4286,2014-09-01,2017-01-05,2017_SV_5; 2016_SV_3; 2014_SV_2\n\
         Open Vld,2,0.2857,2017-02-20,2017-02-20,2017_SV_6; 2015_SV_9\n"
    );
    let out = raad(
        dir.path(),
        "top",
        &["kinderopvang", "--facet", "councillor", "--limit", "1"],
    );
    let table = stdout(&out);
    assert!(
        table.starts_with("councillor of 7 matching records (3 values in all)\n"),
        "{table}"
    );
    assert!(table.contains("Anne Coddens"), "{table}");
    assert_eq!(table.lines().count(), 2, "{table}");
}

#[test]
fn answers_give_medians_shares_and_name_answers_dated_before_the_question() {
    let dir = indexed();
    let out = raad(
        dir.path(),
        "answers",
        &["--as-of", "2017-03-01", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "alderman,asked,answered,unanswered,overdue,answered_undated,answer_before_question,median_days,p90_days,within_deadline,within_deadline_share,deadline_days,as_of\n\
         Elke Decruynaere,5,3,2,0,0,1,30,50,1,0.5000,30,2017-03-01\n\
         Filip Watteeuw,3,2,1,1,0,0,5,10,2,0.6667,30,2017-03-01\n\
         (none),1,1,0,0,1,0,,,0,,30,2017-03-01\n\
         (all),9,6,3,1,1,1,10,50,3,0.6000,30,2017-03-01\n"
    );
    assert!(
        stderr(&out).contains("note: 2017_SV_5 is answered on 2017-01-03 but asked on 2017-01-05"),
        "{}",
        stderr(&out)
    );
    let out = raad(
        dir.path(),
        "answers",
        &[
            "--as-of",
            "2017-03-01",
            "--by",
            "none",
            "--deadline",
            "60",
            "--json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["all"]["within_deadline_share"], 0.8);
    assert_eq!(json["groups"].as_array().unwrap().len(), 0);
    assert_eq!(json["answer_before_question"][0]["id"], "2017_SV_5");
    let out = raad(dir.path(), "answers", &["--as-of", "maart"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--as-of"), "{}", stderr(&out));
}

#[test]
fn overdue_lists_the_oldest_unanswered_first() {
    let dir = indexed();
    let out = raad(
        dir.path(),
        "overdue",
        &["--days", "5", "--as-of", "2017-03-01", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "id,date,days_open,kind,title,alderman,councillors,parties\n\
         2016_SV_4,2016-11-30,91,,Fietspaden aan de Dampoort,Filip Watteeuw,Els Peeters,Open Vld\n\
         2017_SV_6,2017-02-20,9,,Openingsuren kinderopvang,Elke Decruynaere,Els Peeters,Open Vld\n"
    );
    let out = raad(
        dir.path(),
        "overdue",
        &["--as-of", "2017-03-01", "--alderman", "Decruynaere"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stdout(&out).starts_with("0 unanswered after more than 60 days, as of 2017-03-01"));
}

#[test]
fn batch_gives_a_row_per_line_and_reports_lines_with_mistakes() {
    let dir = indexed();
    std::fs::write(
        dir.path().join("list.txt"),
        "# onderwerpen en namen\nkinderopvang\nfietspaden\n\nCoddens  # raadslid\nonbekend:veld\n",
    )
    .unwrap();
    let out = raad(dir.path(), "batch", &["list.txt", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "line,query,total,2013,2014,2015,2016,2017,Groen,N-VA,Open Vld,error"
    );
    assert_eq!(lines[1], "2,kinderopvang,7,0,2,0,2,2,3,3,1,");
    assert_eq!(lines[2], "3,fietspaden,2,0,0,0,2,0,1,1,1,");
    assert_eq!(lines[3], "5,Coddens,3,0,1,0,2,0,3,1,0,");
    assert!(
        lines[4].starts_with("6,onbekend:veld,0,0,0,0,0,0,0,0,0,"),
        "{}",
        lines[4]
    );
    assert!(
        stderr(&out).contains("rejected: list.txt:6: column 1: unknown field `onbekend`"),
        "{}",
        stderr(&out)
    );
    std::fs::write(dir.path().join("empty.txt"), "# niets\n").unwrap();
    let out = raad(dir.path(), "batch", &["empty.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("empty.txt: no queries"),
        "{}",
        stderr(&out)
    );
}
