//! Nothing lost, nothing hidden: every record a file still holds stays findable, whatever
//! happens to a `raad index` run (issue 17). Real processes throughout: files that change,
//! break or share ids; Ctrl-C and SIGTERM; kills during rebuilds and updates, with concurrent
//! readers counting records; a lock held by another writer; a full disk.
#![cfg(unix)]

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{raad_command, raad_in as raad};

fn spawn(cwd: &Path, args: &[&str]) -> Child {
    raad_command(cwd, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("raad starts")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|_| panic!("one JSON object on stdout; stderr: {}", stderr(output)))
}

/// Records in the index at `dir` (read as a searcher would, while a writer may be at work).
fn records(index: &Path) -> u64 {
    raad_query::index_stats(index)
        .expect("the index opens")
        .records
}

/// One record as a JSON line.
fn line(id: &str, title: &str) -> String {
    serde_json::json!({
        "id": id,
        "kind": "schriftelijke vraag",
        "date": "2017-01-04",
        "title": title,
        "question": "Hoeveel fietspaden worden dit jaar vernieuwd?",
    })
    .to_string()
}

/// `files` files of `per_file` records (`f*1000 + i`), titles starting with `title`; the
/// first `drop` records of each file left out.
fn corpus(dir: &Path, files: u32, per_file: u32, drop: u32, title: &str) {
    std::fs::create_dir_all(dir).unwrap();
    for f in 0..files {
        let lines: Vec<String> = (drop..per_file)
            .map(|i| {
                line(
                    &format!("2017_SV_{:05}", f * 1000 + i),
                    &format!("{title} {f} {i}"),
                )
            })
            .collect();
        std::fs::write(
            dir.join(format!("part-{f:03}.jsonl")),
            lines.join("\n") + "\n",
        )
        .unwrap();
    }
}

fn send_signal(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for `child`, at most `limit`.
fn wait(child: &mut Child, limit: Duration) -> Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < limit, "raad did not end in {limit:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    collect(child)
}

/// The status and output of a child that ended.
fn collect(child: &mut Child) -> Output {
    let status = child.wait().unwrap();
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    if let Some(mut out) = child.stdout.take() {
        std::io::Read::read_to_end(&mut out, &mut stdout).unwrap();
    }
    if let Some(mut err) = child.stderr.take() {
        std::io::Read::read_to_end(&mut err, &mut stderr).unwrap();
    }
    Output {
        status,
        stdout,
        stderr,
    }
}

/// A named pipe: a reader that opens it blocks until a writer comes, which lets a test stop
/// `raad index` at a known file.
fn fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

/// Opens the pipe for writing in a thread: the open returns once raad has opened it for
/// reading. Dropping the returned file (end of input) lets raad read on.
fn open_fifo(path: &Path) -> std::sync::mpsc::Receiver<std::fs::File> {
    let (sender, receiver) = std::sync::mpsc::channel();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
        let _ = sender.send(file);
    });
    receiver
}

