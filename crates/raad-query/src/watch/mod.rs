//! Watches: saved searches that say what is new since they last ran.
//!
//! A [`Watch`] is a named search (query text, mode, match mode, [`Filters`]) and what to
//! report ([`Report`]): records that newly match, answers that arrived for records it
//! followed, records whose text changed. Its memory is a [`WatchState`]: the records it has
//! reported, by record key ([`raad_core::council::record_key`]: council and id, or the id
//! key alone for a record without council), with their answer state. Keyed by id and
//! not by document, a state survives re-indexing, rebuilds and upserts.
//!
//! [`Searcher::watcher`] reads one snapshot of the index for several watches;
//! [`Watcher::run`] compares a watch's matches (the exact match set of `raad search`, every
//! match) with its previous state and returns what is new and the next state
//! ([`WatchRun`]). Nothing is written: the caller keeps states where it likes (the `raad`
//! binary in a file beside the index, an app in its own database).
//!
//! ```
//! use raad_query::{Reason, Searcher, Watch, WatchState};
//! # use raad_query::Record;
//! # let schema = raad_core::RaadSchema::new();
//! # let index = tantivy::Index::create_in_ram(schema.schema.clone());
//! # raad_core::analysis::register_analyzers(index.tokenizers());
//! # let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
//! # let mut record = Record::new("2016_MV_00146");
//! # record.title = Some("Gevaarlijke fietspaden".to_string());
//! # writer.add_document(schema.document(&record))?;
//! # writer.commit()?;
//! let searcher = Searcher::from_index(index)?;
//! let watch = Watch::new("fietsen", "fietspad");
//! let first = searcher.watcher().run(&watch, &WatchState::default())?;
//! assert_eq!(first.found[0].record.id, "2016_MV_00146");
//! assert_eq!(first.found[0].reason, Reason::New);
//! // Run again with the state it returned: nothing is new.
//! let second = searcher.watcher().run(&watch, &first.state)?;
//! assert!(second.found.is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ids;
mod matches;
mod state;

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use raad_core::document::to_datetime;
use raad_core::{Date, Record};
use serde::{Deserialize, Serialize};
use tantivy::collector::DocSetCollector;
use tantivy::DocAddress;

use crate::error::Result;
use crate::key_queries::key_query;
use crate::request::{Filters, MatchMode, Mode, SearchRequest};
use crate::searcher::Searcher;
use crate::stored::record_at;
use crate::warning::Warning;

use ids::IdTable;
use matches::{Matched, MatchedCollector};
pub use state::{Seen, WatchState};

/// The file, in an index folder, where the `raad` binary keeps the index's watches and their
/// states. The indexer keeps it (and [`WATCHES_LOCK`]) through every rebuild.
pub const WATCHES_FILE: &str = "raad-watches.json";

/// The lock file beside [`WATCHES_FILE`] that one `raad watch` at a time holds.
pub const WATCHES_LOCK: &str = "raad-watches.lock";

/// A saved search: what to look for and what to report of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// The watch's name, unique among the watches of one index.
    pub name: String,
    /// The query text, as `raad search` reads it.
    pub query: String,
    /// How the text is read.
    #[serde(default)]
    pub mode: Mode,
    /// Which records match (syntax mode).
    #[serde(default, rename = "match")]
    pub match_mode: MatchMode,
    /// Filters besides the text.
    #[serde(default)]
    pub filters: Filters,
    /// What a run reports.
    #[serde(default)]
    pub report: Report,
}

impl Watch {
    /// A watch named `name` for `query` in the query language, without filters, reporting
    /// new records and answers ([`Report::default`]).
    pub fn new(name: impl Into<String>, query: impl Into<String>) -> Watch {
        Watch {
            name: name.into(),
            query: query.into(),
            mode: Mode::default(),
            match_mode: MatchMode::default(),
            filters: Filters::default(),
            report: Report::default(),
        }
    }

    /// The search whose matches the watch follows: the one `raad search` runs for the same
    /// text, mode and filters, asking for every match.
    pub fn request(&self) -> SearchRequest {
        let mut request = SearchRequest::new(self.query.clone())
            .mode(self.mode)
            .match_mode(self.match_mode);
        request.filters = self.filters.clone();
        request.limit = None;
        request
    }
}

