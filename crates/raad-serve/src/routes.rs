//! [`router`]: every route, and the layers every response passes: security headers, the
//! request timeout and the limit on requests served at once.

use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::error::ApiError;
use crate::state::App;
use crate::{api, pages};

/// Nothing but raad's own style sheet and images loads, nothing runs, and forms submit only
/// to raad: record text that slipped through escaping could still do nothing.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                   base-uri 'none'; frame-ancestors 'none'";

/// The whole application: the pages, the API under `/api/v1`, and a 404 for anything else.
/// Only GET and HEAD are served (other methods get 405).
pub fn router(app: App) -> Router {
    let limits = app.limits().clone();
    Router::new()
        .merge(pages::routes())
        .nest("/api/v1", api::routes())
        .fallback(not_found)
        .with_state(app)
        .layer(
            ServiceBuilder::new()
                // Outermost, so that timeouts and errors carry the headers too.
                .layer(SetResponseHeaderLayer::overriding(
                    CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(CSP),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    X_FRAME_OPTIONS,
                    HeaderValue::from_static("DENY"),
                ))
                .layer(SetResponseHeaderLayer::overriding(
                    REFERRER_POLICY,
                    HeaderValue::from_static("no-referrer"),
                ))
                // The wait for a turn counts towards the timeout.
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    limits.timeout,
                ))
                .layer(GlobalConcurrencyLimitLayer::new(
                    limits.concurrent_requests.max(1),
                )),
        )
}

/// 404: JSON under `/api/`, a page elsewhere.
async fn not_found(uri: Uri, headers: HeaderMap) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::not_found().into_response()
    } else {
        pages::error_page(pages::Ctx::new(None, &headers), ApiError::not_found())
    }
}