/// `args` with the folder `s` replaced by its entries by name, the pipe among them: raad skips
/// a pipe inside a folder, and reads one given by name.
fn files_of_s(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir.join("s"))
        .unwrap()
        .map(|entry| format!("s/{}", entry.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    args.iter()
        .flat_map(|&arg| {
            if arg == "s" {
                files.clone()
            } else {
                vec![arg.to_string()]
            }
        })
        .collect()
}

fn spawn_strings(cwd: &Path, args: &[String]) -> Child {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    spawn(cwd, &args)
}

fn reached_fifo(receiver: &std::sync::mpsc::Receiver<std::fs::File>) -> std::fs::File {
    receiver
        .recv_timeout(Duration::from_secs(120))
        .expect("raad reached the pipe within 2 minutes")
}

#[test]
fn a_duplicate_id_stays_while_any_file_holds_it() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("s")).unwrap();
    std::fs::write(
        dir.join("s/a.jsonl"),
        "{\"id\":\"X1\",\"title\":\"uit a\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("s/b.jsonl"),
        "{\"id\":\"X1\",\"title\":\"uit b\"}\n{\"id\":\"Y1\"}\n",
    )
    .unwrap();
    let first = raad(dir, &["index", "--index", "i", "s"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(
        stderr(&first)
            .contains("duplicate id: x1 in s/a.jsonl and s/b.jsonl; indexed from s/b.jsonl"),
        "{}",
        stderr(&first)
    );
    let shown = raad(dir, &["show", "--index", "i", "--format", "json", "X1"]);
    assert_eq!(json(&shown)["title"], "uit b");

    // X1 leaves b; a still holds it.
    std::fs::write(dir.join("s/b.jsonl"), "{\"id\":\"Y1\"}\n").unwrap();
    for run in 0..2 {
        let again = raad(dir, &["index", "--index", "i", "--json", "s"]);
        assert_eq!(json(&again)["records_in_index"], 2, "run {run}");
        let shown = raad(dir, &["show", "--index", "i", "--format", "json", "X1"]);
        assert_eq!(
            shown.status.code(),
            Some(0),
            "run {run}: {}",
            stderr(&shown)
        );
        let record = json(&shown);
        assert_eq!(record["title"], "uit a", "run {run}");
        assert_eq!(record["source"]["path"], "s/a.jsonl", "run {run}");
    }

    // Gone from every file: gone from the index.
    std::fs::write(dir.join("s/a.jsonl"), "{\"id\":\"Z1\"}\n").unwrap();
    let report = json(&raad(dir, &["index", "--index", "i", "--json", "s"]));
    assert_eq!(report["records_in_index"], 2);
    assert_eq!(
        raad(dir, &["show", "--index", "i", "X1"]).status.code(),
        Some(1)
    );
}

#[test]
fn latin1_file_names_are_two_files() {
    use std::os::unix::ffi::OsStrExt;
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let s = dir.join("s");
    std::fs::create_dir(&s).unwrap();
    let name = |bytes: &[u8]| s.join(std::ffi::OsStr::from_bytes(bytes));
    std::fs::write(name(b"v\xe9.jsonl"), line("2017_SV_00001", "Een") + "\n").unwrap();
    std::fs::write(
        name(b"v\xe8.jsonl"),
        line("2017_SV_00002", "Twee") + "\n{kapot\n",
    )
    .unwrap();
    for run in 0..3 {
        let output = raad(dir, &["index", "--index", "i", "--json", "s"]);
        let report = json(&output);
        assert_eq!(report["records_in_index"], 2, "run {run}");
        assert_eq!(
            report["unchanged"],
            if run == 0 { 0 } else { 2 },
            "run {run}"
        );
        assert!(
            stderr(&output).contains("rejected: s/v\\xE8.jsonl:2:"),
            "{}",
            stderr(&output)
        );
    }
    let shown = json(&raad(
        dir,
        &["show", "--index", "i", "--format", "json", "2017_SV_00002"],
    ));
    assert_eq!(shown["source"]["path"], "s/v\\xE8.jsonl");
}

#[test]
fn a_file_that_cannot_be_read_now_keeps_its_records() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("s")).unwrap();
    let good: Vec<String> = (1..=3)
        .map(|i| line(&format!("2017_SV_{i:05}"), &format!("Versie een {i}")))
        .collect();
    let a = dir.join("s/a.jsonl");
    std::fs::write(&a, good.join("\n") + "\n").unwrap();
    assert_eq!(
        raad(dir, &["index", "--index", "i", "s"]).status.code(),
        Some(0)
    );

    let mut half_written = good[0].clone() + "\n";
    half_written.push_str(&good[1][..good[1].len() / 2]);
    let breakages: [(&str, Vec<u8>, &str); 3] = [
        (
            "a NUL byte",
            [b"\0".as_slice(), good.join("\n").as_bytes()].concat(),
            "not a text file",
        ),
        ("an empty file", Vec::new(), "the file is empty"),
        (
            "a half-written export",
            half_written.into_bytes(),
            "a record in it was rejected",
        ),
    ];
    for (what, content, reason) in breakages {
        std::fs::write(&a, content).unwrap();
        let output = raad(dir, &["index", "--index", "i", "--json", "s"]);
        assert_eq!(output.status.code(), Some(1), "{what}: {}", stderr(&output));
        let report = json(&output);
        assert_eq!(report["records_in_index"], 3, "{what}: records lost");
        let err = stderr(&output);
        assert!(
            err.contains("kept from the last run: s/a.jsonl (") && err.contains(reason),
            "{what}: {err}"
        );
    }

    // A malformed line keeps its record's previous version; the file's other changes apply.
    let mut edited = vec![
        line("2017_SV_00001", "Versie twee 1"),
        "{\"id\": \"2017_SV_00002\", \"title\": \"Versie twee 2\"".to_string(),
        line("2017_SV_00003", "Versie twee 3"),
    ];
    std::fs::write(&a, edited.join("\n") + "\n").unwrap();
    let output = raad(dir, &["index", "--index", "i", "--json", "s"]);
    assert_eq!(json(&output)["records_in_index"], 3, "{}", stderr(&output));
    let title = |id: &str| {
        json(&raad(
            dir,
            &["show", "--index", "i", "--format", "json", id],
        ))["title"]
            .clone()
    };
    assert_eq!(title("2017_SV_00001"), "Versie twee 1");
    assert_eq!(title("2017_SV_00002"), "Versie een 2");
    assert_eq!(title("2017_SV_00003"), "Versie twee 3");
    // Unchanged since: said again.
    let again = raad(dir, &["index", "--index", "i", "s"]);
    assert!(
        stderr(&again).contains("kept from the last run: s/a.jsonl"),
        "{}",
        stderr(&again)
    );

    // Once the file reads whole, what it no longer holds goes.
    edited.remove(1);
    std::fs::write(&a, edited.join("\n") + "\n").unwrap();
    let report = json(&raad(dir, &["index", "--index", "i", "--json", "s"]));
    assert_eq!(
        (
            report["records_in_index"].as_u64(),
            report["removed"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(report["kept"], serde_json::json!([]));
}

#[test]
fn generate_refuses_a_folder_that_holds_files() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    std::fs::create_dir(dir.join("corpus")).unwrap();
    let mine = dir.join("corpus/records-00001.jsonl");
    std::fs::write(&mine, "{\"id\":\"mine\"}\n").unwrap();
    let args = [
        "generate",
        "--records",
        "5",
        "--format",
        "jsonl",
        "--out",
        "corpus",
    ];
    let refused = raad(dir, &args);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("corpus is not empty"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read_to_string(&mine).unwrap(),
        "{\"id\":\"mine\"}\n"
    );

    let forced = raad(dir, &[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_ne!(
        std::fs::read_to_string(&mine).unwrap(),
        "{\"id\":\"mine\"}\n"
    );
    let fresh = raad(dir, &["generate", "--records", "5", "--out", "new"]);
    assert_eq!(fresh.status.code(), Some(0));
}

/// Ctrl-C (or SIGTERM) while raad reads a pipe in the middle of the input: the files before
/// it are committed, the ones after it are not read, and running again completes the index.
fn interrupted_run_commits_what_was_read(signal: &str) {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let s = dir.join("s");
    corpus(&s, 20, 100, 0, "Dossier");
    // Read in name order with one thread: part-000 … part-009, the pipe, part-010 …
    let pipe = s.join("part-0095.jsonl");
    fifo(&pipe);
    let writer = open_fifo(&pipe);
    let args = files_of_s(dir, &["index", "--index", "i", "--threads", "1", "s"]);
    let mut child = spawn_strings(dir, &args);
    let pipe_end = reached_fifo(&writer);
    send_signal(&child, signal);
    std::thread::sleep(Duration::from_millis(200));
    drop(pipe_end);
    let output = wait(&mut child, Duration::from_secs(120));
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("interrupted: 1000 records committed; run the same command to continue"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        records(&dir.join("i")),
        1000,
        "records committed before the signal"
    );

    std::fs::remove_file(&pipe).unwrap();
    let report = json(&raad(dir, &["index", "--index", "i", "--json", "s"]));
    assert_eq!(
        (report["indexed"].as_u64(), report["unchanged"].as_u64()),
        (Some(1000), Some(1000))
    );
    assert_eq!(report["records_in_index"], 2000);
}

#[test]
fn ctrl_c_commits_what_was_read_and_the_next_run_continues() {
    interrupted_run_commits_what_was_read("INT");
}

#[test]
fn sigterm_commits_what_was_read_and_the_next_run_continues() {
    interrupted_run_commits_what_was_read("TERM");
}

#[test]
fn a_second_ctrl_c_stops_at_once() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let s = dir.join("s");
    corpus(&s, 2, 10, 0, "Dossier");
    let pipe = s.join("part-000-pipe.jsonl");
    fifo(&pipe);
    let writer = open_fifo(&pipe);
    let args = files_of_s(dir, &["index", "--index", "i", "--threads", "1", "s"]);
    let mut child = spawn_strings(dir, &args);
    // raad is stuck reading the pipe, which never ends: only the second signal ends it.
    let _pipe_end = reached_fifo(&writer);
    send_signal(&child, "INT");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the first Ctrl-C waits for the reading"
    );
    send_signal(&child, "INT");
    let output = wait(&mut child, Duration::from_secs(10));
    assert_eq!(output.status.code(), Some(130), "{}", stderr(&output));
}

/// Counts records in `index` until `child` ends, and returns the fewest seen.
fn fewest_records_while(child: &mut Child, index: &Path) -> (u64, Output) {
    let mut fewest = u64::MAX;
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "raad ran 5 minutes"
        );
        fewest = fewest.min(records(index));
    }
    (fewest, collect(child))
}

