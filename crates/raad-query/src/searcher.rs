//! [`Searcher`]: an open index, searched from any number of threads.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use raad_core::analysis::SECTION_MARKER;
use raad_core::{Facet, RaadSchema, Record};
use tantivy::collector::{Collector, Count, MultiCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::{DateTime, DocAddress, Index, IndexReader, Order, ReloadPolicy};

use crate::error::{QueryError, Result};
use crate::facet_cache::FacetCache;
use crate::facet_cache::SearchColumns;
use crate::facet_counter::{FacetCounter, FacetFiltered};
use crate::index_dir::{open_index, raad_schema};
use crate::key_queries::id_query;
use crate::parse::parse;
use crate::plan::{assemble, assemble_without_facet_filters, FilterQueries, Planner, TextPlan};
use crate::request::{Mode, SearchRequest, Sort};
use crate::rescore::{rescore, SecondPhase, RESCORE_WINDOW};
use crate::results::{FacetCount, Hit, SearchResults};
use crate::sections::SectionLengthCache;
use crate::similarity::like_query;
use crate::snippet::{opening, Snippets};
use crate::stored;

/// The least share of records a search's facet filters let through (together) for them to be
/// checked record by record rather than intersected with the query; see [`Searcher::search`].
const MIN_SHARE_CHECKED: f64 = 0.05;

/// Length of the opening shown for hits of [`Searcher::similar`].
const SIMILAR_SNIPPET_CHARS: usize = 200;

/// A raad index opened for searching.
///
/// Cheap to share: it is `Send + Sync`, and every search takes the current snapshot of the
/// index, so one `Searcher` (in an `Arc`, or borrowed by scoped threads) serves many threads
/// at once. New commits of the indexer become visible shortly after they land.
pub struct Searcher {
    index: Index,
    reader: IndexReader,
    schema: RaadSchema,
    facet_cache: FacetCache,
    section_lengths: SectionLengthCache,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("records", &self.reader.searcher().num_docs())
            .finish_non_exhaustive()
    }
}

impl Searcher {
    /// Opens the index in `dir`, after the checks of [`open_index`](crate::open_index) (so
    /// with its errors: [`QueryError::NoIndex`], [`QueryError::IndexMeta`] for an index of
    /// another version, [`QueryError::IncompatibleSchema`]).
    pub fn open(dir: impl AsRef<Path>) -> Result<Searcher> {
        let opened = open_index(dir)?;
        Searcher::with_schema(opened.index, opened.schema)
    }

    /// Searches an index already opened (or built in RAM); registers raad's analyzers on it.
    /// No version check: the caller built the index with this raad.
    pub fn from_index(index: Index) -> Result<Searcher> {
        let schema = raad_schema(&index, Path::new(""))?;
        Searcher::with_schema(index, schema)
    }

