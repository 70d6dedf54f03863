//! What an index holds: [`index_stats`], the data behind `raad stats`.

use std::collections::BTreeMap;
use std::path::Path;

use raad_core::{Date, TopicSource};
use serde::Serialize;
use tantivy::collector::{Count, FacetCollector};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::damage::guarded;
use crate::error::{QueryError, Result};
use crate::index_dir::{open_index, OpenIndex};

/// A summary of an index. Serializes as the JSON object `raad stats --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndexStats {
    /// Records in the index.
    pub records: u64,
    /// Records per kind ("mondelinge vraag", …); records without a kind are not counted here.
    pub kinds: BTreeMap<String, u64>,
    /// Records with an answer.
    pub answered: u64,
    /// The earliest record date, when any record has a date.
    pub first_date: Option<Date>,
    /// The latest record date.
    pub last_date: Option<Date>,
    /// Bytes the index directory takes on disk (its files, not counting subfolders).
    pub size_bytes: u64,
    /// Segments of the index (many segments make searches slower; indexing merges them).
    pub segments: u64,
    /// The schema version the index was written with.
    pub schema_version: u32,
    /// The analyzer version the index was written with.
    pub analyzer_version: u32,
    /// Records per source of their topics (`given`, `inferred`, `rules`; sources without
    /// records are left out). Records without topics are not counted.
    pub topic_sources: BTreeMap<String, u64>,
}

/// Reads what the index in `dir` holds, after the checks of [`open_index`](crate::open_index)
/// (so with its errors, and [`QueryError::IndexDamaged`](crate::QueryError::IndexDamaged)
/// when its files are damaged). Read-only: works while another process writes the index.
pub fn index_stats(dir: &Path) -> Result<IndexStats> {
    let opened = open_index(dir)?;
    let index = opened.index.clone();
    guarded(Some(&index), dir, || stats_of(dir, opened))
}

/// The statistics of the index `opened` from `dir`.
fn stats_of(dir: &Path, opened: OpenIndex) -> Result<IndexStats> {
    let snapshot = opened.snapshot()?;
    let searcher = snapshot.searcher();

    let schema = &opened.schema;
    let mut kinds_collector = FacetCollector::for_field(schema.schema.get_field_name(schema.kind));
    kinds_collector.add_facet("/");
    let (records, kind_counts) = searcher.search(&AllQuery, &(Count, kinds_collector))?;
    let kinds = kind_counts
        .get("/")
        .map(|(facet, count)| {
            let name = facet
                .to_path()
                .last()
                .map(|s| s.to_string())
                .unwrap_or_default();
            (name, count)
        })
        .collect();

    let answered_query = TermQuery::new(
        Term::from_field_bool(opened.schema.has_answer, true),
        IndexRecordOption::Basic,
    );
    let answered = searcher.search(&answered_query, &Count)? as u64;

    let mut first: Option<i64> = None;
    let mut last: Option<i64> = None;
    for segment in searcher.segment_readers() {
        let column = segment.fast_fields().date("date")?;
        for doc in segment.doc_ids_alive() {
            for value in column.values_for_doc(doc) {
                let secs = value.into_timestamp_secs();
                first = Some(first.map_or(secs, |f| f.min(secs)));
                last = Some(last.map_or(secs, |l| l.max(secs)));
            }
        }
    }
    let to_date = |secs: i64| Date::from_days_since_epoch(secs.div_euclid(86_400));

    let mut topic_sources = BTreeMap::new();
    for source in TopicSource::ALL {
        let count = snapshot.count_topic_source(source)?;
        if count > 0 {
            topic_sources.insert(source.as_str().to_string(), count);
        }
    }

    let io_error = |source| QueryError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut size_bytes = 0;
    for entry in std::fs::read_dir(dir).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        if let Ok(metadata) = entry.metadata() {
            if metadata.is_file() {
                size_bytes += metadata.len();
            }
        }
    }

    Ok(IndexStats {
        records: records as u64,
        kinds,
        answered,
        first_date: first.and_then(to_date),
        last_date: last.and_then(to_date),
        size_bytes,
        segments: searcher.segment_readers().len() as u64,
        schema_version: opened.meta.schema_version,
        analyzer_version: opened.meta.analyzer_version,
        topic_sources,
    })
}
