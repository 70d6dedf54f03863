//! Topics inferred from labelled records: every record whose topics were not given in the
//! input takes the main topic of the labelled records most like it, when their vote is clear
//! enough; otherwise it keeps (or gets back) its topics by rules.
//!
//! # How a record is labelled
//! The neighbours are the [`TopicSettings::neighbours`] records with given topics
//! (`topic_source:given`) most like the record: the labelled records' `body` postings are read
//! once per run into memory ([`raad_query::LikenessIndex`], BM25 with the labelled records'
//! own statistics), and a record's [`TopicTerms`] (title, question and answer head, as the
//! rules analyze them) pick its [`QUERY_TERMS`] best words as a like-query would. Each
//! neighbour votes for its main topic (the first of its topics) with its likeness, eight
//! times over when the same alderman answered it ([`SAME_ALDERMAN_WEIGHT`]). The confidence is
//! the winner's share of all votes (on a tie, the topic first in alphabetical order wins);
//! from [`TopicSettings::min_confidence`] on, the record gets the winner (source `inferred`),
//! below it the rules decide (source `rules`, or no topic). Equally like neighbours are
//! taken by record key, so the topics depend on the labelled records and the record alone,
//! never on how the index happens to be split in segments: the same input gives the same
//! topics.
//!
//! # When it runs, and over which records
//! Records without topics are held back while a run reads its files ([`crate::held`]); once
//! every labelled record of the run is committed, [`TopicModel::load`] reads them and the
//! held records are written once, with their topics decided. What could not be held (a
//! rebuild, which commits only at its end; records read before the first labelled one; more
//! than [`crate::held::HELD_BYTES`]) is decided after the run's last commit by [`infer`], which
//! reads those records back and rewrites the ones whose topics change.
//!
//! Each inference commit carries a payload that names the settings ([`TopicSettings::marker`]).
//! [`infer`] looks at every record without given topics when the index's last commit lacks
//! it (a run was killed before its inference finished, or the settings or the method changed),
//! or when the run added, replaced or removed labelled records in an index that already held
//! records: one labelled record can change the neighbours of any other. The report says why
//! ([`TopicReport::every_record_because`]).

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use raad_core::topics::{TopicRules, TopicTerms};
use raad_core::{RaadSchema, Record, TopicSource};
use raad_query::{open_index, LikenessIndex, LikenessScratch, LikenessSettings, Snapshot};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::{DocAddress, IndexWriter, Term};

use crate::error::{IndexError, Result};
use crate::progress::Progress;

/// Neighbours that vote by default (10, 20, 30 and 50 measured; BENCHMARKS.md, "Topics").
pub const DEFAULT_NEIGHBOURS: usize = 20;

/// The least share of the vote an inferred topic needs by default (BENCHMARKS.md, "Topics",
/// says how it was calibrated).
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.2;

/// How much more a neighbour answered by the same alderman votes: an alderman's portfolio is
/// the strongest single sign of a record's topic (2, 4, 8 and 16 measured on the dekamer
/// records, where the answering minister plays the alderman's part; BENCHMARKS.md, "Topics").
const SAME_ALDERMAN_WEIGHT: f32 = 8.0;

/// The words of a record that look for its neighbours: its best 30 by weighted count × idf,
/// as the like-query of `raad similar` picks them (10, 20, 30 and 40 measured).
pub const QUERY_TERMS: usize = 30;

/// Terms held by more than this share of the labelled records are not kept in memory: a
/// record's best words are never that common, and their postings would be most of the memory.
const MAX_TERM_SHARE: f32 = 0.25;

