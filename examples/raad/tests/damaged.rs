//! A damaged index is an error, never a panic (#16): bytes flipped in each kind of segment file,
//! a wrong document count in meta.json, a damaged manifest. Every command that reads the index
//! says what is damaged and what to do, with exit status 2 (`raad check`: 1), and never prints a
//! panic or a backtrace.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::{raad_command, raad_in};
use raad_index::MANIFEST_FILE;

/// Twelve records of two parties, as JSON lines.
fn write_records(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    let lines: Vec<String> = (1..=12)
        .map(|i| {
            serde_json::json!({
                "id": format!("2017_SV_{i:05}"),
                "kind": "schriftelijke vraag",
                "date": format!("2017-01-{i:02}"),
                "title": format!("Fietspaden in wijk {i}"),
                "question": "Hoeveel fietspaden worden dit jaar vernieuwd?",
                "councillors": [{
                    "name": if i % 2 == 0 { "Anne Coddens" } else { "Piet Peeters" },
                    "party": if i % 2 == 0 { "Groen" } else { "N-VA" },
                }],
            })
            .to_string()
        })
        .collect();
    fs::write(dir.join("records.jsonl"), lines.join("\n") + "\n").unwrap();
}

/// A folder with `records/` and the index `idx` built from it by `raad index`.
fn indexed() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    write_records(&root.path().join("records"));
    let output = raad_in(root.path(), &["index", "--index", "idx", "records"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    root
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The index's files ending in `.EXT`, by name.
fn files_with(index: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(index)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// Inverts the byte at `offset` of `path` (doing it again restores it).
fn flip(path: &Path, offset: usize) {
    let mut bytes = fs::read(path).unwrap();
    bytes[offset] ^= 0xff;
    fs::write(path, bytes).unwrap();
}

/// The commands that read the index, with the exit status each gives on a damaged index.
const READERS: [(&[&str], i32); 5] = [
    (&["search", "fietspaden", "--facets"], 2),
    (&["show", "2017_SV_00003", "--similar", "3"], 2),
    (&["stats"], 2),
    (&["check"], 1),
    (&["index", "records"], 2),
];

/// Runs `args` on the index `idx` in `root`, with backtraces asked for, so that a panic shows.
fn run_on_index(root: &Path, args: &[&str]) -> Output {
    let mut command = raad_command(root, args);
    command.args(["--index", "idx"]).env("RUST_BACKTRACE", "1");
    command.output().expect("raad runs")
}

fn assert_no_panic(output: &Output, what: &str) {
    let text = stderr(output);
    assert_ne!(output.status.code(), Some(101), "{what}: {text}");
    assert!(
        !text.contains("panicked") && !text.contains("backtrace"),
        "{what}: {text}"
    );
}

/// Every reading command fails on the index in `root` with its status, naming `damaged` on
/// stderr and what to do, once, without a panic.
fn assert_damaged_for_every_command(root: &Path, damaged: &str) {
    for (args, status) in READERS {
        let output = run_on_index(root, args);
        let what = format!("raad {} on {damaged}", args.join(" "));
        let text = stderr(&output);
        assert_no_panic(&output, &what);
        assert_eq!(output.status.code(), Some(status), "{what}: {text}");
        assert!(text.contains(damaged), "{what} names the file: {text}");
        assert!(text.contains("damaged"), "{what}: {text}");
        assert!(
            text.contains("raad index --rebuild --index idx PATH..."),
            "{what} says how to repair it: {text}"
        );
        assert_eq!(text.lines().count(), 1, "{what}: one line: {text}");
    }
    let check = run_on_index(root, &["check"]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("status:     damaged"), "{report}");
    assert!(report.contains(damaged), "{report}");
}

#[test]
fn a_flipped_byte_in_each_kind_of_segment_file_is_an_error_for_every_command() {
    for ext in ["term", "fast", "fieldnorm", "pos", "idx", "store"] {
        let root = indexed();
        let file = files_with(&root.path().join("idx"), ext).remove(0);
        let middle = fs::metadata(&file).unwrap().len() as usize / 2;
        flip(&file, middle);
        let name = file.file_name().unwrap().to_str().unwrap();
        assert_damaged_for_every_command(root.path(), name);
        let check = run_on_index(root.path(), &["check", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        assert_eq!(report["whole"], false);
        assert_eq!(report["findings"][0]["file"], name);
        assert_eq!(report["findings"][0]["problem"], "checksum");
    }
}

#[test]
fn a_wrong_max_doc_in_meta_json_is_an_error_for_every_command() {
    let root = indexed();
    let meta = root.path().join("idx/meta.json");
    // The repro: sed -i '0,/"max_doc": /s//"max_doc": 1000/' i/meta.json
    let text = fs::read_to_string(&meta).unwrap();
    fs::write(
        &meta,
        text.replacen("\"max_doc\": ", "\"max_doc\": 1000", 1),
    )
    .unwrap();
    assert_damaged_for_every_command(root.path(), "meta.json");
    let stats = run_on_index(root.path(), &["stats"]);
    // The first segment's count got "1000" put before it.
    let text = stderr(&stats);
    assert!(text.contains(" holds 1000"), "{text}");
    assert!(text.contains(" documents; its files hold "), "{text}");
}

#[test]
fn rebuild_recovers_a_damaged_index() {
    let root = indexed();
    let file = files_with(&root.path().join("idx"), "term").remove(0);
    flip(&file, 10);
    let rebuilt = run_on_index(root.path(), &["index", "--rebuild", "records"]);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    let check = run_on_index(root.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let search = run_on_index(root.path(), &["search", "fietspaden", "--json"]);
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
    let results: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(results["total"], 12);
}

#[test]
fn rebuild_recovers_an_index_whose_raad_json_is_lost() {
    let root = indexed();
    fs::remove_file(root.path().join("idx").join("raad.json")).unwrap();
    let check = run_on_index(root.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains("--rebuild"), "{}", stderr(&check));
    let rebuilt = run_on_index(root.path(), &["index", "--rebuild", "records"]);
    assert_eq!(rebuilt.status.code(), Some(0), "{}", stderr(&rebuilt));
    let search = run_on_index(root.path(), &["search", "fietspaden", "--json"]);
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
    let results: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(results["total"], 12);
}

/// A segment file missing or cut short (its footer gone) is damage the writer cannot even
/// open, and a flipped byte in the fast-field file's column directory made the rebuild's
/// first read of the old index panic (`mid > len` in ownedbytes): the rebuild the error
/// message asks for must still recover the index.
#[test]
fn rebuild_recovers_an_index_whose_segment_file_is_cut_short_missing_or_unreadable() {
    let cut_short = |file: &Path| {
        let bytes = fs::read(file).unwrap();
        fs::write(file, &bytes[..bytes.len() - 3]).unwrap();
    };
    let missing = |file: &Path| fs::remove_file(file).unwrap();
    // 140 bytes from the end of this fixture's fast-field file: its column directory.
    let directory_flipped =
        |file: &Path| flip(file, fs::metadata(file).unwrap().len() as usize - 140);
    for (how, damage) in [
        ("cut short", &cut_short as &dyn Fn(&Path)),
        ("missing", &missing),
        ("column directory flipped", &directory_flipped),
    ] {
        let root = indexed();
        let file = files_with(&root.path().join("idx"), "fast").remove(0);
        damage(&file);
        let search = run_on_index(root.path(), &["search", "fietspaden"]);
        assert_eq!(search.status.code(), Some(2), "{how}: {}", stderr(&search));
        let rebuilt = run_on_index(root.path(), &["index", "--rebuild", "records"]);
        assert_no_panic(&rebuilt, how);
        assert_eq!(
            rebuilt.status.code(),
            Some(0),
            "{how}: {}",
            stderr(&rebuilt)
        );
        let check = run_on_index(root.path(), &["check"]);
        assert_eq!(check.status.code(), Some(0), "{how}: {}", stderr(&check));
        let search = run_on_index(root.path(), &["search", "fietspaden", "--json"]);
        assert_eq!(search.status.code(), Some(0), "{how}: {}", stderr(&search));
        let results: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
        assert_eq!(results["total"], 12, "{how}");
    }
}

#[test]
fn check_says_a_whole_index_is_whole() {
    let root = indexed();
    let check = run_on_index(root.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let table = String::from_utf8_lossy(&check.stdout);
    assert!(table.contains("records:    12 verified"), "{table}");
    assert!(table.contains("status:     whole"), "{table}");
    assert_eq!(stderr(&check), "");
    let json = run_on_index(root.path(), &["check", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["whole"], true);
    assert_eq!(report["records_verified"], 12);
    assert_eq!(report["findings"], serde_json::json!([]));
}

#[test]
fn check_names_a_damaged_manifest_which_searches_do_not_need() {
    let root = indexed();
    let manifest = root.path().join("idx/raad-files.jsonl");
    let mut text = fs::read_to_string(&manifest).unwrap();
    text.insert_str(text.find('\n').unwrap() + 1, "{\"op\":\"done\",\"pa\n");
    fs::write(&manifest, text).unwrap();
    let check = run_on_index(root.path(), &["check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("raad-files.jsonl: cannot be read (line 2: "),
        "{}",
        stderr(&check)
    );
    let search = run_on_index(root.path(), &["search", "fietspaden"]);
    assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
}

#[test]
fn check_without_an_index_cannot_run() {
    let root = tempfile::tempdir().unwrap();
    let check = run_on_index(root.path(), &["check"]);
    assert_eq!(check.status.code(), Some(2));
    assert!(
        stderr(&check).contains("no raad index at idx"),
        "{}",
        stderr(&check)
    );
}

/// What flipping bytes in one kind of file gave.
#[derive(Default)]
struct Tally {
    attempts: u32,
    panics: u32,
    hangs: u32,
    wrong_exit: u32,
}

/// Runs `args` on the index in `root`, at most `limit` long: its output, or `None` if it hung.
fn run_bounded(root: &Path, args: &[&str], limit: Duration) -> Option<Output> {
    let mut command = raad_command(root, args);
    command
        .args(["--index", "idx"])
        .env("RUST_BACKTRACE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    Some(child.wait_with_output().unwrap())
}

/// The exit status of `raad ARGS` on a damaged index.
fn damaged_status(args: &[&str]) -> i32 {
    READERS
        .iter()
        .find(|(reader, _)| reader[0] == args[0])
        .map_or(2, |(_, status)| *status)
}

#[test]
fn bytes_flipped_anywhere_never_panic_hang_or_exit_oddly() {
    const OFFSETS_PER_FILE: usize = 4;
    let root = indexed();
    let index = root.path().join("idx");
    let mut files: Vec<PathBuf> = fs::read_dir(&index)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| fs::metadata(path).unwrap().len() > 0)
        .collect();
    files.sort();
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let kind = match file.extension().and_then(|e| e.to_str()) {
            Some(ext) if name.len() > 32 => format!(".{ext}"),
            _ => name.clone(),
        };
        // Every byte of the others is checked (a checksum, or JSON that must parse): damage
        // there is always found. Reads need neither the manifest (whose last newline flipped
        // is a torn line the next run repairs) nor tantivy's list of its files (which its
        // writer rewrites when it cannot read it).
        let strict = name != MANIFEST_FILE && name != ".managed.json";
        let len = fs::metadata(file).unwrap().len() as usize;
        // Spread over the file, and its last byte (a segment file's footer).
        let mut offsets: Vec<usize> = (0..OFFSETS_PER_FILE)
            .map(|k| len * (2 * k + 1) / (2 * OFFSETS_PER_FILE))
            .collect();
        offsets.push(len - 1);
        for offset in offsets {
            flip(file, offset);
            for args in [
                &["search", "fietspaden", "--facets"][..],
                &["stats"],
                &["check"],
            ] {
                let tally = tallies.entry(kind.clone()).or_default();
                tally.attempts += 1;
                let what = format!("raad {} with {name} byte {offset} flipped", args.join(" "));
                match run_bounded(root.path(), args, Duration::from_secs(30)) {
                    None => {
                        tally.hangs += 1;
                        failures.push(format!("{what}: hung"));
                    }
                    Some(output) => {
                        let text = stderr(&output);
                        if output.status.code() == Some(101) || text.contains("panicked") {
                            tally.panics += 1;
                            failures.push(format!("{what}: panicked: {text}"));
                        } else if !matches!(output.status.code(), Some(0..=2))
                            || (strict && output.status.code() != Some(damaged_status(args)))
                        {
                            tally.wrong_exit += 1;
                            failures.push(format!("{what}: exit {:?}: {text}", output.status));
                        }
                    }
                }
            }
            flip(file, offset);
        }
    }
    eprintln!("category | attempts | panics | hangs | wrong exit codes");
    for (kind, tally) in &tallies {
        eprintln!(
            "{kind} | {} | {} | {} | {}",
            tally.attempts, tally.panics, tally.hangs, tally.wrong_exit
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
