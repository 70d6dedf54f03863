//! THE PLACE FOR ANALYTICS: the trend chart and the answer statistics slot in here, once
//! raad-query computes them. Add their pages to [`routes`], their API endpoints to
//! [`api_routes`] (mounted under `/api/v1`), and a `(path, Dutch label, English label)` per
//! page to [`NAV`]: the header of every page links to each entry.

use axum::Router;

use crate::state::App;

/// The analytics pages in the navigation: path, Dutch label, English label. Empty until the
/// analytics exist.
pub(crate) const NAV: &[(&str, &str, &str)] = &[];

/// The analytics pages (e.g. `/trend`, `/answers`).
pub(crate) fn routes() -> Router<App> {
    Router::new()
}

/// The analytics endpoints, under `/api/v1` (e.g. `/api/v1/trend`).
pub(crate) fn api_routes() -> Router<App> {
    Router::new()
}