/// What a watch reports. Whatever it reports, a run records every match in the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Report {
    /// Records that match and were not reported before ([`Reason::New`]).
    pub new: bool,
    /// Records it recorded unanswered whose answer has arrived ([`Reason::Answered`]); also
    /// those that no longer match (a watch of unanswered questions hears of their answer).
    pub answered: bool,
    /// Records whose dates, people or text changed since it recorded them
    /// ([`Reason::Changed`]). Costs a read of every matching record per run.
    pub changed: bool,
}

impl Default for Report {
    /// New records and answers.
    fn default() -> Report {
        Report {
            new: true,
            answered: true,
            changed: false,
        }
    }
}

/// Why a run reports a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// It matches, and the watch had not recorded it.
    New,
    /// Its answer arrived since the watch recorded it unanswered.
    Answered,
    /// Its content changed since the watch recorded it.
    Changed,
}

impl Reason {
    /// The lower-case name: `new`, `answered` or `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::New => "new",
            Reason::Answered => "answered",
            Reason::Changed => "changed",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One record a run reports, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    /// Why it is reported.
    pub reason: Reason,
    /// The whole record.
    pub record: Record,
}

/// What one run of a watch found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchRun {
    /// The records to report, newest meeting date first (ties by id).
    pub found: Vec<Found>,
    /// How many records match now.
    pub matches: usize,
    /// Filter values that match nothing in the index (as `raad search` warns of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// The state to keep for the next run: the previous one with every current match
    /// recorded as it stands now.
    pub state: WatchState,
}

impl Searcher {
    /// A reader of the index's current snapshot for running watches, sharing between them
    /// the one walk over the record ids that naming matches takes.
    pub fn watcher(&self) -> Watcher<'_> {
        Watcher {
            searcher: self,
            snapshot: self.snapshot(),
            ids: OnceLock::new(),
            reading_ids: Mutex::new(()),
        }
    }
}

/// Runs watches over one snapshot of an index ([`Searcher::watcher`]).
pub struct Watcher<'a> {
    searcher: &'a Searcher,
    snapshot: tantivy::Searcher,
    /// The snapshot's ids, read when a watch first matches.
    ids: OnceLock<IdTable>,
    /// Held while the ids are read, so that runs at once read them once.
    reading_ids: Mutex<()>,
}

impl std::fmt::Debug for Watcher<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher")
            .field("records", &self.snapshot.num_docs())
            .finish_non_exhaustive()
    }
}

/// Where a run starts from.
#[derive(Clone, Copy)]
enum Baseline {
    /// The previous state: what it holds is not new.
    LastRun,
    /// A date: records of a meeting on or after it are new, answers dated on or after it
    /// arrived since.
    Since(Date),
}

