//! The relevance harness: index a corpus in RAM with a chosen analyzer, run judged queries in
//! plain mode, and score the rankings.
//!
//! The `relevance` binary is a command line around [`run`]; the relevance test calls it too.

mod corpus;
mod error;
mod metrics;
mod pipelines;
mod plain_query;
mod weighted_body;
mod weighted_speed;

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use raad_core::analysis::{self, NAMES};
use raad_core::RaadSchema;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::{DocAddress, Index, TantivyDocument};

pub use corpus::{read_queries, read_records, Judged};
pub use error::HarnessError;
pub use metrics::{mean, score, QueryScores};
pub use pipelines::{tantivy_dutch, AnalyzerChoice};
pub use plain_query::{plain_query, FieldSetup, SectionFields};
pub use weighted_body::{run_weighted, weighted_text, Repeats, WeightedCorpus, WeightedSetup};
pub use weighted_speed::{measure_speed, remix, SpeedRow};

/// Hits read per query: MAP is measured over the top 100.
const DEPTH: usize = 100;

/// The kind of query set, which decides the metrics reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Task {
    /// One (or a few) records per query: MRR@10 and Recall@10 matter.
    KnownItem,
    /// Many records per query: nDCG@10 and MAP@100 matter.
    Themes,
}

impl Task {
    /// The name used on the command line and in the result line.
    pub fn name(self) -> &'static str {
        match self {
            Task::KnownItem => "knownitem",
            Task::Themes => "themes",
        }
    }
}

impl fmt::Display for Task {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Task {
    type Err = HarnessError;

    fn from_str(given: &str) -> Result<Task, HarnessError> {
        [Task::KnownItem, Task::Themes]
            .into_iter()
            .find(|task| task.name() == given)
            .ok_or_else(|| HarnessError::UnknownChoice {
                what: "task",
                given: given.to_string(),
                valid: "knownitem, themes".to_string(),
            })
    }
}

/// One run: which corpus, which queries, which analyzer, how fields are scored.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// The corpus, JSON Lines records.
    pub corpus: PathBuf,
    /// The judged queries, `query<TAB>id,id,...`.
    pub queries: PathBuf,
    /// The task the queries are for.
    pub task: Task,
    /// The analyzer of the Dutch text fields.
    pub analyzer: AnalyzerChoice,
    /// How the fields are scored together.
    pub fields: FieldSetup,
}

/// The result line of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The task name.
    pub task: &'static str,
    /// The analyzer name.
    pub analyzer: &'static str,
    /// Number of queries run.
    pub queries: usize,
    /// Mean reciprocal rank within the top 10.
    pub mrr10: f64,
    /// Mean share of relevant records in the top 10.
    pub recall10: f64,
    /// Mean nDCG over the top 10.
    pub ndcg10: f64,
    /// Mean average precision over the top 100.
    pub map100: f64,
}

/// A corpus indexed in RAM with one analyzer, ready for queries.
pub struct IndexedCorpus {
    schema: RaadSchema,
    /// The question and the answer alone (see [`with_section_fields`]).
    sections: SectionFields,
    analyzer: AnalyzerChoice,
    searcher: tantivy::Searcher,
    ids: HashMap<DocAddress, String>,
}

impl IndexedCorpus {
    /// Indexes the records of `corpus` with `analyzer` for the Dutch text fields.
    pub fn build(
        records: &[raad_core::Record],
        analyzer: AnalyzerChoice,
    ) -> Result<IndexedCorpus, HarnessError> {
        let (schema, sections) = with_section_fields(RaadSchema::new());
        let index = Index::create_in_ram(schema.schema.clone());
        index
            .tokenizers()
            .register(analysis::DUTCH, analyzer.analyzer());
        index
            .tokenizers()
            .register(NAMES, analysis::names_analyzer());
        let mut writer = index.writer_with_num_threads(1, 100_000_000)?;
        for record in records {
            let mut doc = schema.document(record);
            if let Some(text) = &record.title {
                doc.add_text(sections.title, text);
            }
            if let Some(text) = &record.question {
                doc.add_text(sections.question, text);
            }
            if let Some(text) = &record.answer {
                doc.add_text(sections.answer, text);
            }
            writer.add_document(doc)?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let mut ids = HashMap::new();
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            for doc_id in 0..segment.max_doc() {
                let address = DocAddress::new(segment_ord as u32, doc_id);
                let doc: TantivyDocument = searcher.doc(address)?;
                let id = doc
                    .get_first(schema.record)
                    .and_then(|value| value.as_str())
                    .and_then(|json| serde_json::from_str::<raad_core::Record>(json).ok())
                    .map(|record| record.id);
                if let Some(id) = id {
                    ids.insert(address, id);
                }
            }
        }
        Ok(IndexedCorpus {
            schema,
            sections,
            analyzer,
            searcher,
            ids,
        })
    }

