//! The OpenAPI description of `/api/v1`, served at `/api/v1/openapi.json`: the schemas come
//! from the types the API serializes, the operations from the handlers' attributes.

use raad_query::analytics::{
    AnswerGroup, AnswerStats, EarlyAnswer, Overdue, OverdueRecord, Period, TopValue, TopValues,
    Trend, TrendPeriod,
};
use raad_query::{
    Councillor, Date, Facet, FacetCount, Hit, HitCouncillor, HitsFrom, IndexStats, MatchKind,
    MatchMode, Nearest, Record, SearchResults, Source, Suggestion, SuggestionKind, TopicSource,
    Warning, WordMatch,
};
use utoipa::{IntoParams, OpenApi};

use crate::api::Similar;
use crate::error::{ErrorBody, ErrorDetail};

/// The API's description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "raad",
        description = "Search city-council questions and answers. Read-only; errors are \
                       `{\"error\":{\"message\",\"column\"}}`."
    ),
    paths(
        crate::api::search,
        crate::csv_export::search_csv,
        crate::api::record,
        crate::api::similar,
        crate::api::stats,
        crate::api::openapi_json,
        crate::pages::analytics::trend_api,
        crate::pages::analytics::top_api,
        crate::pages::analytics::answers_api,
        crate::pages::analytics::overdue_api,
    ),
    components(schemas(
        SearchResults,
        Hit,
        HitCouncillor,
        FacetCount,
        Facet,
        HitsFrom,
        MatchMode,
        Nearest,
        WordMatch,
        MatchKind,
        Suggestion,
        SuggestionKind,
        Warning,
        Record,
        Councillor,
        Source,
        Date,
        TopicSource,
        IndexStats,
        Similar,
        ErrorBody,
        ErrorDetail,
        Trend,
        TrendPeriod,
        Period,
        TopValues,
        TopValue,
        AnswerStats,
        AnswerGroup,
        EarlyAnswer,
        Overdue,
        OverdueRecord,
    ))
)]
pub(crate) struct ApiDoc;

/// The parameters of a search (`/api/v1/search`, `/api/v1/search.csv`, and the page `/`).
/// Only for the description: [`crate::params::SearchParams`] reads them, and a test checks
/// that both name the same parameters.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Read by the derive only.
pub(crate) struct SearchQuery {
    /// The query text in raad's query language; empty matches every record.
    q: Option<String>,
    /// `syntax` (the default) or `plain`: only words, never an error.
    mode: Option<String>,
    /// `all` (the default: records with every word) or `any` (any word, for discovery).
    #[param(rename = "match")]
    match_: Option<String>,
    /// The record's council (an index of several councils); repeat for several (any of
    /// them).
    council: Option<Vec<String>>,
    /// Party of an asking councillor; repeat for several (any of them).
    party: Option<Vec<String>>,
    /// The responsible alderman; repeat for several.
    alderman: Option<Vec<String>>,
    /// `true`: the alderman filter also looks at involved aldermen.
    involved: Option<bool>,
    /// An asking councillor; repeat for several.
    councillor: Option<Vec<String>>,
    /// A topic; repeat for several.
    topic: Option<Vec<String>>,
    /// Where the topics came from: `given`, `inferred` or `rules`; repeat for several.
    topic_source: Option<Vec<String>>,
    /// The kind of record; repeat for several.
    kind: Option<Vec<String>>,
    /// Meeting date from: `2016`, `2016-03` or `2016-03-15`.
    from: Option<String>,
    /// Meeting date up to and including: `2016`, `2016-03` or `2016-03-15`.
    to: Option<String>,
    /// Only answered (`true`) or unanswered (`false`) records.
    answered: Option<bool>,
    /// `relevance` (the default), `newest` or `oldest`.
    sort: Option<String>,
    /// Hits skipped (paging; at most 10,000).
    offset: Option<usize>,
    /// Hits returned (10 by default; at most 100). The CSV has every match.
    limit: Option<usize>,
    /// `all` (the default for JSON), `none`, or a comma-separated list of council, party,
    /// alderman, topic, councillor, year, kind.
    facets: Option<String>,
    /// Values per facet at most (the most frequent).
    facet_limit: Option<usize>,
    /// Snippet markers: `html` (the default; the text escaped), `markdown` or `none`.
    markers: Option<String>,
    /// CSV for Excel: a byte order mark and `;` between cells.
    excel: Option<bool>,
    /// The page's language: `nl` or `en`.
    lang: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_names_the_parameters_the_server_reads() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let parameters = doc["paths"]["/api/v1/search"]["get"]["parameters"]
            .as_array()
            .unwrap();
        let mut described: Vec<&str> = parameters
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        described.sort_unstable();
        let mut read = crate::params::PARAMS.to_vec();
        read.sort_unstable();
        assert_eq!(described, read);
    }
}
