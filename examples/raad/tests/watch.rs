//! `raad watch` end to end (#14): a watch follows an index that grows, gets answers and is
//! rebuilt; Atom feeds a feed library reads; runs at once; an index that is gone.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::raad_in;

/// The first batch: two questions about bicycle paths (one answered), one about the budget.
const FIRST: &str = r#"{"id":"2016_MV_00001","kind":"mondelinge vraag","date":"2016-03-01","title":"Fietspad aan de Vrijdagmarkt","councillors":[{"name":"Anne Coddens","party":"Groen"}],"question":"Wanneer wordt het fietspad aan de Vrijdagmarkt hersteld?"}
{"id":"2016_MV_00002","kind":"mondelinge vraag","date":"2016-03-02","title":"Fietspad naar het station","councillors":[{"name":"Robin De Wulf","party":"N-VA"}],"question":"Komt er een breder fietspad?","answer":"Het fietspad wordt verbreed.","answer_date":"2016-03-20"}
{"id":"2016_MV_00003","kind":"mondelinge vraag","date":"2016-03-03","title":"Begroting van de bibliotheek","councillors":[{"name":"Els Peeters","party":"Open Vld"}],"question":"Hoeveel kost de nieuwe bibliotheek?"}
"#;

/// The first question again, now with its answer.
const FIRST_ANSWERED: &str = r#"{"id":"2016_MV_00001","kind":"mondelinge vraag","date":"2016-03-01","title":"Fietspad aan de Vrijdagmarkt","councillors":[{"name":"Anne Coddens","party":"Groen"}],"question":"Wanneer wordt het fietspad aan de Vrijdagmarkt hersteld?","answer":"De Vrijdagmarkt krijgt in mei een nieuw fietspad.","answer_date":"2016-04-05"}
{"id":"2016_MV_00002","kind":"mondelinge vraag","date":"2016-03-02","title":"Fietspad naar het station","councillors":[{"name":"Robin De Wulf","party":"N-VA"}],"question":"Komt er een breder fietspad?","answer":"Het fietspad wordt verbreed.","answer_date":"2016-03-20"}
{"id":"2016_MV_00003","kind":"mondelinge vraag","date":"2016-03-03","title":"Begroting van de bibliotheek","councillors":[{"name":"Els Peeters","party":"Open Vld"}],"question":"Hoeveel kost de nieuwe bibliotheek?"}
"#;

/// The second batch: two new questions about bicycle paths, one about parking.
const SECOND: &str = r#"{"id":"2016_MV_00004","kind":"mondelinge vraag","date":"2016-04-01","title":"Fietspaden aan de Dampoort","councillors":[{"name":"Anne Coddens","party":"Groen"}],"question":"Wanneer komen de fietspaden aan de Dampoort?"}
{"id":"2016_MV_00005","kind":"schriftelijke vraag","date":"2016-04-02","title":"Fietspad in de Muide","councillors":[{"name":"Robin De Wulf","party":"N-VA"}],"question":"Is het fietspad in de Muide veilig?"}
{"id":"2016_MV_00006","kind":"mondelinge vraag","date":"2016-04-03","title":"Parkeren aan de Kouter","councillors":[{"name":"Els Peeters","party":"Open Vld"}],"question":"Waar parkeren de marktkramers?"}
"#;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `raad ARGS` in `root`, checked to end with `status`.
fn raad(root: &Path, args: &[&str], status: i32) -> Output {
    let output = raad_in(root, args);
    assert_eq!(
        output.status.code(),
        Some(status),
        "raad {}: {}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    output
}

/// (watch, reason, id) of every line of `raad watch run --json`.
fn reported(output: &Output) -> Vec<(String, String, String)> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                value["watch"].as_str().unwrap().to_string(),
                value["reason"].as_str().unwrap().to_string(),
                value["record"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn triples(expected: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

/// A folder with the first batch indexed into `idx` and the watch `fietsen` added.
fn first_batch_watched() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir(root.path().join("records")).unwrap();
    fs::write(root.path().join("records/a.jsonl"), FIRST).unwrap();
    raad(root.path(), &["index", "--index", "idx", "records"], 0);
    let added = raad(
        root.path(),
        &["watch", "add", "fietsen", "fietspad", "--index", "idx"],
        0,
    );
    assert!(
        stderr(&added).contains("watch `fietsen` saved")
            && stderr(&added).contains("2 records match now"),
        "{}",
        stderr(&added)
    );
    root
}

#[test]
fn a_watch_reports_new_records_then_answers_and_nothing_after_a_rebuild() {
    let root = first_batch_watched();
    let dir = root.path();
    let run = ["watch", "run", "--index", "idx", "--json"];

    let first = raad(dir, &run, 0);
    assert_eq!(
        reported(&first),
        triples(&[
            ("fietsen", "new", "2016_MV_00002"),
            ("fietsen", "new", "2016_MV_00001"),
        ])
    );
    let again = raad(dir, &run, 1);
    assert_eq!(reported(&again), []);
    assert!(
        stderr(&again).contains("nothing new in 1 watch"),
        "{}",
        stderr(&again)
    );

    fs::write(dir.join("records/a.jsonl"), FIRST_ANSWERED).unwrap();
    fs::write(dir.join("records/b.jsonl"), SECOND).unwrap();
    raad(dir, &["index", "--index", "idx", "records"], 0);
    let third = raad(dir, &run, 0);
    assert_eq!(
        reported(&third),
        triples(&[
            ("fietsen", "new", "2016_MV_00005"),
            ("fietsen", "new", "2016_MV_00004"),
            ("fietsen", "answered", "2016_MV_00001"),
        ])
    );
    let answered: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&third.stdout)
            .lines()
            .nth(2)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        answered["record"]["answer"],
        "De Vrijdagmarkt krijgt in mei een nieuw fietspad."
    );

    raad(dir, &["index", "--index", "idx", "--rebuild", "records"], 0);
    let rebuilt = raad(dir, &run, 1);
    assert_eq!(reported(&rebuilt), []);
}

