//! Keywords analyzed into terms, and the scan of analyzed text that counts their mentions.
//!
//! The Dutch analyzer gives, at each word position, the word's term first and then the terms
//! of its compound parts (`fietspaden` → `fietspad`, `fiet`, `pad`). A keyword matches the
//! word itself or one of its parts; at one position, matches on the word win over matches on
//! parts, and a part match counts [`PART_FACTOR`] of its weight. So `verkeersveiligheid`, a
//! keyword of mobility, gives mobility its full weight and safety (through the part
//! `veiligheid`) nothing, while `fietsenstalling`, not a keyword itself, counts half for
//! mobility through `fiets`.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::TextAnalyzer;

/// What a match on a compound part counts, relative to a match on the whole word.
pub(crate) const PART_FACTOR: f32 = 0.5;

/// A keyword of several words: the terms after the first, with their distance from it.
#[derive(Debug, Clone)]
struct Phrase {
    topic: usize,
    weight: f32,
    rest: Vec<(u32, String)>,
}

/// Every keyword of a taxonomy, by its first term: one lookup per analyzed token.
#[derive(Debug, Clone, Default)]
pub(crate) struct KeywordIndex {
    keywords: FxHashMap<String, Keywords>,
}

/// The keywords that start with one term.
#[derive(Debug, Clone, Default)]
struct Keywords {
    /// One-word keywords: (topic, weight), the highest weight per topic.
    words: Vec<(usize, f32)>,
    /// Keywords of several words.
    phrases: Vec<Phrase>,
}

/// The terms of a keyword with their positions relative to the first: the whole word at each
/// position (not its compound parts, which would make `fietspad` match every `pad`).
pub(crate) fn keyword_terms(analyzer: &mut TextAnalyzer, keyword: &str) -> Vec<(u32, String)> {
    let mut terms: Vec<(u32, String)> = Vec::new();
    let mut stream = analyzer.token_stream(keyword);
    let mut last_position = None;
    while let Some(token) = stream.next() {
        if last_position == Some(token.position) {
            continue;
        }
        last_position = Some(token.position);
        terms.push((token.position as u32, token.text.clone()));
    }
    if let Some(&(first, _)) = terms.first() {
        for (position, _) in &mut terms {
            *position -= first;
        }
    }
    terms
}

impl KeywordIndex {
    /// Adds a keyword (already analyzed, non-empty) of `topic`.
    pub fn add(&mut self, topic: usize, weight: f32, mut terms: Vec<(u32, String)>) {
        if terms.is_empty() {
            return;
        }
        let (_, first) = terms.remove(0);
        let keywords = self.keywords.entry(first).or_default();
        if terms.is_empty() {
            keep_max(&mut keywords.words, topic, weight);
        } else {
            keywords.phrases.push(Phrase {
                topic,
                weight,
                rest: terms,
            });
        }
    }
}

/// Counts the mentions of a [`KeywordIndex`]'s keywords in a stream of analyzed tokens, one
/// token at a time.
///
/// Matches are gathered per word position and counted when the position changes; phrases in
/// progress wait in a short list until their next word comes by, or is passed. Nothing is
/// copied: the stream's tokens are looked at once.
pub(crate) struct Mentions<'i> {
    index: &'i KeywordIndex,
    word: PositionMatches,
    pending: Vec<(&'i Phrase, u32, usize)>,
}

