//! [`Holders`]: which files hold which ids, so that a record stays while any file holds its
//! id, and the same file's version of it wins whatever order files are read in.
//!
//! The rule: among the files that hold an id, the one whose path comes last in byte order
//! ([`FileKey`]'s order) wins. The map starts from the manifest (the ids of every file's last
//! committed read) and follows the run: a file's ids change when its read is done.

use std::collections::HashMap;

use crate::file_key::FileKey;

/// A file, by its place in [`Holders`]'s table.
pub(crate) type FileId = u32;

/// The hash that stands for an id key in the run's maps.
pub(crate) fn id_hash(id_key: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(id_key.as_bytes())
}

/// Who holds one id. Nearly every id has one holder, kept in four bytes.
enum Holding {
    One(FileId),
    /// The id key (for reports) and the files, at least two.
    Many(Box<(String, Vec<FileId>)>),
}

/// The files that hold each id.
#[derive(Default)]
pub(crate) struct Holders {
    keys: Vec<FileKey>,
    ids_of_keys: HashMap<FileKey, FileId>,
    holding: HashMap<u128, Holding>,
    /// The winner at the start of the run of each id whose holders changed since.
    start_winner: HashMap<u128, Option<FileId>>,
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

    /// Records that `file` holds `id` (hash and key).
    pub fn add(&mut self, hash: u128, id: &str, file: FileId) {
        self.remember_start(hash);
        let Some(holding) = self.holding.get_mut(&hash) else {
            self.holding.insert(hash, Holding::One(file));
            return;
        };
        match holding {
            Holding::One(one) if *one == file => {}
            Holding::One(one) => {
                let first = *one;
                *holding = Holding::Many(Box::new((id.to_string(), vec![first, file])));
            }
            Holding::Many(many) => {
                if !many.1.contains(&file) {
                    many.1.push(file);
                }
            }
        }
    }

    /// Records that `file` no longer holds the id.
    pub fn remove(&mut self, hash: u128, file: FileId) {
        self.remember_start(hash);
        let now = match self.holding.get_mut(&hash) {
            None => return,
            Some(Holding::One(one)) => {
                if *one != file {
                    return;
                }
                None
            }
            Some(Holding::Many(many)) => {
                many.1.retain(|&f| f != file);
                match many.1.as_slice() {
                    [one] => Some(Holding::One(*one)),
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
            Some(Holding::One(one)) => std::slice::from_ref(one),
            Some(Holding::Many(many)) => &many.1,
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

    /// Every id that more than one file holds: the id key, its files sorted by key, and the
    /// winner.
    pub fn duplicates(&self) -> impl Iterator<Item = (&str, Vec<FileId>, FileId)> + '_ {
        self.holding.values().filter_map(|holding| match holding {
            Holding::One(_) => None,
            Holding::Many(many) => {
                let mut files = many.1.clone();
                files.sort_by(|&a, &b| self.key(a).cmp(self.key(b)));
                let winner = *files.last()?;
                Some((many.0.as_str(), files, winner))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_path_wins_and_an_id_stays_while_a_file_holds_it() {
        let mut holders = Holders::default();
        let b = holders.file(&FileKey::from_text("s/b.jsonl"));
        let a = holders.file(&FileKey::from_text("s/a.jsonl"));
        let x = id_hash("X1");
        holders.add(x, "X1", b);
        holders.add(x, "X1", a);
        holders.settle();
        assert_eq!(holders.winner(x), Some(b));
        assert!(holders.held_above(x, a));
        assert!(!holders.held_above(x, b));
        let dups: Vec<_> = holders.duplicates().collect();
        assert_eq!(dups, vec![("X1", vec![a, b], b)]);

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
