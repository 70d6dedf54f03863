//! [`FacetCounter`]: every requested facet counted in one pass, with disjunctive filters.
//!
//! A facet's counts ignore that facet's own filter and respect the others. With tantivy's
//! `FacetCollector` that takes one pass per filtered facet (each with the other filters),
//! plus one collector per facet in the main pass. Here one collector runs over the matches
//! of the text and of the filters that belong to no facet, and checks each facet filter on
//! each record from the cached facet columns ([`crate::facet_cache`]): a record that passes
//! every facet filter counts for every facet (and for the total); one that fails the filters
//! of a single facet counts only for that facet; one that fails filters of several facets
//! counts for none. A facet with two filters (one from the query text, one from the
//! request) ignores both.

use std::collections::BTreeMap;
use std::sync::Arc;

use raad_core::Facet;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

use crate::facet_cache::{FacetColumn, SearchColumns};

/// A facet filter: records with one of `values` in facet field `field` pass.
#[derive(Debug, Clone)]
pub(crate) struct FacetFilter {
    /// The facet the filter belongs to.
    pub facet: Facet,
    /// The field it reads: the facet's own, or `aldermen_any` for the alderman filter that
    /// includes the involved aldermen.
    pub field: Field,
    /// The facet values that pass, as in the index.
    pub values: Vec<String>,
    /// About the share of records that pass (at most 1; more when records hold several
    /// of the values).
    pub share: f64,
}

/// Counts of the requested facets and the number of records passing every facet filter.
pub(crate) struct FacetCounter {
    /// The facets to count, each with the field it is counted from.
    pub facets: Vec<(Facet, Field)>,
    /// The request's facet filters: each facet ignores its own and respects the others.
    pub filters: Vec<FacetFilter>,
    /// The columns of every facet and filter field, for every segment.
    pub columns: SearchColumns,
}

/// What a [`FacetCounter`] found: per facet, the count of each value; and the total.
#[derive(Debug, Default)]
pub(crate) struct FacetTally {
    /// Per counted facet, the number of records with each value.
    pub counts: BTreeMap<Facet, BTreeMap<String, u64>>,
    /// Records that pass every facet filter.
    pub total: usize,
}

impl FacetCounter {
    fn column(&self, reader: &SegmentReader, field: Field) -> tantivy::Result<Arc<FacetColumn>> {
        column(&self.columns, reader, field)
    }
}

fn column(
    columns: &SearchColumns,
    reader: &SegmentReader,
    field: Field,
) -> tantivy::Result<Arc<FacetColumn>> {
    columns
        .get(&(reader.segment_id(), field))
        .cloned()
        .ok_or_else(|| {
            let name = reader.schema().get_field_name(field);
            TantivyError::InternalError(format!("facet column `{name}` was not read"))
        })
}

/// The facet filters of a search in one segment, checked record by record.
struct SegmentFilters {
    /// Per filter: its facet, its column and whether each value ordinal passes.
    filters: Vec<(Facet, Arc<FacetColumn>, Vec<bool>)>,
}

/// Which facet filters a record fails.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Failed {
    None,
    /// Only filters of this facet.
    One(Facet),
    /// Filters of several facets.
    Several,
}