/// Each term keeps the 200 labelled records where it weighs most: a record's neighbours are
/// then found among at most 30 × 200 candidates, however many records are labelled (100,
/// 150, 200, 300 and all measured; BENCHMARKS.md, "Topics").
const MAX_POSTINGS_PER_TERM: usize = 150;

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
    /// The commit payload of an index whose topics were inferred with these settings (and
    /// this method: an index inferred by an earlier one is inferred again once).
    pub(crate) fn marker(&self) -> String {
        format!(
            "raad topics inferred (likeness in memory, {QUERY_TERMS} words): neighbours {} min {} rules {:016x}",
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
    /// Records whose topics were decided while they were read: held back until the run's
    /// labelled records were committed, then written once.
    pub decided_on_read: u64,
    /// Records read back from the index and decided again after the run's last commit.
    pub examined: u64,
    /// Records whose topics that second look changed (rewritten in the index).
    pub changed: u64,
    /// Why every record without given topics was looked at again, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every_record_because: Option<String>,
    /// Seconds inference took (reading the labelled records, deciding, rewriting).
    pub seconds: f64,
}

/// Which records [`infer`] looks at after the run's last commit.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    /// Every record without given topics (except `decided`), for this reason.
    pub every_because: Option<String>,
    /// Id keys of records sent with topics by rules, to be decided.
    pub listed: Vec<String>,
    /// Id keys of records decided on read with the labelled records the index now holds.
    pub decided: HashSet<String>,
    /// How many labelled records the held records were decided with (`None`: none were).
    pub decided_with: Option<u64>,
    /// How many records the index holds if the run removed none (else removed records may
    /// have been labelled).
    pub expected_records: u64,
    /// Seconds spent deciding on read.
    pub seconds_on_read: f64,
}

/// The labelled records of a snapshot, ready to vote.
pub(crate) struct TopicModel {
    likeness: LikenessIndex,
    /// Per labelled record number: its key (ties between equally like neighbours).
    keys: Vec<String>,
    /// Per number: the slot of its main topic in `topics` (`u32::MAX`: none).
    topic_of: Vec<u32>,
    /// Per number: the slot of its alderman (`u32::MAX`: none).
    alderman_of: Vec<u32>,
    aldermen: FxHashMap<String, u32>,
    topics: Vec<String>,
}

impl TopicModel {
    /// The labelled records of `snapshot` (read on the current rayon pool); `None` when there
    /// are none.
    pub(crate) fn load(snapshot: &Snapshot) -> raad_query::Result<Option<TopicModel>> {
        let labelled = snapshot.topic_source_records(TopicSource::Given)?;
        if labelled.is_empty() {
            return Ok(None);
        }
        let addresses = labelled.in_order();
        let labels = snapshot.labels(&addresses)?;
        // Records of equal weight for a term are kept by key: the same records give the same
        // model however the index is laid out.
        let mut by_key: Vec<u32> = (0..labels.len() as u32).collect();
        by_key.sort_unstable_by(|&a, &b| labels[a as usize].key.cmp(&labels[b as usize].key));
        let mut tie_rank = vec![0u32; labels.len()];
        for (rank, &number) in by_key.iter().enumerate() {
            tie_rank[number as usize] = rank as u32;
        }
        let likeness = snapshot.likeness_index(
            &labelled,
            LikenessSettings {
                max_share: MAX_TERM_SHARE,
                max_postings: MAX_POSTINGS_PER_TERM,
                tie_rank: &tie_rank,
            },
        )?;
        let mut topics: Vec<String> = Vec::new();
        let mut topic_slots: FxHashMap<String, u32> = FxHashMap::default();
        let mut aldermen: FxHashMap<String, u32> = FxHashMap::default();
        let mut keys = Vec::with_capacity(labels.len());
        let mut topic_of = Vec::with_capacity(labels.len());
        let mut alderman_of = Vec::with_capacity(labels.len());
        for label in labels {
            keys.push(label.key);
            topic_of.push(match label.main_topic {
                Some(topic) => *topic_slots.entry(topic.clone()).or_insert_with(|| {
                    topics.push(topic);
                    (topics.len() - 1) as u32
                }),
                None => u32::MAX,
            });
            alderman_of.push(match label.alderman {
                Some(alderman) => {
                    let next = aldermen.len() as u32;
                    *aldermen.entry(alderman).or_insert(next)
                }
                None => u32::MAX,
            });
        }
        Ok(Some(TopicModel {
            likeness,
            keys,
            topic_of,
            alderman_of,
            aldermen,
            topics,
        }))
    }