#[test]
fn readers_see_every_record_while_an_update_runs() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let s = dir.join("s");
    corpus(&s, 20, 100, 0, "Eerste versie");
    let index = dir.join("i");
    let args = [
        "index",
        "--index",
        "i",
        "--threads",
        "2",
        "--commit-every",
        "50",
        "s",
    ];
    assert_eq!(raad(dir, &args).status.code(), Some(0));

    // Every record changes; ten of each file's hundred go.
    corpus(&s, 20, 100, 10, "Tweede versie");
    let mut child = spawn(dir, &args);
    let (fewest, output) = fewest_records_while(&mut child, &index);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(records(&index), 1800);
    assert!(
        fewest >= 1800,
        "readers saw {fewest} of at least 1800 records"
    );

    // Killed in the middle of an update (at a pipe among the files, after a few commits):
    // every record is still there.
    corpus(&s, 20, 100, 10, "Derde versie");
    assert_killed_at_a_pipe(dir, &args, 1800);
}

/// Runs raad with `args` over `s/` with a pipe among the files; kills it once it reads the
/// pipe, and checks the records a reader sees then.
fn assert_killed_at_a_pipe(dir: &Path, args: &[&str], expected: u64) {
    let pipe = dir.join("s/part-0095.jsonl");
    fifo(&pipe);
    let writer = open_fifo(&pipe);
    let mut child = spawn_strings(dir, &files_of_s(dir, args));
    let _pipe_end = reached_fifo(&writer);
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill();
    let _ = child.wait();
    std::fs::remove_file(&pipe).unwrap();
    assert_eq!(records(&dir.join("i")), expected, "records after a kill");
}

