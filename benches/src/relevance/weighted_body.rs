//! The weighted body: one field whose text repeats the title and the question, so that term
//! frequency carries the field weights at index time and a query scores one term per word on
//! one field, as plain tantivy does (a disjunction of term queries, which block-max WAND
//! prunes), instead of one term per word in each of `body`, `title` and `question`.
//!
//! The field's text is the title `title` times, the question `question` times and the answer
//! `answer` times, joined like raad's `body`; with repeats 1, 1, 1 it is raad's `body`. BM25's
//! saturation and length normalisation then see the repeats: a title word repeated twice
//! counts tf 2, not tf 1 plus half a title score.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use raad_core::analysis;
use raad_core::Record;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, EmptyQuery, Query};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Index, TantivyDocument};

use super::plain_query::term_clauses;
use super::{mean, read_queries, read_records, round, score, HarnessError, Report, RunConfig};
use super::{Judged, DEPTH};

/// Largest repeat count accepted: beyond it BM25's saturation makes more copies meaningless.
const MAX_REPEAT: u32 = 9;

/// How many times each section of a record goes into the weighted body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeats {
    /// Copies of the title.
    pub title: u32,
    /// Copies of the question.
    pub question: u32,
    /// Copies of the answer.
    pub answer: u32,
}

impl FromStr for Repeats {
    type Err = HarnessError;

    /// `TITLE,QUESTION` (answer once) or `TITLE,QUESTION,ANSWER`, each 0 to 9.
    fn from_str(given: &str) -> Result<Repeats, HarnessError> {
        let bad = || HarnessError::UnknownChoice {
            what: "weighted-body repeats",
            given: given.to_string(),
            valid: format!("TITLE,QUESTION or TITLE,QUESTION,ANSWER, each 0 to {MAX_REPEAT}"),
        };
        let counts = given
            .split(',')
            .map(|count| {
                count
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|&n| n <= MAX_REPEAT)
            })
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(bad)?;
        match counts[..] {
            [title, question] => Ok(Repeats {
                title,
                question,
                answer: 1,
            }),
            [title, question, answer] => Ok(Repeats {
                title,
                question,
                answer,
            }),
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for Repeats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{}", self.title, self.question, self.answer)
    }
}

/// The weighted-body setup of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightedSetup {
    /// Copies of each section in the weighted body.
    pub repeats: Repeats,
    /// Weight of query terms that are compound or hyphen parts of a query word.
    pub part_weight: f32,
    /// Weight of matches in a separate `title` field added to the weighted body's (0: no
    /// title clause).
    pub title_boost: f32,
    /// Weight of matches in a separate `head` field (title and question) added to the
    /// weighted body's (0: no head clause). With both boosts 0, one term per query word.
    pub head_boost: f32,
    /// Words of the question the head field keeps, from its start (0: all): a shorter head
    /// has shorter posting lists.
    pub head_words: usize,
}

/// The text of the weighted body of `record`: each section repeated, joined like raad's `body`.
pub fn weighted_text(record: &Record, repeats: Repeats) -> String {
    let mut text = String::new();
    for (section, copies) in [
        (&record.title, repeats.title),
        (&record.question, repeats.question),
        (&record.answer, repeats.answer),
    ] {
        let Some(section) = section else { continue };
        for _ in 0..copies {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(section);
        }
    }
    text
}

/// The text fields of a weighted corpus.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fields {
    /// The weighted body.
    pub(super) weighted: Field,
    /// The title alone.
    pub(super) title: Field,
    /// Title and question, joined like raad's `body`.
    pub(super) head: Field,
    /// raad's `body` (title, question, answer once each), for the speed comparison.
    pub(super) body: Field,
    /// The question alone, for the speed comparison.
    pub(super) question: Field,
}

/// The text of the head field of `record`: the title and the first `words` words of the
/// question (all of it when `words` is 0), joined like raad's `body`.
pub fn head_text(record: &Record, words: usize) -> String {
    let question = record.question.as_deref().map(|question| {
        if words == 0 {
            question.to_string()
        } else {
            question
                .split_whitespace()
                .take(words)
                .collect::<Vec<_>>()
                .join(" ")
        }
    });
    let head = Record {
        title: record.title.clone(),
        question,
        answer: None,
        ..Record::new(record.id.clone())
    };
    weighted_text(
        &head,
        Repeats {
            title: 1,
            question: 1,
            answer: 0,
        },
    )
}

