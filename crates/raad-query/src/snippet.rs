//! The best fragment of a record for a query, with the matched words located.
//!
//! The text is title, question and answer joined, as the `body` field indexes them, and it is
//! analyzed by the same pipeline: a query word marks every word that was indexed with its term,
//! so `overleg` marks `bedrijvenoverleg` (a compound part) and `fietspad` marks `fietspaden`.
//!
//! tantivy's `SnippetGenerator` analyzes the whole text of every hit; with compound splitting
//! that cost most of a search (BENCHMARKS.md, "Search latency"). Here only words that contain the first
//! letters of a query term are analyzed, and the fragment is chosen from their matches the way
//! tantivy chooses it: the window of the snippet's length with the highest sum of distinct
//! term weights (rarer terms weigh more).
//!
//! Only the first [`LARGE_TEXT_BYTES`] of a record's text are looked at: a record of hundreds of
//! megabytes (a whole document pasted into one field) would otherwise cost seconds and
//! gigabytes on every search that matches it. Such records are reported when indexed.

use std::collections::BTreeMap;
use std::ops::Range;

use raad_core::limits::LARGE_TEXT_BYTES;
use raad_core::Record;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Score;

use crate::results::Fragment;

/// Makes fragments for the hits of one search.
pub(crate) struct Snippets {
    terms: BTreeMap<String, Score>,
    /// Cheap tests a word must pass before it is analyzed: the first letters of each term.
    probes: Vec<String>,
    analyzer: TextAnalyzer,
    max_chars: usize,
}

/// A word of the text that analysis matched to a query term.
struct Match {
    range: Range<usize>,
    term: String,
    weight: Score,
}

/// Letters of a term a word must contain to be worth analyzing: stems and compound parts
/// begin with them ("gevar" ← "gevaarlijk", "overleg" ← "bedrijvenoverleg"). Never a
/// term's last letter, which a stem may have changed ("haf" ← "haven", "nef" ← "neven").
const PROBE_CHARS: usize = 3;

impl Snippets {
    /// A snippet maker for the weighted terms of a query; `max_chars` 0 makes none.
    pub fn new(
        terms: BTreeMap<String, Score>,
        analyzer: TextAnalyzer,
        max_chars: usize,
    ) -> Snippets {
        let mut probes: Vec<String> = terms
            .keys()
            .map(|term| {
                let letters = term.chars().count();
                term.chars()
                    .take(PROBE_CHARS.min(letters.saturating_sub(1)).max(1))
                    .collect()
            })
            .collect();
        probes.sort();
        probes.dedup();
        Snippets {
            terms,
            probes,
            analyzer,
            max_chars,
        }
    }

    /// The best fragment of the record; its opening when no query word is in it.
    pub fn fragment(&self, record: &Record) -> Fragment {
        if self.max_chars == 0 {
            return Fragment::default();
        }
        // The title is shown beside every snippet, so the fragment comes from the question and
        // answer; the title only serves when the query words are nowhere else.
        let mut text = text_of(&[&record.question, &record.answer], LARGE_TEXT_BYTES);
        let mut matches = self.matches(&text);
        if matches.is_empty() {
            text = text_of(&[&record.title], LARGE_TEXT_BYTES);
            matches = self.matches(&text);
        }
        match best_window(&text, &matches, self.max_chars) {
            Some(window) => {
                let highlights: Vec<Range<usize>> = matches
                    .iter()
                    .filter(|m| m.range.start >= window.start && m.range.end <= window.end)
                    .map(|m| m.range.start - window.start..m.range.end - window.start)
                    .collect();
                folded(&text[window], &highlights)
            }
            None => opening(record, self.max_chars),
        }
    }

    /// The words of `text` that analysis turns into a query term. Only words that contain a
    /// probe (or have letters outside ASCII, which folding may change) are analyzed: the
    /// analyzer is the expensive part, and most words of a record match nothing.
    fn matches(&self, text: &str) -> Vec<Match> {
        let mut matches = Vec::new();
        if self.terms.is_empty() {
            return matches;
        }
        let mut analyzer = self.analyzer.clone();
        let mut lower = String::new();
        for (start, word) in words(text) {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            let candidate = !word.is_ascii()
                || self
                    .probes
                    .iter()
                    .any(|probe| lower.contains(probe.as_str()));
            if !candidate {
                continue;
            }
            let mut stream = analyzer.token_stream(word);
            let mut last: Option<Range<usize>> = None;
            while let Some(token) = stream.next() {
                let Some(weight) = self.terms.get(&token.text) else {
                    continue;
                };
                let range = start + token.offset_from..start + token.offset_to;
                // A compound and its parts mark the same word once, with the best weight.
                if last.as_ref() == Some(&range) {
                    if let Some(previous) = matches.last_mut() {
                        let previous: &mut Match = previous;
                        if *weight > previous.weight {
                            previous.weight = *weight;
                            previous.term = token.text.clone();
                        }
                    }
                    continue;
                }
                last = Some(range.clone());
                matches.push(Match {
                    range,
                    term: token.text.clone(),
                    weight: *weight,
                });
            }
        }
        matches
    }
}

