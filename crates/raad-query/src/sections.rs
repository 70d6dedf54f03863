//! Title and question matches, scored from `body` positions between its section markers.
//!
//! The ranking adds a BM25 of the title alone and of the question alone to the body's
//! (known-item search gains 0.014 MRR@10 from the question: titles paraphrase questions;
//! themes 0.011 nDCG@10 from the title). Neither has a field of its own: the question alone
//! would be a quarter of all indexed tokens. Instead `body` holds title, question and answer
//! in that order with a section marker between them ([`raad_core::document::body_text`],
//! [`raad_core::analysis::SECTION_MARKER`]), and this second-phase score (see
//! [`crate::rescore`]) counts a term's `body` positions before the first marker (the title)
//! or between the two (the question): the term frequency in that section. The length is the
//! section's, the average length that of the section over every record, and the idf is the
//! body's (the sections' own document frequencies are not kept).

use std::collections::HashMap;
use std::sync::RwLock;

use raad_core::analysis::SECTION_MARKER;
use tantivy::index::SegmentId;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use crate::bm25;
use crate::error::Result;

/// A section of the record inside `body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Title,
    Question,
}

/// One query word or phrase, scored in the title or the question.
#[derive(Debug, Clone)]
pub(crate) struct SectionClause {
    /// Where the clause is scored.
    pub section: Section,
    /// The `body` terms with their offsets in the phrase (one term at offset 0 for a word).
    pub terms: Vec<(u32, Term)>,
    /// Boost × idf (the sum of the terms' idfs for a phrase, as tantivy's phrase BM25).
    pub weight: Score,
}

impl SectionClause {
    /// The highest score the clause can give a record.
    pub fn bound(&self) -> Score {
        bm25::max_score(self.weight)
    }
}

/// The section markers of one segment and the postings of the clauses' terms in it.
pub(crate) struct SegmentSections {
    markers: Option<SegmentPostings>,
    marker_positions: Vec<u32>,
    /// Per clause, per term: its postings (`None` when the segment lacks the term).
    postings: Vec<Vec<Option<SegmentPostings>>>,
    positions: Vec<Vec<u32>>,
}

impl SegmentSections {
    pub fn new(
        reader: &SegmentReader,
        body: tantivy::schema::Field,
        clauses: &[SectionClause],
    ) -> Result<SegmentSections> {
        let inverted = reader.inverted_index(body)?;
        let markers = inverted.read_postings(
            &Term::from_field_text(body, SECTION_MARKER),
            IndexRecordOption::WithFreqsAndPositions,
        )?;
        let mut postings = Vec::with_capacity(clauses.len());
        let mut longest = 0;
        for clause in clauses {
            let mut of_clause = Vec::with_capacity(clause.terms.len());
            for (_, term) in &clause.terms {
                of_clause
                    .push(inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?);
            }
            longest = longest.max(of_clause.len());
            postings.push(of_clause);
        }
        Ok(SegmentSections {
            markers,
            marker_positions: Vec::new(),
            postings,
            positions: vec![Vec::new(); longest],
        })
    }

    /// The record's title and question score; records must be asked for in increasing `doc`
    /// order.
    pub fn score(
        &mut self,
        doc: DocId,
        clauses: &[SectionClause],
        average: SectionLengths,
    ) -> Score {
        let Some(markers) = self.markers.as_mut() else {
            return 0.0;
        };
        if !seek(markers, doc) {
            return 0.0;
        }
        markers.positions(&mut self.marker_positions);
        let Some(spans) = Spans::of(&self.marker_positions) else {
            return 0.0;
        };
        let mut score = 0.0;
        for (clause, postings) in clauses.iter().zip(&mut self.postings) {
            let (start, end, average) = match clause.section {
                Section::Title => (0, spans.title_end, average.title),
                Section::Question => (spans.title_end + 1, spans.question_end, average.question),
            };
            if start >= end {
                continue;
            }
            let mut present = true;
            for (postings, positions) in postings.iter_mut().zip(&mut self.positions) {
                let Some(postings) = postings.as_mut() else {
                    present = false;
                    break;
                };
                if !seek(postings, doc) {
                    present = false;
                    break;
                }
                postings.positions(positions);
            }
            if !present {
                continue;
            }
            let frequency = occurrences(&clause.terms, &self.positions, start, end);
            if frequency > 0 {
                let tf = frequency as Score;
                let length = (end - start) as Score;
                score += bm25::score(clause.weight, tf, length, average.max(1.0));
            }
        }
        score
    }
}

/// Where a record's sections are in `body`: the title from 0 to the first marker, the question
/// between the markers, the answer after the second.
#[derive(Debug, Clone, Copy)]
struct Spans {
    title_end: u32,
    question_end: u32,
}

impl Spans {
    /// From the record's marker positions; `None` without both markers.
    fn of(markers: &[u32]) -> Option<Spans> {
        match markers {
            [first, second, ..] => Some(Spans {
                title_end: *first,
                question_end: *second,
            }),
            _ => None,
        }
    }

    fn title_len(self) -> u32 {
        self.title_end
    }

    fn question_len(self) -> u32 {
        self.question_end.saturating_sub(self.title_end + 1)
    }
}

