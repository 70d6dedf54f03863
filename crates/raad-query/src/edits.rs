//! Edit distances as tantivy's fuzzy words count them: Levenshtein, with a transposition of
//! two neighbouring letters counting as one edit (`kinderopvnag` is one edit from
//! `kinderopvang`).

use std::sync::OnceLock;

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA};

/// The most edits raad looks across (tantivy's fuzzy terms stop at 2 as well).
pub(crate) const MAX_DISTANCE: u8 = 2;

/// An automaton accepting the texts within `distance` edits of `text` (at most
/// [`MAX_DISTANCE`]), that also says how many edits away an accepted text is.
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

/// The edits from the automaton's text to `other`; `None` when more than its distance.
pub(crate) fn distance(automaton: &DFA, other: &str) -> Option<u8> {
    match automaton.eval(other) {
        Distance::Exact(edits) => Some(edits),
        Distance::AtLeast(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transpositions_count_once() {
        let automaton = within("kinderopvnag", 2);
        assert_eq!(distance(&automaton, "kinderopvnag"), Some(0));
        assert_eq!(distance(&automaton, "kinderopvang"), Some(1));
        assert_eq!(distance(&automaton, "kinderopvangs"), Some(2));
        assert_eq!(distance(&automaton, "kinderen"), None);
        assert_eq!(distance(&within("codens", 1), "coddens"), Some(1));
    }
}
