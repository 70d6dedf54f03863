//! [`FacetCache`]: the facet values of every record, per segment, read once.
//!
//! tantivy keeps facets in multi-valued columns: reading one record's values decodes a row
//! range and then each value, which made counting six facets over 100,000 matches the
//! largest cost of a search with facets. A segment never changes, so its columns are read
//! once into plain arrays ([`FacetColumn`]), on the first search that counts that facet, and
//! shared by every search after it. Memory: one byte per record and facet (two for a facet
//! of more than 254 values), plus 4 bytes for each further value of a record (its second
//! councillor or topic): about 15 MB for the six facets of 1,000,000 generated records.
//! Segments merged away are dropped.

use tantivy::schema::{Facet, Field};
use tantivy::{DocId, SegmentReader};

use crate::error::Result;
use crate::segment_cache::{PerSegment, SegmentCache};

/// Per record, one value ordinal in as few bytes as the facet's number of values allows;
/// the largest number of the width means none.
#[derive(Debug)]
enum Ords {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Ords {
    fn new(values: usize, records: usize) -> Ords {
        if values < usize::from(u8::MAX) {
            Ords::U8(vec![u8::MAX; records])
        } else if values < usize::from(u16::MAX) {
            Ords::U16(vec![u16::MAX; records])
        } else {
            Ords::U32(vec![u32::MAX; records])
        }
    }

    /// Sets a record's ordinal; `ord` is below the number of values given to [`Ords::new`].
    fn set(&mut self, doc: usize, ord: u32) {
        match self {
            Ords::U8(ords) => ords[doc] = ord as u8,
            Ords::U16(ords) => ords[doc] = ord as u16,
            Ords::U32(ords) => ords[doc] = ord,
        }
    }

    #[inline]
    fn get(&self, doc: usize) -> Option<u32> {
        let ord = match self {
            Ords::U8(ords) => ords
                .get(doc)
                .filter(|ord| **ord != u8::MAX)
                .map(|o| u32::from(*o)),
            Ords::U16(ords) => ords
                .get(doc)
                .filter(|ord| **ord != u16::MAX)
                .map(|o| u32::from(*o)),
            Ords::U32(ords) => ords.get(doc).filter(|ord| **ord != u32::MAX).copied(),
        };
        ord
    }
}

/// One facet field of one segment: each record's value ordinals, and the values.
///
/// Compact, because counting reads it at random for every match: the first value of each
/// record in one or two bytes (a facet has few values), the further values of the records
/// that have them (several councillors or topics) apart.
#[derive(Debug)]
pub(crate) struct FacetColumn {
    /// Each record's first (lowest) ordinal.
    first: Ords,
    /// Bit per record: it has further values, in `more`.
    has_more: Vec<u64>,
    /// Per 64 records, how many records before them have further values: with the bits of
    /// `has_more`, a record's rank among those records.
    ranks: Vec<u32>,
    /// The further ordinals of the n-th record that has them:
    /// `more[more_starts[n]..more_starts[n + 1]]`.
    more_starts: Vec<u32>,
    more: Vec<u32>,
    /// The value of each ordinal.
    pub values: Vec<String>,
}

impl FacetColumn {
    /// Reads the column of facet field `field` of a segment.
    fn read(reader: &SegmentReader, field: Field) -> tantivy::Result<FacetColumn> {
        let facets = reader.facet_reader(reader.schema().get_field_name(field))?;
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
        let mut first = Ords::new(values.len(), max_doc as usize);
        let mut has_more = vec![0u64; (max_doc as usize).div_ceil(64)];
        let mut more_starts = vec![0u32];
        let mut more = Vec::new();
        let mut record: Vec<u32> = Vec::new();
        for doc in 0..max_doc {
            record.clear();
            record.extend(
                facets
                    .facet_ords(doc)
                    .map(|ord| ord as u32)
                    .filter(|ord| (*ord as usize) < values.len()),
            );
            record.sort_unstable();
            // A value twice in one record (two councillors of one party) counts once.
            record.dedup();
            if let Some((lowest, rest)) = record.split_first() {
                first.set(doc as usize, *lowest);
                if !rest.is_empty() {
                    has_more[doc as usize / 64] |= 1 << (doc % 64);
                    more.extend_from_slice(rest);
                    more_starts.push(more.len() as u32);
                }
            }
        }
        let mut ranks = Vec::with_capacity(has_more.len());
        let mut before = 0;
        for bits in &has_more {
            ranks.push(before);
            before += bits.count_ones();
        }
        Ok(FacetColumn {
            first,
            has_more,
            ranks,
            more_starts,
            more,
            values,
        })
    }

