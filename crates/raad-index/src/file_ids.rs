//! [`FileIds`]: the ids of one file's read, as its records come, and what they tell once the
//! file is read: its distinct id keys (for the manifest), how it writes each (for
//! [`crate::Duplicate::written`]) and the ids it holds more than once ([`Repeated`]).
//!
//! Repeats are found by sorting the keys, which the manifest needs sorted anyway: no map
//! of the file's ids is kept, and a file without repeats costs a line number and a spelling
//! code (eight bytes) per record on top of its keys.

use std::collections::HashSet;

use crate::report::Repeated;
use crate::spelling::{Spelling, Spellings};

/// The ids of one file's records, in file order.
#[derive(Debug, Default)]
pub(crate) struct FileIds {
    /// Each record's id key, start line and spelling.
    records: Vec<(String, u32, Spelling)>,
    spellings: Spellings,
}

/// What [`FileIds::finish`] tells of a read file.
#[derive(Debug, Default)]
pub(crate) struct FileIdsRead {
    /// The distinct keys, sorted.
    pub keys: Vec<String>,
    /// How the file writes each key (its first record with it), in the order of `keys`.
    pub written: Vec<Spelling>,
    /// The table of `written`'s unusual spellings.
    pub spellings: Spellings,
    /// The ids it holds more than once, by first line; `indexed_line` is the last line.
    pub repeats: Vec<Repeated>,
}

impl FileIds {
    /// A record with the id key `key`, starting on `line`, whose id is written `written`.
    pub fn push(&mut self, key: String, line: u32, written: String) {
        let spelling = self.spellings.of(written, &key);
        self.records.push((key, line, spelling));
    }

    /// Records pushed.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether no record was pushed.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The file is read: its keys, their spellings and its repeated ids (`path` as reports
    /// show it).
    pub fn finish(self, path: &str) -> FileIdsRead {
        let FileIds {
            mut records,
            spellings,
        } = self;
        // Stable: records with one key stay in file order.
        records.sort_by(|a, b| a.0.cmp(&b.0));
        let mut read = FileIdsRead::default();
        let mut start = 0;
        while start < records.len() {
            let key = &records[start].0;
            let same = records[start..].iter().take_while(|r| &r.0 == key).count();
            if same > 1 {
                let group = &records[start..start + same];
                read.repeats.push(repeat(path, group, &spellings));
            }
            start += same;
        }
        for (key, _, spelling) in records {
            if read.keys.last() != Some(&key) {
                read.keys.push(key);
                read.written.push(spelling);
            }
        }
        read.spellings = spellings;
        read.repeats.sort_by(|a, b| a.lines.cmp(&b.lines));
        read
    }
}

/// The report of one key's records (at least two), in file order.
fn repeat(path: &str, group: &[(String, u32, Spelling)], spellings: &Spellings) -> Repeated {
    let key = &group[0].0;
    let lines: Vec<u32> = group.iter().map(|r| r.1).collect();
    let mut seen = HashSet::new();
    let mut written = Vec::new();
    for (_, _, spelling) in group {
        if let Some(text) = spellings.text(*spelling, key) {
            if seen.insert(text.clone()) {
                written.push(text.into_owned());
            }
        }
    }
    if written.len() < 2 {
        written.clear();
    }
    Repeated {
        id: key.clone(),
        path: path.to_string(),
        indexed_line: lines.last().copied(),
        lines,
        written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_found_with_their_lines_and_spellings() {
        let mut ids = FileIds::default();
        ids.push("b".into(), 1, "B".into());
        ids.push("2016_mv_00146".into(), 2, "2016 mv 146".into());
        ids.push("a".into(), 3, "a".into());
        ids.push("2016_mv_00146".into(), 5, "2016_MV_00146".into());
        ids.push("b".into(), 8, "B".into());
        ids.push("2016_mv_00146".into(), 9, "2016 mv 146".into());
        let read = ids.finish("f.jsonl");
        assert_eq!(read.keys, ["2016_mv_00146", "a", "b"]);
        let texts: Vec<String> = read
            .keys
            .iter()
            .zip(&read.written)
            .map(|(key, &s)| read.spellings.text(s, key).unwrap().into_owned())
            .collect();
        assert_eq!(texts, ["2016 mv 146", "a", "B"]);
        assert_eq!(
            read.repeats,
            [
                Repeated {
                    id: "b".into(),
                    path: "f.jsonl".into(),
                    lines: vec![1, 8],
                    written: vec![],
                    indexed_line: Some(8),
                },
                Repeated {
                    id: "2016_mv_00146".into(),
                    path: "f.jsonl".into(),
                    lines: vec![2, 5, 9],
                    written: vec!["2016 mv 146".into(), "2016_MV_00146".into()],
                    indexed_line: Some(9),
                },
            ]
        );
    }
}