    /// How many labelled records vote.
    pub(crate) fn labelled(&self) -> u64 {
        self.keys.len() as u64
    }

    /// Scratch space for [`TopicModel::vote`], one per thread.
    pub(crate) fn scratch(&self) -> LikenessScratch {
        self.likeness.scratch()
    }

    /// The winning main topic among the neighbours of a record with `terms` answered by
    /// `alderman`, and its share of the vote.
    pub(crate) fn vote(
        &self,
        terms: &TopicTerms,
        alderman: Option<&str>,
        neighbours: usize,
        scratch: &mut LikenessScratch,
    ) -> Option<(String, f32)> {
        let top =
            self.likeness
                .most_like(terms, QUERY_TERMS, neighbours.max(1), scratch, |number| {
                    &self.keys[number as usize]
                });
        let alderman = alderman.and_then(|alderman| self.aldermen.get(alderman).copied());
        let mut votes = vec![0.0f32; self.topics.len()];
        for (score, number) in top {
            let slot = self.topic_of[number as usize];
            if slot == u32::MAX {
                continue;
            }
            let same_alderman =
                alderman.is_some() && Some(self.alderman_of[number as usize]) == alderman;
            let weight = if same_alderman {
                SAME_ALDERMAN_WEIGHT
            } else {
                1.0
            };
            votes[slot as usize] += score.max(0.0) * weight;
        }
        let total: f32 = votes.iter().sum();
        let topics = &self.topics;
        let best = votes.iter().enumerate().max_by(|a, b| {
            a.1.total_cmp(b.1)
                .then_with(|| topics[b.0].cmp(&topics[a.0]))
        });
        match best {
            Some((slot, &weight)) if total > 0.0 && weight > 0.0 => {
                Some((self.topics[slot].clone(), weight / total))
            }
            _ => None,
        }
    }

    /// Gives `record` (without given topics; `terms` its [`TopicTerms`]) its inferred topic
    /// when the vote is clear enough; otherwise it keeps the topics it has (by rules, or
    /// none). Returns whether the topic was inferred.
    pub(crate) fn decide_held(
        &self,
        record: &mut Record,
        terms: &TopicTerms,
        settings: &TopicSettings,
        scratch: &mut LikenessScratch,
    ) -> bool {
        match self.vote(
            terms,
            record.alderman.as_deref(),
            settings.neighbours,
            scratch,
        ) {
            Some((topic, confidence)) if confidence >= settings.min_confidence => {
                record.topics = vec![topic];
                record.topic_source = Some(TopicSource::Inferred);
                record.topic_confidence = Some((confidence * 100.0).round() / 100.0);
                true
            }
            _ => false,
        }
    }
}