impl SegmentFilters {
    fn new(
        filters: &[FacetFilter],
        columns: &SearchColumns,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFilters> {
        let mut checked = Vec::with_capacity(filters.len());
        for filter in filters {
            let column = column(columns, reader, filter.field)?;
            let passes = column
                .values
                .iter()
                .map(|value| filter.values.contains(value))
                .collect();
            checked.push((filter.facet, column, passes));
        }
        Ok(SegmentFilters { filters: checked })
    }

    fn failed(&self, doc: DocId) -> Failed {
        let mut failed = Failed::None;
        for (facet, column, passes) in &self.filters {
            let passed = column
                .ords(doc)
                .any(|ord| passes.get(ord as usize).copied().unwrap_or(false));
            if !passed {
                match failed {
                    Failed::None => failed = Failed::One(*facet),
                    Failed::One(other) if other == *facet => {}
                    _ => return Failed::Several,
                }
            }
        }
        failed
    }
}

/// A collector that sees only the records passing every facet filter: the filters applied
/// from the facet cache instead of intersected with the query (see [`crate::Searcher`] for
/// when that is faster).
pub(crate) struct FacetFiltered<C> {
    /// The collector that sees only the records every filter lets through.
    pub inner: C,
    /// The facet filters, checked record by record.
    pub filters: Vec<FacetFilter>,
    /// The columns the filters read, for every segment.
    pub columns: SearchColumns,
}

impl<C: Collector> Collector for FacetFiltered<C> {
    type Fruit = C::Fruit;
    type Child = SegmentFacetFiltered<C::Child>;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SegmentFacetFiltered {
            inner: self.inner.for_segment(segment_ord, reader)?,
            filters: SegmentFilters::new(&self.filters, &self.columns, reader)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        self.inner.merge_fruits(segment_fruits)
    }
}

/// One segment's share of a [`FacetFiltered`] collector.
pub(crate) struct SegmentFacetFiltered<S> {
    inner: S,
    filters: SegmentFilters,
}

impl<S: SegmentCollector> SegmentCollector for SegmentFacetFiltered<S> {
    type Fruit = S::Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        if self.filters.failed(doc) == Failed::None {
            self.inner.collect(doc, score);
        }
    }

    fn harvest(self) -> S::Fruit {
        self.inner.harvest()
    }
}

impl Collector for FacetCounter {
    type Fruit = FacetTally;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let mut facets = Vec::with_capacity(self.facets.len());
        for &(facet, field) in &self.facets {
            let column = self.column(reader, field)?;
            facets.push(SegmentFacet {
                facet,
                counts: vec![0u64; column.values.len()],
                column,
            });
        }
        Ok(SegmentFacetCounter {
            facets,
            filters: SegmentFilters::new(&self.filters, &self.columns, reader)?,
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentTally>) -> tantivy::Result<FacetTally> {
        let mut tally = FacetTally::default();
        for &(facet, _) in &self.facets {
            tally.counts.insert(facet, BTreeMap::new());
        }
        for segment in segments {
            tally.total += segment.total;
            for (facet, counts) in segment.counts {
                let merged = tally.counts.entry(facet).or_default();
                for (value, count) in counts {
                    *merged.entry(value).or_default() += count;
                }
            }
        }
        Ok(tally)
    }
}

struct SegmentFacet {
    /// The facet counted.
    facet: Facet,
    /// The facet's values in this segment.
    column: Arc<FacetColumn>,
    /// Records per value ordinal.
    counts: Vec<u64>,
}

/// One segment's share of a [`FacetCounter`].
pub(crate) struct SegmentFacetCounter {
    facets: Vec<SegmentFacet>,
    filters: SegmentFilters,
    total: usize,
}

/// One segment's counts, by value.
pub(crate) struct SegmentTally {
    counts: Vec<(Facet, Vec<(String, u64)>)>,
    total: usize,
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = SegmentTally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let failed = match self.filters.failed(doc) {
            Failed::Several => return,
            Failed::None => {
                self.total += 1;
                None
            }
            Failed::One(facet) => Some(facet),
        };
        for facet in &mut self.facets {
            // A record that fails only a facet's own filters counts for that facet alone.
            if failed.is_some_and(|failed| failed != facet.facet) {
                continue;
            }
            for ord in facet.column.ords(doc) {
                if let Some(count) = facet.counts.get_mut(ord as usize) {
                    *count += 1;
                }
            }
        }
    }

    fn harvest(self) -> SegmentTally {
        let counts = self
            .facets
            .into_iter()
            .map(|facet| {
                let counted = facet
                    .counts
                    .iter()
                    .zip(&facet.column.values)
                    .filter(|(count, _)| **count > 0)
                    .map(|(count, value)| (value.clone(), *count))
                    .collect();
                (facet.facet, counted)
            })
            .collect();
        SegmentTally {
            counts,
            total: self.total,
        }
    }
}
