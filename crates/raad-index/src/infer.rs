//! Topics inferred from labelled records: after the records are committed, every record whose
//! topics were not given in the input takes the main topic of the labelled records most like
//! it, when their vote is clear enough; otherwise it keeps (or gets back) its topics by rules.
//!
//! # How a record is labelled
//! The neighbours are the [`TopicSettings::neighbours`] records with given topics
//! (`topic_source:given`) most like the record, as the read side finds them
//! ([`raad_query::Snapshot::most_like`], the likeness `Searcher::similar` uses, over the last
//! commit). Each neighbour votes for its main topic (the first of its topics)
//! with its score, eight times over when the same alderman answered it
//! ([`SAME_ALDERMAN_WEIGHT`]). The confidence is the winner's share of all votes (on a tie,
//! the topic first in alphabetical order wins, so that equal input gives an equal index); from
//! [`TopicSettings::min_confidence`] on, the record gets the winner (source `inferred`), below
//! it the rules decide (source `rules`, or no topic).
//!
//! # When it runs, and over which records
//! Its commit carries a payload that names the settings ([`TopicSettings::marker`]). A run
//! that changes nothing leaves the payload and skips inference; an index whose last commit
//! lacks it (a run was killed before its inference finished, or the settings changed) is
//! inferred again over every record. A run that only added records without given topics
//! to a fully inferred index looks at those records alone ([`Scope::Added`]): the
//! labelled records, and so everyone else's neighbours, stayed as they were. A run that
//! sent labelled records, replaced or removed any, looks at every record, since one labelled
//! record can change the neighbours of any other. An index without labelled records (and
//! without inferred ones left from earlier runs) costs three counts.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use raad_core::topics::TopicRules;
use raad_core::{RaadSchema, Record, TopicSource};
use raad_query::{open_index, Snapshot, TopicSourceRecords};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::{DocAddress, IndexWriter, Term};

use crate::error::{IndexError, Result};
use crate::progress::Progress;

/// Neighbours that vote by default (10, 20, 30 and 50 measured; BENCHMARKS.md, "Topics").
pub const DEFAULT_NEIGHBOURS: usize = 20;

/// The least share of the vote an inferred topic needs by default (0, 0.2 and 0.3 measured).
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.2;

/// How much more a neighbour answered by the same alderman votes: an alderman's portfolio is
/// the strongest single sign of a record's topic (2, 4, 8 and 16 measured on the dekamer
/// records, where the answering minister plays the alderman's part; BENCHMARKS.md, "Topics").
const SAME_ALDERMAN_WEIGHT: f32 = 8.0;

/// How records without given topics get theirs.
#[derive(Clone)]
pub(crate) struct TopicSettings {
    /// Keyword rules for records that come without topics; `None` assigns none.
    pub rules: Option<TopicRules>,
    /// Whether topics are inferred from labelled neighbours.
    pub infer: bool,
    /// Neighbours that vote (at least 1).
    pub neighbours: usize,
    /// The least share of the vote an inferred topic needs (0–1).
    pub min_confidence: f32,
}

impl Default for TopicSettings {
    fn default() -> TopicSettings {
        TopicSettings {
            rules: Some(TopicRules::built_in()),
            infer: true,
            neighbours: DEFAULT_NEIGHBOURS,
            min_confidence: DEFAULT_MIN_CONFIDENCE,
        }
    }
}

impl std::fmt::Debug for TopicSettings {
    /// The rules by their topics, not by every analyzed keyword.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopicSettings")
            .field("rules", &self.rules.as_ref().map(TopicRules::topics))
            .field("infer", &self.infer)
            .field("neighbours", &self.neighbours)
            .field("min_confidence", &self.min_confidence)
            .finish()
    }
}

impl TopicSettings {
    /// The commit payload of an index whose topics were inferred with these settings.
    pub(crate) fn marker(&self) -> String {
        format!(
            "raad topics inferred: neighbours {} min {} rules {:016x}",
            self.neighbours,
            self.min_confidence,
            self.rules.as_ref().map_or(0, TopicRules::fingerprint)
        )
    }
}

