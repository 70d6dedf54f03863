//! raad-query: the read side of raad. Ranked search with filters, facets and snippets over a
//! raad index, and everything else that reads one: opening and checking it, statistics, and
//! the reads the indexer does for topic inference.
//!
//! The principal types:
//!
//! - [`Searcher`]: an open index ([`Searcher::open`] checks that this raad can read it), shared
//!   by any number of threads; [`Searcher::search`], [`Searcher::get`] and
//!   [`Searcher::similar`].
//! - [`SearchRequest`]: the query text and how to read it ([`Mode::Syntax`], the query
//!   language of [`parse`], or [`Mode::Plain`] words), [`Filters`], [`Sort`], paging, the
//!   [`Facet`]s to count and the snippet [`Highlight`] markers.
//! - [`SearchResults`]: plain serde data — the total, the page of [`Hit`]s with snippets, and
//!   [`FacetCount`]s per facet — ready for a table, JSON or CSV.
//! - [`QueryError`]: what went wrong, with the column of a mistake in the query text.
//! - [`open_index`]: the one check that this raad can read an index, behind every other open;
//!   [`index_stats`] summarizes an index ([`IndexStats`]). [`open_earlier_index`] opens an
//!   index of an earlier schema that raad upgrades, only to read its stored records back.
//! - [`check_index`]: whether an index is whole (checksums, document counts, stored
//!   records), as [`CheckReport`] findings. A damaged index is an error for every read
//!   ([`QueryError::IndexDamaged`]), never a panic.
//! - [`Watch`]: a saved search that reports what is new since it last ran (records that
//!   newly match, answers that arrived), given its previous [`WatchState`]
//!   ([`Searcher::watcher`], [`Watcher::run`]).
//! - [`analytics`]: the questions journalists ask of a search's match set — counts per
//!   period split by a facet ([`Searcher::trend`]), who asked most
//!   ([`Searcher::top_values`]), answer delays and deadlines ([`Searcher::answer_stats`]),
//!   overdue questions ([`Searcher::overdue`]) and many queries at once
//!   ([`Searcher::batch`]); each counts exactly the records [`Searcher::search`] totals.
//! - [`Snapshot`]: one commit read as it stood, for readers beside a writer (the indexer's
//!   topic inference): stored records, topic-source counts, and the records most like one
//!   ([`Snapshot::most_like`], the likeness of [`Searcher::similar`]).
//!
//! A search matches the records that hold every query word (a form of it, a compound holding
//! it, or a compound's parts in a row), so totals and facet counts can be published;
//! [`MatchMode::Any`] widens to any word for discovery, and says so in
//! [`SearchResults::matching`]. Facet counts are over every match, and a facet with a filter of its own ignores that
//! filter (choosing one party still shows how many matches every other party has). Query
//! words are analyzed by the same pipeline as the index, so stems and compound parts match
//! and are marked in snippets.
//!
//! Records and their parts come re-exported ([`Record`], [`Councillor`], [`Date`],
//! [`TopicSource`], [`Facet`], …), so a program that searches depends on raad-query alone.
//!
//! ```
//! use raad_query::{Facet, Highlight, MatchMode, SearchRequest, Searcher};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # // Two records in an index in RAM, written as raad-index would write them.
//! # use raad_query::{Councillor, Record};
//! # let schema = raad_core::RaadSchema::new();
//! # let index = tantivy::Index::create_in_ram(schema.schema.clone());
//! # raad_core::analysis::register_analyzers(index.tokenizers());
//! # let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
//! # for (id, party, title) in [
//! #     ("2016_MV_00146", "Groen", "Gevaarlijke fietspaden aan de Vrijdagmarkt"),
//! #     ("2016_MV_00150", "N-VA", "Fietsenstalling aan het station"),
//! # ] {
//! #     let mut record = Record::new(id);
//! #     record.title = Some(title.to_string());
//! #     record.councillors = vec![Councillor {
//! #         name: "Anne Coddens".to_string(),
//! #         party: Some(party.to_string()),
//! #         party_as_written: None,
//! #     }];
//! #     writer.add_document(schema.document(&record))?;
//! # }
//! # writer.commit()?;
//! // An index of two records; a program opens the folder `raad index` wrote with
//! // `Searcher::open("raad-index")?`.
//! let searcher = Searcher::from_index(index)?;
//! let request = SearchRequest::new("fietspad")
//!     .facets([Facet::Party])
//!     .highlight(Highlight::markdown());
//! let results = searcher.search(&request)?;
//! // Every query word must match: `fietspaden` is a form of `fietspad`; `Fietsenstalling`
//! // shares only a part of it, and matches only when asking for any word.
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].id, "2016_MV_00146");
//! assert_eq!(results.hits[0].snippet, "Gevaarlijke **fietspaden** aan de Vrijdagmarkt");
//! let any = searcher.search(&SearchRequest::new("fietspad").match_mode(MatchMode::Any))?;
//! assert_eq!(any.total, 2);
//! for count in &results.facets[&Facet::Party] {
//!     println!("{}: {}", count.value, count.count);
//! }
//! // The whole record behind a hit.
//! let record = searcher.get(&results.hits[0].id)?;
//! assert_eq!(record.councillors[0].party.as_deref(), Some("Groen"));
//! # Ok(())
//! # }
//! ```
#![warn(missing_docs)]

