//! `raad serve` as a user runs it: the URL on stdout, the page and the API answering, a
//! warning for an address other machines reach, and Ctrl-C stopping it with status 0.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use common::{raad_command, raad_in};

/// Starts `raad serve` with `args` in `cwd`; returns the process and the URL it printed.
fn serve(cwd: &Path, args: &[&str]) -> (Child, String) {
    let mut all = vec!["serve"];
    all.extend_from_slice(args);
    let mut child = raad_command(cwd, &all)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("raad starts");
    let mut url = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut url)
        .unwrap();
    (child, url.trim().to_string())
}

/// A plain HTTP/1.1 GET; the status line and the body.
fn get(url: &str, path: &str) -> (String, String) {
    let authority = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut stream = TcpStream::connect(&authority).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

/// Ctrl-C as a terminal sends it; the exit status and stderr.
fn interrupt(mut child: Child) -> (Option<i32>, String) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (status.code(), stderr)
}

#[test]
fn serves_the_page_and_the_api_until_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let records = Path::new(env!("CARGO_MANIFEST_DIR")).join("../records");
    let indexed = raad_in(
        dir.path(),
        &["index", "--index", "index", records.to_str().unwrap()],
    );
    assert_eq!(indexed.status.code(), Some(0));

    let (child, url) = serve(dir.path(), &["--index", "index", "--addr", "127.0.0.1:0"]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let (status, page) = get(&url, "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(page.contains("<html lang=\"nl\">"), "{page}");
    let (status, record) = get(&url, "/api/v1/records/2016%20mv%20412");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(record.contains("\"id\":\"2016_MV_00412\""), "{record}");
    let (status, missing) = get(&url, "/api/v1/records/2099_MV_00001");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    assert!(missing.contains("no record with id"), "{missing}");

    let (code, stderr) = interrupt(child);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("raad: serving index at {url} (Ctrl-C stops)")),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn an_address_other_machines_reach_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let records = Path::new(env!("CARGO_MANIFEST_DIR")).join("../records");
    let indexed = raad_in(
        dir.path(),
        &["index", "--index", "index", records.to_str().unwrap()],
    );
    assert_eq!(indexed.status.code(), Some(0));
    let (child, url) = serve(dir.path(), &["--index", "index", "--addr", "0.0.0.0:0"]);
    assert!(url.starts_with("http://0.0.0.0:"), "{url}");
    let (code, stderr) = interrupt(child);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("raad: warning: listening on 0.0.0.0:"),
        "{stderr}"
    );
    assert!(stderr.contains("reachable from the network"), "{stderr}");
}
