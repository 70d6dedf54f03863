//! How one search collects its page, its total and its facet counts: [`Passes`], chosen by
//! [`Passes::choose`], in as few passes over the matches as the request allows, and the one
//! page collector every pass uses ([`page_collector`]).

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::{Query, Weight};
use tantivy::schema::Schema;
use tantivy::{
    DateTime, DocAddress, DocId, Order, Score, SegmentOrdinal, SegmentReader, TantivyError,
};

use crate::error::Result;
use crate::facet_cache::SearchColumns;
use crate::facet_counter::{FacetCounter, FacetFilter, FacetFiltered, FacetTally};
use crate::plan::TextPlan;
use crate::request::Sort;

/// The least share of records a search's facet filters let through (together) for them to be
/// checked record by record rather than intersected with the query.
const MIN_SHARE_CHECKED: f64 = 0.05;

/// A page of hits: (score, address), the score 0 when sorted by date.
pub(crate) type Page = Vec<(Score, DocAddress)>;

/// Whether a search's facet filters are checked record by record from the facet cache
/// rather than intersected with its query. Filters that let a good share of the records
/// through are cheaper to check than to intersect with the text's query, which then seeks
/// its union of term postings once per filtered record. Not for phrases (the intersection
/// spares checking positions of records filtered out), nor without text (every record would
/// be walked), nor in date order.
pub(crate) fn checks_per_record(filters: &[FacetFilter], plan: &TextPlan, sort: Sort) -> bool {
    let share: f64 = filters.iter().map(|filter| filter.share).product();
    !filters.is_empty()
        && plan.scored.is_some()
        && !plan.has_phrase
        && sort == Sort::Relevance
        && share >= MIN_SHARE_CHECKED
}

/// Facet filters checked record by record (see [`checks_per_record`]).
pub(crate) struct CheckedFilters {
    /// The request's facet filters.
    pub filters: Vec<FacetFilter>,
    /// The columns they read, for every segment.
    pub columns: SearchColumns,
}

/// The passes of one search over its matches.
///
/// A page ordered by score and collected alone lets tantivy skip records that cannot reach
/// it; in the same pass as other collectors, tuples of them (known to the compiler, unlike a `MultiCollector`
/// that calls each through a pointer for every match) see every match. When every match is
/// asked for, no page is collected here: the searcher collects it afterwards, in a pass of
/// its own sized by the total.
pub(crate) enum Passes {
    /// One pass over the matches of the text and the filters that belong to no facet, the
    /// facet filters checked per record: the page, the total and the facets, if asked for.
    FacetFiltersChecked {
        /// The page's size.
        page: usize,
        /// The facet filters and their columns.
        checked: CheckedFilters,
        /// The facets to count (they ignore their own filters).
        counter: Option<FacetCounter>,
    },
    /// One pass over the whole query: the page, if any, with the total, or with the facets
    /// (which count the total too) when no facet has a filter of its own.
    Together {
        /// The page's size; `None` for no page.
        page: Option<usize>,
        /// The facets to count, none of them filtered.
        counter: Option<FacetCounter>,
    },
    /// Facets with filters of their own count over the query without those filters (a
    /// facet's counts ignore its own filter), in a pass that counts the total too; the page,
    /// if any, comes from a pass of its own over the whole query.
    FacetsApart {
        /// The page's size; `None` for no page.
        page: Option<usize>,
        /// The facets to count and the request's facet filters.
        counter: FacetCounter,
    },
}

/// What the passes found: the total, the page and the facet counts, if asked for.
pub(crate) type Collected = (usize, Page, Option<FacetTally>);

impl Passes {
    /// The passes for a page of `page` hits (`None`: no page), the facets of `counter`, and
    /// facet filters to check per record (`checked`, when the searcher found that cheaper
    /// than intersecting them with the query). Checking applies only with a page to collect:
    /// without one, facets and total need no more than [`Passes::FacetsApart`] or
    /// [`Passes::Together`] would do.
    pub fn choose(
        page: Option<usize>,
        counter: Option<FacetCounter>,
        checked: Option<CheckedFilters>,
    ) -> Passes {
        match (page, checked, counter) {
            (Some(page), Some(checked), counter) => Passes::FacetFiltersChecked {
                page,
                checked,
                counter,
            },
            (page, _, Some(counter)) if !counter.filters.is_empty() => {
                Passes::FacetsApart { page, counter }
            }
            (page, _, counter) => Passes::Together { page, counter },
        }
    }

    /// Runs the passes: `query` is the whole query, `unfaceted` builds the query without the
    /// facet filters; the page starts at `offset` in `sort` order.
    pub fn collect(
        self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        unfaceted: impl FnOnce() -> Box<dyn Query>,
        sort: Sort,
        offset: usize,
    ) -> Result<Collected> {
        Ok(match self {
            Passes::FacetFiltersChecked {
                page,
                checked,
                counter,
            } => {
                let page = page_collector(sort, offset, page);
                let CheckedFilters { filters, columns } = checked;
                match counter {
                    Some(counter) => {
                        let page = FacetFiltered {
                            inner: page,
                            filters,
                            columns,
                        };
                        let (page, tally) = searcher.search(&*unfaceted(), &(page, counter))?;
                        (tally.total, page, Some(tally))
                    }
                    None => {
                        let page_and_count = FacetFiltered {
                            inner: (page, Count),
                            filters,
                            columns,
                        };
                        let (page, total) = searcher.search(&*unfaceted(), &page_and_count)?;
                        (total, page, None)
                    }
                }
            }
            Passes::Together { page, counter } => {
                let page = page.map(|size| page_collector(sort, offset, size));
                match (page, counter) {
                    (Some(page), None) => {
                        let (page, total) = searcher.search(query, &(page, Count))?;
                        (total, page, None)
                    }
                    (Some(page), Some(counter)) => {
                        let (page, tally) = searcher.search(query, &(page, counter))?;
                        (tally.total, page, Some(tally))
                    }
                    (None, None) => (searcher.search(query, &Count)?, Page::new(), None),
                    (None, Some(counter)) => {
                        let tally = searcher.search(query, &counter)?;
                        (tally.total, Page::new(), Some(tally))
                    }
                }
            }
            Passes::FacetsApart { page, counter } => {
                let page = match page {
                    Some(size) => searcher.search(query, &page_collector(sort, offset, size))?,
                    None => Page::new(),
                };
                let tally = searcher.search(&*unfaceted(), &counter)?;
                (tally.total, page, Some(tally))
            }
        })
    }
}