#[test]
fn readers_see_the_old_index_until_a_rebuild_is_complete() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let s = dir.join("s");
    corpus(&s, 20, 100, 0, "Eerste versie");
    let index = dir.join("i");
    let args = [
        "index",
        "--index",
        "i",
        "--threads",
        "2",
        "--commit-every",
        "50",
        "s",
    ];
    assert_eq!(raad(dir, &args).status.code(), Some(0));

    corpus(&s, 20, 100, 10, "Tweede versie");
    let rebuild = [&args[..], &["--rebuild"]].concat();
    let mut child = spawn(dir, &rebuild);
    let (fewest, output) = fewest_records_while(&mut child, &index);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(records(&index), 1800);
    assert!(
        fewest >= 1800,
        "readers saw {fewest} of at least 1800 records"
    );

    // A rebuild killed half-way leaves the index as it was.
    corpus(&s, 20, 100, 50, "Derde versie");
    assert_killed_at_a_pipe(dir, &rebuild, 1800);
    let title = json(&raad(
        dir,
        &["show", "--index", "i", "--format", "json", "2017_SV_00010"],
    ))["title"]
        .clone();
    assert_eq!(title, "Tweede versie 0 10");

    // Run again, it completes; the manifest is the rebuilt index's.
    let report = json(&raad(dir, &[&rebuild[..], &["--json"]].concat()));
    assert_eq!(report["records_in_index"], 1000);
    let again = json(&raad(dir, &[&args[..], &["--json"]].concat()));
    assert_eq!(
        (again["unchanged"].as_u64(), again["indexed"].as_u64()),
        (Some(1000), Some(0))
    );
}

