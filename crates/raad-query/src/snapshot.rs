//! [`Snapshot`]: one commit of an index, read as it stood. The indexer reads back through it
//! (topic inference: records, their topic sources, the records most like one), and
//! [`index_stats`](crate::index_stats) counts through it.

use std::collections::HashSet;

use raad_core::{RaadSchema, Record, TopicSource};
use tantivy::collector::{Count, DocSetCollector};
use tantivy::{DocAddress, Index, ReloadPolicy, Score};

use crate::error::{QueryError, Result};
use crate::index_dir::raad_schema;
use crate::key_queries::{id_query, source_path_query, topic_source_query};
use crate::likeness::{LikenessIndex, LikenessSettings};
use crate::similarity::most_like_among;
use crate::stored::record_at;

/// One commit of a raad index, read as it stood: unlike a [`Searcher`](crate::Searcher), it
/// never moves on to a later commit, so a caller that writes the index meanwhile (the
/// indexer) reads a fixed state. Records are named by their [`DocAddress`] in this snapshot.
///
/// `Send + Sync`: the indexer reads records and their neighbours from many threads at once.
#[derive(Clone)]
pub struct Snapshot {
    searcher: tantivy::Searcher,
    schema: RaadSchema,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("records", &self.searcher.num_docs())
            .finish_non_exhaustive()
    }
}

impl Snapshot {
    /// The last commit of `index` (opened by [`open_index`](crate::open_index) or by a
    /// writer); checks that it has raad's fields and registers raad's analyzers on it.
    /// [`QueryError::IncompatibleSchema`](crate::QueryError::IncompatibleSchema) when its
    /// fields differ.
    pub fn of(index: &Index) -> Result<Snapshot> {
        let schema = raad_schema(index, std::path::Path::new(""))?;
        Snapshot::with_schema(index, schema)
    }

    /// The last commit of `index`, whose fields are `schema` (checked by the caller).
    pub(crate) fn with_schema(index: &Index, schema: RaadSchema) -> Result<Snapshot> {
        let reader: tantivy::IndexReader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Snapshot {
            searcher: reader.searcher(),
            schema,
        })
    }

    /// The tantivy searcher over this commit, for what raad does not offer.
    pub fn searcher(&self) -> &tantivy::Searcher {
        &self.searcher
    }

    /// The number of records.
    pub fn num_records(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// Every record, in index order.
    pub fn addresses(&self) -> Vec<DocAddress> {
        self.searcher
            .segment_readers()
            .iter()
            .enumerate()
            .flat_map(|(ord, segment)| {
                segment
                    .doc_ids_alive()
                    .map(move |doc| DocAddress::new(ord as u32, doc))
            })
            .collect()
    }

    /// The records with this id, in any form users type it (`2016 mv 146`): one, or none.
    pub fn addresses_of(&self, id: &str) -> Result<HashSet<DocAddress>> {
        Ok(self
            .searcher
            .search(&id_query(&self.schema, id), &DocSetCollector)?)
    }

    /// The records read from the file at `source_path` (the path as the indexer stored it).
    pub fn records_from_file(&self, source_path: &str) -> Result<Vec<Record>> {
        let query = source_path_query(&self.schema, source_path);
        let addresses = self.searcher.search(&query, &DocSetCollector)?;
        addresses
            .into_iter()
            .map(|address| self.record(address))
            .collect()
    }

    /// The record at `address`; [`QueryError::DamagedRecord`](crate::QueryError::DamagedRecord)
    /// when the stored record cannot be read back.
    pub fn record(&self, address: DocAddress) -> Result<Record> {
        record_at(&self.searcher, &self.schema, address)
    }

    /// How many records have topics from `source`.
    pub fn count_topic_source(&self, source: TopicSource) -> Result<u64> {
        let query = topic_source_query(&self.schema, source);
        Ok(self.searcher.search(&query, &Count)? as u64)
    }

    /// The records whose topics came from `source`, for [`Snapshot::most_like`].
    pub fn topic_source_records(&self, source: TopicSource) -> Result<TopicSourceRecords> {
        let query = topic_source_query(&self.schema, source);
        let addresses = self.searcher.search(&query, &DocSetCollector)?;
        Ok(TopicSourceRecords { source, addresses })
    }

    /// The `k` records of `among` most like `record`, best first, with their likeness (the
    /// likeness of [`Searcher::similar`](crate::Searcher::similar)); among equally like
    /// records, by `tie_key` (e.g. the record id), so that the same records give the same
    /// answer however the index is laid out in segments. `among` must come from this
    /// snapshot. `record` need not be in the index; when it is, it is not left out.
    ///
    /// As fast as an unrestricted search when `among` is a good share of the index: the best
    /// records overall are looked at first, and the search restricted to `among` runs only when
    /// too few of them are in it.
    pub fn most_like<K: Ord>(
        &self,
        record: &Record,
        k: usize,
        among: &TopicSourceRecords,
        tie_key: impl Fn(&DocAddress) -> K,
    ) -> Result<Vec<(Score, DocAddress)>> {
        most_like_among(&self.searcher, &self.schema, record, k, among, tie_key)
    }
}