    /// Searches `index`, whose fields are `schema` (checked, analyzers registered).
    fn with_schema(index: Index, schema: RaadSchema) -> Result<Searcher> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Searcher {
            index,
            reader,
            schema,
            facet_cache: FacetCache::default(),
            section_lengths: SectionLengthCache::default(),
        })
    }

    /// Makes the latest commit visible now (it becomes visible by itself shortly after).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// The number of records in the index.
    pub fn num_records(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The underlying tantivy index (for embedders that need more than raad offers).
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Runs one search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let facets = requested_facets(&request.facets);
        let searcher = self.reader.searcher();
        let planner = Planner::new(&searcher, &self.schema)?;
        // The section marker separates title, question and answer inside `body`; typed into a
        // query it would find every record.
        let text = request.text.replace(SECTION_MARKER, " ");
        let plan = match request.mode {
            Mode::Syntax => planner.syntax(&parse(&text)?, request.filters.alderman_scope)?,
            Mode::Plain => planner.plain(&text)?,
        };
        let mut filters = FilterQueries::build(&searcher, &self.schema, &request.filters)?;
        let query = assemble(&plan, &filters);
        let sort = match (request.sort, &plan.scored) {
            // Without words every match scores alike; the newest come first.
            (Sort::Relevance, None) => Sort::Newest,
            (sort, _) => sort,
        };

        // Facet filters that let a good share of the records through are cheaper to check
        // record by record from the facet cache than to intersect with the text's query,
        // which then seeks its union of term postings once per filtered record. Not for
        // phrases (the intersection spares checking positions of records filtered out) nor
        // without text (every record would be walked).
        let filter_share: f64 = filters.facet_filters.iter().map(|f| f.share).product();
        let check_facet_filters = !filters.facet_filters.is_empty()
            && plan.scored.is_some()
            && !plan.has_phrase
            && sort == Sort::Relevance
            && filter_share >= MIN_SHARE_CHECKED;

        // Facets: one collector for all of them. Without facet filters it joins the pass
        // that collects the page; with them it needs a pass without those filters (a
        // facet's counts ignore its own filter), and counts the total there too.
        let columns = if facets.is_empty() && !check_facet_filters {
            SearchColumns::default()
        } else {
            let fields: Vec<Field> = facets
                .iter()
                .map(|&facet| self.schema.facet_field(facet))
                .chain(filters.facet_filters.iter().map(|filter| filter.field))
                .collect();
            self.facet_cache.columns(&searcher, &fields)?
        };
        let facet_filters = std::mem::take(&mut filters.facet_filters);
        let counter = (!facets.is_empty()).then(|| FacetCounter {
            facets: facets
                .iter()
                .map(|&facet| (facet, self.schema.facet_field(facet)))
                .collect(),
            filters: facet_filters.clone(),
            columns: columns.clone(),
        });
        let (shared_counter, own_pass) = match counter {
            Some(counter) if counter.filters.is_empty() => (Some(counter), None),
            own_pass => (None, own_pass),
        };

        // tantivy reserves room for offset + limit hits: bound both by the index size, so a
        // huge page asked for (`--limit 999999999`) costs nothing and cannot overflow.
        let records = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let offset = request.offset.min(records);
        // `None`: every match, whose number is known only after counting.
        let page_size = request
            .limit
            .map(|limit| limit.min(records - offset))
            .filter(|limit| *limit > 0);
        // Ranked by relevance, the page is cut from the first phase's best hits once the
        // second phase has ordered them again (see `rescore`).
        let rescoring = sort == Sort::Relevance && !plan.sections.is_empty();
        let (offset, page_size, page_offset) = if rescoring {
            (
                0,
                page_size.map(|size| (offset + size).max(RESCORE_WINDOW).min(records)),
                offset,
            )
        } else {
            (offset, page_size, 0)
        };

        let (total, mut page, tally) = match (page_size, own_pass, shared_counter) {
            // Facet filters checked per record (see above): one pass over the matches of
            // the text and the other filters, for the page, the total and the facets.
            (Some(size), own_pass, None) if check_facet_filters => {
                let unfaceted = assemble_without_facet_filters(&plan, &filters);
                let top = TopDocs::with_limit(size)
                    .and_offset(offset)
                    .order_by_score();
                match own_pass {
                    Some(counter) => {
                        let page = FacetFiltered {
                            inner: top,
                            filters: facet_filters,
                            columns,
                        };
                        let (page, tally) = searcher.search(&unfaceted, &(page, counter))?;
                        (tally.total, page, Some(tally))
                    }
                    None => {
                        let page_and_count = FacetFiltered {
                            inner: (top, Count),
                            filters: facet_filters,
                            columns,
                        };
                        let (page, total) = searcher.search(&unfaceted, &page_and_count)?;
                        (total, page, None)
                    }
                }
            }
            // The page with the total or the facets: one pass, the collectors known to the
            // compiler (a `MultiCollector` calls each through a pointer for every match).
            (Some(size), None, None) => {
                let (page, total) = page_with(&searcher, &query, sort, offset, size, Count)?;
                (total, page, None)
            }
            (Some(size), None, Some(counter)) => {
                let (page, tally) = page_with(&searcher, &query, sort, offset, size, counter)?;
                (tally.total, page, Some(tally))
            }
            (Some(size), Some(counter), None) => {
                let page = page_alone(&searcher, &query, sort, offset, size)?;
                let unfaceted = assemble_without_facet_filters(&plan, &filters);
                let tally = searcher.search(&unfaceted, &counter)?;
                (tally.total, page, Some(tally))
            }
            // One pass for the page, the total (unless the facet pass counts it) and the
            // facets without filters of their own.
            (page_size, own_pass, shared_counter) => {
                let mut collectors = MultiCollector::new();
                let count = (own_pass.is_none() && shared_counter.is_none())
                    .then(|| collectors.add_collector(Count));
                let shared = shared_counter.map(|counter| collectors.add_collector(counter));
                let page =
                    page_size.map(|size| page_collector(&mut collectors, sort, offset, size));
                let mut fruit = if count.is_some() || shared.is_some() || page.is_some() {
                    Some(searcher.search(&query, &collectors)?)
                } else {
                    None
                };
                let tally = match (own_pass, shared, &mut fruit) {
                    (Some(counter), _, _) => {
                        let unfaceted = assemble_without_facet_filters(&plan, &filters);
                        Some(searcher.search(&unfaceted, &counter)?)
                    }
                    (None, Some(handle), Some(fruit)) => Some(handle.extract(fruit)),
                    _ => None,
                };
                let total = match (count, &mut fruit, &tally) {
                    (Some(count), Some(fruit), _) => count.extract(fruit),
                    (_, _, Some(tally)) => tally.total,
                    _ => 0,
                };
                let page = match (page, &mut fruit) {
                    (Some(page), Some(fruit)) => page.extract(fruit),
                    _ => Vec::new(),
                };
                (total, page, tally)
            }
        };
        if request.limit.is_none() && total > offset.max(page_offset) {
            page = page_alone(&searcher, &query, sort, offset, total - offset)?;
        }
        if rescoring {
            let phase = SecondPhase {
                clauses: &plan.sections,
                body: self.schema.body,
                average: self.section_lengths.average(&searcher, self.schema.body)?,
            };
            rescore(&searcher, &phase, &mut page)?;
            let size = request.limit.unwrap_or(usize::MAX);
            page = page.into_iter().skip(page_offset).take(size).collect();
        }
        let facet_counts = tally.map(|tally| tally.counts).unwrap_or_default();

        let hits = self.hits(&searcher, page, &plan, request)?;
        let facets = facet_counts
            .into_iter()
            .map(|(facet, counts)| (facet, facet_list(facet, counts, request.facet_limit)))
            .collect();
        Ok(SearchResults {
            total,
            hits,
            facets,
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// The hits of a page: stored records with their snippets.
    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        page: Vec<(f32, DocAddress)>,
        plan: &TextPlan,
        request: &SearchRequest,
    ) -> Result<Vec<Hit>> {
        let snippets = Snippets::new(
            plan.highlight.clone(),
            self.index.tokenizer_for_field(self.schema.body)?,
            request.snippet_chars,
        );
        let mut hits = Vec::with_capacity(page.len());
        for (score, address) in page {
            let record = self.record_at(searcher, address)?;
            let fragment = snippets.fragment(&record);
            let mut hit = Hit::from_record(record, score);
            hit.snippet = fragment.marked(&request.highlight);
            hit.fragment = fragment;
            hits.push(hit);
        }
        Ok(hits)
    }

    /// The whole record with this id, in any form users type it (`2016_MV_00146`,
    /// `2016 mv 146`); [`QueryError::NotFound`] when there is none.
    pub fn get(&self, id: &str) -> Result<Record> {
        let searcher = self.reader.searcher();
        let address = self.address_of(&searcher, id)?;
        self.record_at(&searcher, address)
    }

    /// Records about the same subject as record `id` (follow-up questions, the same question
    /// asked again), most similar first, at most `n`, without the record itself.
    pub fn similar(&self, id: &str, n: usize) -> Result<Vec<Hit>> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let address = self.address_of(&searcher, id)?;
        let record = self.record_at(&searcher, address)?;
        let total = searcher.num_docs();
        // The likeness topic inference uses too, so "similar" means one thing in raad.
        let like = like_query(&self.schema, &record, total);
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like) as Box<dyn Query>),
            (Occur::MustNot, Box::new(id_query(&self.schema, &record.id))),
        ]);
        let n = n.min(usize::try_from(total).unwrap_or(usize::MAX)).max(1);
        let top = searcher.search(&query, &TopDocs::with_limit(n).order_by_score())?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let record = self.record_at(&searcher, address)?;
            let fragment = opening(&record, SIMILAR_SNIPPET_CHARS);
            let mut hit = Hit::from_record(record, score);
            hit.snippet = fragment.text.clone();
            hit.fragment = fragment;
            hits.push(hit);
        }
        Ok(hits)
    }

    fn address_of(&self, searcher: &tantivy::Searcher, id: &str) -> Result<DocAddress> {
        let found = searcher.search(
            &id_query(&self.schema, id),
            &TopDocs::with_limit(1).order_by_score(),
        )?;
        found
            .first()
            .map(|(_, address)| *address)
            .ok_or_else(|| QueryError::NotFound { id: id.to_string() })
    }

    fn record_at(&self, searcher: &tantivy::Searcher, address: DocAddress) -> Result<Record> {
        stored::record_at(searcher, &self.schema, address)
    }
}