#[test]
fn leftovers_of_an_interrupted_creation_are_resumed() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    corpus(&dir.join("s"), 1, 5, 0, "Dossier");
    for rebuild in [false, true] {
        let index = dir.join(format!("i-{rebuild}"));
        std::fs::create_dir(&index).unwrap();
        // What a kill while raad.json was being written leaves.
        std::fs::write(index.join("raad.json.tmp"), "{\"schema_ver").unwrap();
        let mut args = vec!["index", "--index", index.to_str().unwrap(), "--json", "s"];
        if rebuild {
            args.push("--rebuild");
        }
        let output = raad(dir, &args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(json(&output)["records_in_index"], 5);
    }
    // A folder with someone's own files stays refused.
    std::fs::create_dir(dir.join("mine")).unwrap();
    std::fs::write(dir.join("mine/notes.txt"), "mine").unwrap();
    let refused = raad(dir, &["index", "--index", "mine", "s"]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn a_writer_that_lets_go_of_the_lock_soon_is_waited_for() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    corpus(&dir.join("s"), 2, 10, 0, "Dossier");
    let pipe = dir.join("hold.jsonl");
    fifo(&pipe);

    // A first writer holds the lock while it waits on the pipe.
    let writer = open_fifo(&pipe);
    let mut first = spawn(
        dir,
        &["index", "--index", "i", "--threads", "1", "hold.jsonl"],
    );
    let pipe_end = reached_fifo(&writer);
    let mut second = spawn(dir, &["index", "--index", "i", "s"]);
    std::thread::sleep(Duration::from_millis(1000));
    drop(pipe_end); // the first writer ends within the wait
    let first_output = wait(&mut first, Duration::from_secs(60));
    assert!(first_output.status.code().is_some());
    let output = wait(&mut second, Duration::from_secs(60));
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("waiting up to 5 s for the index's lock"),
        "{}",
        stderr(&output)
    );
    assert_eq!(records(&dir.join("i")), 20);

    // A writer that keeps the lock: the clear error after the wait.
    let writer = open_fifo(&pipe);
    let mut first = spawn(
        dir,
        &["index", "--index", "i", "--threads", "1", "hold.jsonl"],
    );
    let pipe_end = reached_fifo(&writer);
    let started = Instant::now();
    let output = raad(dir, &["index", "--index", "i", "s"]);
    assert!(started.elapsed() >= Duration::from_secs(4));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is locked: another process is writing it"),
        "{}",
        stderr(&output)
    );
    drop(pipe_end);
    wait(&mut first, Duration::from_secs(60));
}

#[test]
fn a_full_disk_keeps_the_last_commit_and_leaves_no_partial_files() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let disk = dir.join("disk");
    std::fs::create_dir(&disk).unwrap();
    corpus(&dir.join("small"), 1, 50, 0, "Dossier");
    // Long records: several megabytes of index.
    let big = dir.join("big");
    std::fs::create_dir(&big).unwrap();
    let mut text = String::new();
    for i in 0..800 {
        let words: Vec<String> = (0..300)
            .map(|w| format!("woord{}x{}", (i * 7 + w) % 5000, w % 13))
            .collect();
        text.push_str(&line(&format!("2018_SV_{i:05}"), &words.join(" ")));
        text.push('\n');
    }
    std::fs::write(big.join("big.jsonl"), text).unwrap();

    // A small tmpfs of our own, in a user and mount namespace; the steps run inside it.
    let raad_bin = env!("CARGO_BIN_EXE_raad");
    let script = format!(
        r#"set -u
mount -t tmpfs -o size=8m tmpfs {disk} || exit 77
cd {dir}
export XDG_CACHE_HOME={dir}/cache
{raad} index --index {disk}/i --json small > small.json 2> small.err
ls -a {disk}/i | grep -v lock > before.txt
dd if=/dev/zero of={disk}/filler bs=1k count=7000 2>/dev/null
{raad} index --index {disk}/i --json big > full.json 2> full.err
echo $? > full.code
ls -a {disk}/i | grep -v lock > after.txt
{raad} stats --index {disk}/i --json > stats.json
rm {disk}/filler
{raad} index --index {disk}/i --json big > retry.json 2> retry.err
echo $? > retry.code
"#,
        disk = disk.display(),
        dir = dir.display(),
        raad = raad_bin,
    );
    let status = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .status();
    match status {
        Ok(status) if status.code() == Some(0) => {}
        other => {
            eprintln!("skipped: cannot mount a tmpfs here ({other:?})");
            return;
        }
    }
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    assert_eq!(read("full.code").trim(), "2", "{}", read("full.err"));
    assert!(
        read("full.err").contains("raad: error: disk full"),
        "{}",
        read("full.err")
    );
    assert_eq!(
        read("after.txt"),
        read("before.txt"),
        "files left by the failed run"
    );
    let stats: serde_json::Value = serde_json::from_str(&read("stats.json")).unwrap();
    assert_eq!(stats["records"], 50, "the last commit");
    assert_eq!(read("retry.code").trim(), "0", "{}", read("retry.err"));
    let retry: serde_json::Value = serde_json::from_str(&read("retry.json")).unwrap();
    assert_eq!(retry["records_in_index"], 850);
}
