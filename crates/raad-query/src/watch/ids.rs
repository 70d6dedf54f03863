//! Which record id each document of a snapshot holds: the `id` field is indexed, not fast,
//! so its term dictionary is walked once per segment and run, and the table shared by every
//! watch of the run. Each id gets a number in id key order across all segments, so that a
//! watch sorts its matches by number (not by text) to merge them with its state, and names
//! them without reading one stored record.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use raad_core::RaadSchema;
use rayon::prelude::*;
use tantivy::postings::BlockSegmentPostings;
use tantivy::schema::IndexRecordOption;
use tantivy::termdict::TermStreamer;
use tantivy::{DocAddress, DocId, InvertedIndexReader, SegmentReader};

use crate::error::Result;

/// A document without an id (or with one that is not UTF-8, which only damage writes).
const NONE: u32 = u32::MAX;

/// Id keys, each once, sorted.
#[derive(Default)]
struct Keys {
    /// The keys, one after the other.
    text: String,
    /// Where each key ends in `text`.
    ends: Vec<u32>,
}

impl Keys {
    fn get(&self, number: u32) -> Option<&str> {
        let number = number as usize;
        let end = *self.ends.get(number)? as usize;
        let start = match number.checked_sub(1) {
            Some(before) => *self.ends.get(before)? as usize,
            None => 0,
        };
        self.text.get(start..end)
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Appends the keys of `other`, which all sort after these.
    fn append(&mut self, other: &Keys) -> Result<()> {
        let offset = self.text.len();
        self.text.push_str(&other.text);
        for &end in &other.ends {
            let Ok(end) = u32::try_from(offset + end as usize) else {
                return Err(too_many_ids());
            };
            self.ends.push(end);
        }
        Ok(())
    }

    /// Appends `key`, failing past 4 GB of keys (which cannot be addressed).
    fn push(&mut self, key: &str) -> Result<u32> {
        self.text.push_str(key);
        let (Ok(end), Ok(number)) = (u32::try_from(self.text.len()), u32::try_from(self.len()))
        else {
            return Err(too_many_ids());
        };
        self.ends.push(end);
        Ok(number)
    }
}

/// Past 4 GB of ids a key cannot be addressed.
fn too_many_ids() -> crate::error::QueryError {
    tantivy::TantivyError::InternalError("more than 4 GB of record ids in one index".to_string())
        .into()
}

/// The id key of every document of a snapshot, numbered in key order.
pub(crate) struct IdTable {
    keys: Keys,
    /// Per segment, per document: the number of its key, or [`NONE`].
    docs: Vec<Vec<u32>>,
}

impl IdTable {
    /// Reads the ids of every document of `segments` (deleted ones too: their ids cost
    /// nothing and no match is a deleted document).
    pub fn read(segments: &[SegmentReader], schema: &RaadSchema) -> Result<IdTable> {
        let mut read = segments
            .iter()
            .map(|segment| SegmentIds::read(segment, schema))
            .collect::<Result<Vec<SegmentIds>>>()?;
        if read.len() == 1 {
            let only = read.remove(0);
            return Ok(IdTable {
                keys: only.keys,
                docs: vec![only.docs],
            });
        }
        // Merge the segments' sorted keys; an id in several segments (an upsert's deleted
        // copy beside the live one) gets one number.
        let mut keys = Keys::default();
        let mut renumber: Vec<Vec<u32>> =
            read.iter().map(|ids| vec![NONE; ids.keys.len()]).collect();
        let mut heads: BinaryHeap<Reverse<(&str, usize, u32)>> = BinaryHeap::new();
        for (segment, ids) in read.iter().enumerate() {
            if let Some(key) = ids.keys.get(0) {
                heads.push(Reverse((key, segment, 0)));
            }
        }
        while let Some(Reverse((key, segment, local))) = heads.pop() {
            let last = keys.len().checked_sub(1).and_then(|n| keys.get(n as u32));
            let number = if last == Some(key) {
                (keys.len() - 1) as u32
            } else {
                keys.push(key)?
            };
            renumber[segment][local as usize] = number;
            if let Some(next) = read[segment].keys.get(local + 1) {
                heads.push(Reverse((next, segment, local + 1)));
            }
        }
        let docs = read
            .iter()
            .zip(&renumber)
            .map(|(ids, numbers)| {
                ids.docs
                    .iter()
                    .map(|&local| numbers.get(local as usize).copied().unwrap_or(NONE))
                    .collect()
            })
            .collect();
        Ok(IdTable { keys, docs })
    }

    /// The number of the id key of the document at `address`, if it has one; numbers sort
    /// as their keys do.
    pub fn number(&self, address: DocAddress) -> Option<u32> {
        let number = *self
            .docs
            .get(address.segment_ord as usize)?
            .get(address.doc_id as usize)?;
        (number != NONE).then_some(number)
    }

    /// The id key numbered `number`.
    pub fn key(&self, number: u32) -> Option<&str> {
        self.keys.get(number)
    }
}

/// The ids of one segment: its keys in order, and per document the number of its key.
struct SegmentIds {
    keys: Keys,
    docs: Vec<u32>,
}

impl SegmentIds {
    /// Walks the segment's id terms in as many ranges as there are threads (a walk over a
    /// million ids is most of a watch run's work, and the ranges are independent).
    fn read(segment: &SegmentReader, schema: &RaadSchema) -> Result<SegmentIds> {
        let count = segment.inverted_index(schema.id)?.terms().num_terms();
        let parts = rayon::current_num_threads()
            .clamp(1, 64)
            .min(count / MIN_RANGE + 1);
        SegmentIds::read_in_parts(segment, schema, parts)
    }

