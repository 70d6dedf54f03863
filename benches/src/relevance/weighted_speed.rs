//! How fast the weighted body's query runs against raad's plain-mode query (three fields per
//! word) and plain tantivy's (one field, `body`), on one index and in one process.
//!
//! The corpus is the judged corpus remixed into `copies` times as many records: copy `k` of
//! record `i` keeps its title and takes the question and answer of other records, so term
//! statistics stay those of the corpus while no two records are alike (identical records would
//! tie and make top-10 pruning unrealistically easy or hard).

use std::time::{Duration, Instant};

use raad_core::analysis;
use raad_core::Record;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::Query;
use tantivy::schema::Field;

use super::weighted_body::{analyzed, terms_query, Fields};
use super::{read_queries, read_records, HarnessError, RunConfig, WeightedCorpus, WeightedSetup};

/// Hits per search in the speed comparison: a result page.
const PAGE: usize = 10;
/// Weight of the separate title field when the setup gives none (raad's title weight).
const DEFAULT_TITLE_BOOST: f32 = 0.5;
/// Weight of the separate head field when the setup gives none (raad's question weight).
const DEFAULT_HEAD_BOOST: f32 = 0.6;

/// The time of one query shape over all queries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeedRow {
    /// Which fields the shape scores, with their weights.
    pub shape: String,
    /// Term queries per analyzed query term.
    pub fields: usize,
    /// Mean time of a top-10 search, in microseconds.
    pub mean_micros: f64,
    /// Median time of a top-10 search, in microseconds.
    pub p50_micros: f64,
    /// Mean time relative to plain tantivy's (`body` only).
    pub ratio: f64,
}

/// `copies` records per record of `records`, remixed (see the module documentation).
pub fn remix(records: &[Record], copies: usize) -> Vec<Record> {
    let n = records.len();
    let mut remixed = Vec::with_capacity(n * copies);
    for copy in 0..copies {
        for (i, record) in records.iter().enumerate() {
            let mut record = record.clone();
            if copy > 0 {
                // Strides co-prime with most corpus sizes spread the donors over the corpus.
                record.question = records[(i + copy * 7_919) % n].question.clone();
                record.answer = records[(i + copy * 104_729) % n].answer.clone();
                record.id = format!("{}~{copy}", record.id);
            }
            remixed.push(record);
        }
    }
    remixed
}

/// The query shapes compared, with their fields and weights.
fn shapes(fields: Fields, setup: WeightedSetup) -> Vec<(String, Vec<(Field, f32)>)> {
    let title = if setup.title_boost > 0.0 {
        setup.title_boost
    } else {
        DEFAULT_TITLE_BOOST
    };
    let head = if setup.head_boost > 0.0 {
        setup.head_boost
    } else {
        DEFAULT_HEAD_BOOST
    };
    let repeats = setup.repeats;
    vec![
        ("tantivy: body".to_string(), vec![(fields.body, 1.0)]),
        (
            "raad plain: body + title 0.5 + question 0.6".to_string(),
            vec![
                (fields.body, 1.0),
                (fields.title, 0.5),
                (fields.question, 0.6),
            ],
        ),
        (
            format!("weighted body {repeats}"),
            vec![(fields.weighted, 1.0)],
        ),
        (
            format!("weighted body {repeats} + title {title}"),
            vec![(fields.weighted, 1.0), (fields.title, title)],
        ),
        (
            format!(
                "weighted body {repeats} + head {head} ({})",
                head_words(setup)
            ),
            vec![(fields.weighted, 1.0), (fields.head, head)],
        ),
    ]
}

/// How the head's length reads in a shape's name.
fn head_words(setup: WeightedSetup) -> String {
    match setup.head_words {
        0 => "title and question".to_string(),
        words => format!("title and {words} question words"),
    }
}

/// Times top-10 searches of every query of `config` in each shape, over the corpus remixed
/// to `copies` times its size, `rounds` times (shapes interleaved, so that load on the machine
/// spreads over all of them).
pub fn measure_speed(
    config: &RunConfig,
    setup: WeightedSetup,
    copies: usize,
    rounds: usize,
) -> Result<Vec<SpeedRow>, HarnessError> {
    let records = remix(&read_records(&config.corpus)?, copies.max(1));
    let queries = read_queries(&config.queries)?;
    let corpus = WeightedCorpus::build(&records, setup)?;
    let mut analyzer = analysis::dutch_analyzer();
    let terms: Vec<Vec<(String, f32)>> = queries
        .iter()
        .map(|query| analyzed(&mut analyzer, &query.text, setup.part_weight))
        .collect();
    let shapes = shapes(corpus.fields, setup);
    let built: Vec<Vec<Box<dyn Query>>> = shapes
        .iter()
        .map(|(_, fields)| terms.iter().map(|t| terms_query(fields, t)).collect())
        .collect();
    let collector = TopDocs::with_limit(PAGE).order_by_score();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); shapes.len()];
    // Round 0 warms the caches and is not counted.
    for round in 0..=rounds {
        for (shape, queries) in built.iter().enumerate() {
            for query in queries {
                let started = Instant::now();
                corpus.searcher.search(query.as_ref(), &collector)?;
                if round > 0 {
                    times[shape].push(started.elapsed());
                }
            }
        }
    }
    let mean_of = |samples: &[Duration]| {
        samples.iter().map(Duration::as_secs_f64).sum::<f64>() * 1e6 / samples.len().max(1) as f64
    };
    let baseline = mean_of(&times[0]);
    Ok(shapes
        .into_iter()
        .zip(&mut times)
        .map(|((shape, fields), samples)| {
            samples.sort();
            let p50 = samples
                .get(samples.len() / 2)
                .map_or(0.0, |time| time.as_secs_f64() * 1e6);
            let mean = mean_of(samples);
            SpeedRow {
                shape,
                fields: fields.len(),
                mean_micros: (mean * 10.0).round() / 10.0,
                p50_micros: (p50 * 10.0).round() / 10.0,
                ratio: ((mean / baseline) * 100.0).round() / 100.0,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, question: &str, answer: &str) -> Record {
        let mut record = Record::new(id);
        record.title = Some(format!("titel {id}"));
        record.question = Some(question.to_string());
        record.answer = Some(answer.to_string());
        record
    }

    #[test]
    fn remix_keeps_the_first_copy_and_renames_the_others() {
        let records = [record("a", "qa", "aa"), record("b", "qb", "ab")];
        let remixed = remix(&records, 2);
        let ids: Vec<&str> = remixed.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "a~1", "b~1"]);
        assert_eq!(remixed[0], records[0]);
        assert_eq!(remixed[2].title.as_deref(), Some("titel a"));
        // 0 + 7,919 is odd, 0 + 104,729 is odd: both parts come from record b.
        assert_eq!(remixed[2].question.as_deref(), Some("qb"));
        assert_eq!(remixed[2].answer.as_deref(), Some("ab"));
    }
}