/// Hits by date as tantivy's fast-field order gives them.
type DatedHits = Vec<(Option<DateTime>, DocAddress)>;

/// The collector of one page of `limit` hits from `offset` on, in `sort` order. Alone, it is
/// tantivy's own top-k collector (which skips what cannot reach the page when ordered by
/// score); by date, the hits carry the score 0.
pub(crate) fn page_collector(
    sort: Sort,
    offset: usize,
    limit: usize,
) -> PageCollector<impl Collector<Fruit = Page>, impl Collector<Fruit = DatedHits>> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    match sort {
        Sort::Relevance => PageCollector::ByScore(top.order_by_score()),
        Sort::Newest => {
            PageCollector::ByDate(top.order_by_fast_field::<DateTime>("date", Order::Desc))
        }
        Sort::Oldest => {
            PageCollector::ByDate(top.order_by_fast_field::<DateTime>("date", Order::Asc))
        }
    }
}

/// A page collector ordered by score or by date; also its segment collectors and their
/// fruits, which keep the same order.
pub(crate) enum PageCollector<S, D> {
    /// Best score first.
    ByScore(S),
    /// By date, newest or oldest first.
    ByDate(D),
}

impl<S, D> Collector for PageCollector<S, D>
where
    S: Collector<Fruit = Page>,
    D: Collector<Fruit = DatedHits>,
{
    type Fruit = Page;
    type Child = PageCollector<S::Child, D::Child>;

    fn check_schema(&self, schema: &Schema) -> tantivy::Result<()> {
        match self {
            PageCollector::ByScore(top) => top.check_schema(schema),
            PageCollector::ByDate(top) => top.check_schema(schema),
        }
    }

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(match self {
            PageCollector::ByScore(top) => {
                PageCollector::ByScore(top.for_segment(segment_ord, reader)?)
            }
            PageCollector::ByDate(top) => {
                PageCollector::ByDate(top.for_segment(segment_ord, reader)?)
            }
        })
    }

    fn requires_scoring(&self) -> bool {
        match self {
            PageCollector::ByScore(top) => top.requires_scoring(),
            PageCollector::ByDate(top) => top.requires_scoring(),
        }
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Page> {
        let mixed = || TantivyError::InternalError("page segments in two orders".to_string());
        match self {
            PageCollector::ByScore(top) => {
                let fruits = segment_fruits
                    .into_iter()
                    .map(|fruit| match fruit {
                        PageCollector::ByScore(hits) => Ok(hits),
                        PageCollector::ByDate(_) => Err(mixed()),
                    })
                    .collect::<tantivy::Result<Vec<_>>>()?;
                top.merge_fruits(fruits)
            }
            PageCollector::ByDate(top) => {
                let fruits = segment_fruits
                    .into_iter()
                    .map(|fruit| match fruit {
                        PageCollector::ByDate(hits) => Ok(hits),
                        PageCollector::ByScore(_) => Err(mixed()),
                    })
                    .collect::<tantivy::Result<Vec<_>>>()?;
                Ok(top
                    .merge_fruits(fruits)?
                    .into_iter()
                    .map(|(_, address)| (0.0, address))
                    .collect())
            }
        }
    }

    // tantivy's own segment collection, so that a page ordered by score and collected alone
    // keeps its pruning.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<<Self::Child as SegmentCollector>::Fruit> {
        Ok(match self {
            PageCollector::ByScore(top) => {
                PageCollector::ByScore(top.collect_segment(weight, segment_ord, reader)?)
            }
            PageCollector::ByDate(top) => {
                PageCollector::ByDate(top.collect_segment(weight, segment_ord, reader)?)
            }
        })
    }
}

impl<S, D> SegmentCollector for PageCollector<S, D>
where
    S: SegmentCollector,
    D: SegmentCollector,
{
    type Fruit = PageCollector<S::Fruit, D::Fruit>;

    fn collect(&mut self, doc: DocId, score: Score) {
        match self {
            PageCollector::ByScore(top) => top.collect(doc, score),
            PageCollector::ByDate(top) => top.collect(doc, score),
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        match self {
            PageCollector::ByScore(top) => top.collect_block(docs),
            PageCollector::ByDate(top) => top.collect_block(docs),
        }
    }

    fn harvest(self) -> Self::Fruit {
        match self {
            PageCollector::ByScore(top) => PageCollector::ByScore(top.harvest()),
            PageCollector::ByDate(top) => PageCollector::ByDate(top.harvest()),
        }
    }
}