#[test]
fn dry_runs_since_and_the_table_report_without_recording() {
    let root = first_batch_watched();
    let dir = root.path();
    let dry = raad(dir, &["watch", "run", "--index", "idx", "--dry-run"], 0);
    let table = String::from_utf8_lossy(&dry.stdout);
    assert!(
        table.contains("fietsen: 2 to report, 2 match now"),
        "{table}"
    );
    assert!(
        table.contains("new       2016_MV_00001  2016-03-01  Fietspad aan de Vrijdagmarkt  Anne Coddens (Groen)"),
        "{table}"
    );
    // Not recorded: the next run reports the same; after it, only what is as of a date.
    let csv = raad(
        dir,
        &["watch", "run", "--index", "idx", "--format", "csv"],
        0,
    );
    let csv = String::from_utf8_lossy(&csv.stdout);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("watch,reason,id,council,date,kind,title,councillors,parties,alderman,answer_date,source")
    );
    assert_eq!(lines.count(), 2, "{csv}");
    let since = raad(
        dir,
        &[
            "watch",
            "run",
            "--index",
            "idx",
            "--json",
            "--since",
            "2016-03-02",
        ],
        0,
    );
    assert_eq!(
        reported(&since),
        triples(&[("fietsen", "new", "2016_MV_00002")])
    );
}

