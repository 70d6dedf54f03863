//! Topics by rules: a taxonomy of municipal policy domains with Dutch keywords, matched on
//! analyzed text, that gives a record its best one or two topics.
//!
//! The built-in taxonomy ([`BUILT_IN_TAXONOMY`], the file `topics/taxonomy.tsv`) has thirteen
//! Flemish municipal policy domains, from `mobiliteit` to `samenleven en participatie`. A
//! user replaces it with [`TopicRules::from_file`] or extends it with
//! [`TopicRules::extend_from_file`]; the file format is described at the top of the built-in
//! file: `TOPIC<TAB>WEIGHT<TAB>KEYWORDS`, keywords comma-separated.
//!
//! # Matching
//! Keywords and record text go through the same Dutch analyzer as the index
//! ([`crate::analysis::dutch_analyzer`]), so a keyword matches inflected forms and compound
//! parts: `fiets` matches `fietsen` and, at half weight, `fietspaden`. A keyword of several
//! words matches them next to each other, in order.
//!
//! # Scoring
//! Each field gives a topic the sum of the weights of its mentions, damped so that many
//! mentions count less than in proportion (`s·(1+K)/(s+K)`, [`SATURATION`]), and the fields
//! are weighed: the title [`TITLE_WEIGHT`], the question [`QUESTION_WEIGHT`], the answer 1,
//! of which only the words that begin in its first [`ANSWER_LIMIT`] bytes are read. A long
//! answer thus cannot outvote what the councillor asked about. A record gets its best topic
//! when that scores at least [`MIN_SCORE`], and the second best too when it scores at least
//! [`SECOND_SHARE`] of the best.
//!
//! ```
//! use raad_core::topics::TopicRules;
//! use raad_core::Record;
//!
//! let rules = TopicRules::built_in();
//! let mut record = Record::new("2021_SV_00412");
//! record.title = Some("Fietsenstallingen aan het Sint-Pietersstation".to_string());
//! record.question = Some("Hoeveel fietsplaatsen zijn er vandaag beschikbaar?".to_string());
//! let topics = rules.assign(&record);
//! assert_eq!(topics[0].topic, "mobiliteit");
//! ```

mod body_scan;
mod matcher;
mod table;
mod terms;

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::{dutch_analyzer, PreAnalyzed};
use crate::document::body_text;
use crate::error::Error;
use crate::record::{Record, TopicSource};
use body_scan::BodyScan;
use matcher::{keyword_terms, KeywordIndex};
use table::{parse_rules, RuleLine};
use terms::TermCounter;
pub use terms::{term_hash, TopicTerms};

/// The built-in taxonomy, in the file format [`TopicRules::from_file`] reads.
pub const BUILT_IN_TAXONOMY: &str = include_str!("taxonomy.tsv");

/// How much the title counts, relative to the answer.
pub const TITLE_WEIGHT: f32 = 3.0;
/// How much the question counts, relative to the answer.
pub const QUESTION_WEIGHT: f32 = 2.0;
/// Bytes of the answer that are read; the rest of a long answer adds nothing. Rules run on
/// every record the indexer reads, and analysis is their cost: the head of an answer names its
/// subject, so a shorter read costs next to no accuracy (BENCHMARKS.md, "Topics").
pub const ANSWER_LIMIT: usize = 1_000;
/// The K of the damping of a field's mentions: the more mentions, the less each adds.
pub const SATURATION: f32 = 4.0;
/// The least score a topic needs to be assigned.
pub const MIN_SCORE: f32 = 1.0;
/// The second best topic is assigned too when it scores at least this share of the best.
pub const SECOND_SHARE: f32 = 0.6;

/// A topic and how strongly a record's text speaks of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicMatch {
    /// The topic's name, as the taxonomy writes it.
    pub topic: String,
    /// The weighted, damped count of the topic's keywords in the record (see the module
    /// documentation); comparable between topics of one record.
    pub score: f32,
}

/// A taxonomy ready to match: topics, their keywords analyzed, indexed by term.
#[derive(Debug, Clone)]
pub struct TopicRules {
    topics: Vec<String>,
    index: KeywordIndex,
    /// Hash of every taxonomy text added, in order: what an index built with these rules
    /// depends on.
    fingerprint: u64,
}

impl Default for TopicRules {
    fn default() -> TopicRules {
        TopicRules::built_in()
    }
}

thread_local! {
    // One analyzer per thread: analyzing needs `&mut`, and rules are shared between the
    // threads of an indexer.
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(dutch_analyzer());
}

impl TopicRules {
    /// The built-in taxonomy ([`BUILT_IN_TAXONOMY`]); built once per process, then cloned.
    pub fn built_in() -> TopicRules {
        static BUILT_IN: OnceLock<TopicRules> = OnceLock::new();
        BUILT_IN
            .get_or_init(|| {
                TopicRules::from_tsv(BUILT_IN_TAXONOMY, Path::new("<built-in taxonomy>"))
                    .expect("the built-in taxonomy is valid (tested)")
            })
            .clone()
    }