mod all_clauses;
pub mod analytics;
mod bm25;
mod check;
mod damage;
mod earlier;
mod edits;
mod error;
mod explain;
mod facet_cache;
mod facet_counter;
mod facet_values;
mod index_dir;
mod key_queries;
mod likeness;
mod nearest;
pub mod parse;
mod passes;
mod plan;
mod reader_directory;
mod request;
mod rescore;
mod results;
mod searcher;
mod sections;
mod segment_cache;
mod similarity;
mod snapshot;
mod snippet;
mod stats;
mod stored;
mod suggest;
mod tiered;
mod warning;
mod watch;

pub use check::{check_index, CheckReport, Finding, Problem};
pub use damage::quiet_caught_panics;
pub use earlier::{open_earlier_index, EarlierIndex};
pub use error::{QueryError, Result};
pub use facet_values::facet_values;
pub use index_dir::{open_index, OpenIndex};
pub use likeness::{LikenessIndex, LikenessScratch, LikenessSettings};
pub use request::{
    AldermanScope, Filters, Highlight, MatchMode, Mode, SearchRequest, Sort, DEFAULT_LIMIT,
    DEFAULT_SNIPPET_CHARS,
};
pub use results::{
    FacetCount, Fragment, Hit, HitCouncillor, HitsFrom, MatchKind, Nearest, SearchResults,
    WordMatch,
};
pub use searcher::Searcher;
pub use snapshot::{RecordLabel, Snapshot, TopicSourceRecords};
pub use stats::{index_stats, IndexStats};
pub use suggest::{Suggestion, SuggestionKind, RARE_FLOOR, RARE_RATIO, RARE_SHARE};
pub use warning::Warning;
pub use watch::{
    content_hash, Found, Reason, Report, Seen, Watch, WatchRun, WatchState, Watcher, WATCHES_FILE,
    WATCHES_LOCK,
};

// What requests, results and errors are made of, so that embedders need no other raad crate.
pub use raad_core::date::DateParseError;
pub use raad_core::index_meta::IndexMetaError;
pub use raad_core::party::PartyTable;
pub use raad_core::synonyms::Synonyms;
pub use raad_core::{Councillor, Date, Facet, Record, Source, TopicSource, UnknownFacet};

/// Planner internals that raad's benchmarks and ranking tests measure against: the terms a
/// prefix or fuzzy word expands to, and the title and question weights. Not part of the API;
/// only with the `bench-internals` feature.
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod bench_internals {
    pub use crate::plan::{
        expansions, fuzzy_distance, text_fuzzy_distance, QUESTION_WEIGHT, TITLE_WEIGHT,
    };
}