    /// The record's value ordinals, each once, ascending.
    #[inline]
    pub fn ords(&self, doc: DocId) -> impl Iterator<Item = u32> + '_ {
        let rest = self.more_of(doc).unwrap_or(&[]);
        self.first
            .get(doc as usize)
            .into_iter()
            .chain(rest.iter().copied())
    }

    /// The further ordinals of a record that has them.
    #[inline]
    fn more_of(&self, doc: DocId) -> Option<&[u32]> {
        let block = doc as usize / 64;
        let bit = 1u64 << (doc % 64);
        let bits = *self.has_more.get(block)?;
        if bits & bit == 0 {
            return None;
        }
        let rank = *self.ranks.get(block)? as usize + (bits & (bit - 1)).count_ones() as usize;
        let start = *self.more_starts.get(rank)? as usize;
        let end = *self.more_starts.get(rank + 1)? as usize;
        self.more.get(start..end)
    }
}

/// Facet columns of the segments searched so far, shared by all searches of a
/// [`crate::Searcher`].
#[derive(Debug, Default)]
pub(crate) struct FacetCache {
    columns: SegmentCache<Field, FacetColumn>,
}

/// The columns one search uses, by segment and field.
pub(crate) type SearchColumns = PerSegment<Field, FacetColumn>;

impl FacetCache {
    /// The columns of `fields` in every segment of `searcher`, read now where not yet cached.
    pub fn columns(&self, searcher: &tantivy::Searcher, fields: &[Field]) -> Result<SearchColumns> {
        self.columns.get(searcher, fields, FacetColumn::read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{FacetOptions, Schema};
    use tantivy::{doc, Index};

    /// 200 records over four 64-record blocks: record n has topic `t{n % 7}`, and also
    /// `t{(n + 3) % 7}` and `t{(n + 5) % 7}` when n is a multiple of 3 or 5 respectively;
    /// every 11th record has none.
    fn topics_of(n: u32) -> Vec<String> {
        if n.is_multiple_of(11) {
            return Vec::new();
        }
        let mut topics = vec![format!("t{}", n % 7)];
        if n.is_multiple_of(3) {
            topics.push(format!("t{}", (n + 3) % 7));
        }
        if n.is_multiple_of(5) {
            topics.push(format!("t{}", (n + 5) % 7));
        }
        topics
    }

    #[test]
    fn a_column_gives_every_record_its_values_once() {
        let mut builder = Schema::builder();
        let topic = builder.add_facet_field("topic", FacetOptions::default());
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0..200 {
            let mut document = doc!();
            for value in topics_of(n) {
                document.add_facet(topic, Facet::from_path([value.as_str()]));
            }
            writer.add_document(document).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let reader = searcher.segment_reader(0);
        let column = FacetColumn::read(reader, topic).unwrap();
        assert_eq!(column.values, ["t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
        for n in 0..200 {
            let mut expected = topics_of(n);
            expected.sort();
            expected.dedup();
            let found: Vec<&str> = column
                .ords(n)
                .map(|ord| column.values[ord as usize].as_str())
                .collect();
            assert_eq!(found, expected, "record {n}");
        }
        assert_eq!(column.ords(200).count(), 0);
    }
}