impl Watcher<'_> {
    /// Runs `watch` against `previous`, the state its last run returned (the default state
    /// for a first run, which reports every match as new).
    pub fn run(&self, watch: &Watch, previous: &WatchState) -> Result<WatchRun> {
        self.searcher
            .guarded(|| self.run_from(watch, Cow::Borrowed(previous), Baseline::LastRun))
    }

    /// Runs `watch` as of `since` rather than its last run: reports the matches of a meeting
    /// on or after `since` as new and those answered on or after it as answered (records
    /// without those dates are not reported). The next state is `previous` with every
    /// match recorded, as [`Watcher::run`] returns it. Changes are not reported (no content
    /// is known as of a date).
    pub fn run_since(&self, watch: &Watch, previous: &WatchState, since: Date) -> Result<WatchRun> {
        self.searcher
            .guarded(|| self.run_from(watch, Cow::Borrowed(previous), Baseline::Since(since)))
    }

    /// Runs several watches at once (on rayon's threads), each against its previous state:
    /// as [`Watcher::run`], or as [`Watcher::run_since`] `since` when given. The states are
    /// taken, not copied (a broad watch records hundreds of thousands of ids): each run's
    /// next state holds what its previous one did. The results are in the order of `runs`;
    /// one watch's error does not stop the others.
    pub fn run_all(
        &self,
        runs: Vec<(&Watch, WatchState)>,
        since: Option<Date>,
    ) -> Vec<Result<WatchRun>> {
        // The ids first, on every thread: read by the first run to match, the walk would
        // have one thread while the others wait for it. Should reading fail, each run that
        // needs the ids tries again and reports why.
        if runs.len() > 1 {
            let _ = self.ids();
        }
        runs.into_par_iter()
            .map(|(watch, previous)| {
                let baseline = match since {
                    Some(date) => Baseline::Since(date),
                    None => Baseline::LastRun,
                };
                self.searcher
                    .guarded(|| self.run_from(watch, Cow::Owned(previous), baseline))
            })
            .collect()
    }

    fn run_from(
        &self,
        watch: &Watch,
        previous: Cow<'_, WatchState>,
        baseline: Baseline,
    ) -> Result<WatchRun> {
        let schema = self.searcher.schema();
        let (query, warnings) = self
            .searcher
            .match_query(&self.snapshot, &watch.request())?;
        let matched = self
            .snapshot
            .search(&*query, &MatchedCollector { schema })?;
        let report = watch.report;
        // The matches by id key, in the order of the state's keys, so that one merge over
        // both takes the place of a tree lookup (and an insert) per match.
        let ids = if matched.is_empty() {
            None
        } else {
            Some(self.ids()?)
        };
        let mut numbered: Vec<(u32, &Matched)> = Vec::with_capacity(matched.len());
        for hit in &matched {
            if let Some(number) = ids.and_then(|ids| ids.number(hit.address)) {
                numbered.push((number, hit));
            }
        }
        numbered.sort_unstable_by_key(|&(number, hit)| (number, hit.address));
        // An id is held by one live record; should two hold it, the first stands for both.
        numbered.dedup_by_key(|&mut (number, _)| number);
        let named = numbered.into_iter().filter_map(|(number, hit)| {
            let key = ids.and_then(|ids| ids.key(number))?;
            Some((key, hit))
        });
        let mut next: Vec<(String, Seen)> =
            Vec::with_capacity(previous.records.len() + matched.len());
        let mut found: Vec<(Reason, DocAddress)> = Vec::new();
        // Records recorded unanswered that no longer match: they may have been answered out
        // of the match set.
        let mut waiting: Vec<String> = Vec::new();
        // A state that is ours is moved into the next one, not copied.
        let old: Box<dyn Iterator<Item = (Cow<'_, str>, Cow<'_, Seen>)>> = match previous {
            Cow::Borrowed(state) => Box::new(
                state
                    .records
                    .iter()
                    .map(|(key, seen)| (Cow::Borrowed(key.as_str()), Cow::Borrowed(seen))),
            ),
            Cow::Owned(state) => Box::new(
                state
                    .records
                    .into_iter()
                    .map(|(key, seen)| (Cow::Owned(key), Cow::Owned(seen))),
            ),
        };
        let mut old = old.peekable();
        // A recorded record that does not match now: kept as it was.
        fn keep(
            (key, seen): (Cow<'_, str>, Cow<'_, Seen>),
            next: &mut Vec<(String, Seen)>,
            waiting: &mut Vec<String>,
        ) {
            if !seen.answered {
                waiting.push(key.to_string());
            }
            next.push((key.into_owned(), seen.into_owned()));
        }
        for (key, hit) in named {
            while let Some(unmatched) = old.next_if(|(old_key, _)| old_key.as_ref() < key) {
                keep(unmatched, &mut next, &mut waiting);
            }
            let (old_key, before) = match old.next_if(|(old_key, _)| old_key.as_ref() == key) {
                Some((old_key, seen)) => (Some(old_key), Some(seen)),
                None => (None, None),
            };
            let hash = if report.changed {
                Some(content_hash(&record_at(
                    &self.snapshot,
                    schema,
                    hit.address,
                )?))
            } else {
                None
            };
            let reason = match baseline {
                Baseline::LastRun => reason_since_last_run(before.as_deref(), hit, hash.as_deref()),
                Baseline::Since(date) => reason_since_date(hit, date),
            };
            if let Some(reason) = reason.filter(|reason| reported(report, *reason)) {
                found.push((reason, hit.address));
            }
            // A watch that does not report changes keeps no fingerprints (it keeps those it
            // had): one that starts to report them reports nothing until a record changes
            // after that.
            let seen = Seen {
                answered: hit.answered,
                hash: hash.or_else(|| before.and_then(|seen| seen.into_owned().hash)),
            };
            let key = old_key.map_or_else(|| key.to_string(), Cow::into_owned);
            next.push((key, seen));
        }
        for unmatched in old {
            keep(unmatched, &mut next, &mut waiting);
        }
        // Sorted and unique: the tree is built in one pass.
        let mut state = WatchState {
            records: next.into_iter().collect(),
        };
        if report.answered {
            if let Baseline::LastRun = baseline {
                self.answers_outside(&waiting, &mut state, &mut found)?;
            }
        }
        let mut found = found
            .into_iter()
            .map(|(reason, address)| {
                Ok(Found {
                    reason,
                    record: record_at(&self.snapshot, schema, address)?,
                })
            })
            .collect::<Result<Vec<Found>>>()?;
        found.sort_by(|a, b| {
            b.record
                .date
                .cmp(&a.record.date)
                .then_with(|| a.record.id.cmp(&b.record.id))
        });
        Ok(WatchRun {
            found,
            matches: matched.len(),
            warnings,
            state,
        })
    }

    /// Answers that arrived for records recorded unanswered that no longer match (a watch of
    /// unanswered questions loses a question the moment it is answered); `waiting`: the id
    /// keys of those records.
    fn answers_outside(
        &self,
        waiting: &[String],
        state: &mut WatchState,
        found: &mut Vec<(Reason, DocAddress)>,
    ) -> Result<()> {
        let schema = self.searcher.schema();
        for key in waiting {
            let docs = self
                .snapshot
                .search(&key_query(schema, key), &DocSetCollector)?;
            // An id is held by one live record; a record gone from the index stays recorded.
            let Some(&address) = docs.iter().min() else {
                continue;
            };
            let segment = self.snapshot.segment_reader(address.segment_ord);
            let answered = segment
                .fast_fields()
                .bool(schema.schema.get_field_name(schema.has_answer))?
                .first(address.doc_id)
                .unwrap_or(false);
            if answered {
                found.push((Reason::Answered, address));
                if let Some(seen) = state.records.get_mut(key) {
                    seen.answered = true;
                }
            }
        }
        Ok(())
    }

    /// The snapshot's id table, read the first time.
    fn ids(&self) -> Result<&IdTable> {
        if let Some(ids) = self.ids.get() {
            return Ok(ids);
        }
        // A run that panicked while reading left nothing behind: the lock is still good.
        let _reading = self
            .reading_ids
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(ids) = self.ids.get() {
            return Ok(ids);
        }
        let read = IdTable::read(self.snapshot.segment_readers(), self.searcher.schema())?;
        Ok(self.ids.get_or_init(|| read))
    }
}

