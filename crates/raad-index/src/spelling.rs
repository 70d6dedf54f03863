//! How records write their ids, beside the ids' keys: what reports need to say that one id was
//! written two ways (`2016 mv 146` and `2016_MV_00146` are one key, and one record in the
//! index).
//!
//! A run meets every id before it can know whether the id is repeated, so every record's
//! spelling is kept while it matters. Nearly every record writes its id as its key or as its
//! key in capitals (`dekamer-184501`, `2016_MV_00146`): those two cost no text, only a code
//! of four bytes; other spellings are kept as text, moved from the record (never copied).

use std::borrow::Cow;

/// How one record writes its id: as its key, as its key in capitals, unknown, or a spelling of
/// its own kept in a [`Spellings`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Spelling(u32);

impl Spelling {
    /// The id written as its key.
    pub const AS_KEY: Spelling = Spelling(u32::MAX);
    /// The id written as its key in capitals.
    pub const UPPER_KEY: Spelling = Spelling(u32::MAX - 1);
    /// Not known: the file was not read in this run (the manifest keeps keys only).
    pub const UNKNOWN: Spelling = Spelling(u32::MAX - 2);
}

/// The spellings of ids other than the key and the key in capitals.
#[derive(Debug, Default)]
pub(crate) struct Spellings {
    others: Vec<Box<str>>,
}

impl Spellings {
    /// The spelling of `written`, an id whose key is `key`. Only a spelling other than the key
    /// and the key in capitals is kept (then `written` is moved here).
    pub fn of(&mut self, written: String, key: &str) -> Spelling {
        if written == key {
            return Spelling::AS_KEY;
        }
        let upper_key = written.len() == key.len()
            && written
                .bytes()
                .zip(key.bytes())
                .all(|(w, k)| w == k.to_ascii_uppercase());
        if upper_key {
            return Spelling::UPPER_KEY;
        }
        self.keep(written.into_boxed_str())
    }

    /// `spelling` of the table `from`, moved into this table.
    pub fn adopt(&mut self, from: &mut Spellings, spelling: Spelling) -> Spelling {
        match from.others.get_mut(spelling.0 as usize) {
            Some(text) => self.keep(std::mem::take(text)),
            None => spelling,
        }
    }

    /// The text of `spelling`, an id whose key is `key`; `None` when it is not known.
    pub fn text<'a>(&'a self, spelling: Spelling, key: &'a str) -> Option<Cow<'a, str>> {
        match spelling {
            Spelling::AS_KEY => Some(Cow::Borrowed(key)),
            Spelling::UPPER_KEY => Some(Cow::Owned(key.to_ascii_uppercase())),
            Spelling(index) => self
                .others
                .get(index as usize)
                .map(|text| Cow::Borrowed(&**text)),
        }
    }

    fn keep(&mut self, text: Box<str>) -> Spelling {
        let index = self.others.len();
        // Four billion spellings do not fit in one file's read; past that they are unknown.
        if index >= Spelling::UNKNOWN.0 as usize {
            return Spelling::UNKNOWN;
        }
        self.others.push(text);
        Spelling(index as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_spellings_keep_no_text_and_all_read_back() {
        let mut table = Spellings::default();
        let key = "2016_mv_00146";
        let as_key = table.of(key.to_string(), key);
        let upper = table.of("2016_MV_00146".to_string(), key);
        let other = table.of("2016 mv 146".to_string(), key);
        assert_eq!((as_key, upper), (Spelling::AS_KEY, Spelling::UPPER_KEY));
        assert_eq!(table.others.len(), 1);
        let text = |s| table.text(s, key).map(Cow::into_owned);
        assert_eq!(text(as_key).as_deref(), Some("2016_mv_00146"));
        assert_eq!(text(upper).as_deref(), Some("2016_MV_00146"));
        assert_eq!(text(other).as_deref(), Some("2016 mv 146"));
        assert_eq!(text(Spelling::UNKNOWN), None);

        let mut run = Spellings::default();
        let moved = run.adopt(&mut table, other);
        assert_eq!(
            run.text(moved, key).as_deref(),
            Some("2016 mv 146"),
            "moved into the run's table"
        );
        assert_eq!(run.adopt(&mut table, upper), Spelling::UPPER_KEY);
    }
}
