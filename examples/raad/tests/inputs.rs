//! Odd inputs and honest exit statuses (issue 16): pipes, devices and links in input folders,
//! files over the size limit, missing and empty inputs, a reader that goes away, an index
//! folder the user may only read. Every run has a time limit, so a hang fails the test.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

#[allow(dead_code)]
mod common;
use common::raad_command;

/// Runs raad to its end, at most 60 seconds.
fn raad(cwd: &Path, args: &[&str]) -> Output {
    let child = raad_command(cwd, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("raad starts");
    finish(child)
}

fn finish(mut child: Child) -> Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("raad did not end within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn record_lines(prefix: &str, count: usize) -> String {
    (0..count)
        .map(|i| format!("{{\"id\":\"{prefix}-{i}\",\"title\":\"Fietspad {i}\"}}\n"))
        .collect()
}

#[test]
fn pipes_and_devices_in_a_folder_are_skipped_unopened() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/a.jsonl"), record_lines("A", 2)).unwrap();
    // Nobody writes to the pipe: opening it would wait forever.
    mkfifo(&dir.join("d/pipe.txt"));
    symlink("/dev/zero", dir.join("d/zero.txt")).unwrap();

    let parsed = raad(dir, &["parse", "--follow", "d"]);
    assert_eq!(parsed.status.code(), Some(0), "{}", stderr(&parsed));
    let err = stderr(&parsed);
    assert!(
        err.contains("skipped: d/pipe.txt (not a regular file: a named pipe)"),
        "{err}"
    );
    assert!(
        err.contains("skipped: d/zero.txt (not a regular file: a device)"),
        "{err}"
    );
    assert!(
        err.contains("2 records from 1 file; 0 rejected, 2 skipped"),
        "{err}"
    );

    let indexed = raad(dir, &["index", "--index", "i", "--follow", "--json", "d"]);
    assert_eq!(indexed.status.code(), Some(0), "{}", stderr(&indexed));
    let report: serde_json::Value = serde_json::from_slice(&indexed.stdout).unwrap();
    assert_eq!(report["records_in_index"], 2);
    assert_eq!(
        report["skipped"][0]["reason"],
        "not a regular file: a named pipe"
    );

    // A device given by name is not read either.
    let given = raad(dir, &["parse", "d/zero.txt"]);
    assert!(
        stderr(&given).contains("skipped: d/zero.txt (not a regular file: a device)"),
        "{}",
        stderr(&given)
    );
}

