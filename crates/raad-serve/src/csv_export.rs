//! `GET /api/v1/search.csv`: every match of a search as CSV, streamed page by page so that a
//! large export is never built in memory.

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use raad_query::{Hit, HitsFrom, SearchRequest, SearchResults, Searcher};
use tokio::sync::mpsc;

use crate::error::ApiError;
use crate::openapi::SearchQuery;
use crate::params::SearchParams;
use crate::state::App;

/// Hits searched for at a time. Each page is a slice of one order, so pages never repeat or
/// skip a record.
const PAGE: usize = 2_000;

/// The columns, as `raad search --format csv` writes them, so a download from the page and
/// one from the command line line up.
const COLUMNS: [&str; 11] = [
    "id",
    "council",
    "date",
    "kind",
    "title",
    "councillors",
    "parties",
    "alderman",
    "topics",
    "topic_source",
    "snippet",
];

/// Byte order mark: Excel reads a CSV file as UTF-8 only when it starts with one.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Every match as CSV, streamed.
///
/// The columns of `raad search --format csv`. `excel=true` writes what Excel opens as it is:
/// a byte order mark, `;` between cells (the list separator of Dutch and Belgian Excel) and
/// CRLF line ends, as `raad search --excel`.
#[utoipa::path(get, path = "/api/v1/search.csv", params(SearchQuery), responses(
    (status = 200, description = "Every match, one row each", content_type = "text/csv"),
    (status = 400, description = "A mistake in the query (with its column) or a parameter", body = crate::error::ErrorBody),
))]
pub(crate) async fn search_csv(
    State(app): State<App>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let params = SearchParams::from_query(query.as_deref().unwrap_or(""), app.limits())?;
    let mut request = params.request(&[], raad_query::Highlight::none());
    request.facets.clear();
    request.limit = Some(PAGE);
    // The first page before answering: a bad query is a 400, not a broken download.
    let first_request = request.clone();
    let first = app
        .read(move |searcher| searcher.search(&first_request))
        .await?;
    let (sender, receiver) = mpsc::channel::<Result<Vec<u8>, std::io::Error>>(2);
    let excel = params.excel;
    tokio::task::spawn_blocking(move || {
        if let Err(error) = write_pages(app.searcher(), request, first, excel, &sender) {
            // The download stops short; the client sees a broken transfer, not a short file.
            let _ = sender.blocking_send(Err(std::io::Error::other(error)));
        }
    });
    let body = Body::from_stream(futures_util::stream::unfold(
        receiver,
        |mut receiver| async move { receiver.recv().await.map(|chunk| (chunk, receiver)) },
    ));
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"raad-search.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}

/// Writes the header and every match, a page at a time, into `sender`; stops early when the
/// client has gone. Nearest records (when nothing matches) are not matches and are left out.
fn write_pages(
    searcher: &Searcher,
    mut request: SearchRequest,
    first: SearchResults,
    excel: bool,
    sender: &mpsc::Sender<Result<Vec<u8>, std::io::Error>>,
) -> Result<(), String> {
    let builder = {
        let mut builder = csv::WriterBuilder::new();
        if excel {
            // As `raad search --excel` writes it.
            builder.delimiter(b';').terminator(csv::Terminator::CRLF);
        }
        builder
    };
    let mut head = if excel { BOM.to_vec() } else { Vec::new() };
    {
        let mut writer = builder.from_writer(&mut head);
        writer.write_record(COLUMNS).map_err(|e| e.to_string())?;
        writer.flush().map_err(|e| e.to_string())?;
    }
    if sender.blocking_send(Ok(head)).is_err() {
        return Ok(());
    }
    let mut results = first;
    while results.hits_from == HitsFrom::Matches {
        let mut chunk = Vec::new();
        {
            let mut writer = builder.from_writer(&mut chunk);
            for hit in &results.hits {
                writer.write_record(row(hit)).map_err(|e| e.to_string())?;
            }
            writer.flush().map_err(|e| e.to_string())?;
        }
        if sender.blocking_send(Ok(chunk)).is_err() {
            // The client has gone.
            return Ok(());
        }
        request.offset += results.hits.len();
        if results.hits.len() < PAGE || request.offset >= results.total {
            break;
        }
        results = searcher.search(&request).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// One hit's cells, in the order of [`COLUMNS`]; lists joined with "; ".
fn row(hit: &Hit) -> [String; 11] {
    let names: Vec<&str> = hit.councillors.iter().map(|c| c.name.as_str()).collect();
    let parties: Vec<&str> = hit
        .councillors
        .iter()
        .filter_map(|c| c.party.as_deref())
        .collect();
    [
        hit.id.clone(),
        hit.council.clone().unwrap_or_default(),
        hit.date.map(|d| d.to_string()).unwrap_or_default(),
        hit.kind.clone().unwrap_or_default(),
        hit.title.clone().unwrap_or_default(),
        names.join("; "),
        parties.join("; "),
        hit.alderman.clone().unwrap_or_default(),
        hit.topics.join("; "),
        hit.topic_source
            .map_or("", |source| source.as_str())
            .to_string(),
        hit.fragment.text.clone(),
    ]
}
