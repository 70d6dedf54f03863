//! Which record id each document of a snapshot holds: the `id` field is indexed, not fast,
//! so its term dictionary is walked once per segment and run, and the table shared by every
//! watch of the run. Each id gets a number in id key order across all segments, so that a
//! watch sorts its matches by number (not by text) to merge them with its state, and names
//! them without reading one stored record.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use raad_core::RaadSchema;
use tantivy::postings::BlockSegmentPostings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, SegmentReader};

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

    /// Appends `key`, failing past 4 GB of keys (which cannot be addressed).
    fn push(&mut self, key: &str) -> Result<u32> {
        self.text.push_str(key);
        let (Ok(end), Ok(number)) = (u32::try_from(self.text.len()), u32::try_from(self.len()))
        else {
            return Err(tantivy::TantivyError::InternalError(
                "more than 4 GB of record ids in one index".to_string(),
            )
            .into());
        };
        self.ends.push(end);
        Ok(number)
    }
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
    fn read(segment: &SegmentReader, schema: &RaadSchema) -> Result<SegmentIds> {
        let inverted = segment.inverted_index(schema.id)?;
        let mut keys = Keys::default();
        let mut docs = vec![NONE; segment.max_doc() as usize];
        let mut terms = inverted.terms().stream()?;
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
                for &doc in postings.docs() {
                    if let Some(slot) = docs.get_mut(doc as usize) {
                        *slot = number;
                    }
                }
                postings.advance();
            }
        }
        Ok(SegmentIds { keys, docs })
    }
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
}