/// The requested facets in [`Facet::ALL`] order, each once.
fn requested_facets(requested: &[Facet]) -> Vec<Facet> {
    Facet::ALL
        .into_iter()
        .filter(|facet| requested.contains(facet))
        .collect()
}

type PageHandle = tantivy::collector::FruitHandle<Vec<(f32, DocAddress)>>;

/// Adds the collector of one page in the requested order; the handle yields (score, address).
fn page_collector(
    collectors: &mut MultiCollector<'_>,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> PageHandle {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    match sort {
        Sort::Relevance => collectors.add_collector(top.order_by_score()),
        Sort::Newest | Sort::Oldest => {
            let order = if sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            collectors.add_collector(ByDate(top.order_by_fast_field::<DateTime>("date", order)))
        }
    }
}

/// One page in the requested order, collected alone (so tantivy may prune by score).
fn page_alone(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> Result<Vec<(f32, DocAddress)>> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    let page = match sort {
        Sort::Relevance => searcher.search(query, &top.order_by_score())?,
        Sort::Newest | Sort::Oldest => {
            let order = if sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            searcher.search(
                query,
                &ByDate(top.order_by_fast_field::<DateTime>("date", order)),
            )?
        }
    };
    Ok(page)
}

/// A page of hits: (score, address), the score 0 when sorted by date.
type Page = Vec<(f32, DocAddress)>;

