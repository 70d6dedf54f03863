//! One pass over a record's analyzed `body` for everything topics need: the rules' mentions
//! per section, weighed, and the terms topic inference compares records by.
//!
//! `body` holds title, question and answer between two section markers
//! ([`crate::document::body_text`]), so the tokens of one analysis of it tell which section
//! they belong to; the answer counts up to [`ANSWER_LIMIT`] bytes from its start (a word that
//! begins before the limit counts whole).

use tantivy::tokenizer::Token;

use super::matcher::{KeywordIndex, Mentions};
use super::terms::TermCounter;
use super::{damped, ANSWER_LIMIT, QUESTION_WEIGHT, TITLE_WEIGHT};
use crate::analysis::SECTION_MARKER;

/// How much each section of `body` counts: title, question, answer.
const SECTION_WEIGHTS: [f32; 3] = [TITLE_WEIGHT, QUESTION_WEIGHT, 1.0];

/// Reads the tokens of one record's `body`, in order.
pub(crate) struct BodyScan<'i> {
    mentions: Mentions<'i>,
    /// Mentions per topic in the section being read.
    raw: Vec<f32>,
    /// Weighed, damped mentions per topic of the sections read.
    total: Vec<f32>,
    /// 0 title, 1 question, 2 answer.
    section: usize,
    /// Where in `body` the part of the answer that counts ends.
    answer_end: usize,
    terms: Option<TermCounter>,
}

impl<'i> BodyScan<'i> {
    /// A scan for the keywords of `index` among `topics` topics, counting terms when `terms`.
    pub fn new(index: &'i KeywordIndex, topics: usize, terms: bool) -> BodyScan<'i> {
        BodyScan {
            mentions: Mentions::new(index),
            raw: vec![0.0; topics],
            total: vec![0.0; topics],
            section: 0,
            answer_end: usize::MAX,
            terms: terms.then(|| {
                let mut counter = TermCounter::default();
                counter.weight = SECTION_WEIGHTS[0];
                counter
            }),
        }
    }

    /// Reads the next token of the analyzer's stream over `body`.
    pub fn push(&mut self, token: &Token) {
        if token.text == SECTION_MARKER {
            self.end_section();
            self.section = (self.section + 1).min(2);
            if self.section == 2 {
                // The answer starts after the marker's line break.
                self.answer_end = token.offset_to.saturating_add(1 + ANSWER_LIMIT);
            }
            if let Some(terms) = &mut self.terms {
                terms.weight = SECTION_WEIGHTS[self.section];
            }
            return;
        }
        if token.offset_from >= self.answer_end {
            return;
        }
        if let Some(terms) = &mut self.terms {
            terms.add(&token.text);
        }
        if !self.raw.is_empty() {
            self.mentions
                .token(token.position as u32, &token.text, &mut self.raw);
        }
    }

    fn end_section(&mut self) {
        if self.raw.is_empty() {
            return;
        }
        self.mentions.end(&mut self.raw);
        let weight = SECTION_WEIGHTS[self.section];
        for (sum, mentions) in self.total.iter_mut().zip(&mut self.raw) {
            *sum += weight * damped(*mentions);
            *mentions = 0.0;
        }
    }

    /// The weighed mentions per topic (taxonomy order), and the terms when counted.
    pub fn finish(mut self) -> (Vec<f32>, Option<TermCounter>) {
        self.end_section();
        (self.total, self.terms)
    }
}
