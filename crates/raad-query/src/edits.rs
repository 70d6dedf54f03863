//! Edit distances as tantivy's fuzzy words count them: Levenshtein, with a transposition of
//! two neighbouring letters counting as one edit (`kinderopvnag` is one edit from
//! `kinderopvang`).

use std::sync::OnceLock;

#[cfg(test)]
use levenshtein_automata::Distance;
use levenshtein_automata::{LevenshteinAutomatonBuilder, DFA};

/// The most edits raad looks across (tantivy's fuzzy terms stop at 2 as well).
pub(crate) const MAX_DISTANCE: u8 = 2;

/// An automaton accepting the texts within `distance` edits of `text` (at most
/// [`MAX_DISTANCE`]), for walking a dictionary (the lexicon's).
pub(crate) fn within(text: &str, distance: u8) -> DFA {
    // Building the parametric automaton of a distance is the costly part (milliseconds at
    // distance 2): once per process and distance.
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let distance = distance.min(MAX_DISTANCE);
    BUILDERS[usize::from(distance)]
        .get_or_init(|| LevenshteinAutomatonBuilder::new(distance, true))
        .build_dfa(text)
}

/// The edits from `a` to `b`, in characters, a transposition counting as one: what the
/// automata count, for the few terms a dictionary walk found (no automaton to build).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transpositions_count_once() {
        assert_eq!(distance("kinderopvnag", "kinderopvnag"), 0);
        assert_eq!(distance("kinderopvnag", "kinderopvang"), 1);
        assert_eq!(distance("kinderopvnag", "kinderopvangs"), 2);
        assert_eq!(distance("codens", "coddens"), 1);
        let automaton = within("kinderopvnag", 2);
        assert_eq!(automaton.eval("kinderopvangs"), Distance::Exact(2));
        assert_eq!(automaton.eval("kinderen"), Distance::AtLeast(3));
    }
}