/// One page in the requested order and what `other` collects, in one pass.
fn page_with<C: Collector>(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    sort: Sort,
    offset: usize,
    limit: usize,
    other: C,
) -> Result<(Page, C::Fruit)> {
    let top = TopDocs::with_limit(limit.max(1)).and_offset(offset);
    let found = match sort {
        Sort::Relevance => searcher.search(query, &(top.order_by_score(), other))?,
        Sort::Newest | Sort::Oldest => {
            let order = if sort == Sort::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let by_date = ByDate(top.order_by_fast_field::<DateTime>("date", order));
            searcher.search(query, &(by_date, other))?
        }
    };
    Ok(found)
}

/// Date-ordered hits reported with score 0, so both orders share one fruit type.
struct ByDate<C>(C);

impl<C> tantivy::collector::Collector for ByDate<C>
where
    C: tantivy::collector::Collector<Fruit = Vec<(Option<DateTime>, DocAddress)>>,
{
    type Fruit = Vec<(f32, DocAddress)>;
    type Child = C::Child;

    fn for_segment(
        &self,
        segment_local_id: tantivy::SegmentOrdinal,
        segment: &tantivy::SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        self.0.for_segment(segment_local_id, segment)
    }

    fn requires_scoring(&self) -> bool {
        self.0.requires_scoring()
    }

    fn merge_fruits(
        &self,
        segment_fruits: Vec<<Self::Child as tantivy::collector::SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        let merged = self.0.merge_fruits(segment_fruits)?;
        Ok(merged
            .into_iter()
            .map(|(_, address)| (0.0, address))
            .collect())
    }
}

/// One facet's counts as a list: most frequent first (ties by value); `year` oldest first.
fn facet_list(
    facet: Facet,
    counts: BTreeMap<String, u64>,
    limit: Option<usize>,
) -> Vec<FacetCount> {
    let mut list: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    if facet == Facet::Year {
        list.sort_by(|a, b| a.value.cmp(&b.value));
    } else {
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
    if let Some(limit) = limit {
        if facet == Facet::Year {
            // Keep the busiest years, still in order.
            let mut busiest = list.clone();
            busiest.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            busiest.truncate(limit);
            list.retain(|entry| busiest.contains(entry));
        } else {
            list.truncate(limit);
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn searcher_is_shared_between_threads() {
        assert_send_sync::<Searcher>();
    }

    #[test]
    fn requested_facets_come_once_in_display_order() {
        assert_eq!(
            requested_facets(&[Facet::Year, Facet::Party, Facet::Year]),
            [Facet::Party, Facet::Year]
        );
    }
}