/// A corpus indexed with one weighted body field (and, scored only on request, the title,
/// title and question, and raad's body and question fields), in RAM.
pub struct WeightedCorpus {
    pub(super) fields: Fields,
    pub(super) searcher: tantivy::Searcher,
    ids: HashMap<DocAddress, String>,
}

impl WeightedCorpus {
    /// Indexes `records` with raad's Dutch analyzer, the body weighted by `setup.repeats`,
    /// the head cut to `setup.head_words`.
    pub fn build(records: &[Record], setup: WeightedSetup) -> Result<WeightedCorpus, HarnessError> {
        let mut builder = Schema::builder();
        let dutch = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analysis::DUTCH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let id = builder.add_text_field("id", STRING | STORED);
        let fields = Fields {
            weighted: builder.add_text_field("weighted", dutch.clone()),
            title: builder.add_text_field("title", dutch.clone()),
            head: builder.add_text_field("head", dutch.clone()),
            body: builder.add_text_field("body", dutch.clone()),
            question: builder.add_text_field("question", dutch),
        };
        let once = Repeats {
            title: 1,
            question: 1,
            answer: 1,
        };
        let index = Index::create_in_ram(builder.build());
        analysis::register_analyzers(index.tokenizers());
        let mut writer = index.writer_with_num_threads(1, 100_000_000)?;
        for record in records {
            let mut doc = TantivyDocument::new();
            doc.add_text(id, &record.id);
            for (field, text) in [
                (fields.weighted, weighted_text(record, setup.repeats)),
                (fields.head, head_text(record, setup.head_words)),
                (fields.body, weighted_text(record, once)),
            ] {
                if !text.is_empty() {
                    doc.add_text(field, text);
                }
            }
            for (field, text) in [
                (fields.title, &record.title),
                (fields.question, &record.question),
            ] {
                if let Some(text) = text {
                    doc.add_text(field, text);
                }
            }
            writer.add_document(doc)?;
        }
        writer.commit()?;
        // One segment, as a settled index has, so the speed comparison sees one posting list
        // per term.
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;
        let searcher = index.reader()?.searcher();
        let mut ids = HashMap::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc_id in 0..segment.max_doc() {
                let address = DocAddress::new(segment_ord as u32, doc_id);
                let doc: TantivyDocument = searcher.doc(address)?;
                if let Some(id) = doc.get_first(id).and_then(|value| value.as_str()) {
                    ids.insert(address, id.to_string());
                }
            }
        }
        Ok(WeightedCorpus {
            fields,
            searcher,
            ids,
        })
    }

    /// The query for `text`: every analyzed term on the weighted body (parts at
    /// `part_weight`), plus on the title and the head when their boosts are above 0, OR'ed.
    pub fn query(
        &self,
        analyzer: &mut TextAnalyzer,
        text: &str,
        setup: WeightedSetup,
    ) -> Box<dyn Query> {
        let mut fields = vec![(self.fields.weighted, 1.0)];
        for (field, boost) in [
            (self.fields.title, setup.title_boost),
            (self.fields.head, setup.head_boost),
        ] {
            if boost > 0.0 {
                fields.push((field, boost));
            }
        }
        terms_query(&fields, &analyzed(analyzer, text, setup.part_weight))
    }

    /// The ids of the best `limit` hits for `text`, best first.
    pub fn search(
        &self,
        text: &str,
        setup: WeightedSetup,
        limit: usize,
    ) -> Result<Vec<String>, HarnessError> {
        let mut analyzer = analysis::dutch_analyzer();
        let query = self.query(&mut analyzer, text, setup);
        let hits = self
            .searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        Ok(hits
            .into_iter()
            .filter_map(|(_, address)| self.ids.get(&address).cloned())
            .collect())
    }

    /// Runs every query and scores the rankings.
    pub fn evaluate(
        &self,
        queries: &[Judged],
        config: &RunConfig,
        setup: WeightedSetup,
    ) -> Result<Report, HarnessError> {
        let mut scores = Vec::with_capacity(queries.len());
        for query in queries {
            let ranking = self.search(&query.text, setup, DEPTH)?;
            scores.push(score(&ranking, &query.relevant));
        }
        let mean = mean(&scores);
        Ok(Report {
            task: config.task.name(),
            analyzer: "raad-weighted-body",
            queries: queries.len(),
            mrr10: round(mean.rr10),
            recall10: round(mean.recall10),
            ndcg10: round(mean.ndcg10),
            map100: round(mean.ap100),
        })
    }
}

