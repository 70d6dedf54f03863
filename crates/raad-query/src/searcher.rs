//! [`Searcher`]: an open index, searched from any number of threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use raad_core::analysis::SECTION_MARKER;
use raad_core::party::PartyTable;
use raad_core::synonyms::Synonyms;
use raad_core::{Facet, RaadSchema, Record};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Field;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy};

use crate::analytics::row_cache::{RowCache, SearchRows};
use crate::damage::guarded;
use crate::error::{QueryError, Result};
use crate::explain::explain;
use crate::facet_cache::{FacetCache, SearchColumns};
use crate::facet_counter::FacetCounter;
use crate::index_dir::{open_index, raad_schema};
use crate::key_queries::{key_query, plain_id_query};
use crate::nearest::nearest;
use crate::parse::{parse, ParsedQuery};
use crate::passes::{checks_per_record, page_collector, CheckedFilters, Passes};
use crate::plan::{assemble, assemble_without_facet_filters, FilterQueries, Planner, TextPlan};
use crate::request::{MatchMode, Mode, SearchRequest, Sort};
use crate::rescore::{rescore, SecondPhase, RESCORE_WINDOW};
use crate::results::{FacetCount, Hit, HitsFrom, SearchResults};
use crate::sections::SectionCache;
use crate::similarity::like_query;
use crate::snippet::{opening, Snippets};
use crate::stored;
use crate::suggest::suggestions;
use crate::warning::Warning;

/// A request planned ([`Searcher::plan`]).
pub(crate) struct Planned {
    /// The query text, without section markers.
    pub text: String,
    /// The parsed query (syntax mode).
    pub parsed: Option<ParsedQuery>,
    /// The text's queries.
    pub plan: TextPlan,
    /// The filters' queries, and warnings about their values.
    pub filters: FilterQueries,
    /// Which records match.
    pub matching: MatchMode,
}

/// The records a request matches, as the analytics read them ([`Searcher::with_matches`]).
pub(crate) struct MatchSet<'a> {
    /// The commit read.
    pub searcher: tantivy::Searcher,
    /// The index's fields.
    pub schema: &'a RaadSchema,
    /// The whole query: text and every filter (the exact match set).
    pub query: Box<dyn Query>,
    /// Filter values that match nothing.
    pub warnings: Vec<Warning>,
    facet_cache: &'a FacetCache,
    row_cache: &'a RowCache,
}

impl MatchSet<'_> {
    /// The cached columns of `facet` in every segment.
    pub fn facet_columns(&self, facet: Facet) -> Result<SearchColumns> {
        self.facet_cache
            .columns(&self.searcher, &[self.schema.facet_field(facet)])
    }

    /// The cached days, delays and answers of every segment.
    pub fn rows(&self) -> Result<SearchRows> {
        self.row_cache.rows(&self.searcher)
    }

    /// The record stored at `address`.
    pub fn record(&self, address: DocAddress) -> Result<Record> {
        stored::record_at(&self.searcher, self.schema, address)
    }
}

/// Length of the opening shown for hits of [`Searcher::similar`].
const SIMILAR_SNIPPET_CHARS: usize = 200;