#[test]
fn files_over_the_size_limit_are_rejected_unread() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/big.jsonl"), record_lines("B", 50)).unwrap();
    std::fs::write(dir.join("d/small.jsonl"), record_lines("S", 1)).unwrap();
    let limit_line = "rejected: d/big.jsonl: larger than the limit of 1 kB for one file";

    let parsed = raad(dir, &["parse", "--max-file-size", "1kB", "d"]);
    assert_eq!(parsed.status.code(), Some(1));
    assert!(stderr(&parsed).contains(limit_line), "{}", stderr(&parsed));
    assert_eq!(String::from_utf8_lossy(&parsed.stdout).lines().count(), 1);

    let indexed = raad(
        dir,
        &["index", "--index", "i", "--max-file-size", "1000", "d"],
    );
    assert_eq!(indexed.status.code(), Some(1));
    assert!(
        stderr(&indexed).contains(limit_line),
        "{}",
        stderr(&indexed)
    );
    assert!(
        stderr(&indexed).contains("1 records in i"),
        "{}",
        stderr(&indexed)
    );

    // A pipe given by name that never ends is read up to the limit, not without bound.
    let pipe = dir.join("endless.jsonl");
    mkfifo(&pipe);
    let child = raad_command(dir, &["parse", "--max-file-size", "1MB", "endless.jsonl"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let writer = std::thread::spawn(move || {
        let mut out = std::fs::OpenOptions::new().write(true).open(pipe).unwrap();
        let line = record_lines("E", 1);
        // Stops when raad closes its end.
        while out.write_all(line.as_bytes()).is_ok() {}
    });
    let output = finish(child);
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("rejected: endless.jsonl: larger than the limit of 1 MB"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn links_out_of_the_folders_given_are_followed_only_with_follow() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir_all(dir.join("d/sub")).unwrap();
    std::fs::create_dir(dir.join("elsewhere")).unwrap();
    std::fs::write(dir.join("d/sub/a.jsonl"), record_lines("A", 1)).unwrap();
    std::fs::write(dir.join("elsewhere/b.jsonl"), record_lines("B", 1)).unwrap();
    symlink(dir.join("elsewhere"), dir.join("d/out")).unwrap();
    symlink(dir.join("d"), dir.join("d/sub/loop")).unwrap();

    let inside = raad(dir, &["index", "--index", "i", "--json", "d"]);
    assert_eq!(inside.status.code(), Some(0), "{}", stderr(&inside));
    let target = std::fs::canonicalize(dir.join("elsewhere")).unwrap();
    assert!(
        stderr(&inside).contains(&format!(
            "skipped: d/out (a link to {}, outside the paths given)",
            target.display()
        )),
        "{}",
        stderr(&inside)
    );
    let report: serde_json::Value = serde_json::from_slice(&inside.stdout).unwrap();
    assert_eq!(report["records_in_index"], 1);

    let followed = raad(dir, &["parse", "--follow", "d"]);
    assert_eq!(followed.status.code(), Some(0), "{}", stderr(&followed));
    assert!(
        stderr(&followed).contains("2 records from 2 files; 0 rejected, 0 skipped"),
        "{}",
        stderr(&followed)
    );
}

#[test]
fn a_missing_path_is_an_error_and_leaves_nothing_behind() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let output = raad(dir, &["index", "--index", "new", "/no/such/path"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "raad: error: /no/such/path: no such file or folder; nothing was indexed\n"
    );
    assert!(!dir.join("new").exists(), "an index was created");

    let parsed = raad(dir, &["parse", "/no/such/path"]);
    assert_eq!(parsed.status.code(), Some(2));
    assert_eq!(
        stderr(&parsed),
        "raad: error: /no/such/path: no such file or folder\n"
    );
}

#[test]
fn a_folder_without_record_files_is_a_note_and_exit_1() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("empty")).unwrap();
    std::fs::create_dir(dir.join("pdfs")).unwrap();
    std::fs::write(dir.join("pdfs/a.pdf"), "%PDF").unwrap();
    let note = "raad: no record files in empty (raad reads .txt, .md, .json and .jsonl)\n";

    let indexed = raad(dir, &["index", "--index", "new", "empty"]);
    assert_eq!(indexed.status.code(), Some(1));
    assert_eq!(stderr(&indexed), note);
    assert!(!dir.join("new").exists(), "an index was created");

    let parsed = raad(dir, &["parse", "empty"]);
    assert_eq!(parsed.status.code(), Some(1));
    assert_eq!(stderr(&parsed), note);

    let only_pdfs = raad(dir, &["index", "--index", "new", "pdfs"]);
    assert_eq!(only_pdfs.status.code(), Some(1));
    assert_eq!(
        stderr(&only_pdfs),
        "skipped: pdfs/a.pdf (not a record file: raad reads .txt, .md, .json and .jsonl)\n\
         raad: no record files in pdfs (raad reads .txt, .md, .json and .jsonl)\n"
    );
}

/// `raad parse --json … | head -1`: reads one line and closes the pipe.
fn first_line_then_close(dir: &Path, args: &[&str]) -> Output {
    let mut child = raad_command(dir, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("{\"id\":"), "{first}");
    finish(child)
}

#[test]
fn a_reader_that_goes_away_ends_raad_quietly_with_the_status_of_the_work() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("d")).unwrap();
    // Far more than a pipe holds, so that raad writes after the reader is gone.
    std::fs::write(dir.join("d/a.jsonl"), record_lines("A", 20_000)).unwrap();
    let clean = first_line_then_close(dir, &["parse", "--json", "d"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert!(!stderr(&clean).contains("error"), "{}", stderr(&clean));

    std::fs::write(dir.join("d/0-broken.jsonl"), "{not json\n").unwrap();
    let partial = first_line_then_close(dir, &["parse", "--json", "d"]);
    assert_eq!(partial.status.code(), Some(1), "{}", stderr(&partial));
    let err = stderr(&partial);
    assert!(
        !err.contains("error") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert!(err.contains("rejected: d/0-broken.jsonl:1:"), "{err}");
}

#[test]
fn an_index_folder_that_may_only_be_read_can_be_searched() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("d")).unwrap();
    std::fs::write(dir.join("d/a.jsonl"), record_lines("A", 3)).unwrap();
    let indexed = raad(dir, &["index", "--index", "i", "d"]);
    assert_eq!(indexed.status.code(), Some(0), "{}", stderr(&indexed));
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.join("i"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing();
    assert!(Command::new("chmod")
        .args(["-R", "a-w", "i"])
        .current_dir(dir)
        .status()
        .unwrap()
        .success());
    // root may write anywhere: run the reader as nobody, in a user namespace of its own.
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let raad_bin = env!("CARGO_BIN_EXE_raad");
    let script = format!(
        "{raad_bin} search --index i --json fietspad > search.json 2> search.err; echo $? > search.code; \
         {raad_bin} stats --index i > /dev/null 2> stats.err; echo $? > stats.code; \
         {raad_bin} show --index i A-1 > /dev/null 2> show.err; echo $? > show.code"
    );
    let mut command = if is_root {
        let mut command = Command::new("unshare");
        command.args(["--user", "sh", "-c", &script]);
        command
    } else {
        let mut command = Command::new("sh");
        command.args(["-c", &script]);
        command
    };
    let status = command
        .current_dir(dir)
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env_remove("RAAD_INDEX")
        .status();
    let _ = Command::new("chmod")
        .args(["-R", "u+w", "i"])
        .current_dir(dir)
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot run a reader without write access here");
        return;
    }
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    for command in ["search", "stats", "show"] {
        assert_eq!(
            read(&format!("{command}.code")).trim(),
            "0",
            "{command}: {}",
            read(&format!("{command}.err"))
        );
    }
    let results: serde_json::Value = serde_json::from_str(&read("search.json")).unwrap();
    assert_eq!(results["total"], 3, "{results}");
    assert_eq!(listing(), before, "the readers wrote into the index folder");
}