#[test]
fn atom_feeds_have_the_required_elements_and_parse() {
    let root = first_batch_watched();
    let dir = root.path();
    raad(
        dir,
        &[
            "watch",
            "add",
            "wachten",
            "fietspad",
            "--unanswered",
            "--index",
            "idx",
        ],
        0,
    );
    raad(
        dir,
        &[
            "watch",
            "run",
            "--index",
            "idx",
            "--format",
            "atom",
            "--out",
            "feeds",
            "--link-base",
            "http://localhost:8080/records/",
        ],
        0,
    );
    fs::write(dir.join("records/a.jsonl"), FIRST_ANSWERED).unwrap();
    raad(dir, &["index", "--index", "idx", "records"], 0);
    raad(
        dir,
        &[
            "watch", "run", "wachten", "--index", "idx", "--format", "atom", "--out", "feeds",
        ],
        0,
    );

    let feed = |name: &str| {
        let bytes = fs::read(dir.join("feeds").join(name)).unwrap();
        feed_rs::parser::parse(bytes.as_slice()).unwrap()
    };
    let fietsen = feed("fietsen.atom");
    assert_eq!(fietsen.feed_type, feed_rs::model::FeedType::Atom);
    assert!(fietsen.id.starts_with("file://") && fietsen.id.ends_with("raad-watches.json#fietsen"));
    assert_eq!(fietsen.title.unwrap().content, "raad: fietsen (fietspad)");
    assert!(fietsen.updated.is_some());
    let entries: Vec<(String, String, String)> = fietsen
        .entries
        .iter()
        .map(|entry| {
            assert!(entry.updated.is_some(), "{entry:?}");
            assert_eq!(entry.links.len(), 1, "{entry:?}");
            (
                entry.id.clone(),
                entry.title.as_ref().unwrap().content.clone(),
                entry.links[0].href.clone(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        triples(&[
            (
                "raad:record/2016_mv_00002",
                "[new] Fietspad naar het station (2016_MV_00002)",
                "http://localhost:8080/records/2016_MV_00002",
            ),
            (
                "raad:record/2016_mv_00001",
                "[new] Fietspad aan de Vrijdagmarkt (2016_MV_00001)",
                "http://localhost:8080/records/2016_MV_00001",
            ),
        ])
    );

    // The watch of unanswered questions: its first entry, then the answer on top of it, linked
    // to the record's file.
    let wachten = feed("wachten.atom");
    let ids: Vec<&str> = wachten
        .entries
        .iter()
        .map(|entry| entry.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "raad:record/2016_mv_00001/answer",
            "raad:record/2016_mv_00001"
        ]
    );
    let link = &wachten.entries[0].links[0].href;
    assert!(
        link.starts_with("file:///") && link.ends_with("/records/a.jsonl"),
        "{link}"
    );
    let content = wachten.entries[0]
        .content
        .as_ref()
        .unwrap()
        .body
        .as_deref()
        .unwrap();
    assert!(
        content.contains("De Vrijdagmarkt krijgt in mei een nieuw fietspad."),
        "{content}"
    );

    // The elements the Atom schema requires, read as XML rather than through the library.
    let xml = fs::read_to_string(dir.join("feeds/fietsen.atom")).unwrap();
    assert!(
        xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""),
        "{xml}"
    );
    for element in ["<id>", "<title", "<updated>", "<author>"] {
        assert!(xml.contains(element), "{element} in {xml}");
    }
}

#[test]
fn runs_at_once_report_each_record_once_and_leave_a_whole_state() {
    let root = first_batch_watched();
    let dir = root.path();
    let children: Vec<_> = (0..4)
        .map(|_| {
            common::raad_command(dir, &["watch", "run", "--index", "idx", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut all = Vec::new();
    let mut statuses = Vec::new();
    for child in children {
        let output = child.wait_with_output().unwrap();
        statuses.push(output.status.code());
        all.extend(reported(&output));
    }
    all.sort();
    assert_eq!(
        all,
        triples(&[
            ("fietsen", "new", "2016_MV_00001"),
            ("fietsen", "new", "2016_MV_00002"),
        ]),
        "{statuses:?}"
    );
    statuses.sort();
    assert_eq!(statuses, [Some(0), Some(1), Some(1), Some(1)]);
    let state: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("idx/raad-watches.json")).unwrap()).unwrap();
    assert_eq!(
        state["watches"][0]["state"],
        serde_json::json!({
            "answered": ["2016_mv_00002"],
            "unanswered": ["2016_mv_00001"],
        })
    );
}

#[test]
fn list_show_rm_and_mistakes() {
    let root = first_batch_watched();
    let dir = root.path();
    raad(
        dir,
        &[
            "watch",
            "add",
            "groen",
            "fiets*",
            "--party",
            "Groen",
            "--answers",
            "--index",
            "idx",
        ],
        0,
    );
    let list = raad(dir, &["watch", "list", "--index", "idx"], 0);
    let list = String::from_utf8_lossy(&list.stdout);
    assert_eq!(
        list,
        "fietsen  fietspad  (new, answered; 0 recorded; not run yet)\n\
         groen  fiets*  (answered; 0 recorded; not run yet)\n"
    );
    let show = raad(
        dir,
        &["watch", "show", "groen", "--index", "idx", "--json"],
        0,
    );
    let show: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(show["filters"]["party"], serde_json::json!(["Groen"]));
    assert_eq!(show["report"]["new"], false);

    let same = raad(
        dir,
        &["watch", "add", "groen", "fiets", "--index", "idx"],
        2,
    );
    assert!(
        stderr(&same).contains("a watch named `groen` exists"),
        "{}",
        stderr(&same)
    );
    let malformed = raad(
        dir,
        &["watch", "add", "kapot", "\"fietspad", "--index", "idx"],
        2,
    );
    assert!(
        stderr(&malformed).contains("column 1"),
        "{}",
        stderr(&malformed)
    );
    let bad_name = raad(
        dir,
        &["watch", "add", "../x", "fietspad", "--index", "idx"],
        2,
    );
    assert!(
        stderr(&bad_name).contains("cannot name a watch"),
        "{}",
        stderr(&bad_name)
    );
    let unknown = raad(dir, &["watch", "run", "rood", "--index", "idx"], 2);
    assert!(
        stderr(&unknown).contains("no watch named `rood` in idx; there are: fietsen, groen"),
        "{}",
        stderr(&unknown)
    );

    raad(dir, &["watch", "rm", "fietsen", "--index", "idx"], 0);
    // The answers-only watch records the matches and reports none of them.
    let run = raad(dir, &["watch", "run", "--index", "idx", "--json"], 1);
    assert_eq!(reported(&run), []);
    raad(dir, &["watch", "rm", "groen", "--index", "idx"], 0);
    let none = raad(dir, &["watch", "run", "--index", "idx"], 1);
    assert!(
        stderr(&none).contains("no watches in idx"),
        "{}",
        stderr(&none)
    );
}

#[test]
fn a_watch_on_a_removed_index_says_so() {
    let root = first_batch_watched();
    let dir = root.path();
    // The index's files gone, the folder (and its watches) left.
    for entry in fs::read_dir(dir.join("idx")).unwrap() {
        let path = entry.unwrap().path();
        if !path.ends_with("raad-watches.json") {
            fs::remove_file(path).unwrap();
        }
    }
    let run = raad(dir, &["watch", "run", "--index", "idx"], 2);
    assert!(
        stderr(&run).contains("cannot run the watches: no raad index at idx"),
        "{}",
        stderr(&run)
    );
    fs::remove_dir_all(dir.join("idx")).unwrap();
    let run = raad(dir, &["watch", "run", "--index", "idx"], 2);
    assert!(
        stderr(&run).contains("no index at idx: the folder is gone, and its watches with it"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_rebuild_of_a_damaged_index_keeps_its_watches() {
    let root = first_batch_watched();
    let dir = root.path();
    raad(dir, &["watch", "run", "--index", "idx"], 0);
    let fast = fs::read_dir(dir.join("idx"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "fast"))
        .unwrap();
    fs::remove_file(fast).unwrap();
    raad(dir, &["index", "--index", "idx", "--rebuild", "records"], 0);
    let list = raad(dir, &["watch", "list", "--index", "idx"], 0);
    assert!(
        String::from_utf8_lossy(&list.stdout)
            .contains("fietsen  fietspad  (new, answered; 2 recorded"),
        "{}",
        String::from_utf8_lossy(&list.stdout)
    );
    let run = raad(dir, &["watch", "run", "--index", "idx"], 1);
    assert!(
        stderr(&run).contains("nothing new in 1 watch"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn the_demo_index_can_be_watched() {
    let root = tempfile::tempdir().unwrap();
    raad(root.path(), &["watch", "add", "fietsen", "fietspad"], 0);
    let first = raad(root.path(), &["watch", "run", "--json"], 0);
    assert!(!reported(&first).is_empty());
    raad(root.path(), &["watch", "run"], 1);
}

#[test]
fn a_filter_value_the_index_lacks_is_warned_of_at_add_and_at_every_run() {
    let root = first_batch_watched();
    let dir = root.path();
    let add = raad(
        dir,
        &[
            "watch", "add", "groene", "fietspad", "--party", "Groene", "--index", "idx",
        ],
        0,
    );
    assert!(
        stderr(&add).contains("warning: no party \"Groene\" in this index; did you mean Groen"),
        "{}",
        stderr(&add)
    );
    let run = raad(dir, &["watch", "run", "groene", "--index", "idx"], 1);
    assert!(
        stderr(&run).contains("groene: warning: no party \"Groene\" in this index"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_watches_file_of_the_first_layout_is_read_and_written_back_in_the_compact_one() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    fs::create_dir(dir.join("records")).unwrap();
    fs::write(dir.join("records/a.jsonl"), FIRST).unwrap();
    raad(dir, &["index", "--index", "idx", "records"], 0);
    // As the first `raad watch` wrote it: one object per recorded id (00001 unanswered).
    let first_layout = r#"{"version":1,"watches":[{"watch":{"name":"fietsen","query":"fietspad"},"state":{"records":{"2016_mv_00001":{"answered":false},"2016_mv_00002":{"answered":true}}}}]}"#;
    fs::write(dir.join("idx/raad-watches.json"), first_layout).unwrap();

    fs::write(dir.join("records/a.jsonl"), FIRST_ANSWERED).unwrap();
    fs::write(dir.join("records/b.jsonl"), SECOND).unwrap();
    raad(dir, &["index", "--index", "idx", "records"], 0);
    let run = raad(dir, &["watch", "run", "--index", "idx", "--json"], 0);
    assert_eq!(
        reported(&run),
        triples(&[
            ("fietsen", "new", "2016_MV_00005"),
            ("fietsen", "new", "2016_MV_00004"),
            ("fietsen", "answered", "2016_MV_00001"),
        ])
    );
    let written: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("idx/raad-watches.json")).unwrap())
            .unwrap();
    assert_eq!(written["version"], 2);
    assert_eq!(
        written["watches"][0]["state"],
        serde_json::json!({
            "answered": ["2016_mv_00001", "2016_mv_00002"],
            "unanswered": ["2016_mv_00004", "2016_mv_00005"],
        })
    );
}
