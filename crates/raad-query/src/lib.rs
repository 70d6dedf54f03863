//! raad-query: ranked search with filters, facets and snippets over a raad index.
#![warn(missing_docs)]

mod error;
mod facet_values;
pub mod parse;
mod plan;
mod request;
mod results;
mod searcher;
mod snippet;

pub use error::{QueryError, Result};
pub use facet_values::facet_values;
pub use plan::{
    fuzzy_distance, BODY_WEIGHT, MAX_EXPANSIONS, NAMES_WEIGHT, PART_WEIGHT, QUESTION_WEIGHT,
    TITLE_WEIGHT,
};
pub use request::{
    AldermanScope, Filters, Highlight, Mode, SearchRequest, Sort, DEFAULT_LIMIT,
    DEFAULT_SNIPPET_CHARS,
};
pub use results::{FacetCount, Fragment, Hit, HitCouncillor, SearchResults};
pub use searcher::Searcher;
