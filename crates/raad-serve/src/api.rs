//! The JSON API under `/api/v1`: the library's data as it serializes it.

use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use raad_query::{Facet, Highlight, Hit, IndexStats, Record, SearchResults};
use serde::Serialize;

use utoipa::{OpenApi, ToSchema};

use crate::error::{ApiError, ErrorBody};
use crate::marked::marked;
use crate::openapi::{ApiDoc, SearchQuery};
use crate::params::{Markers, ParamError, SearchParams};
use crate::state::App;
use crate::{csv_export, pages};

/// Similar records listed when `limit` is not given.
const DEFAULT_SIMILAR: usize = 10;

/// The routes below `/api/v1`.
pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/search", get(search))
        .route("/search.csv", get(csv_export::search_csv))
        .route("/records/{id}", get(record))
        .route("/records/{id}/similar", get(similar))
        .route("/stats", get(stats))
        .route("/openapi.json", get(openapi_json))
        // The place for the analytics endpoints (trend, top values, answer statistics).
        .merge(pages::analytics::api_routes())
}

/// Search the records.
///
/// The search results: the exact total, the page of hits and every facet's counts (unless
/// `facets` says otherwise). Snippets carry `<mark>` around matched words with the record's
/// text HTML-escaped (`markers=html`, the default), `**` (`markdown`) or nothing (`none`).
#[utoipa::path(get, path = "/api/v1/search", params(SearchQuery), responses(
    (status = 200, description = "The results", body = SearchResults),
    (status = 400, description = "A mistake in the query (with its column) or a parameter", body = ErrorBody),
    (status = 503, description = "The index is damaged", body = ErrorBody),
))]
pub(crate) async fn search(
    State(app): State<App>,
    RawQuery(query): RawQuery,
) -> Result<Json<SearchResults>, ApiError> {
    let params = SearchParams::from_query(query.as_deref().unwrap_or(""), app.limits())?;
    let highlight = match params.markers {
        Markers::Markdown => Highlight::markdown(),
        // HTML is made here from the plain fragment, so that the record's text is escaped.
        Markers::Html | Markers::None => Highlight::none(),
    };
    let request = params.request(&Facet::ALL, highlight);
    let mut results = app.read(move |searcher| searcher.search(&request)).await?;
    if params.markers == Markers::Html {
        for hit in &mut results.hits {
            hit.snippet = marked(&hit.fragment).into_string();
        }
    }
    Ok(Json(results))
}

/// One whole record, by its id in any form users type it (`2016_MV_00146`, `2016 mv 146`).
///
/// In an index of several councils, an id that more than one council has is answered with
/// 409 Conflict and the candidates (`error.candidates`, each `Council/id`); the id with its
/// council (`Gent%2F2016_MV_00146`) or `?council=Gent` picks one.
#[utoipa::path(get, path = "/api/v1/records/{id}",
    params(
        ("id" = String, Path, description = "The record's id, or `Council/id`"),
        ("council" = Option<String>, Query, description = "The record's council (any case)"),
    ),
    responses(
        (status = 200, description = "The record", body = Record),
        (status = 404, description = "No record has this id", body = ErrorBody),
        (status = 409, description = "Several councils have this id; `candidates` lists them", body = ErrorBody),
    ))]
pub(crate) async fn record(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Record>, ApiError> {
    let council = council_param(query.as_deref(), &[])?;
    Ok(Json(
        app.read(move |searcher| match &council {
            Some(council) => searcher.get_in(council, &id),
            None => searcher.get(&id),
        })
        .await?,
    ))
}

/// The `council` parameter, the only one besides `others`, each of which is returned unread.
fn council_param(query: Option<&str>, others: &[&str]) -> Result<Option<String>, ApiError> {
    let mut allowed = vec!["council"];
    allowed.extend_from_slice(others);
    let mut council = None;
    for (name, value) in only_params(query, &allowed)? {
        if name == "council" {
            council = Some(value);
        }
    }
    Ok(council)
}

/// The similar records of one.
#[derive(Serialize, ToSchema)]
pub(crate) struct Similar {
    /// The record's id as the council writes it.
    id: String,
    /// The most similar first.
    hits: Vec<Hit>,
}

/// The records most like one (follow-up questions, the same subject again), most similar first.
#[utoipa::path(get, path = "/api/v1/records/{id}/similar",
    params(
        ("id" = String, Path, description = "The record's id"),
        ("limit" = Option<usize>, Query, description = "How many, at most (10 when not given; at most 100)"),
    ),
    responses(
        (status = 200, description = "The similar records", body = Similar),
        (status = 404, description = "No record has this id", body = ErrorBody),
    ))]
pub(crate) async fn similar(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Similar>, ApiError> {
    let max = app.limits().max_limit;
    let mut limit = DEFAULT_SIMILAR.min(max);
    for (name, value) in only_params(query.as_deref(), &["limit"])? {
        if name == "limit" {
            limit = value
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| ParamError::Invalid {
                    name: name.clone(),
                    message: format!("takes a number up to {max}"),
                })?;
        }
    }
    let found = app
        .read(move |searcher| {
            let record = searcher.get(&id)?;
            let hits = searcher.similar(&record.qualified_id(), limit)?;
            Ok(Similar {
                id: record.id,
                hits,
            })
        })
        .await?;
    Ok(Json(found))
}

/// What the index holds: records, kinds, dates, answered records, topic sources.
#[utoipa::path(get, path = "/api/v1/stats", responses(
    (status = 200, description = "The figures", body = IndexStats),
    (status = 503, description = "The index is damaged", body = ErrorBody),
))]
pub(crate) async fn stats(
    State(app): State<App>,
    RawQuery(query): RawQuery,
) -> Result<Json<IndexStats>, ApiError> {
    only_params(query.as_deref(), &[])?;
    let reader = app.clone();
    let stats = tokio::task::spawn_blocking(move || reader.stats())
        .await
        .map_err(ApiError::task_failed)??;
    Ok(Json(stats))
}

/// This description of the API, in OpenAPI 3.1.
#[utoipa::path(get, path = "/api/v1/openapi.json", responses(
    (status = 200, description = "The OpenAPI description", content_type = "application/json"),
))]
pub(crate) async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The pairs of a query string, refusing a parameter not in `allowed`.
pub(crate) fn only_params(
    query: Option<&str>,
    allowed: &[&str],
) -> Result<Vec<(String, String)>, ParamError> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(name, value)| {
            if allowed.contains(&name.as_ref()) {
                Ok((name.into_owned(), value.into_owned()))
            } else {
                Err(ParamError::Invalid {
                    name: name.into_owned(),
                    message: if allowed.is_empty() {
                        "this endpoint takes no parameters".to_string()
                    } else {
                        format!(
                            "not known here; this endpoint takes: {}",
                            allowed.join(", ")
                        )
                    },
                })
            }
        })
        .collect()
}