impl<'i> Mentions<'i> {
    pub fn new(index: &'i KeywordIndex) -> Mentions<'i> {
        Mentions {
            index,
            word: PositionMatches::default(),
            pending: Vec::new(),
        }
    }

    /// Adds the mentions the term at `position` completes to `raw`, one slot per topic.
    pub fn token(&mut self, position: u32, term: &str, raw: &mut [f32]) {
        let whole = self.word.position != Some(position);
        if whole {
            self.word.flush(raw);
            self.word.position = Some(position);
        }
        if !self.pending.is_empty() {
            advance_phrases(&mut self.pending, position, term, raw);
        }
        let Some(keywords) = self.index.keywords.get(term) else {
            return;
        };
        let best = if whole {
            &mut self.word.whole
        } else {
            &mut self.word.parts
        };
        for &(topic, weight) in &keywords.words {
            keep_max(best, topic, weight);
        }
        if whole {
            self.pending
                .extend(keywords.phrases.iter().map(|phrase| (phrase, position, 0)));
        }
    }

    /// Ends a text: counts the last word's matches into `raw`; no phrase goes on into the next
    /// text.
    pub fn end(&mut self, raw: &mut [f32]) {
        self.word.flush(raw);
        self.word.position = None;
        self.pending.clear();
    }
}

/// The best weight per topic of the matches at one word position.
#[derive(Default)]
struct PositionMatches {
    position: Option<u32>,
    whole: Vec<(usize, f32)>,
    parts: Vec<(usize, f32)>,
}

impl PositionMatches {
    /// Counts the position's matches: the whole word's if any, else its parts' at
    /// [`PART_FACTOR`].
    fn flush(&mut self, raw: &mut [f32]) {
        if self.whole.is_empty() {
            for &(topic, weight) in &self.parts {
                raw[topic] += weight * PART_FACTOR;
            }
        } else {
            for &(topic, weight) in &self.whole {
                raw[topic] += weight;
            }
        }
        self.whole.clear();
        self.parts.clear();
    }
}

/// Moves phrases in progress (phrase, start position, words matched after the first) on by
/// one token: a phrase whose next word is this term at its position advances (and counts when
/// complete); a phrase whose next word's position has passed is dropped.
fn advance_phrases(
    pending: &mut Vec<(&Phrase, u32, usize)>,
    position: u32,
    term: &str,
    raw: &mut [f32],
) {
    pending.retain_mut(|(phrase, start, matched)| {
        let Some((offset, wanted)) = phrase.rest.get(*matched) else {
            return false;
        };
        let at = *start + offset;
        if position == at && term == wanted {
            *matched += 1;
            if *matched == phrase.rest.len() {
                raw[phrase.topic] += phrase.weight;
                return false;
            }
            true
        } else {
            position <= at
        }
    });
}

fn keep_max(best: &mut Vec<(usize, f32)>, topic: usize, weight: f32) {
    match best.iter_mut().find(|(t, _)| *t == topic) {
        Some((_, w)) => *w = w.max(weight),
        None => best.push((topic, weight)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::dutch_analyzer;

    fn index(keywords: &[(usize, f32, &str)]) -> KeywordIndex {
        let mut analyzer = dutch_analyzer();
        let mut index = KeywordIndex::default();
        for &(topic, weight, keyword) in keywords {
            index.add(topic, weight, keyword_terms(&mut analyzer, keyword));
        }
        index
    }

    fn scan(index: &KeywordIndex, text: &str) -> Vec<f32> {
        let mut raw = vec![0.0; 3];
        let mut mentions = Mentions::new(index);
        dutch_analyzer()
            .token_stream(text)
            .process(&mut |token| mentions.token(token.position as u32, &token.text, &mut raw));
        mentions.end(&mut raw);
        raw
    }

    #[test]
    fn keywords_keep_whole_words_and_relative_positions() {
        let mut analyzer = dutch_analyzer();
        assert_eq!(
            keyword_terms(&mut analyzer, "Fietspaden"),
            [(0, "fietspad".to_string())]
        );
        assert_eq!(
            keyword_terms(&mut analyzer, "Kind en Gezin"),
            [(0, "kind".to_string()), (2, "gezin".to_string())]
        );
        assert!(keyword_terms(&mut analyzer, "de").is_empty());
    }

    #[test]
    fn stems_plurals_and_compound_parts_match() {
        let index = index(&[(0, 1.0, "fiets"), (1, 1.0, "school")]);
        assert_eq!(scan(&index, "De fiets van de school"), [1.0, 1.0, 0.0]);
        assert_eq!(scan(&index, "Scholen"), [0.0, 1.0, 0.0]);
        // `fietspaden` is not a keyword; its part `fiets` counts half.
        assert_eq!(scan(&index, "Nieuwe fietspaden"), [0.5, 0.0, 0.0]);
    }

    #[test]
    fn a_whole_word_match_wins_over_part_matches_at_its_position() {
        let index = index(&[(0, 2.0, "verkeersveiligheid"), (1, 2.0, "veiligheid")]);
        assert_eq!(scan(&index, "verkeersveiligheid"), [2.0, 0.0, 0.0]);
        assert_eq!(scan(&index, "brandveiligheid"), [0.0, 1.0, 0.0]);
        assert_eq!(scan(&index, "veiligheid"), [0.0, 2.0, 0.0]);
    }

    #[test]
    fn phrases_match_in_order_and_next_to_each_other() {
        let index = index(&[(2, 2.0, "sociale economie"), (1, 1.0, "Kind en Gezin")]);
        assert_eq!(scan(&index, "de Sociale Economie groeit"), [0.0, 0.0, 2.0]);
        assert_eq!(scan(&index, "economie is sociaal"), [0.0, 0.0, 0.0]);
        assert_eq!(scan(&index, "sociale en economie"), [0.0, 0.0, 0.0]);
        assert_eq!(scan(&index, "Kind en Gezin meldt"), [0.0, 1.0, 0.0]);
    }

    #[test]
    fn the_highest_weight_of_a_topic_counts_once_per_word() {
        let index = index(&[(0, 1.0, "school"), (0, 2.0, "scholen")]);
        assert_eq!(scan(&index, "school"), [2.0, 0.0, 0.0]);
    }
}