    /// The ids of the best hits for `text`, best first.
    pub fn search(&self, text: &str, fields: FieldSetup) -> Result<Vec<String>, HarnessError> {
        let mut analyzer = self.analyzer.analyzer();
        let query = plain_query(&self.schema, self.sections, &mut analyzer, text, fields);
        let hits = self
            .searcher
            .search(&query, &TopDocs::with_limit(DEPTH).order_by_score())?;
        Ok(hits
            .into_iter()
            .filter_map(|(_, address)| self.ids.get(&address).cloned())
            .collect())
    }

    /// Runs every query and scores the rankings.
    pub fn evaluate(
        &self,
        queries: &[Judged],
        task: Task,
        fields: FieldSetup,
    ) -> Result<Report, HarnessError> {
        let mut scores = Vec::with_capacity(queries.len());
        for query in queries {
            let ranking = self.search(&query.text, fields)?;
            let scored = score(&ranking, &query.relevant);
            scores.push(scored);
        }
        let mean = mean(&scores);
        Ok(Report {
            task: task.name(),
            analyzer: self.analyzer.name(),
            queries: queries.len(),
            mrr10: round(mean.rr10),
            recall10: round(mean.recall10),
            ndcg10: round(mean.ndcg10),
            map100: round(mean.ap100),
        })
    }
}

/// raad's schema with three more fields, `title`, `question` and `answer`, analyzed like
/// `body` (Dutch, with positions). raad indexes them only inside `body` (raad-query scores
/// title and question from `body` positions); the harness adds them to measure field setups
/// with real fields. The fields come last, so the handles of `schema` stay valid.
fn with_section_fields(mut schema: RaadSchema) -> (RaadSchema, SectionFields) {
    let mut builder = Schema::builder();
    for (_, entry) in schema.schema.fields() {
        builder.add_field(entry.clone());
    }
    let dutch = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analysis::DUTCH)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let title = builder.add_text_field("title", dutch.clone());
    let question = builder.add_text_field("question", dutch.clone());
    let answer = builder.add_text_field("answer", dutch);
    schema.schema = builder.build();
    (
        schema,
        SectionFields {
            title,
            question,
            answer,
        },
    )
}

/// Indexes the corpus, runs the queries and returns the report.
pub fn run(config: &RunConfig) -> Result<Report, HarnessError> {
    let records = read_records(&config.corpus)?;
    let queries = read_queries(&config.queries)?;
    let corpus = IndexedCorpus::build(&records, config.analyzer)?;
    corpus.evaluate(&queries, config.task, config.fields)
}

/// Like [`run`] with the raad analyzer, but every query goes through raad-query's plain mode,
/// the path library users and `raad search --plain` take: its figures must equal `run`'s with
/// the default field setup, which shows that the library ranks as the harness measured.
pub fn run_through_query(config: &RunConfig) -> Result<Report, HarnessError> {
    let records = read_records(&config.corpus)?;
    let queries = read_queries(&config.queries)?;
    let schema = RaadSchema::new();
    let index = Index::create_in_ram(schema.schema.clone());
    analysis::register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 100_000_000)?;
    for record in &records {
        writer.add_document(schema.document(record))?;
    }
    writer.commit()?;
    let searcher = raad_query::Searcher::from_index(index)?;
    let mut scores = Vec::with_capacity(queries.len());
    for query in &queries {
        // Rankings only: no snippets to cut.
        let request = raad_query::SearchRequest::plain(query.text.as_str())
            .limit(DEPTH)
            .snippet_chars(0);
        let results = searcher.search(&request)?;
        let ranking: Vec<String> = results.hits.into_iter().map(|hit| hit.id).collect();
        scores.push(score(&ranking, &query.relevant));
    }
    let mean = mean(&scores);
    Ok(Report {
        task: config.task.name(),
        analyzer: "raad-query",
        queries: queries.len(),
        mrr10: round(mean.rr10),
        recall10: round(mean.recall10),
        ndcg10: round(mean.ndcg10),
        map100: round(mean.ap100),
    })
}

fn round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}
