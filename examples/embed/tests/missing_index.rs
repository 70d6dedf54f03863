//! The walk-through's answers when it cannot search: no argument, or no index.

use std::process::Command;

fn embed(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_embed"))
        .args(args)
        .output()
        .expect("the embed example runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

#[test]
fn without_an_argument_it_shows_the_usage() {
    let (code, stderr) = embed(&[]);
    assert_eq!(code, Some(2));
    assert_eq!(stderr, "usage: embed INDEX_DIR [QUERY...]\n");
}

#[test]
fn a_missing_folder_is_named() {
    let (code, stderr) = embed(&["/nonexistent/raad-index"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr,
        "embed: /nonexistent/raad-index is not a folder; give the folder of a raad index \
         (built by `raad index`)\n"
    );
}

#[test]
fn a_folder_without_an_index_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stderr) = embed(&[dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with(&format!("embed: no raad index at {}", dir.path().display())),
        "{stderr}"
    );
}
