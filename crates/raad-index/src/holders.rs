//! [`Holders`]: which files hold which ids, so that a record stays while any file holds its
//! id, and the same file's version of it wins whatever order files are read in.
//!
//! The rule: among the files that hold an id, the one whose path comes last in byte order
//! ([`FileKey`]'s order) wins. The map starts from the manifest (the ids of every file's last
//! committed read) and follows the run: a file's ids change when its read is done.
//!
//! Beside each holder it keeps how that file writes the id ([`Spelling`]), for the reports of
//! duplicates written differently: known for the files read in this run, unknown for the
//! others (the manifest keeps keys only).

use std::collections::HashMap;

use crate::file_key::FileKey;
use crate::spelling::{Spelling, Spellings};

/// A file, by its place in [`Holders`]'s table.
pub(crate) type FileId = u32;

/// The hash that stands for an id key in the run's maps.
pub(crate) fn id_hash(id_key: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(id_key.as_bytes())
}

/// Who holds one id. Nearly every id has one holder, kept in eight bytes with its spelling.
enum Holding {
    One(FileId, Spelling),
    Many(Box<Many>),
}

/// The holders of an id that more than one file holds.
struct Many {
    /// The id key, for reports.
    key: String,
    /// The files, at least two.
    files: Vec<FileId>,
    /// How each of `files` writes the id.
    written: Vec<Spelling>,
}

/// The files that hold each id.
#[derive(Default)]
pub(crate) struct Holders {
    keys: Vec<FileKey>,
    ids_of_keys: HashMap<FileKey, FileId>,
    holding: HashMap<u128, Holding>,
    /// The winner at the start of the run of each id whose holders changed since.
    start_winner: HashMap<u128, Option<FileId>>,
    /// The unusual spellings of the holdings.
    spellings: Spellings,
}

impl Holders {
    /// The table's id of `key`, added when new.
    pub fn file(&mut self, key: &FileKey) -> FileId {
        if let Some(&file) = self.ids_of_keys.get(key) {
            return file;
        }
        let file = self.keys.len() as FileId;
        self.keys.push(key.clone());
        self.ids_of_keys.insert(key.clone(), file);
        file
    }

    /// The key of a file of the table.
    pub fn key(&self, file: FileId) -> &FileKey {
        &self.keys[file as usize]
    }

    /// Whether `a`'s version of an id wins over `b`'s.
    pub fn wins(&self, a: FileId, b: FileId) -> bool {
        self.key(a) > self.key(b)
    }

    /// A spelling of the table `from`, moved into the holders' table for [`Holders::add`] and
    /// [`Holders::spell`].
    pub fn adopt(&mut self, from: &mut Spellings, spelling: Spelling) -> Spelling {
        self.spellings.adopt(from, spelling)
    }

    /// Records that `file` holds `id` (hash and key), written as `written` (a spelling of the
    /// holders' table: see [`Holders::adopt`]).
    pub fn add(&mut self, hash: u128, id: &str, file: FileId, written: Spelling) {
        self.remember_start(hash);
        let Some(holding) = self.holding.get_mut(&hash) else {
            self.holding.insert(hash, Holding::One(file, written));
            return;
        };
        match holding {
            Holding::One(one, spelling) if *one == file => *spelling = written,
            Holding::One(one, spelling) => {
                *holding = Holding::Many(Box::new(Many {
                    key: id.to_string(),
                    files: vec![*one, file],
                    written: vec![*spelling, written],
                }));
            }
            Holding::Many(many) => match many.files.iter().position(|&f| f == file) {
                Some(at) => many.written[at] = written,
                None => {
                    many.files.push(file);
                    many.written.push(written);
                }
            },
        }
    }

    /// Records how `file`, which holds the id already, writes it (a spelling of the holders'
    /// table).
    pub fn spell(&mut self, hash: u128, file: FileId, written: Spelling) {
        let spelling = match self.holding.get_mut(&hash) {
            Some(Holding::One(one, spelling)) if *one == file => spelling,
            Some(Holding::Many(many)) => match many.files.iter().position(|&f| f == file) {
                Some(at) => &mut many.written[at],
                None => return,
            },
            _ => return,
        };
        *spelling = written;
    }