    /// Rules without any topic: they assign nothing. Extend them with
    /// [`TopicRules::extend_from_file`].
    pub fn empty() -> TopicRules {
        TopicRules {
            topics: Vec::new(),
            index: KeywordIndex::default(),
            fingerprint: 0,
        }
    }

    /// The rules of a taxonomy file, replacing the built-in taxonomy. A bad line is an
    /// [`Error::Table`] naming the file, the line and the problem.
    pub fn from_file(path: &Path) -> crate::Result<TopicRules> {
        let mut rules = TopicRules::empty();
        rules.extend_from_file(path)?;
        Ok(rules)
    }

    /// The rules of taxonomy text; `path` is what errors name.
    pub fn from_tsv(text: &str, path: &Path) -> crate::Result<TopicRules> {
        let mut rules = TopicRules::empty();
        rules.extend_from_tsv(text, path)?;
        Ok(rules)
    }

    /// Adds the rules of a taxonomy file: new topics, and keywords for topics already known.
    /// On an error nothing of the file is added.
    pub fn extend_from_file(&mut self, path: &Path) -> crate::Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.extend_from_tsv(&text, path)
    }

    /// Adds the rules of taxonomy text; `path` is what errors name. On an error nothing of the
    /// text is added.
    pub fn extend_from_tsv(&mut self, text: &str, path: &Path) -> crate::Result<()> {
        let table_error = |line, message| Error::Table {
            path: path.to_path_buf(),
            line,
            message,
        };
        let lines = parse_rules(text).map_err(|(line, message)| table_error(line, message))?;
        let mut analyzer = dutch_analyzer();
        let mut analyzed = Vec::new();
        for RuleLine {
            line,
            topic,
            weight,
            keywords,
        } in lines
        {
            for keyword in keywords {
                let terms = keyword_terms(&mut analyzer, &keyword);
                if terms.is_empty() {
                    return Err(table_error(
                        line,
                        format!(
                            "keyword `{keyword}` has no word to match (only stop words or symbols)"
                        ),
                    ));
                }
                analyzed.push((topic.clone(), weight, terms));
            }
        }
        for (topic, weight, terms) in analyzed {
            let slot = match self.topics.iter().position(|t| *t == topic) {
                Some(slot) => slot,
                None => {
                    self.topics.push(topic);
                    self.topics.len() - 1
                }
            };
            self.index.add(slot, weight, terms);
        }
        let mut hasher = rustc_hash::FxHasher::default();
        self.fingerprint.hash(&mut hasher);
        text.hash(&mut hasher);
        self.fingerprint = hasher.finish();
        Ok(())
    }

    /// A hash of the taxonomy texts these rules were built from: equal rules, equal
    /// fingerprint (the indexer re-indexes files when the rules change).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Gives a record without topics its best one or two by these rules (source
    /// [`TopicSource::Rules`]), with the best topic's share of the scores of every topic its
    /// text mentions as the confidence. A record that has topics, or whose text scores no topic
    /// [`MIN_SCORE`], is left as it is. Returns whether topics were assigned.
    pub fn apply(&self, record: &mut Record) -> bool {
        if !record.topics.is_empty() {
            return false;
        }
        let scores = self.scores(record);
        self.assign_scores(record, scores)
    }

    /// [`TopicRules::apply`], and the record's [`TopicTerms`] from the same analysis (also of a
    /// record that has topics, which the rules leave as they are): what the indexer hands to
    /// topic inference.
    pub fn apply_with_terms(&self, record: &mut Record) -> TopicTerms {
        let (scores, terms) = scan_body(record, Some(self), true, None);
        if record.topics.is_empty() {
            self.assign_scores(record, scores);
        }
        terms.unwrap_or_default()
    }

    fn assign_scores(&self, record: &mut Record, scores: Vec<TopicMatch>) -> bool {
        let best = scores.first().map_or(0.0, |m| m.score);
        if best < MIN_SCORE {
            return false;
        }
        let total: f32 = scores.iter().map(|m| m.score).sum();
        record.topics = scores
            .into_iter()
            .take(2)
            .filter(|m| m.score >= best * SECOND_SHARE)
            .map(|m| m.topic)
            .collect();
        record.topic_source = Some(TopicSource::Rules);
        // Two decimals: enough to compare, and readable in JSON.
        record.topic_confidence = Some((best / total * 100.0).round() / 100.0);
        true
    }

    /// The topics of the taxonomy, in the order they first appear in it.
    pub fn topics(&self) -> &[String] {
        &self.topics
    }

    /// The best topic of a record, and the second best when it comes close (see the module
    /// documentation); empty when no topic scores [`MIN_SCORE`].
    pub fn assign(&self, record: &Record) -> Vec<TopicMatch> {
        let mut scores = self.scores(record);
        let best = scores.first().map_or(0.0, |m| m.score);
        if best < MIN_SCORE {
            return Vec::new();
        }
        scores.truncate(2);
        scores.retain(|m| m.score >= best * SECOND_SHARE);
        scores
    }

    /// Every topic the record's text mentions, best first (ties in taxonomy order).
    pub fn scores(&self, record: &Record) -> Vec<TopicMatch> {
        if self.topics.is_empty() {
            return Vec::new();
        }
        scan_body(record, Some(self), false, None).0
    }
}

