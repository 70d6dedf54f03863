//! [`FacetCache`]: the facet values of every record, per segment, read once.
//!
//! tantivy keeps facets in multi-valued columns: reading one record's values decodes a row
//! range and then each value, which made counting six facets over 100,000 matches the
//! largest cost of a search with facets. A segment never changes, so its columns are read
//! once into plain arrays ([`FacetColumn`]), on the first search that counts that facet, and
//! shared by every search after it. Memory: about 4 bytes per record for a facet with at
//! most one value per record (year, kind, alderman), 8–12 for the others; some 50 MB for
//! all seven facet fields on 1,000,000 records. Segments merged away are dropped.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, SegmentReader};

use crate::error::Result;

/// No value (records without this facet), in a [`FacetColumn`] of single values.
const NONE: u32 = u32::MAX;

/// One facet field of one segment: each record's value ordinals, and the values.
#[derive(Debug)]
pub(crate) struct FacetColumn {
    /// Per record, its ordinals: `ords[starts[doc]..starts[doc + 1]]`; empty when every
    /// record has at most one value (then `single` holds it).
    starts: Vec<u32>,
    ords: Vec<u32>,
    /// Per record, its only ordinal or [`NONE`]; used when `starts` is empty.
    single: Vec<u32>,
    /// The value of each ordinal.
    pub values: Vec<String>,
}

impl FacetColumn {
    /// Reads the column of facet field `field` of a segment.
    fn read(reader: &SegmentReader, field: &str) -> tantivy::Result<FacetColumn> {
        let facets = reader.facet_reader(field)?;
        let mut values = Vec::with_capacity(facets.num_facets());
        let mut stream = facets.facet_dict().stream()?;
        while stream.advance() {
            // One-level facets: the value is the only path element. Ordinals follow the
            // dictionary, so the n-th key is ordinal n.
            let value = Facet::from_encoded(stream.key().to_vec())
                .ok()
                .and_then(|facet| facet.to_path().first().map(|value| value.to_string()))
                .unwrap_or_default();
            values.push(value);
        }
        let max_doc = reader.max_doc();
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize);
        let mut multi = false;
        let mut record: Vec<u32> = Vec::new();
        for doc in 0..max_doc {
            starts.push(ords.len() as u32);
            record.clear();
            record.extend(facets.facet_ords(doc).map(|ord| ord as u32));
            record.sort_unstable();
            // A value twice in one record (two councillors of one party) counts once.
            record.dedup();
            multi |= record.len() > 1;
            ords.extend_from_slice(&record);
        }
        starts.push(ords.len() as u32);
        if multi {
            return Ok(FacetColumn {
                starts,
                ords,
                single: Vec::new(),
                values,
            });
        }
        let single = (0..max_doc as usize)
            .map(|doc| {
                if starts[doc] < starts[doc + 1] {
                    ords[starts[doc] as usize]
                } else {
                    NONE
                }
            })
            .collect();
        Ok(FacetColumn {
            starts: Vec::new(),
            ords: Vec::new(),
            single,
            values,
        })
    }

    /// The record's value ordinals, each once, ascending.
    #[inline]
    pub fn ords(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        if self.starts.is_empty() {
            match self.single.get(doc) {
                Some(ord) if *ord != NONE => std::slice::from_ref(ord),
                _ => &[],
            }
        } else {
            match (self.starts.get(doc), self.starts.get(doc + 1)) {
                (Some(&start), Some(&end)) => &self.ords[start as usize..end as usize],
                _ => &[],
            }
        }
    }
}

/// Facet columns of the segments searched so far, shared by all searches of a
/// [`crate::Searcher`].
#[derive(Debug, Default)]
pub(crate) struct FacetCache {
    columns: RwLock<HashMap<(SegmentId, String), Arc<FacetColumn>>>,
}

/// The columns one search uses, by segment and field.
pub(crate) type SearchColumns = HashMap<(SegmentId, String), Arc<FacetColumn>>;

impl FacetCache {
    /// The columns of `fields` in every segment of `searcher`, read now where not yet cached.
    pub fn columns(&self, searcher: &tantivy::Searcher, fields: &[&str]) -> Result<SearchColumns> {
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        {
            // Entries are whole when inserted: a panic elsewhere leaves the map usable.
            let cached = self
                .columns
                .read()
                .unwrap_or_else(|error| error.into_inner());
            for reader in searcher.segment_readers() {
                for field in fields {
                    let key = (reader.segment_id(), field.to_string());
                    match cached.get(&key) {
                        Some(column) => {
                            found.insert(key, Arc::clone(column));
                        }
                        None => missing.push((reader, key)),
                    }
                }
            }
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let mut read = Vec::with_capacity(missing.len());
        for (reader, key) in missing {
            let column = Arc::new(FacetColumn::read(reader, &key.1)?);
            read.push((key, column));
        }
        let mut cached = self
            .columns
            .write()
            .unwrap_or_else(|error| error.into_inner());
        // Segments merged away since are never searched again.
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|reader| reader.segment_id())
            .collect();
        cached.retain(|(segment, _), _| live.contains(segment));
        for (key, column) in read {
            cached.insert(key.clone(), Arc::clone(&column));
            found.insert(key, column);
        }
        Ok(found)
    }
}
