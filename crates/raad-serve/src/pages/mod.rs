//! The web pages: server-rendered HTML that works without JavaScript, Dutch first.

pub(crate) mod analytics;
mod layout;
mod record;
mod search;

use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::html;

use crate::error::ApiError;
use crate::lang::{Lang, Texts};
use crate::state::App;

/// raad's style sheet: served by raad itself, no fonts or files from elsewhere.
const STYLE: &str = include_str!("style.css");

/// The page icon (without one, browsers ask for `/favicon.ico` on every page).
const ICON: &str = include_str!("icon.svg");

/// The routes of the pages and their files.
pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/", get(search::page))
        .route("/records/{id}", get(record::page))
        .route(
            "/static/raad.css",
            get(|| file("text/css; charset=utf-8", STYLE)),
        )
        .route("/static/icon.svg", get(|| file("image/svg+xml", ICON)))
        // The place for the analytics pages (trend chart, answer statistics).
        .merge(analytics::routes())
}

async fn file(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// The language of one page view.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub lang: Lang,
    /// The language asked for in the URL, which links carry on; `None` follows the browser.
    pub asked: Option<Lang>,
}

impl Ctx {
    /// `?lang=` when given, else the browser's `Accept-Language`.
    pub fn new(asked: Option<Lang>, headers: &HeaderMap) -> Ctx {
        let lang = asked.unwrap_or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|value| value.to_str().ok())
                .map_or(Lang::Nl, Lang::from_accept_language)
        });
        Ctx { lang, asked }
    }

    pub fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }
}

/// A page that says what went wrong, with the error's status.
pub(crate) fn error_page(ctx: Ctx, error: ApiError) -> Response {
    let t = ctx.texts();
    let body = html! {
        h1 { (t.error) " " (error.status.as_u16()) }
        p role="alert" { (error.message) }
        p { a href=(crate::urls::with_query("/", &crate::urls::lang_pair(ctx.asked))) { (t.back_to_search) } }
    };
    (error.status, layout::page(ctx, t.error, "/", &[], body)).into_response()
}