#[test]
fn json_type_errors_name_the_field_and_index_says_what_parse_says() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("d")).unwrap();
    std::fs::write(
        dir.join("d/a.jsonl"),
        "{\"id\":\"A-1\",\"date\":5}\n{\"id\":\"A-2\",\"title\":\"Fietspad\"}\n",
    )
    .unwrap();
    let expected = "rejected: d/a.jsonl:1:20: field `date`: invalid type: integer `5`, \
                    expected a string\n";
    let rejections = |output: &Output| -> String {
        stderr(output)
            .lines()
            .filter(|line| line.starts_with("rejected: "))
            .map(|line| format!("{line}\n"))
            .collect()
    };
    let parsed = raad(dir, &["parse", "d"]);
    assert_eq!(rejections(&parsed), expected);
    let indexed = raad(dir, &["index", "--index", "i", "d"]);
    assert_eq!(rejections(&indexed), expected);
}

#[test]
fn repeated_ids_are_reported_with_lines_spellings_and_the_version_indexed() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("d")).unwrap();
    std::fs::write(
        dir.join("d/a.jsonl"),
        "{\"id\":\"2016 mv 146\",\"title\":\"Eerst\"}\n{\"id\":\"B-1\"}\n\
         {\"id\":\"2016_MV_00146\",\"title\":\"Later\"}\n{\"id\":\"B-1\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join("d/c.jsonl"), "{\"id\":\"b-1\"}\n").unwrap();
    let indexed = raad(dir, &["index", "--index", "i", "d"]);
    // Repeats and duplicates are reported, not rejected: the run did what it was asked.
    assert_eq!(indexed.status.code(), Some(0), "{}", stderr(&indexed));
    let lines: Vec<String> = stderr(&indexed).lines().map(str::to_string).collect();
    let reported: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|line| line.starts_with("repeated id: ") || line.starts_with("duplicate id: "))
        .collect();
    assert_eq!(
        reported,
        [
            "duplicate id: b-1 in d/a.jsonl and d/c.jsonl; indexed from d/c.jsonl \
             (written \"B-1\" in d/a.jsonl, \"b-1\" in d/c.jsonl)",
            "repeated id: 2016_mv_00146 in d/a.jsonl (lines 1 and 3); line 3 is indexed \
             (written \"2016 mv 146\" and \"2016_MV_00146\")",
            "repeated id: b-1 in d/a.jsonl (lines 2 and 4); indexed from d/c.jsonl",
        ]
    );
    // Five records read: two ids, three records that repeat one.
    assert!(
        lines.iter().any(|line| line
            .starts_with("2 indexed, 0 replaced, 3 repeated, 0 unchanged, 0 removed, 0 rejected")),
        "{lines:?}"
    );

    // Many repeats: twenty lines, then a count; the JSON report has them all.
    let many: String = (0..25)
        .flat_map(|i| [i, i])
        .map(|i| format!("{{\"id\":\"R-{i}\"}}\n"))
        .collect();
    std::fs::write(dir.join("many.jsonl"), many).unwrap();
    let indexed = raad(dir, &["index", "--index", "j", "--json", "many.jsonl"]);
    assert_eq!(indexed.status.code(), Some(0), "{}", stderr(&indexed));
    let text = stderr(&indexed);
    let repeats: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("repeated id: "))
        .collect();
    assert_eq!(repeats.len(), 20);
    assert_eq!(
        repeats[0],
        "repeated id: r-0 in many.jsonl (lines 1 and 2); line 2 is indexed"
    );
    assert!(
        text.contains("\n… and 5 more repeated ids (see --json)\n"),
        "{text}"
    );
    let report: serde_json::Value = serde_json::from_slice(&indexed.stdout).unwrap();
    assert_eq!(report["repeated"], 25);
    assert_eq!(report["repeats"].as_array().unwrap().len(), 25);
    assert_eq!(report["repeats"][24]["lines"], serde_json::json!([49, 50]));
}