/// The analyzed terms of `text` with their weights: `part_weight` for a term at the same
/// position as the one before it (a compound or hyphen part), 1 for the words themselves.
pub(super) fn analyzed(
    analyzer: &mut TextAnalyzer,
    text: &str,
    part_weight: f32,
) -> Vec<(String, f32)> {
    let mut terms = Vec::new();
    let mut previous_position = None;
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let weight = if previous_position == Some(token.position) {
            part_weight
        } else {
            1.0
        };
        previous_position = Some(token.position);
        terms.push((token.text.clone(), weight));
    }
    terms
}

/// Every term in every field, boosted by field weight times term weight, OR'ed.
pub(super) fn terms_query(fields: &[(Field, f32)], terms: &[(String, f32)]) -> Box<dyn Query> {
    let clauses = term_clauses(fields, terms);
    if clauses.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(clauses))
}

/// Indexes the corpus of `config` with a weighted body, runs its queries and returns the
/// report (raad's analyzer; `config.analyzer` and `config.fields` are not used).
pub fn run_weighted(config: &RunConfig, setup: WeightedSetup) -> Result<Report, HarnessError> {
    let records = read_records(&config.corpus)?;
    let queries = read_queries(&config.queries)?;
    let corpus = WeightedCorpus::build(&records, setup)?;
    corpus.evaluate(&queries, config, setup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(title: Option<&str>, question: Option<&str>, answer: Option<&str>) -> Record {
        let mut record = Record::new("r1");
        record.title = title.map(String::from);
        record.question = question.map(String::from);
        record.answer = answer.map(String::from);
        record
    }

    #[test]
    fn repeats_parse_with_and_without_answer() {
        assert_eq!(
            "2,1".parse::<Repeats>().ok(),
            Some(Repeats {
                title: 2,
                question: 1,
                answer: 1
            })
        );
        assert_eq!(
            "3, 2, 2".parse::<Repeats>().ok(),
            Some(Repeats {
                title: 3,
                question: 2,
                answer: 2
            })
        );
    }

    #[test]
    fn repeats_reject_other_shapes() {
        for given in ["2", "1,2,3,4", "a,1", "1,10", ""] {
            let error = given.parse::<Repeats>().err().map(|e| e.to_string());
            assert_eq!(
                error,
                Some(format!(
                    "unknown weighted-body repeats `{given}`; expected one of: \
                     TITLE,QUESTION or TITLE,QUESTION,ANSWER, each 0 to 9"
                ))
            );
        }
    }

    #[test]
    fn weighted_text_repeats_sections_and_skips_missing_ones() {
        let repeats = Repeats {
            title: 2,
            question: 1,
            answer: 1,
        };
        let full = record(Some("Fietspad"), Some("Wanneer?"), Some("Volgend jaar."));
        assert_eq!(
            weighted_text(&full, repeats),
            "Fietspad\n\nFietspad\n\nWanneer?\n\nVolgend jaar."
        );
        let no_title = record(None, Some("Wanneer?"), None);
        assert_eq!(weighted_text(&no_title, repeats), "Wanneer?");
    }

    #[test]
    fn head_text_keeps_the_title_and_the_first_question_words() {
        let full = record(
            Some("Fietspad"),
            Some("Wanneer komt het   fietspad er?"),
            Some("Volgend jaar."),
        );
        assert_eq!(head_text(&full, 2), "Fietspad\n\nWanneer komt");
        assert_eq!(
            head_text(&full, 0),
            "Fietspad\n\nWanneer komt het   fietspad er?"
        );
        assert_eq!(head_text(&record(None, None, Some("Ja.")), 2), "");
    }

    #[test]
    fn title_repeats_rank_a_title_match_first() {
        let records = [
            record(None, Some("De fietspaden in de stad."), Some("Ja.")),
            record(Some("Fietspaden"), Some("Hoeveel kost het?"), Some("Veel.")),
        ];
        let mut records = records.to_vec();
        records[0].id = "in-question".to_string();
        records[1].id = "in-title".to_string();
        let setup = WeightedSetup {
            repeats: Repeats {
                title: 3,
                question: 1,
                answer: 1,
            },
            part_weight: 0.5,
            title_boost: 0.0,
            head_boost: 0.0,
            head_words: 0,
        };
        let corpus = WeightedCorpus::build(&records, setup).ok();
        let ranking = corpus.and_then(|corpus| corpus.search("fietspad", setup, 10).ok());
        assert_eq!(
            ranking,
            Some(vec!["in-title".to_string(), "in-question".to_string()])
        );
    }
}