/// What topic inference needs of a labelled record: its key, main topic and alderman.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLabel {
    /// The record's key ([`Record::key`]): council and normalized id.
    pub key: String,
    /// Its first topic, if any.
    pub main_topic: Option<String>,
    /// The responsible alderman, if any.
    pub alderman: Option<String>,
}

impl Snapshot {
    /// The [`RecordLabel`] of each record at `addresses`, in that order, read on the current
    /// rayon pool. Only these fields of the stored records are decoded, so this reads about
    /// as fast as the store decompresses.
    pub fn labels(&self, addresses: &[DocAddress]) -> Result<Vec<RecordLabel>> {
        use rayon::prelude::*;
        addresses
            .par_iter()
            .map(|&address| {
                let json = crate::stored::stored_json(&self.searcher, &self.schema, address)?;
                let label: StoredLabel =
                    serde_json::from_str(&json).map_err(|error| QueryError::DamagedRecord {
                        message: format!("document {address:?} holds a bad record: {error}"),
                    })?;
                Ok(RecordLabel {
                    key: raad_core::council::record_key(label.council.as_deref(), &label.id),
                    main_topic: label.topics.into_iter().next(),
                    alderman: label.alderman,
                })
            })
            .collect()
    }

    /// The records `among` held in memory for likeness questions asked many times over
    /// ([`LikenessIndex`]; topic inference asks one per record without topics), built as
    /// `settings` say. Reads on the current rayon pool.
    pub fn likeness_index(
        &self,
        among: &TopicSourceRecords,
        settings: LikenessSettings<'_>,
    ) -> Result<LikenessIndex> {
        LikenessIndex::build(&self.searcher, &self.schema, among, settings)
    }
}

/// The fields of a stored record that [`Snapshot::labels`] decodes (serde skips the rest).
#[derive(serde::Deserialize)]
struct StoredLabel {
    id: String,
    #[serde(default)]
    council: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    alderman: Option<String>,
}

/// The records of a [`Snapshot`] whose topics came from one source (for topic inference, the
/// labelled records: `given`).
#[derive(Debug, Clone)]
pub struct TopicSourceRecords {
    source: TopicSource,
    addresses: HashSet<DocAddress>,
}

impl TopicSourceRecords {
    /// The source of these records' topics.
    pub fn source(&self) -> TopicSource {
        self.source
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    /// Whether the record at `address` is one of them.
    pub fn contains(&self, address: &DocAddress) -> bool {
        self.addresses.contains(address)
    }

    /// Their addresses, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = DocAddress> + '_ {
        self.addresses.iter().copied()
    }

    /// Their addresses in address order: the numbers a [`LikenessIndex`] of them gives its
    /// records.
    pub fn in_order(&self) -> Vec<DocAddress> {
        let mut addresses: Vec<DocAddress> = self.iter().collect();
        addresses.sort_unstable();
        addresses
    }
}