/// Why a match is reported against the state of the last run, if it is.
fn reason_since_last_run(
    before: Option<&Seen>,
    hit: &Matched,
    hash: Option<&str>,
) -> Option<Reason> {
    let Some(before) = before else {
        return Some(Reason::New);
    };
    if hit.answered && !before.answered {
        return Some(Reason::Answered);
    }
    match (&before.hash, hash) {
        (Some(before), Some(now)) if before != now => Some(Reason::Changed),
        _ => None,
    }
}

/// Why a match is reported as of `since`, if it is.
fn reason_since_date(hit: &Matched, since: Date) -> Option<Reason> {
    let since = to_datetime(since);
    if hit.date.is_some_and(|date| date >= since) {
        Some(Reason::New)
    } else if hit.answered && hit.answer_date.is_some_and(|date| date >= since) {
        Some(Reason::Answered)
    } else {
        None
    }
}

/// Whether `report` asks for records reported for `reason`.
fn reported(report: Report, reason: Reason) -> bool {
    match reason {
        Reason::New => report.new,
        Reason::Answered => report.answered,
        Reason::Changed => report.changed,
    }
}

/// The fingerprint of what the council wrote in a record: its kind, dates, people, title,
/// question and answer; not what raad adds (topics it assigned, the file it was read from),
/// which may differ after re-indexing the same records. 16 hex digits of xxh3.
pub fn content_hash(record: &Record) -> String {
    let content = serde_json::json!([
        record.key(),
        record.kind,
        record.date,
        record.title,
        record.councillors,
        record.alderman,
        record.involved_aldermen,
        record.question,
        record.answer,
        record.answer_date,
    ]);
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(content.to_string().as_bytes())
    )
}