/// How far back a fragment may start before its first match, in bytes.
const LOOK_BACK: usize = 40;

/// Runs of non-white-space with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |word| {
        // `split_whitespace` yields subslices of `text`, so the offset is their distance.
        (word.as_ptr() as usize - text.as_ptr() as usize, word)
    })
}

/// The window of at most `max_chars` characters with the most (and the rarest) distinct
/// matched terms: it starts at a sentence start shortly before its first match, or at that
/// match, and ends at a word boundary (with the sentence's closing punctuation).
fn best_window(text: &str, matches: &[Match], max_chars: usize) -> Option<Range<usize>> {
    let mut best: Option<(Score, usize, usize)> = None;
    for (first, anchor) in matches.iter().enumerate() {
        let start = lead_in(text, anchor.range.start);
        let limit = char_limit(text, start, max_chars);
        let mut seen: Vec<&str> = Vec::new();
        let mut score = 0.0;
        let mut last = first;
        for (n, m) in matches.iter().enumerate().skip(first) {
            if m.range.end > limit {
                break;
            }
            last = n;
            if !seen.contains(&m.term.as_str()) {
                seen.push(&m.term);
                score += m.weight;
            }
        }
        // Repeats count a little, so among equals the fuller window wins.
        score += 1e-4 * (last - first) as Score;
        if best.is_none_or(|(best_score, _, _)| score > best_score) {
            best = Some((score, start, limit));
        }
    }
    let (_, start, limit) = best?;
    Some(start..word_end(text, start, limit))
}

/// Where a fragment around a match at `at` begins: the start of its sentence when that is at
/// most [`LOOK_BACK`] bytes back, else a word boundary about that far back, so the match has
/// some context.
fn lead_in(text: &str, at: usize) -> usize {
    let mut from = at.saturating_sub(LOOK_BACK);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = &text[from..at];
    match before.rfind(['.', '?', '!', '\n']) {
        Some(end) => {
            let rest = &before[end + 1..];
            at - rest.len() + (rest.len() - rest.trim_start().len())
        }
        None if from == 0 => 0,
        None => match before.find(char::is_whitespace) {
            Some(space) => {
                from + space + (before[space..].len() - before[space..].trim_start().len())
            }
            None => at,
        },
    }
}

/// The byte offset `max_chars` characters after `start` (or the end of the text).
fn char_limit(text: &str, start: usize, max_chars: usize) -> usize {
    text[start..]
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(at, _)| start + at)
}

/// The end of the last whole word before `limit`, with closing punctuation.
fn word_end(text: &str, start: usize, limit: usize) -> usize {
    if limit >= text.len() {
        return text.len();
    }
    let cut = &text[start..limit];
    // Cut inside a word: back to the white space before it.
    let whole = if text[limit..].starts_with(char::is_whitespace) {
        cut.len()
    } else {
        cut.rfind(char::is_whitespace).unwrap_or(cut.len())
    };
    start + cut[..whole].trim_end().len()
}

/// The given parts of a record, joined by a blank line as the `body` field joins them, up to
/// `max_bytes` (cut at a character boundary).
fn text_of(parts: &[&Option<String>], max_bytes: usize) -> String {
    let mut text = String::new();
    for part in parts.iter().filter_map(|part| part.as_deref()) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let room = max_bytes.saturating_sub(text.len());
        if part.len() <= room {
            text.push_str(part);
        } else {
            text.push_str(&part[..floor_char_boundary(part, room)]);
            break;
        }
    }
    text
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first characters of the question (or of the answer, or the title), cut at a word.
pub(crate) fn opening(record: &Record, max_chars: usize) -> Fragment {
    let text = [&record.question, &record.answer, &record.title]
        .into_iter()
        .find_map(|part| part.as_deref())
        .unwrap_or("");
    let mut end = text.len();
    // The character at `max_chars`, if the text has one: counting every character of a long
    // text would take as long as the text.
    if let Some((limit, _)) = text.char_indices().nth(max_chars) {
        end = text[..limit]
            .rfind(char::is_whitespace)
            .filter(|&at| at > 0)
            .unwrap_or(limit);
    }
    folded(&text[..end], &[])
}

