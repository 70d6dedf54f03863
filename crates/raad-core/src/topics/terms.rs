//! A record's words as topic inference compares records: the analyzed terms of the title, the
//! question and the head of the answer, each counted with its field's weight (the weights and
//! the answer cut of the rules, [`TITLE_WEIGHT`](super::TITLE_WEIGHT),
//! [`QUESTION_WEIGHT`](super::QUESTION_WEIGHT), [`ANSWER_LIMIT`](super::ANSWER_LIMIT)).
//!
//! The rules analyze exactly this text for every record without topics, so the indexer gets a
//! record's terms from the rules' own scan ([`analyze_for_index`](super::analyze_for_index))
//! without analyzing anything twice. Terms are kept as [`term_hash`]es: inference looks them up
//! among the terms of the index's `body` field, whose term dictionary holds the same analyzed
//! text.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

/// The hash a term is known by in [`TopicTerms`]: of the term's bytes as the analyzer gives
/// them (and as the index's term dictionary stores them). The same on every run and machine.
pub fn term_hash(term: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(term);
    hasher.write_u8(0xff);
    hasher.finish()
}

/// A record's analyzed terms with their weighted counts, ordered by [`term_hash`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicTerms {
    terms: Vec<(u64, f32)>,
}

impl TopicTerms {
    /// The record's terms: title, question and answer head analyzed with the index's Dutch
    /// analyzer (compound parts included), each occurrence counted with its field's weight.
    pub fn of(record: &crate::Record) -> TopicTerms {
        super::scan_body(record, None, true, None)
            .1
            .unwrap_or_default()
    }

    /// `(term hash, weighted count)`, ordered by hash.
    pub fn iter(&self) -> impl Iterator<Item = (u64, f32)> + '_ {
        self.terms.iter().copied()
    }

    /// How many different terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether the record has no term at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Bytes these terms take in memory (what the indexer counts while it holds records back).
    pub fn memory_bytes(&self) -> usize {
        std::mem::size_of::<TopicTerms>()
            + self.terms.capacity() * std::mem::size_of::<(u64, f32)>()
    }
}

/// Counts terms while the rules scan a field.
#[derive(Debug, Default)]
pub(crate) struct TermCounter {
    /// The weight of the field being scanned.
    pub weight: f32,
    counts: FxHashMap<u64, f32>,
}

impl TermCounter {
    pub fn add(&mut self, term: &str) {
        *self.counts.entry(term_hash(term.as_bytes())).or_insert(0.0) += self.weight;
    }

    pub fn finish(self) -> TopicTerms {
        let mut terms: Vec<(u64, f32)> = self.counts.into_iter().collect();
        terms.sort_unstable_by_key(|&(hash, _)| hash);
        TopicTerms { terms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Record;

    #[test]
    fn fields_count_with_their_weights_and_compound_parts_are_terms() {
        let mut record = Record::new("2021_SV_00412");
        record.title = Some("Fietspaden".to_string());
        record.question = Some("Waar komen de fietspaden?".to_string());
        record.answer = Some("Fietspaden komen er.".to_string());
        let terms = TopicTerms::of(&record);
        let count = |term: &str| {
            terms
                .iter()
                .find(|&(hash, _)| hash == term_hash(term.as_bytes()))
                .map(|(_, count)| count)
        };
        // Title 3 + question 2 + answer 1.
        assert_eq!(count("fietspad"), Some(6.0));
        assert_eq!(count("fiet"), Some(6.0));
        assert_eq!(count("pad"), Some(6.0));
        // `de` is a stop word; `komen` is in the question and the answer.
        assert_eq!(count("de"), None);
        let mut analyzer = crate::analysis::dutch_analyzer();
        let komen = analyzer.token_stream("komen").next().unwrap().text.clone();
        assert_eq!(count(&komen), Some(3.0));
        let hashes: Vec<u64> = terms.iter().map(|(hash, _)| hash).collect();
        assert!(hashes.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn the_hash_is_of_the_bytes_and_stable() {
        assert_eq!(term_hash(b"fiets"), term_hash("fiets".as_bytes()));
        assert_ne!(term_hash(b"fiets"), term_hash(b"fietsen"));
    }
}
