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
//! section's, the average length that of the section over every record. The title's idf is
//! the body's; the question's is its own, counted from `body` positions per segment and term
//! when a query first asks for it ([`SectionCache::question_doc_freq`]): a word common in
//! answers but rare in questions tells records apart by their question (known-item MRR@10
//! 0.8938 → 0.8961 over the body's idf). A field of questions gives the same figures, but
//! at 6–8% of the indexing time (BENCHMARKS.md, "The question's own idf, counted at query
//! time").

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use raad_core::analysis::SECTION_MARKER;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use crate::bm25;
use crate::error::Result;
use crate::segment_cache::SegmentCache;

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

/// One segment's section spans and the postings of the clauses' terms in it.
pub(crate) struct SegmentSections {
    stats: Arc<SegmentSectionStats>,
    /// Per clause, per term: its postings (`None` when the segment lacks the term).
    postings: Vec<Vec<Option<SegmentPostings>>>,
    positions: Vec<Vec<u32>>,
}

impl SegmentSections {
    pub fn new(
        reader: &SegmentReader,
        body: Field,
        stats: Arc<SegmentSectionStats>,
        clauses: &[SectionClause],
    ) -> Result<SegmentSections> {
        let inverted = reader.inverted_index(body)?;
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
            stats,
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
        let Some(spans) = self.stats.spans.get(doc as usize).copied() else {
            return 0.0;
        };
        let mut score = 0.0;
        for (clause, postings) in clauses.iter().zip(&mut self.postings) {
            let ((start, end), average) = match clause.section {
                Section::Title => (spans.title(), average.title),
                Section::Question => (spans.question(), average.question),
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
/// between the markers, the answer after the second. A record without both markers has
/// [`Spans::NONE`]: no title and no question.
#[derive(Debug, Clone, Copy)]
struct Spans {
    title_end: u32,
    question_end: u32,
}

impl Spans {
    const NONE: Spans = Spans {
        title_end: 0,
        question_end: 0,
    };

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

    /// The title's positions, `start..end`.
    fn title(self) -> (u32, u32) {
        (0, self.title_end)
    }

    /// The question's positions, `start..end` (empty for [`Spans::NONE`]).
    fn question(self) -> (u32, u32) {
        (self.title_end + 1, self.question_end)
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

/// Question document frequencies kept per segment before they are counted afresh.
const MAX_CACHED_TERMS: usize = 1 << 16;

/// About how many records' positions a common term's question document frequency is
/// estimated from, over all segments; each segment reads its share by size, at least
/// [`MIN_SEGMENT_SAMPLE`], and a rarer term is counted in every record.
const QUESTION_SAMPLE: u64 = 4096;

/// The smallest sample of one segment.
const MIN_SEGMENT_SAMPLE: u64 = 256;

/// The average length in words of titles and of questions.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct SectionLengths {
    pub title: Score,
    pub question: Score,
}

/// Words of titles, words of questions and records, in one segment.
type SegmentLengths = (u64, u64, u64);

/// Question document frequencies of one segment, per term (its value bytes), counted at one
/// sample size (see [`SectionCache::question_doc_freq`]).
#[derive(Debug, Default)]
struct QuestionFreqs {
    sample: u64,
    counts: HashMap<Vec<u8>, u64>,
}

/// One segment's sections: where each record's title and question lie in `body`, the
/// lengths, and the question document frequencies counted so far.
#[derive(Debug)]
pub(crate) struct SegmentSectionStats {
    /// Per record (by doc id): its sections' spans.
    spans: Vec<Spans>,
    lengths: SegmentLengths,
    /// The records of the segment with a term in the question, counted so far.
    question_freqs: Mutex<QuestionFreqs>,
}

impl SegmentSectionStats {
    /// Reads the section markers of every record of the segment.
    fn read(reader: &SegmentReader, body: Field) -> tantivy::Result<SegmentSectionStats> {
        let mut all_spans = vec![Spans::NONE; reader.max_doc() as usize];
        let mut lengths = (0u64, 0u64, 0u64);
        let marker = Term::from_field_text(body, SECTION_MARKER);
        let inverted = reader.inverted_index(body)?;
        let option = IndexRecordOption::WithFreqsAndPositions;
        if let Some(mut markers) = inverted.read_postings(&marker, option)? {
            let mut positions = Vec::new();
            while markers.doc() != TERMINATED {
                markers.positions(&mut positions);
                if let Some(spans) = Spans::of(&positions) {
                    lengths.0 += u64::from(spans.title_len());
                    lengths.1 += u64::from(spans.question_len());
                    lengths.2 += 1;
                    if let Some(slot) = all_spans.get_mut(markers.doc() as usize) {
                        *slot = spans;
                    }
                }
                markers.advance();
            }
        }
        Ok(SegmentSectionStats {
            spans: all_spans,
            lengths,
            question_freqs: Mutex::new(QuestionFreqs::default()),
        })
    }

    /// The records of the segment whose question holds `term`, deleted ones included (as
    /// tantivy's document frequencies count them), so the figure never changes. Exact for a
    /// term in at most `sample` records; for a commoner one, estimated from every k-th of its
    /// records in the postings (about `sample` of them, wherever they lie in the segment):
    /// their share with the term in the question, times the term's document frequency, and
    /// at least 1 (a share of none in the sample does not mean none in the segment). Counting
    /// reads positions, and a word in half a million records would cost a first search tens
    /// of milliseconds; passing over a record without its positions costs little.
    fn question_doc_freq(&self, reader: &SegmentReader, term: &Term, sample: u64) -> Result<u64> {
        let key = term.serialized_value_bytes();
        let lock = || {
            self.question_freqs
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
        };
        {
            let freqs = lock();
            if freqs.sample == sample {
                if let Some(found) = freqs.counts.get(key) {
                    return Ok(*found);
                }
            }
        }
        // Counted without the lock: other searches of the segment go on meanwhile (two
        // counting the same term at once both find the same figure).
        let inverted = reader.inverted_index(term.field())?;
        let found = match inverted.get_term_info(term)? {
            None => 0,
            Some(info) => {
                let doc_freq = u64::from(info.doc_freq);
                let every = doc_freq.div_ceil(sample.max(1)).max(1);
                let option = IndexRecordOption::WithFreqsAndPositions;
                let postings = inverted.read_postings_from_terminfo(&info, option)?;
                self.count_in_questions(postings, doc_freq, every)
            }
        };
        let mut freqs = lock();
        if freqs.sample != sample || freqs.counts.len() >= MAX_CACHED_TERMS {
            // A new sample size comes with a new set of segments: the old figures are not
            // asked for again.
            freqs.sample = sample;
            freqs.counts.clear();
        }
        freqs.counts.insert(key.to_vec(), found);
        Ok(found)
    }

    /// The records of `postings` (`doc_freq` of them) with a position inside their question:
    /// counted in every record when `every` is 1, else estimated from every `every`-th.
    fn count_in_questions(&self, mut postings: SegmentPostings, doc_freq: u64, every: u64) -> u64 {
        let (mut seen, mut inside) = (0u64, 0u64);
        let mut positions = Vec::new();
        let mut index = 0u64;
        while postings.doc() != TERMINATED {
            if index.is_multiple_of(every) {
                seen += 1;
                let doc = postings.doc() as usize;
                let spans = self.spans.get(doc).copied().unwrap_or(Spans::NONE);
                let (start, end) = spans.question();
                if start < end {
                    postings.positions(&mut positions);
                    let first_inside = positions.partition_point(|&position| position < start);
                    if positions
                        .get(first_inside)
                        .is_some_and(|&position| position < end)
                    {
                        inside += 1;
                    }
                }
            }
            index += 1;
            postings.advance();
        }
        if every == 1 || seen == 0 {
            return inside;
        }
        let estimate = (doc_freq as f64 * inside as f64 / seen as f64).round() as u64;
        estimate.max(1)
    }
}

/// The sections of every segment of one searcher, and their average lengths.
pub(crate) struct SectionFigures {
    /// Per segment, by its ordinal in the searcher.
    pub segments: Vec<Arc<SegmentSectionStats>>,
    pub average: SectionLengths,
}

/// The sections of the records, per segment, read once per segment (see [`SegmentCache`]):
/// the sections' average lengths, and the question's own document frequencies. Deleted
/// records count until a merge drops them, as in tantivy's own BM25 statistics; so a
/// segment's figures never change.
#[derive(Debug, Default)]
pub(crate) struct SectionCache {
    segments: SegmentCache<Field, SegmentSectionStats>,
}

impl SectionCache {
    /// The figures of every segment of `searcher`, read where not yet cached.
    fn segments<'s>(
        &self,
        searcher: &'s tantivy::Searcher,
        body: Field,
    ) -> Result<Vec<(&'s SegmentReader, Arc<SegmentSectionStats>)>> {
        let mut per_segment = self
            .segments
            .get(searcher, &[body], SegmentSectionStats::read)?;
        Ok(searcher
            .segment_readers()
            .iter()
            .filter_map(|reader| {
                let stats = per_segment.remove(&(reader.segment_id(), body))?;
                Some((reader, stats))
            })
            .collect())
    }

    /// What the second phase reads: every segment's spans, in the searcher's segment order
    /// (the cache reads any segment it lacks), and the average lengths over them (0 without
    /// records).
    pub fn figures(&self, searcher: &tantivy::Searcher, body: Field) -> Result<SectionFigures> {
        let segments: Vec<Arc<SegmentSectionStats>> = self
            .segments(searcher, body)?
            .into_iter()
            .map(|(_, stats)| stats)
            .collect();
        let (mut titles, mut questions, mut records) = (0u64, 0u64, 0u64);
        for stats in &segments {
            let (segment_titles, segment_questions, segment_records) = stats.lengths;
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
        Ok(SectionFigures {
            segments,
            average: SectionLengths {
                title: per_record(titles),
                question: per_record(questions),
            },
        })
    }

    /// The records of `searcher` whose question holds the `body` term `term`: the document
    /// frequency a field of questions alone would give, counted from `body` positions and
    /// kept per segment and term (counted again when a changed set of segments changes the
    /// segment's sample size). The cost is reading the positions of
    /// the term's records: in every record for a rare term, for a common one in about
    /// [`QUESTION_SAMPLE`] records shared by the segments by size (at least
    /// [`MIN_SEGMENT_SAMPLE`] each). The sample a segment reads depends only on the sizes of
    /// the searcher's segments, so one index gives the same figures to every process,
    /// whatever it searched before.
    pub fn question_doc_freq(&self, searcher: &tantivy::Searcher, term: &Term) -> Result<u64> {
        let segments = self.segments(searcher, term.field())?;
        let records: u64 = segments
            .iter()
            .map(|(reader, _)| u64::from(reader.max_doc()))
            .sum();
        let mut total = 0;
        for (reader, stats) in segments {
            let share = (QUESTION_SAMPLE * u64::from(reader.max_doc())).div_ceil(records.max(1));
            let sample = share.max(MIN_SEGMENT_SAMPLE);
            total += stats.question_doc_freq(reader, term, sample)?;
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// An index in RAM of records with these titles, questions and answers, committed after
    /// every `per_segment` records (so in segments of that many).
    fn searcher_of<'a>(
        records: impl Iterator<Item = (Option<&'a str>, String, String)>,
        per_segment: usize,
    ) -> (raad_core::RaadSchema, tantivy::Searcher) {
        let schema = raad_core::RaadSchema::new();
        let index = tantivy::Index::create_in_ram(schema.schema.clone());
        raad_core::analysis::register_analyzers(index.tokenizers());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (n, (title, question, answer)) in records.enumerate() {
            let mut record = raad_core::Record::new(format!("2024_SV_{n:05}"));
            record.title = title.map(str::to_string);
            record.question = Some(question);
            record.answer = Some(answer);
            writer.add_document(schema.document(&record)).unwrap();
            if (n + 1) % per_segment == 0 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        (schema, searcher)
    }

    /// Four records over two segments; `begroting` (term `begrot`) in two questions (once
    /// twice), in three answers, and in one title.
    #[test]
    fn question_doc_freq_counts_records_with_the_word_in_their_question() {
        let texts = [
            ("Begroting", "Wat kost het?", "De begroting is klaar."),
            (
                "Fietspaden",
                "Is de begroting of de begroting bekend?",
                "Ja.",
            ),
            ("Parkeren", "Hoeveel plaatsen?", "Zie de begroting."),
            (
                "Sport",
                "Komt er een begroting voor sport?",
                "De begroting volgt.",
            ),
        ];
        let records = texts.iter().map(|(title, question, answer)| {
            (Some(*title), question.to_string(), answer.to_string())
        });
        let (schema, searcher) = searcher_of(records, 2);
        assert_eq!(searcher.segment_readers().len(), 2);
        let cache = SectionCache::default();
        let df = |word: &str| {
            let term = Term::from_field_text(schema.body, word);
            cache.question_doc_freq(&searcher, &term).unwrap()
        };
        let body_df = searcher
            .doc_freq(&Term::from_field_text(schema.body, "begrot"))
            .unwrap();
        assert_eq!(body_df, 4);
        assert_eq!(df("begrot"), 2);
        // Asked again, from the cache: the same.
        assert_eq!(df("begrot"), 2);
        assert_eq!(df("sport"), 1);
        assert_eq!(df("fietspad"), 0);
        assert_eq!(df("onbekendwoord"), 0);
    }

    /// 40 records with `begroting` in every answer and in every fourth question: counted
    /// from a sample of 8 (every fifth record), the estimate is the count.
    #[test]
    fn a_common_term_is_estimated_from_a_sample_of_its_records() {
        let records = (0..40).map(|n| {
            let question = if n % 4 == 0 {
                "Hoe hoog is de begroting?"
            } else {
                "Hoeveel kost het?"
            };
            (None, question.to_string(), "Zie de begroting.".to_string())
        });
        let (schema, searcher) = searcher_of(records, 40);
        let reader = &searcher.segment_readers()[0];
        let stats = SegmentSectionStats::read(reader, schema.body).unwrap();
        let df = |word: &str, sample: u64| {
            let term = Term::from_field_text(schema.body, word);
            stats.question_doc_freq(reader, &term, sample).unwrap()
        };
        assert_eq!(df("begrot", 1000), 10);
        assert_eq!(df("begrot", 8), 10);
        // A word in no question: the estimate is at least 1 (the sample cannot rule it out).
        assert_eq!(df("zie", 1000), 0);
        assert_eq!(df("zie", 8), 1);
    }

    /// 2,000 records with `begroting` only in the answer, then 2,000 with it in every tenth
    /// question and nowhere else: 2,200 postings, 200 of them in a question. A sample that
    /// picks records by doc id (the next after each stride) lands on the sparse half's
    /// records far too often; every k-th posting does not.
    #[test]
    fn a_sample_of_unevenly_spread_records_is_not_skewed() {
        let records = (0..4000).map(|n| {
            let (question, answer) = if n < 2000 {
                ("Hoeveel kost het?", "Zie de begroting.")
            } else if n % 10 == 0 {
                ("Hoe hoog is de begroting?", "Zie bijlage.")
            } else {
                ("Hoeveel kost het?", "Zie bijlage.")
            };
            (None, question.to_string(), answer.to_string())
        });
        let (schema, searcher) = searcher_of(records, 4000);
        let reader = &searcher.segment_readers()[0];
        let stats = SegmentSectionStats::read(reader, schema.body).unwrap();
        let term = Term::from_field_text(schema.body, "begrot");
        assert_eq!(stats.question_doc_freq(reader, &term, 10_000).unwrap(), 200);
        let estimate = stats.question_doc_freq(reader, &term, 64).unwrap();
        assert!((150..=250).contains(&estimate), "estimated {estimate}");
    }
}