/// Decides the topics of records after the run's last commit (see the module documentation)
/// and commits the changes through `writer`, with the settings' marker. When `cancel` is set
/// meanwhile, nothing is committed: the next run infers again.
#[allow(clippy::too_many_arguments)] // one call site, each argument a different part of the run
pub(crate) fn infer(
    dir: &Path,
    writer: &mut IndexWriter,
    schema: &RaadSchema,
    settings: &TopicSettings,
    mut scope: Scope,
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
        decided_on_read: scope.decided.len() as u64,
        ..TopicReport::default()
    };
    let marker = settings.marker();
    let payload = opened
        .index
        .load_metas()
        .map_err(|err| IndexError::tantivy(dir, err))?
        .payload;
    let nothing_to_do = report.given == 0 && report.inferred == 0;
    let marked = payload.as_deref() == Some(marker.as_str());
    if !settings.infer
        || nothing_to_do
        || (marked
            && scope.listed.is_empty()
            && scope.decided.is_empty()
            && scope.every_because.is_none())
    {
        report.seconds = scope.seconds_on_read;
        return Ok(report);
    }
    if scope.every_because.is_none() && snapshot.num_records() != scope.expected_records {
        scope.every_because = Some(
            "records were removed, and labelled ones among them can change any record's \
             neighbours"
                .to_string(),
        );
    }
    if let Some(with) = scope.decided_with {
        if with != report.given && scope.every_because.is_none() {
            // Labelled records left after the held records were decided (a changed file
            // dropped them): those decisions are not the final ones.
            scope.every_because = Some(
                "labelled records were removed after the records without topics were decided"
                    .to_string(),
            );
            scope.decided.clear();
        }
    }

    let candidates: Vec<DocAddress> = match &scope.every_because {
        Some(_) => {
            let labelled = snapshot
                .topic_source_records(TopicSource::Given)
                .map_err(read_error)?;
            let mut decided = HashSet::new();
            for id in &scope.decided {
                decided.extend(snapshot.addresses_of(id).map_err(read_error)?);
            }
            snapshot
                .addresses()
                .into_iter()
                .filter(|address| !labelled.contains(address) && !decided.contains(address))
                .collect()
        }
        None => {
            let mut addresses = Vec::with_capacity(scope.listed.len());
            for id in &scope.listed {
                addresses.extend(snapshot.addresses_of(id).map_err(read_error)?);
            }
            // One id sent twice in a run is one document.
            addresses.sort_unstable();
            addresses.dedup();
            addresses
        }
    };
    let model = if candidates.is_empty() {
        None
    } else {
        progress.inferring();
        pool.install(|| TopicModel::load(&snapshot))
            .map_err(read_error)?
    };
    let decided: Vec<Option<Record>> = pool
        .install(|| {
            // One scratch space per chunk: it is as large as the labelled records are many.
            candidates
                .par_chunks(crate::held::DECIDE_CHUNK)
                .map(|chunk| {
                    let mut scratch = model.as_ref().map(TopicModel::scratch);
                    chunk
                        .iter()
                        .map(|&address| {
                            if cancel.load(Ordering::Relaxed) {
                                return Ok(None);
                            }
                            let record = snapshot.record(address)?;
                            Ok(decide(settings, model.as_ref(), scratch.as_mut(), record))
                        })
                        .collect::<raad_query::Result<Vec<_>>>()
                })
                .collect::<raad_query::Result<Vec<Vec<_>>>>()
        })
        .map_err(read_error)?
        .into_iter()
        .flatten()
        .collect();
    if cancel.load(Ordering::Relaxed) {
        return Ok(report);
    }
    report.examined = candidates.len() as u64;
    report.every_record_because = scope.every_because;
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
    report.seconds = scope.seconds_on_read + started.elapsed().as_secs_f64();
    Ok(report)
}

/// The record with its topics decided again, or `None` when they stay as they are.
fn decide(
    settings: &TopicSettings,
    model: Option<&TopicModel>,
    scratch: Option<&mut LikenessScratch>,
    record: Record,
) -> Option<Record> {
    let mut decided = record.clone();
    decided.topics.clear();
    decided.topic_source = None;
    decided.topic_confidence = None;
    let inferred = match (model, scratch) {
        (Some(model), Some(scratch)) => {
            let terms = TopicTerms::of(&decided);
            model.decide_held(&mut decided, &terms, settings, scratch)
        }
        _ => false,
    };
    if !inferred {
        if let Some(rules) = &settings.rules {
            rules.apply(&mut decided);
        }
    }
    let same = decided.topics == record.topics
        && decided.topic_source == record.topic_source
        && decided.topic_confidence == record.topic_confidence;
    (!same).then_some(decided)
}