/// White space runs folded to one space (fragments cross paragraphs), ranges moved along.
fn folded(text: &str, highlights: &[Range<usize>]) -> Fragment {
    let mut out = String::with_capacity(text.len());
    // For each byte of `text`, where it landed in `out`.
    let mut moved = vec![0usize; text.len() + 1];
    let mut in_space = false;
    for (at, c) in text.char_indices() {
        moved[at] = out.len();
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    moved[text.len()] = out.len();
    let trimmed_start = out.len() - out.trim_start().len();
    let text_out = out.trim().to_string();
    let mut ranges: Vec<Range<usize>> = highlights
        .iter()
        .filter(|range| {
            range.start < range.end
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end)
        })
        .map(|range| {
            let start = moved[range.start].saturating_sub(trimmed_start);
            let end = moved[range.end].saturating_sub(trimmed_start);
            start..end.min(text_out.len())
        })
        .filter(|range| range.start < range.end)
        .collect();
    // A compound and its parts mark the same word once.
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut highlights: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match highlights.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => highlights.push(range),
        }
    }
    Fragment {
        text: text_out,
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_white_space_and_moves_ranges() {
        let fragment = folded("  de\n\nfiets  en  het pad ", &[21..24, 6..11, 6..11, 7..9]);
        assert_eq!(fragment.text, "de fiets en het pad");
        assert_eq!(fragment.matched_words(), ["fiets", "pad"]);
    }

    fn snippets(terms: &[(&str, Score)], max_chars: usize) -> Snippets {
        let terms = terms.iter().map(|(t, w)| (t.to_string(), *w)).collect();
        Snippets::new(terms, raad_core::analysis::dutch_analyzer(), max_chars)
    }

    /// The term the analyzer makes of `word` (so that a stemmer change does not break the
    /// tests of how snippets choose).
    fn term(word: &str) -> String {
        raad_core::analysis::analyze(word)
            .into_iter()
            .next()
            .map(|token| token.text)
            .unwrap_or_default()
    }

    fn record(question: &str) -> Record {
        let mut record = Record::new("1");
        record.question = Some(question.to_string());
        record
    }

    #[test]
    fn marks_stems_and_compounds_of_the_query_terms() {
        let fragment = snippets(&[("overleg", 1.0), ("fietspad", 1.0)], 200).fragment(&record(
            "Het bedrijvenoverleg ging over fietspaden. Overleg volgt.",
        ));
        assert_eq!(
            fragment.matched_words(),
            ["bedrijvenoverleg", "fietspaden", "Overleg"]
        );
    }

    #[test]
    fn picks_the_window_with_the_most_weight() {
        let filler = "Dit is een zin zonder de gezochte woorden erin. ".repeat(6);
        let text = format!(
            "De haven werd vermeld. {filler}Over de haven en het zwerfvuil kwam een vraag."
        );
        let haven = term("haven");
        let fragment = snippets(&[(&haven, 0.1), ("zwerfvuil", 0.5)], 60).fragment(&record(&text));
        assert_eq!(
            fragment.text,
            "Over de haven en het zwerfvuil kwam een vraag."
        );
        assert_eq!(fragment.matched_words(), ["haven", "zwerfvuil"]);
    }

    #[test]
    fn falls_back_to_the_opening_without_matches() {
        let fragment =
            snippets(&[("kinderopvang", 1.0)], 200).fragment(&record("Geen treffer hier."));
        assert_eq!(fragment.text, "Geen treffer hier.");
        assert!(fragment.highlights.is_empty());
    }

    #[test]
    fn looks_only_at_the_first_part_of_a_huge_text() {
        // Twice 0.98 MB of filler: a word only past the first MiB is not looked for (the
        // opening is shown), a word inside it is found.
        let filler = "Dit is een zin zonder de gezochte woorden erin. ".repeat(20_000);
        let text = format!("{filler}De haven. {filler}Het zwerfvuil.");
        assert!(text.find("haven").unwrap() < LARGE_TEXT_BYTES);
        assert!(text.find("zwerfvuil").unwrap() > LARGE_TEXT_BYTES);
        let late = snippets(&[("zwerfvuil", 1.0)], 40).fragment(&record(&text));
        assert_eq!(late.text, "Dit is een zin zonder de gezochte");
        assert!(late.highlights.is_empty());
        let early = snippets(&[(&term("haven"), 1.0)], 40).fragment(&record(&text));
        assert_eq!(early.matched_words(), ["haven"]);
    }

    #[test]
    fn opening_cuts_at_a_word() {
        let mut record = Record::new("1");
        record.question = Some("Het fietspad aan de Vrijdagmarkt is gevaarlijk.".into());
        assert_eq!(opening(&record, 15).text, "Het fietspad");
        assert_eq!(opening(&record, 100).text, record.question.unwrap());
    }
}