    /// Records that `file` no longer holds the id.
    pub fn remove(&mut self, hash: u128, file: FileId) {
        self.remember_start(hash);
        let now = match self.holding.get_mut(&hash) {
            None => return,
            Some(Holding::One(one, _)) => {
                if *one != file {
                    return;
                }
                None
            }
            Some(Holding::Many(many)) => {
                let Some(at) = many.files.iter().position(|&f| f == file) else {
                    return;
                };
                many.files.remove(at);
                many.written.remove(at);
                match (many.files.as_slice(), many.written.as_slice()) {
                    ([one], [spelling]) => Some(Holding::One(*one, *spelling)),
                    _ => return,
                }
            }
        };
        match now {
            Some(one) => self.holding.insert(hash, one),
            None => self.holding.remove(&hash),
        };
    }

    /// The files that hold the id.
    pub fn holders(&self, hash: u128) -> &[FileId] {
        match self.holding.get(&hash) {
            None => &[],
            Some(Holding::One(one, _)) => std::slice::from_ref(one),
            Some(Holding::Many(many)) => &many.files,
        }
    }

    /// The file whose version of the id wins, if any file holds it.
    pub fn winner(&self, hash: u128) -> Option<FileId> {
        self.holders(hash)
            .iter()
            .copied()
            .max_by(|&a, &b| self.key(a).cmp(self.key(b)))
    }

    /// Whether a file other than `file` whose version wins over `file`'s holds the id.
    pub fn held_above(&self, hash: u128, file: FileId) -> bool {
        self.holders(hash)
            .iter()
            .any(|&other| other != file && self.wins(other, file))
    }

    /// The winner of the id when the run started.
    pub fn start_winner(&self, hash: u128) -> Option<FileId> {
        match self.start_winner.get(&hash) {
            Some(&winner) => winner,
            None => self.winner(hash),
        }
    }

    fn remember_start(&mut self, hash: u128) {
        if !self.start_winner.contains_key(&hash) {
            let winner = self.winner(hash);
            self.start_winner.insert(hash, winner);
        }
    }

    /// Forgets the start of the run: what is held now is what the index holds.
    pub fn settle(&mut self) {
        self.start_winner.clear();
    }

    /// Every id that more than one file holds: the id key, its files sorted by key with the
    /// text of their spellings (`None`: not known), and the winner.
    pub fn duplicates(&self) -> impl Iterator<Item = HeldTwice<'_>> + '_ {
        self.holding.values().filter_map(|holding| match holding {
            Holding::One(..) => None,
            Holding::Many(many) => {
                let mut files: Vec<(FileId, Option<String>)> = many
                    .files
                    .iter()
                    .zip(&many.written)
                    .map(|(&file, &spelling)| {
                        let text = self.spellings.text(spelling, &many.key);
                        (file, text.map(std::borrow::Cow::into_owned))
                    })
                    .collect();
                files.sort_by(|a, b| self.key(a.0).cmp(self.key(b.0)));
                let winner = files.last()?.0;
                Some(HeldTwice {
                    key: &many.key,
                    files,
                    winner,
                })
            }
        })
    }
}

/// An id that more than one file holds (see [`Holders::duplicates`]).
#[derive(Debug, PartialEq)]
pub(crate) struct HeldTwice<'a> {
    /// The id key.
    pub key: &'a str,
    /// The files, sorted by key, each with how it writes the id when known.
    pub files: Vec<(FileId, Option<String>)>,
    /// The file whose version wins.
    pub winner: FileId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_path_wins_and_an_id_stays_while_a_file_holds_it() {
        let mut holders = Holders::default();
        let b = holders.file(&FileKey::from_text("s/b.jsonl"));
        let a = holders.file(&FileKey::from_text("s/a.jsonl"));
        let x = id_hash("x1");
        let mut table = Spellings::default();
        let spelling = table.of("x 1".to_string(), "x1");
        let spelling = holders.adopt(&mut table, spelling);
        holders.add(x, "x1", b, Spelling::UPPER_KEY);
        holders.add(x, "x1", a, spelling);
        holders.settle();
        assert_eq!(holders.winner(x), Some(b));
        assert!(holders.held_above(x, a));
        assert!(!holders.held_above(x, b));
        let dups: Vec<_> = holders.duplicates().collect();
        let files = vec![(a, Some("x 1".to_string())), (b, Some("X1".to_string()))];
        assert_eq!(
            dups,
            vec![HeldTwice {
                key: "x1",
                files,
                winner: b
            }]
        );

        holders.remove(x, b);
        assert_eq!(holders.winner(x), Some(a));
        assert_eq!(holders.start_winner(x), Some(b));
        assert_eq!(holders.duplicates().count(), 0);
        holders.remove(x, a);
        assert_eq!(holders.winner(x), None);
        holders.settle();
        assert_eq!(holders.start_winner(x), None);
    }
}