/// Moves `postings` to `doc`; whether the document has the term.
fn seek(postings: &mut SegmentPostings, doc: DocId) -> bool {
    if postings.doc() < doc {
        postings.seek(doc);
    }
    postings.doc() == doc
}

/// How often the terms occur in a row (each at its offset) inside `start..end`.
fn occurrences(terms: &[(u32, Term)], positions: &[Vec<u32>], start: u32, end: u32) -> u32 {
    let Some(first) = positions.first() else {
        return 0;
    };
    let first_offset = terms.first().map_or(0, |(offset, _)| *offset);
    let last_offset = terms.iter().map(|(offset, _)| *offset).max().unwrap_or(0);
    let mut count = 0;
    for &position in first {
        let Some(base) = position.checked_sub(first_offset) else {
            continue;
        };
        if base < start || base.saturating_add(last_offset) >= end {
            continue;
        }
        let all_there = terms
            .iter()
            .zip(positions)
            .skip(1)
            .all(|((offset, _), of_term)| {
                base.checked_add(*offset)
                    .is_some_and(|at| of_term.binary_search(&at).is_ok())
            });
        if all_there {
            count += 1;
        }
    }
    count
}

/// Segments whose lengths are kept before those no longer searched are dropped.
const MAX_CACHED_SEGMENTS: usize = 256;

/// The average length in words of titles and of questions.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SectionLengths {
    pub title: Score,
    pub question: Score,
}

/// Words of titles, words of questions and records, in one segment.
type SegmentLengths = (u64, u64, u64);

/// The lengths of the sections of the records, per segment, computed once per segment.
#[derive(Debug, Default)]
pub(crate) struct SectionLengthCache {
    segments: RwLock<HashMap<SegmentId, SegmentLengths>>,
}

impl SectionLengthCache {
    /// The average lengths over the segments of `searcher` (0 without records). Deleted
    /// records count until a merge drops them, as in tantivy's own BM25 statistics; so a
    /// segment's figures never change and can be kept by segment id.
    pub fn average(
        &self,
        searcher: &tantivy::Searcher,
        body: tantivy::schema::Field,
    ) -> Result<SectionLengths> {
        let (mut titles, mut questions, mut records) = (0u64, 0u64, 0u64);
        for reader in searcher.segment_readers() {
            let id = reader.segment_id();
            let known = self
                .segments
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .get(&id)
                .copied();
            let (segment_titles, segment_questions, segment_records) = match known {
                Some(found) => found,
                None => {
                    let mut found = (0u64, 0u64, 0u64);
                    let marker = Term::from_field_text(body, SECTION_MARKER);
                    let inverted = reader.inverted_index(body)?;
                    let option = IndexRecordOption::WithFreqsAndPositions;
                    if let Some(mut markers) = inverted.read_postings(&marker, option)? {
                        let mut positions = Vec::new();
                        while markers.doc() != TERMINATED {
                            markers.positions(&mut positions);
                            if let Some(spans) = Spans::of(&positions) {
                                found.0 += u64::from(spans.title_len());
                                found.1 += u64::from(spans.question_len());
                                found.2 += 1;
                            }
                            markers.advance();
                        }
                    }
                    let mut segments = self
                        .segments
                        .write()
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                    // Segments merged away are dropped now and then. Not at every miss: an
                    // older searcher still in use would drop the newer one's segments.
                    if segments.len() >= MAX_CACHED_SEGMENTS {
                        let alive: Vec<SegmentId> = searcher
                            .segment_readers()
                            .iter()
                            .map(|reader| reader.segment_id())
                            .collect();
                        segments.retain(|id, _| alive.contains(id));
                    }
                    segments.insert(id, found);
                    found
                }
            };
            titles += segment_titles;
            questions += segment_questions;
            records += segment_records;
        }
        let per_record = |words: u64| {
            if records == 0 {
                0.0
            } else {
                words as Score / records as Score
            }
        };
        Ok(SectionLengths {
            title: per_record(titles),
            question: per_record(questions),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Field;

    fn terms(offsets: &[u32]) -> Vec<(u32, Term)> {
        offsets
            .iter()
            .map(|offset| (*offset, Term::from_field_text(Field::from_field_id(0), "x")))
            .collect()
    }

    #[test]
    fn occurrences_count_only_inside_the_span() {
        // A word at 2, 7 and 12; the span 5..12 holds only 7.
        assert_eq!(occurrences(&terms(&[0]), &[vec![2, 7, 12]], 5, 12), 1);
        assert_eq!(occurrences(&terms(&[0]), &[vec![2, 7, 12]], 0, 20), 3);
        // A phrase of two: at 7-8 inside, at 11-12 crossing the end.
        let positions = [vec![3, 7, 11], vec![8, 12, 20]];
        assert_eq!(occurrences(&terms(&[0, 1]), &positions, 5, 12), 1);
        assert_eq!(occurrences(&terms(&[0, 1]), &positions, 5, 13), 2);
        // A phrase with a gap (a stop word between).
        assert_eq!(occurrences(&terms(&[0, 2]), &[vec![5], vec![7]], 0, 10), 1);
        assert_eq!(occurrences(&terms(&[0, 2]), &[vec![5], vec![6]], 0, 10), 0);
    }
}