    /// [`SegmentIds::read`] in `parts` ranges of about as many ids each.
    fn read_in_parts(
        segment: &SegmentReader,
        schema: &RaadSchema,
        parts: usize,
    ) -> Result<SegmentIds> {
        let inverted = segment.inverted_index(schema.id)?;
        let dictionary = inverted.terms();
        let count = dictionary.num_terms();
        let mut bounds: Vec<Vec<u8>> = Vec::with_capacity(parts.saturating_sub(1));
        for part in 1..parts {
            let mut key = Vec::new();
            if dictionary.ord_to_term((count * part / parts) as u64, &mut key)? {
                bounds.push(key);
            }
        }
        let ranges = (0..=bounds.len())
            .into_par_iter()
            .map(|part| {
                let mut range = dictionary.range();
                if let Some(first) = part.checked_sub(1).and_then(|before| bounds.get(before)) {
                    range = range.ge(first);
                }
                if let Some(after) = bounds.get(part) {
                    range = range.lt(after);
                }
                read_range(&inverted, range.into_stream()?)
            })
            .collect::<Result<Vec<(Keys, Vec<(DocId, u32)>)>>>()?;
        let mut keys = Keys::default();
        let mut docs = vec![NONE; segment.max_doc() as usize];
        for (part, held) in ranges {
            let first = u32::try_from(keys.len()).unwrap_or(NONE);
            keys.append(&part)?;
            for (doc, number) in held {
                if let Some(slot) = docs.get_mut(doc as usize) {
                    *slot = first.saturating_add(number);
                }
            }
        }
        Ok(SegmentIds { keys, docs })
    }
}

/// Fewest ids worth a range (and a thread) of their own.
const MIN_RANGE: usize = 50_000;

/// The ids of one range of a segment's id terms: the keys, and each document with the
/// number of its key in the range.
fn read_range(
    inverted: &InvertedIndexReader,
    mut terms: TermStreamer<'_>,
) -> Result<(Keys, Vec<(DocId, u32)>)> {
    let mut keys = Keys::default();
    let mut docs = Vec::new();
    let mut postings: Option<BlockSegmentPostings> = None;
    while terms.advance() {
        let Ok(key) = std::str::from_utf8(terms.key()) else {
            continue;
        };
        let number = keys.push(key)?;
        // One postings reader reset for each id: opening one per id was half the walk.
        let info = terms.value();
        let postings = match &mut postings {
            Some(postings) => {
                inverted.reset_block_postings_from_terminfo(info, postings)?;
                postings
            }
            None => postings.insert(
                inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?,
            ),
        };
        while !postings.docs().is_empty() {
            docs.extend(postings.docs().iter().map(|&doc| (doc, number)));
            postings.advance();
        }
    }
    Ok((keys, docs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use raad_core::id::id_key;
    use raad_core::Record;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::Index;

    /// An index of one segment per batch of ids (the last copy of an id is the live one).
    fn segments(batches: &[&[&str]]) -> (Index, RaadSchema) {
        let schema = RaadSchema::new();
        let index = Index::create_in_ram(schema.schema.clone());
        raad_core::analysis::register_analyzers(index.tokenizers());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for batch in batches {
            for id in *batch {
                writer
                    .add_document(schema.document(&Record::new(*id)))
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        (index, schema)
    }

    #[test]
    fn numbers_ids_in_key_order_across_segments() {
        let (index, schema) = segments(&[
            &["2016_MV_00146", "2014_SV_00002"],
            &["2015_MV_00001", "2016_MV_00146"],
            &["2013_SV_00009"],
        ]);
        let snapshot = index.reader().unwrap().searcher();
        assert_eq!(snapshot.segment_readers().len(), 3);
        let table = IdTable::read(snapshot.segment_readers(), &schema).unwrap();
        let keys: Vec<&str> = (0..5).filter_map(|n| table.key(n)).collect();
        assert_eq!(
            keys,
            [
                "2013_sv_00009",
                "2014_sv_00002",
                "2015_mv_00001",
                "2016_mv_00146",
            ]
        );
        // Each document names its own id; the id held in two segments has one number.
        let mut numbers_of_146 = Vec::new();
        for (ord, segment) in snapshot.segment_readers().iter().enumerate() {
            for doc in 0..segment.max_doc() {
                let address = DocAddress::new(ord as u32, doc);
                let stored = crate::stored::record_at(&snapshot, &schema, address).unwrap();
                let number = table.number(address).unwrap();
                assert_eq!(table.key(number), Some(id_key(&stored.id).as_str()));
                if stored.id == "2016_MV_00146" {
                    numbers_of_146.push(number);
                }
            }
        }
        assert_eq!(numbers_of_146, [3, 3]);
        assert_eq!(table.number(DocAddress::new(3, 0)), None);
    }

    #[test]
    fn a_segment_read_in_parts_is_the_segment_read_whole() {
        let ids: Vec<String> = (1..=50).map(|n| format!("2016_MV_{n:05}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let (index, schema) = segments(&[&ids]);
        let snapshot = index.reader().unwrap().searcher();
        let segment = &snapshot.segment_readers()[0];
        let whole = SegmentIds::read_in_parts(segment, &schema, 1).unwrap();
        assert_eq!(whole.keys.len(), 50);
        for parts in [2, 3, 7, 50, 80] {
            let read = SegmentIds::read_in_parts(segment, &schema, parts).unwrap();
            assert_eq!(read.keys.text, whole.keys.text, "{parts} parts");
            assert_eq!(read.keys.ends, whole.keys.ends, "{parts} parts");
            assert_eq!(read.docs, whole.docs, "{parts} parts");
        }
        // Document n holds the n-th id, numbered in key order.
        for (doc, &number) in whole.docs.iter().enumerate() {
            assert_eq!(whole.keys.get(number), Some(id_key(ids[doc]).as_str()));
        }
    }
}