/// A raad index opened for searching.
///
/// Cheap to share: it is `Send + Sync`, and every search takes the current snapshot of the
/// index, so one `Searcher` (in an `Arc`, or borrowed by scoped threads) serves many threads
/// at once. New commits of the indexer become visible shortly after they land.
pub struct Searcher {
    index: Index,
    /// The index directory (empty for an index built in memory), named by errors.
    dir: PathBuf,
    reader: IndexReader,
    schema: RaadSchema,
    facet_cache: FacetCache,
    /// Days, delays and answers per segment, for the analytics.
    row_cache: RowCache,
    /// Section lengths and question document frequencies per segment.
    sections: SectionCache,
    /// The party table party filter values are read with.
    parties: PartyTable,
    /// Synonyms of query words.
    synonyms: Synonyms,
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
        let dir = dir.as_ref();
        let opened = open_index(dir)?;
        let index = opened.index.clone();
        guarded(Some(&index), dir, || {
            Searcher::with_schema(opened.index, opened.schema, dir)
        })
    }

    /// Searches an index already opened (or built in RAM); registers raad's analyzers on it.
    /// No version check: the caller built the index with this raad.
    pub fn from_index(index: Index) -> Result<Searcher> {
        let schema = raad_schema(&index, Path::new(""))?;
        Searcher::with_schema(index, schema, Path::new(""))
    }

    /// Searches `index`, whose fields are `schema` (checked, analyzers registered).
    fn with_schema(index: Index, schema: RaadSchema, dir: &Path) -> Result<Searcher> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Searcher {
            index,
            dir: dir.to_path_buf(),
            reader,
            schema,
            facet_cache: FacetCache::default(),
            row_cache: RowCache::default(),
            sections: SectionCache::default(),
            parties: PartyTable::default(),
            synonyms: Synonyms::built_in(),
        })
    }

    /// Reads party filter values through `parties`, the table the records were read with
    /// (by default the built-in one), so `--party` takes every spelling a record may have
    /// had: with an alias `LVB<TAB>Lijst Van Brussel`, a filter `LVB` finds that party.
    #[must_use]
    pub fn with_parties(mut self, parties: PartyTable) -> Searcher {
        self.parties = parties;
        self
    }

    /// Searches query words with `synonyms` (by default [`Synonyms::built_in`]): a record
    /// holding a synonym of a word matches the word, ranked below the records holding the
    /// word itself. Synonyms apply to words and phrases in syntax mode (`Mode::Syntax`), not
    /// to prefix or fuzzy words, nor in plain mode. [`Synonyms::empty`] turns them off; a
    /// table file of one's own is read by [`Synonyms::from_file`] (replacing the built-in
    /// table) or [`Synonyms::extend_from_file`] (adding to it). The index needs no rebuild.
    #[must_use]
    pub fn with_synonyms(mut self, synonyms: Synonyms) -> Searcher {
        self.synonyms = synonyms;
        self
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

    /// Runs one search. [`QueryError::IndexDamaged`] when the index's files are damaged.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.guarded(|| self.search_unguarded(request))
    }

    /// Runs `read` over the records `request` matches (its text and filters; the page, sort
    /// and facets are not read), guarded like a search: the analytics' way in.
    pub(crate) fn with_matches<T>(
        &self,
        request: &SearchRequest,
        read: impl FnOnce(&MatchSet<'_>) -> Result<T>,
    ) -> Result<T> {
        self.guarded(|| {
            let searcher = self.reader.searcher();
            let Planned {
                plan, mut filters, ..
            } = self.plan(&searcher, request)?;
            let query = assemble(&plan, &filters);
            let set = MatchSet {
                searcher,
                schema: &self.schema,
                query,
                warnings: std::mem::take(&mut filters.warnings),
                facet_cache: &self.facet_cache,
                row_cache: &self.row_cache,
            };
            read(&set)
        })
    }

    /// Runs `read` on the index so that damage to its files is an error, not a panic.
    pub(crate) fn guarded<T>(&self, read: impl FnOnce() -> Result<T>) -> Result<T> {
        guarded(Some(&self.index), &self.dir, read)
    }

    fn search_unguarded(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let facets = requested_facets(&request.facets);
        let searcher = self.reader.searcher();
        let Planned {
            text,
            parsed,
            plan,
            mut filters,
            matching,
        } = self.plan(&searcher, request)?;
        let query = assemble(&plan, &filters);
        let sort = match (request.sort, &plan.scored) {
            // Without words every match scores alike; the newest come first.
            (Sort::Relevance, None) => Sort::Newest,
            (sort, _) => sort,
        };

        let check_facet_filters = checks_per_record(&filters.facet_filters, &plan, sort);

        // Facets: one collector for all of them, with the columns of the facets and of the
        // facet filters (a facet's counts ignore its own filter).
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
        let checked = check_facet_filters.then_some(CheckedFilters {
            filters: facet_filters,
            columns,
        });

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

        let passes = Passes::choose(page_size, counter, checked);
        let unfaceted = || assemble_without_facet_filters(&plan, &filters);
        let (total, mut page, tally) =
            passes.collect(&searcher, &query, unfaceted, sort, offset)?;
        if request.limit.is_none() && total > offset.max(page_offset) {
            let every_match = page_collector(sort, offset, total - offset);
            page = searcher.search(&query, &every_match)?;
        }
        // No record holds every word: the records that hold most of them, ranked, as hits;
        // the total stays the exact set's.
        let nearest = if total == 0 && matching == MatchMode::All {
            nearest(&searcher, &plan, &filters)?
        } else {
            None
        };
        let hits_from = if let Some((found, query)) = &nearest {
            let size = page_size.unwrap_or(found.total.saturating_sub(offset));
            if size > 0 && found.total > offset {
                page = searcher.search(query, &page_collector(sort, offset, size))?;
            }
            HitsFrom::Nearest
        } else {
            HitsFrom::Matches
        };
        if rescoring {
            let phase = SecondPhase {
                clauses: &plan.sections,
                body: self.schema.body,
                figures: self.sections.figures(&searcher, self.schema.body)?,
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
        let suggestions = suggestions(&searcher, &self.schema, &text, parsed.as_ref())?;
        Ok(SearchResults {
            total,
            matching,
            nearest: nearest.map(|(found, _)| found),
            hits_from,
            hits,
            facets,
            warnings: std::mem::take(&mut filters.warnings),
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
            suggestions,
        })
    }

    /// Plans a request's text and filters: what a search ranks and counts, and what the
    /// analytics count over (the same match set).
    pub(crate) fn plan(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
    ) -> Result<Planned> {
        let planner = Planner::new(
            searcher,
            &self.schema,
            &self.parties,
            &self.synonyms,
            &self.sections,
        )?;
        // The section marker separates title, question and answer inside `body`; typed into a
        // query it would find every record.
        let text = request.text.replace(SECTION_MARKER, " ");
        let parsed = match request.mode {
            Mode::Syntax => Some(parse(&text)?),
            Mode::Plain => None,
        };
        let plan = match &parsed {
            Some(parsed) => {
                planner.syntax(parsed, request.filters.alderman_scope, request.match_mode)?
            }
            None => planner.plain(&text)?,
        };
        let matching = match request.mode {
            Mode::Syntax => request.match_mode,
            Mode::Plain => MatchMode::Any,
        };
        let filters = FilterQueries::build(
            searcher,
            &self.schema,
            &self.parties,
            &request.filters,
            &plan,
        )?;
        Ok(Planned {
            text,
            parsed,
            plan,
            filters,
            matching,
        })
    }

    /// The query of `request`'s exact match set over `searcher` (a snapshot of this index),
    /// with the warnings about its filter values: the set `search` counts, and what
    /// [`crate::watch`] follows.
    pub(crate) fn match_query(
        &self,
        searcher: &tantivy::Searcher,
        request: &SearchRequest,
    ) -> Result<(Box<dyn Query>, Vec<crate::Warning>)> {
        let Planned {
            plan, mut filters, ..
        } = self.plan(searcher, request)?;
        let query = assemble(&plan, &filters);
        Ok((query, std::mem::take(&mut filters.warnings)))
    }

    /// The current snapshot of the index, for reads that span several queries.
    pub(crate) fn snapshot(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The index's fields.
    pub(crate) fn schema(&self) -> &RaadSchema {
        &self.schema
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
        let mut analyzers = if request.explain {
            Some((
                self.index.tokenizer_for_field(self.schema.body)?,
                self.index.tokenizer_for_field(self.schema.names)?,
            ))
        } else {
            None
        };
        let mut hits = Vec::with_capacity(page.len());
        for (score, address) in page {
            let record = self.record_at(searcher, address)?;
            let fragment = snippets.fragment(&record);
            let matched = match &mut analyzers {
                Some((dutch, names)) => explain(&record, &plan.items, dutch, names),
                None => Vec::new(),
            };
            let mut hit = Hit::from_record(record, score);
            hit.matched = matched;
            hit.snippet = fragment.marked(&request.highlight);
            hit.fragment = fragment;
            hits.push(hit);
        }
        Ok(hits)
    }

    /// The whole record with this id, in any form users type it (`2016_MV_00146`,
    /// `2016 mv 146`), or with council and id as `Gent/2016_MV_00146`;
    /// [`QueryError::NotFound`] when there is none, [`QueryError::Ambiguous`] when several
    /// councils have the id.
    pub fn get(&self, id: &str) -> Result<Record> {
        self.guarded(|| self.get_unguarded(None, id))
    }

    /// The whole record with this id in `council` (any case); [`QueryError::NotFound`] when
    /// that council has none.
    pub fn get_in(&self, council: &str, id: &str) -> Result<Record> {
        self.guarded(|| self.get_unguarded(Some(council), id))
    }

    fn get_unguarded(&self, council: Option<&str>, id: &str) -> Result<Record> {
        let searcher = self.reader.searcher();
        let address = match council {
            None => self.address_of(&searcher, id)?,
            Some(council) => {
                let key = raad_core::council::record_key(Some(council), id);
                self.address_of_key(&searcher, &key)?
                    .ok_or_else(|| QueryError::NotFound {
                        id: format!("{council}/{id}"),
                    })?
            }
        };
        self.record_at(&searcher, address)
    }

    /// Records about the same subject as record `id` (follow-up questions, the same question
    /// asked again), most similar first, at most `n`, without the record itself.
    pub fn similar(&self, id: &str, n: usize) -> Result<Vec<Hit>> {
        self.guarded(|| self.similar_unguarded(id, n))
    }

    fn similar_unguarded(&self, id: &str, n: usize) -> Result<Vec<Hit>> {
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
            (
                Occur::MustNot,
                Box::new(key_query(&self.schema, &record.key())),
            ),
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

    /// The record `id` names: `Gent/2016_MV_00146` one council's, else the one record of
    /// any council with the id.
    fn address_of(&self, searcher: &tantivy::Searcher, id: &str) -> Result<DocAddress> {
        if let Some((council, plain)) = raad_core::council::split_qualified(id) {
            let key = raad_core::council::record_key(Some(council), plain);
            if let Some(address) = self.address_of_key(searcher, &key)? {
                return Ok(address);
            }
        }
        // Every council's record with the id; at most a few.
        let found = searcher.search(
            &plain_id_query(&self.schema, id),
            &TopDocs::with_limit(MAX_CANDIDATES).order_by_score(),
        )?;
        match found.as_slice() {
            [] => Err(QueryError::NotFound { id: id.to_string() }),
            [(_, address)] => Ok(*address),
            several => {
                let mut candidates = several
                    .iter()
                    .map(|(_, address)| Ok(self.record_at(searcher, *address)?.qualified_id()))
                    .collect::<Result<Vec<String>>>()?;
                candidates.sort();
                Err(QueryError::Ambiguous {
                    id: id.to_string(),
                    candidates,
                })
            }
        }
    }

    /// The record with this unique key ([`Record::key`]), if there is one.
    fn address_of_key(
        &self,
        searcher: &tantivy::Searcher,
        key: &str,
    ) -> Result<Option<DocAddress>> {
        let found = searcher.search(
            &key_query(&self.schema, key),
            &TopDocs::with_limit(1).order_by_score(),
        )?;
        Ok(found.first().map(|(_, address)| *address))
    }

    fn record_at(&self, searcher: &tantivy::Searcher, address: DocAddress) -> Result<Record> {
        stored::record_at(searcher, &self.schema, address)
    }
}

/// Records an ambiguous id lists at most: enough councils for any region.
const MAX_CANDIDATES: usize = 100;

/// The requested facets in [`Facet::ALL`] order, each once.
fn requested_facets(requested: &[Facet]) -> Vec<Facet> {
    Facet::ALL
        .into_iter()
        .filter(|facet| requested.contains(facet))
        .collect()
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
