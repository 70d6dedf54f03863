//! Synonyms for searching: abbreviations and other names of one thing (`LEZ` and
//! `lage-emissiezone`, `OCMW` and `sociaal huis`), applied to query words, never to the index.
//!
//! The built-in table ([`BUILT_IN_SYNONYMS`], the file `synonyms/synonyms.tsv`) holds the
//! abbreviations of Flemish council text. A user replaces it with [`Synonyms::from_file`] or
//! extends it with [`Synonyms::extend_from_file`]; the file format is described at the top of
//! the built-in file: one group per line, members separated by TABs.
//!
//! Members are analyzed with the index's Dutch analyzer ([`crate::analysis::dutch_analyzer`]),
//! and a query word or phrase finds a group when it analyzes to the same words as one of its
//! members ([`Synonyms::of`]). Since nothing is indexed differently, a changed table takes
//! effect with the next search.
//!
//! ```
//! use raad_core::synonyms::Synonyms;
//!
//! let synonyms = Synonyms::built_in();
//! assert_eq!(synonyms.of("LEZ"), ["lage-emissiezone", "lage emissiezone"]);
//! assert_eq!(synonyms.of("Lage-emissiezone"), ["LEZ", "lage emissiezone"]);
//! assert!(synonyms.of("fietspad").is_empty());
//! ```

use std::path::Path;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::dutch_analyzer;
use crate::error::Error;

/// The built-in synonym table, in the file format [`Synonyms::from_file`] reads.
pub const BUILT_IN_SYNONYMS: &str = include_str!("synonyms.tsv");

/// Groups of words and phrases that name one thing, ready to look up.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    /// Each group's members: as written in the table, and their analyzed words ([`key`]).
    groups: Vec<Vec<(String, String)>>,
    /// Analyzed words → the groups with a member of those words.
    by_key: FxHashMap<String, Vec<usize>>,
}

impl Synonyms {
    /// The built-in table ([`BUILT_IN_SYNONYMS`]); built once per process, then cloned.
    pub fn built_in() -> Synonyms {
        static BUILT_IN: OnceLock<Synonyms> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                Synonyms::from_tsv(BUILT_IN_SYNONYMS, Path::new("<built-in synonyms>"))
                    .expect("the built-in synonym table is valid (tested)")
            })
            .clone()
    }

    /// No synonyms: every word finds only itself.
    pub fn empty() -> Synonyms {
        Synonyms::default()
    }

    /// The synonyms of a table file, replacing the built-in table. A bad line is an
    /// [`Error::Table`] naming the file, the line and the problem.
    pub fn from_file(path: &Path) -> crate::Result<Synonyms> {
        let mut synonyms = Synonyms::empty();
        synonyms.extend_from_file(path)?;
        Ok(synonyms)
    }

    /// The synonyms of table text; `path` is what errors name.
    pub fn from_tsv(text: &str, path: &Path) -> crate::Result<Synonyms> {
        let mut synonyms = Synonyms::empty();
        synonyms.extend_from_tsv(text, path)?;
        Ok(synonyms)
    }

    /// Adds the groups of a table file. On an error nothing of the file is added.
    pub fn extend_from_file(&mut self, path: &Path) -> crate::Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.extend_from_tsv(&text, path)
    }

    /// Adds the groups of table text; `path` is what errors name. On an error nothing of the
    /// text is added.
    pub fn extend_from_tsv(&mut self, text: &str, path: &Path) -> crate::Result<()> {
        let table_error = |line: usize, message: String| Error::Table {
            path: path.to_path_buf(),
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            message,
        };
        let mut analyzer = dutch_analyzer();
        let mut groups = Vec::new();
        for (line, content) in text.lines().enumerate() {
            let content = content.trim_end_matches('\r');
            if content.trim().is_empty() || content.trim_start().starts_with('#') {
                continue;
            }
            let mut members = Vec::new();
            for member in content.split('\t').map(str::trim) {
                if member.is_empty() {
                    return Err(table_error(
                        line,
                        "an empty member (two TABs in a row, or a TAB at the end)".to_string(),
                    ));
                }
                let key = key(&mut analyzer, member);
                if key.is_empty() {
                    return Err(table_error(
                        line,
                        format!("`{member}` has no word to match (only stop words or symbols)"),
                    ));
                }
                members.push((member.to_string(), key));
            }
            if members.len() < 2 {
                return Err(table_error(
                    line,
                    format!(
                        "a group needs at least two members separated by TABs; found only \
                         `{content}`"
                    ),
                ));
            }
            groups.push(members);
        }
        for members in groups {
            let group = self.groups.len();
            for (_, key) in &members {
                let groups = self.by_key.entry(key.clone()).or_default();
                if !groups.contains(&group) {
                    groups.push(group);
                }
            }
            self.groups.push(members);
        }
        Ok(())
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The synonyms of a word or phrase as the table writes them: the other members of every
    /// group it is a member of, by its analyzed words. Members that analyze to the same words
    /// as `text` are left out (they are `text` itself, in other case or form).
    pub fn of(&self, text: &str) -> Vec<&str> {
        thread_local! {
            static ANALYZER: std::cell::RefCell<TextAnalyzer> =
                std::cell::RefCell::new(dutch_analyzer());
        }
        let key = ANALYZER.with(|analyzer| key(&mut analyzer.borrow_mut(), text));
        self.of_key(&key)
    }

    /// [`Synonyms::of`] for words already analyzed: the whole words of each position, in
    /// order, separated by one space (a word's compound parts left out).
    pub fn of_key(&self, key: &str) -> Vec<&str> {
        let mut found: Vec<&str> = Vec::new();
        let Some(groups) = self.by_key.get(key) else {
            return found;
        };
        for &group in groups {
            for (member, member_key) in &self.groups[group] {
                if member_key != key && !found.contains(&member.as_str()) {
                    found.push(member);
                }
            }
        }
        found
    }
}

/// The words `text` analyzes to, for looking it up: the whole word at each position (a
/// compound's parts left out), separated by spaces.
fn key(analyzer: &mut TextAnalyzer, text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut last_position = None;
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        if last_position != Some(token.position) {
            words.push(token.text.clone());
            last_position = Some(token.position);
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_reads() {
        let synonyms = Synonyms::built_in();
        assert!(synonyms.len() >= 10, "{} groups", synonyms.len());
        assert_eq!(
            synonyms.of("OCMW"),
            [
                "sociaal huis",
                "openbaar centrum voor maatschappelijk welzijn"
            ]
        );
        assert_eq!(
            synonyms.of("sociaal huis"),
            ["OCMW", "openbaar centrum voor maatschappelijk welzijn"]
        );
        assert_eq!(
            synonyms.of("schepencollege"),
            ["college van burgemeester en schepenen"]
        );
        assert!(synonyms.of("De Lijn").is_empty());
        assert!(synonyms.of("MIVB").contains(&"STIB"));
    }
}
