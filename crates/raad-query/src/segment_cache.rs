//! [`SegmentCache`]: values read once per segment (and key) and shared by every read after it.
//!
//! A segment never changes, so what is read from it (a facet's values per record, the days
//! and answers the analytics read) stays true for as long as the segment lives. The facet
//! cache and the analytics' row cache both keep their values here; segments merged away are
//! dropped the next time a value is read.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};

use tantivy::index::SegmentId;
use tantivy::SegmentReader;

use crate::error::Result;

/// Values per segment and key, read on first use.
#[derive(Debug)]
pub(crate) struct SegmentCache<K, V> {
    entries: RwLock<HashMap<(SegmentId, K), Arc<V>>>,
}

impl<K, V> Default for SegmentCache<K, V> {
    fn default() -> Self {
        SegmentCache {
            entries: RwLock::new(HashMap::new()),
        }
    }
}

/// The values one search uses, by segment and key.
pub(crate) type PerSegment<K, V> = HashMap<(SegmentId, K), Arc<V>>;

impl<K: Copy + Eq + Hash, V> SegmentCache<K, V> {
    /// The values of `keys` in every segment of `searcher`, read by `read` where not yet
    /// cached.
    pub fn get(
        &self,
        searcher: &tantivy::Searcher,
        keys: &[K],
        read: impl Fn(&SegmentReader, K) -> tantivy::Result<V>,
    ) -> Result<PerSegment<K, V>> {
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        {
            // Entries are whole when inserted: a panic elsewhere leaves the map usable.
            let cached = self
                .entries
                .read()
                .unwrap_or_else(|error| error.into_inner());
            for reader in searcher.segment_readers() {
                for &key in keys {
                    let key = (reader.segment_id(), key);
                    match cached.get(&key) {
                        Some(value) => {
                            found.insert(key, Arc::clone(value));
                        }
                        None => missing.push((reader, key)),
                    }
                }
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let mut read_now = Vec::with_capacity(missing.len());
        for (reader, key) in missing {
            read_now.push((key, Arc::new(read(reader, key.1)?)));
        }
        let mut cached = self
            .entries
            .write()
            .unwrap_or_else(|error| error.into_inner());
        // Segments merged away since are never read again.
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|reader| reader.segment_id())
            .collect();
        cached.retain(|(segment, _), _| live.contains(segment));
        for (key, value) in read_now {
            cached.insert(key, Arc::clone(&value));
            found.insert(key, value);
        }
        Ok(found)
    }
}