/// What topic assignment did in a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TopicReport {
    /// Records in the index whose topics were given in the input.
    pub given: u64,
    /// Records in the index with an inferred topic after the run.
    pub inferred: u64,
    /// Records in the index with topics by rules after the run.
    pub by_rules: u64,
    /// Records looked at by inference in this run (0 when it did not run).
    pub examined: u64,
    /// Records whose topics inference changed (rewritten in the index).
    pub changed: u64,
    /// Seconds inference took.
    pub seconds: f64,
}

/// Which records inference looks at.
pub(crate) enum Scope {
    /// Every record whose topics were not given.
    All,
    /// Only these records (id keys), added by a run that sent no labelled record and replaced
    /// none, to an index whose topics were inferred: the labelled records are those of the
    /// last inference, so the other records keep their neighbours. When the index does not
    /// hold `expected_records` (the run removed some, which may have been labelled), every
    /// record is looked at after all.
    Added {
        ids: Vec<String>,
        expected_records: u64,
    },
}

/// Infers topics over the committed index in `dir` and commits the changes through `writer`.
/// When `cancel` is set meanwhile, nothing is committed: the next run infers again.
#[allow(clippy::too_many_arguments)] // one call site, each argument a different part of the run
pub(crate) fn infer(
    dir: &Path,
    writer: &mut IndexWriter,
    schema: &RaadSchema,
    settings: &TopicSettings,
    scope: Scope,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    cancel: &AtomicBool,
) -> Result<TopicReport> {
    let started = Instant::now();
    let read_error = |err| IndexError::read(dir, err);
    // A reader of its own over what was committed, opened and checked as every reader is.
    let opened = open_index(dir).map_err(read_error)?;
    let snapshot = opened.snapshot().map_err(read_error)?;
    let count = |snapshot: &Snapshot, source| {
        snapshot
            .count_topic_source(source)
            .map_err(|err| IndexError::read(dir, err))
    };
    let mut report = TopicReport {
        given: count(&snapshot, TopicSource::Given)?,
        inferred: count(&snapshot, TopicSource::Inferred)?,
        by_rules: count(&snapshot, TopicSource::Rules)?,
        ..TopicReport::default()
    };
    let marker = settings.marker();
    let payload = opened
        .index
        .load_metas()
        .map_err(|err| IndexError::tantivy(dir, err))?
        .payload;
    let nothing_to_do = report.given == 0 && report.inferred == 0;
    if !settings.infer || nothing_to_do || payload.as_deref() == Some(marker.as_str()) {
        return Ok(report);
    }

    progress.inferring();
    let neighbours = Neighbours::load(&snapshot).map_err(read_error)?;
    let candidates: Vec<DocAddress> = match scope {
        Scope::Added {
            ids,
            expected_records,
        } if expected_records == snapshot.num_records() => {
            let mut addresses = Vec::with_capacity(ids.len());
            for id in ids {
                addresses.extend(snapshot.addresses_of(&id).map_err(read_error)?);
            }
            // One id sent twice in a run is one document.
            addresses.sort_unstable();
            addresses.dedup();
            addresses
        }
        _ => snapshot.addresses(),
    };
    let candidates: Vec<DocAddress> = candidates
        .into_iter()
        .filter(|address| !neighbours.labelled.contains(address))
        .collect();
    let decided: Vec<Option<Record>> = pool
        .install(|| {
            candidates
                .par_iter()
                .map(|&address| {
                    if cancel.load(Ordering::Relaxed) {
                        return Ok(None);
                    }
                    let record = snapshot.record(address)?;
                    decide(&snapshot, settings, &neighbours, record)
                })
                .collect::<raad_query::Result<_>>()
        })
        .map_err(read_error)?;
    if cancel.load(Ordering::Relaxed) {
        return Ok(report);
    }
    report.examined = candidates.len() as u64;
    let tantivy_error = |err| IndexError::tantivy(dir, err);
    for record in decided.into_iter().flatten() {
        writer.delete_term(Term::from_field_text(schema.id, &record.key()));
        writer
            .add_document(schema.document(&record))
            .map_err(tantivy_error)?;
        report.changed += 1;
    }
    let mut commit = writer.prepare_commit().map_err(tantivy_error)?;
    commit.set_payload(&marker);
    commit.commit().map_err(tantivy_error)?;

    let snapshot = opened.snapshot().map_err(read_error)?;
    report.inferred = count(&snapshot, TopicSource::Inferred)?;
    report.by_rules = count(&snapshot, TopicSource::Rules)?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The labelled records: each one's main topic, by address.
struct Neighbours {
    labelled: TopicSourceRecords,
    topic_of: HashMap<DocAddress, u32>,
    /// Each labelled record's id key: equal scores are ordered by it, not by where the
    /// records sit in the index (segments differ from run to run).
    id_of: HashMap<DocAddress, String>,
    topics: Vec<String>,
    alderman_of: HashMap<DocAddress, String>,
}

impl Neighbours {
    fn load(snapshot: &Snapshot) -> raad_query::Result<Neighbours> {
        let labelled = snapshot.topic_source_records(TopicSource::Given)?;
        let mut topics: Vec<String> = Vec::new();
        let mut slots: HashMap<String, u32> = HashMap::new();
        let mut topic_of = HashMap::with_capacity(labelled.len());
        let mut alderman_of = HashMap::new();
        let mut id_of = HashMap::with_capacity(labelled.len());
        for address in labelled.iter() {
            let record = snapshot.record(address)?;
            id_of.insert(address, record.key());
            let Some(main) = record.topics.into_iter().next() else {
                continue;
            };
            if let Some(alderman) = record.alderman {
                alderman_of.insert(address, alderman);
            }
            let slot = *slots.entry(main.clone()).or_insert_with(|| {
                topics.push(main);
                (topics.len() - 1) as u32
            });
            topic_of.insert(address, slot);
        }
        Ok(Neighbours {
            labelled,
            topic_of,
            id_of,
            topics,
            alderman_of,
        })
    }
}

/// The record with its topics decided, or `None` when they stay as they are.
fn decide(
    snapshot: &Snapshot,
    settings: &TopicSettings,
    neighbours: &Neighbours,
    record: Record,
) -> raad_query::Result<Option<Record>> {
    let mut decided = record.clone();
    decided.topics.clear();
    decided.topic_source = None;
    decided.topic_confidence = None;
    let vote = vote(snapshot, settings, neighbours, &record)?;
    match vote {
        Some((topic, confidence)) if confidence >= settings.min_confidence => {
            decided.topics = vec![topic];
            decided.topic_source = Some(TopicSource::Inferred);
            decided.topic_confidence = Some((confidence * 100.0).round() / 100.0);
        }
        _ => {
            if let Some(rules) = &settings.rules {
                rules.apply(&mut decided);
            }
        }
    }
    // Scores drift a little while replaced documents still count in the index statistics
    // (until segments merge): a confidence that moved by a hundredth is not a change.
    let confidence_moved = match (decided.topic_confidence, record.topic_confidence) {
        (Some(new), Some(old)) => (new - old).abs() > 0.011,
        (new, old) => new.is_some() != old.is_some(),
    };
    let same = decided.topics == record.topics
        && decided.topic_source == record.topic_source
        && !confidence_moved;
    Ok((!same).then_some(decided))
}

/// The winning main topic among the record's labelled neighbours, and its share of the vote.
fn vote(
    snapshot: &Snapshot,
    settings: &TopicSettings,
    neighbours: &Neighbours,
    record: &Record,
) -> raad_query::Result<Option<(String, f32)>> {
    let k = settings.neighbours.max(1);
    // Equally like neighbours are taken by id, not by where they sit in the index (segments
    // differ from run to run), so that the same input gives the same topics.
    let top = snapshot.most_like(record, k, &neighbours.labelled, |address| {
        neighbours.id_of.get(address)
    })?;
    let mut votes = vec![0.0f32; neighbours.topics.len()];
    for (score, address) in top {
        if let Some(&slot) = neighbours.topic_of.get(&address) {
            let same_alderman = record.alderman.is_some()
                && neighbours.alderman_of.get(&address) == record.alderman.as_ref();
            let weight = if same_alderman {
                SAME_ALDERMAN_WEIGHT
            } else {
                1.0
            };
            votes[slot as usize] += score.max(0.0) * weight;
        }
    }
    let total: f32 = votes.iter().sum();
    let topics = &neighbours.topics;
    let best = votes.iter().enumerate().max_by(|a, b| {
        a.1.total_cmp(b.1)
            .then_with(|| topics[b.0].cmp(&topics[a.0]))
    });
    Ok(match best {
        Some((slot, &weight)) if total > 0.0 && weight > 0.0 => {
            Some((neighbours.topics[slot].clone(), weight / total))
        }
        _ => None,
    })
}
