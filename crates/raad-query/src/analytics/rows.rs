//! What the analytics read of each matching record, and the one collector they read it with.
//!
//! [`RowColumns`] are one segment's columns: meeting date, answer, answer delay (from the
//! searcher's row cache) and the values of one facet (from its facet cache). A [`Tally`] folds a segment's matches into
//! counts as they come, in one pass, and turns facet ordinals into values when the segment is
//! done ([`Tally::harvest`]); [`TallyCollector`] runs it over every segment.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

use super::row_cache::{SearchRows, SegmentRows};
use crate::facet_cache::{FacetColumn, SearchColumns};

/// One segment's columns for the analytics: the cached rows and the grouping facet.
pub(crate) struct RowColumns {
    rows: Arc<SegmentRows>,
    group: Option<Arc<FacetColumn>>,
}

impl RowColumns {
    /// The record's meeting date as days since 1970-01-01.
    #[inline]
    pub fn day(&self, doc: DocId) -> Option<i64> {
        self.rows.day(doc)
    }

    /// Days from question to answer, when both dates are known.
    #[inline]
    pub fn delay(&self, doc: DocId) -> Option<i64> {
        self.rows.delay(doc)
    }

    /// Whether the record has an answer.
    #[inline]
    pub fn answered(&self, doc: DocId) -> bool {
        self.rows.answered(doc)
    }

    /// The ordinals of the record's values of the grouping facet, each once.
    #[inline]
    pub fn groups(&self, doc: DocId) -> impl Iterator<Item = u32> + '_ {
        self.group.iter().flat_map(move |column| column.ords(doc))
    }

    /// The number of values of the grouping facet in this segment.
    pub fn group_count(&self) -> usize {
        self.group.as_ref().map_or(0, |column| column.values.len())
    }

    /// The value of a grouping ordinal.
    pub fn group_value(&self, ord: usize) -> &str {
        self.group
            .as_ref()
            .and_then(|column| column.values.get(ord))
            .map_or("", String::as_str)
    }
}

/// A fold of one segment's matches.
pub(crate) trait Tally: Send + 'static {
    /// What a segment gives when done: counts keyed by value, not by ordinal.
    type Fruit: Send + 'static;
    /// Counts one matching record.
    fn add(&mut self, doc: DocId, rows: &RowColumns);
    /// The segment's counts, facet ordinals turned into values.
    fn harvest(self, rows: &RowColumns, segment: SegmentOrdinal) -> Self::Fruit;
}

/// Runs a [`Tally`] made by `make` over every segment; the fruit is every segment's.
pub(crate) struct TallyCollector<F> {
    /// The grouping facet's field, if the tally groups.
    pub group: Option<Field>,
    /// Its cached columns.
    pub columns: SearchColumns,
    /// The cached days, delays and answers of every segment.
    pub rows: SearchRows,
    /// A new tally for a segment, given the number of values of the grouping facet there.
    pub make: F,
}

impl<T, F> Collector for TallyCollector<F>
where
    T: Tally,
    F: Fn(usize) -> T + Send + Sync,
{
    type Fruit = Vec<T::Fruit>;
    type Child = TallySegment<T>;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TallySegment<T>> {
        let group = match self.group {
            Some(field) => Some(Arc::clone(
                self.columns
                    .get(&(reader.segment_id(), field))
                    .ok_or_else(|| {
                        TantivyError::InternalError("facet column not read".to_string())
                    })?,
            )),
            None => None,
        };
        let rows =
            RowColumns {
                rows: Arc::clone(self.rows.get(&(reader.segment_id(), ())).ok_or_else(|| {
                    TantivyError::InternalError("segment rows not read".to_string())
                })?),
                group,
            };
        Ok(TallySegment {
            tally: (self.make)(rows.group_count()),
            rows,
            segment,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<T::Fruit>) -> tantivy::Result<Vec<T::Fruit>> {
        Ok(fruits)
    }
}

/// One segment's share of a [`TallyCollector`].
pub(crate) struct TallySegment<T> {
    tally: T,
    rows: RowColumns,
    segment: SegmentOrdinal,
}

impl<T: Tally> SegmentCollector for TallySegment<T> {
    type Fruit = T::Fruit;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        self.tally.add(doc, &self.rows);
    }

    fn harvest(self) -> T::Fruit {
        self.tally.harvest(&self.rows, self.segment)
    }
}

/// The share `part / whole`, `None` when there is no whole.
pub(crate) fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}
