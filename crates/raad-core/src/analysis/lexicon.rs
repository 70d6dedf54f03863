//! The embedded Dutch lexicon: words with their frequency, for compound splitting.
//!
//! `lexicon/lexicon.fst` is an `fst` map built by `lexicon/build_lexicon.py` from the OpenTaal
//! word list (BSD) and word counts of public-domain Belgian parliamentary text (notices and
//! sources in `lexicon/README.md`). It is compiled into the binary and opened on first use
//! only, so programs that never split a compound pay nothing at start-up.

use std::sync::OnceLock;

use fst::raw::Output;
use fst::{Automaton, IntoStreamer, Map, Streamer};

/// The map as `build_lexicon.py` wrote it.
static LEXICON_FST: &[u8] = include_bytes!("../../lexicon/lexicon.fst");

/// What the lexicon knows about one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Frequency of the word form in centibels below 1 (300 = once per thousand words;
    /// smaller is more frequent); `None` for a word of the word list that the corpus lacks.
    pub centibels: Option<u16>,
    /// Frequency of the word as a part of a compound, in centibels: that of its inflection
    /// family in the corpus (`huis` and `huizen` together), or, when the corpus lacks the
    /// family, an estimate a little rarer than a word seen once; `None` for a word that is no
    /// part (see `valid_part`).
    pub part_centibels: Option<u16>,
    /// Whether the word is in the OpenTaal word list and may be part of a compound.
    pub valid_part: bool,
}

impl Entry {
    /// Unpacks `((part_centibels << 15 | centibels) << 1) | valid_part`, the value
    /// `build_lexicon.py` writes; 0 stands for an absent frequency.
    fn from_value(value: u64) -> Entry {
        let field = |shift: u32| {
            u16::try_from((value >> shift) & 0x7fff)
                .ok()
                .filter(|&cb| cb > 0)
        };
        Entry {
            centibels: field(1),
            part_centibels: field(16),
            valid_part: value & 1 == 1,
        }
    }
}

/// Lower-cased, ASCII-folded Dutch words and what the lexicon knows about each.
pub struct Lexicon {
    map: Option<Map<&'static [u8]>>,
}

impl Lexicon {
    /// The lexicon compiled into raad, opened once on first use.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon {
            map: Map::new(LEXICON_FST).ok(),
        })
    }

    /// Number of words; 0 only if the embedded map failed to open (a build error the tests
    /// catch).
    pub fn len(&self) -> usize {
        self.map.as_ref().map_or(0, Map::len)
    }

    /// Whether the lexicon has no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry of a word.
    pub fn get(&self, word: &[u8]) -> Option<Entry> {
        self.map.as_ref()?.get(word).map(Entry::from_value)
    }

    /// Whether the corpus behind the lexicon counts `word` (not only the word list has it):
    /// the evidence the stemmer's rules ask for before taking a word as a plural's singular
    /// or a noun's verb.
    pub fn is_counted(&self, word: &[u8]) -> bool {
        self.get(word)
            .is_some_and(|entry| entry.centibels.is_some())
    }

    /// Calls `found(length, entry)` for every word that is a prefix of `text`, shortest first,
    /// in one walk down the automaton.
    pub fn for_each_prefix(&self, text: &[u8], mut found: impl FnMut(usize, Entry)) {
        let Some(map) = &self.map else { return };
        let fst = map.as_fst();
        let mut node = fst.root();
        let mut output = Output::zero();
        for (at, &byte) in text.iter().enumerate() {
            let Some(index) = node.find_input(byte) else {
                return;
            };
            let transition = node.transition(index);
            output = output.cat(transition.out);
            node = fst.node(transition.addr);
            if node.is_final() {
                found(
                    at + 1,
                    Entry::from_value(output.cat(node.final_output()).value()),
                );
            }
        }
    }

    /// Every word the automaton accepts, in byte order, with its entry: the words within a
    /// few edits of a misspelt one, found in one walk of the map (raad-query suggests the
    /// surface form of a word this way).
    pub fn search<A: Automaton>(&self, automaton: A) -> Vec<(String, Entry)> {
        let Some(map) = &self.map else {
            return Vec::new();
        };
        let mut words = Vec::new();
        let mut stream = map.search(automaton).into_stream();
        while let Some((key, value)) = stream.next() {
            if let Ok(word) = std::str::from_utf8(key) {
                words.push((word.to_string(), Entry::from_value(value)));
            }
        }
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_opens_and_knows_common_words() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.len() > 50_000, "{} words", lexicon.len());
        let gemeente = lexicon.get(b"gemeente").expect("gemeente is listed");
        assert!(gemeente.valid_part);
        assert!(gemeente.centibels.is_some_and(|cb| cb < 500));
        assert_eq!(lexicon.get(b"xqzzyv"), None);
    }

    #[test]
    fn an_automaton_finds_the_words_it_accepts() {
        let prefix = fst::automaton::Str::new("kinderopvan").starts_with();
        let found = Lexicon::embedded().search(prefix);
        let words: Vec<&str> = found.iter().map(|(word, _)| word.as_str()).collect();
        assert!(words.contains(&"kinderopvang"), "{words:?}");
        assert!(words.iter().all(|word| word.starts_with("kinderopvan")));
    }

    #[test]
    fn prefixes_are_found_shortest_first() {
        let mut found = Vec::new();
        Lexicon::embedded().for_each_prefix(b"stadsbestuur", |len, _| found.push(len));
        assert!(found.contains(&4), "stad in {found:?}");
        assert!(found.contains(&12), "stadsbestuur in {found:?}");
        assert!(found.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
