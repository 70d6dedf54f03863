//! `raad index` killed with SIGKILL in the middle of a run: the index opens at its last commit,
//! and running the same command again completes it with no duplicates and no lost records.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const FILES: u32 = 30;
const PER_FILE: u32 = 200;

fn raad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_raad"))
        .args(args)
        .env_remove("RAAD_INDEX")
        .output()
        .expect("raad runs")
}

fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "raad failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON object on stdout")
}

/// Files of the manifest marked committed (see raad_index::MANIFEST_FILE).
fn committed_files(index: &Path) -> usize {
    std::fs::read_to_string(index.join(raad_index::MANIFEST_FILE))
        .map(|text| text.matches(r#""op":"done""#).count())
        .unwrap_or(0)
}

#[test]
fn a_killed_index_run_is_completed_by_running_it_again() {
    let work = tempfile::tempdir().unwrap();
    let corpus = work.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for f in 0..FILES {
        let lines: Vec<String> = (0..PER_FILE)
            .map(|i| {
                serde_json::json!({
                    "id": format!("2017_SV_{:05}", f * 1000 + i),
                    "kind": "schriftelijke vraag",
                    "date": "2017-01-04",
                    "title": format!("Dossier {f} {i}"),
                    "question": "Hoeveel fietspaden worden dit jaar vernieuwd?",
                })
                .to_string()
            })
            .collect();
        std::fs::write(
            corpus.join(format!("part-{f:03}.jsonl")),
            lines.join("\n") + "\n",
        )
        .unwrap();
    }
    let index = work.path().join("index");
    let (index_arg, corpus_arg) = (index.to_str().unwrap(), corpus.to_str().unwrap());

    let mut child = Command::new(env!("CARGO_BIN_EXE_raad"))
        .args([
            "index",
            "--index",
            index_arg,
            "--threads",
            "1",
            "--commit-every",
            "100",
            corpus_arg,
        ])
        .env_remove("RAAD_INDEX")
        .spawn()
        .unwrap();
    let started = Instant::now();
    while committed_files(&index) < 2 {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("raad index ended before it was killed: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no commit in 2 minutes"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    assert!(!child.wait().unwrap().success());

    let total = u64::from(FILES * PER_FILE);
    let partial = json(&raad(&["stats", "--index", index_arg, "--json"]))["records"]
        .as_u64()
        .unwrap();
    assert!(partial > 0 && partial < total, "{partial} of {total}");

    let report = json(&raad(&[
        "index", "--index", index_arg, "--json", corpus_arg,
    ]));
    let count = |key: &str| report[key].as_u64().unwrap();
    assert_eq!(count("records_in_index"), total);
    assert_eq!(count("indexed"), total - partial);
    assert_eq!(
        count("indexed") + count("replaced") + count("unchanged"),
        total
    );
    assert_eq!(report["rejected"], serde_json::json!([]));

    let again = json(&raad(&[
        "index", "--index", index_arg, "--json", corpus_arg,
    ]));
    assert_eq!(again["unchanged"].as_u64(), Some(total));
    assert_eq!(again["indexed"].as_u64(), Some(0));
    let records = json(&raad(&["stats", "--index", index_arg, "--json"]))["records"].as_u64();
    assert_eq!(records, Some(total));
}