/// What one analysis of a record's `body` gives the indexer ([`analyze_for_index`]).
#[derive(Debug, Default)]
pub struct AnalyzedBody {
    /// The body's tokens, for the index to take as they are; `None` for a record without
    /// title, question or answer.
    pub body: Option<PreAnalyzed>,
    /// The record's terms for topic inference, when they were asked for.
    pub terms: Option<TopicTerms>,
}

/// Analyzes a record's `body` once for everything the indexer needs from it: gives a record
/// without topics its topics by `rules` (as [`TopicRules::apply`]), counts its
/// [`TopicTerms`] when `terms` is set, and keeps the tokens for
/// [`RaadSchema::document_analyzed`](crate::schema::RaadSchema::document_analyzed), so that
/// the index does not analyze the text again.
///
/// ```
/// use raad_core::topics::{analyze_for_index, TopicRules};
/// use raad_core::{RaadSchema, Record};
///
/// let mut record = Record::new("2021_SV_00412");
/// record.title = Some("Fietsenstallingen aan het station".to_string());
/// let analyzed = analyze_for_index(&mut record, Some(&TopicRules::built_in()), false);
/// assert_eq!(record.topics, ["mobiliteit"]);
/// let doc = RaadSchema::new().document_analyzed(&record, analyzed.body.as_ref());
/// # let _ = doc;
/// ```
pub fn analyze_for_index(
    record: &mut Record,
    rules: Option<&TopicRules>,
    terms: bool,
) -> AnalyzedBody {
    let rules = rules.filter(|_| record.topics.is_empty());
    let text_bytes = [&record.title, &record.question, &record.answer]
        .iter()
        .map(|section| section.as_ref().map_or(0, String::len))
        .sum();
    let mut body = PreAnalyzed::builder_for(text_bytes);
    let (scores, terms) = scan_body(record, rules, terms, Some(&mut body));
    if let Some(rules) = rules {
        rules.assign_scores(record, scores);
    }
    let has_body = [&record.title, &record.question, &record.answer]
        .iter()
        .any(|section| section.is_some());
    AnalyzedBody {
        body: has_body.then(|| body.finish()),
        terms,
    }
}

/// Analyzes the record's `body` once: the topics `rules` find, best first (ties in taxonomy
/// order; none without rules), the terms of title, question and answer head when `terms`, and
/// every token into `tokens` when given.
fn scan_body(
    record: &Record,
    rules: Option<&TopicRules>,
    terms: bool,
    mut tokens: Option<&mut crate::analysis::PreAnalyzedBuilder>,
) -> (Vec<TopicMatch>, Option<TopicTerms>) {
    let topics = rules.map_or(0, |rules| rules.topics.len());
    let empty = KeywordIndex::default();
    let index = rules.map_or(&empty, |rules| &rules.index);
    let mut scan = BodyScan::new(index, topics, terms);
    if let Some(body) = body_text(record) {
        ANALYZER.with(|analyzer| {
            analyzer
                .borrow_mut()
                .token_stream(&body)
                .process(&mut |token| {
                    scan.push(token);
                    if let Some(tokens) = tokens.as_deref_mut() {
                        tokens.push(token);
                    }
                });
        });
    }
    let (total, terms) = scan.finish();
    let mut scores: Vec<(usize, f32)> = total
        .into_iter()
        .enumerate()
        .filter(|&(_, score)| score > 0.0)
        .collect();
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let scores = scores
        .into_iter()
        .map(|(slot, score)| TopicMatch {
            topic: rules.map_or_else(String::new, |rules| rules.topics[slot].clone()),
            score,
        })
        .collect();
    (scores, terms.map(TermCounter::finish))
}

/// `s·(1+K)/(s+K)`: 1 mention counts 1, many approach 1+K.
fn damped(mentions: f32) -> f32 {
    if mentions <= 0.0 {
        0.0
    } else {
        mentions * (1.0 + SATURATION) / (mentions + SATURATION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_can_be_shared_between_indexing_threads() {
        fn shareable<T: Send + Sync + Clone>() {}
        shareable::<TopicRules>();
    }

    #[test]
    fn damping() {
        assert_eq!(damped(0.0), 0.0);
        assert_eq!(damped(1.0), 1.0);
        assert!(damped(100.0) < 1.0 + SATURATION);
    }
}
