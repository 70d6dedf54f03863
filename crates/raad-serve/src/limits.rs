//! [`Limits`]: what one request may cost, so that a slow or huge request cannot stop others
//! being served.

use std::time::Duration;

/// Bounds on requests. The defaults suit one machine serving a newsroom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// The longest query text, in characters.
    pub max_query_chars: usize,
    /// The most hits one page (or one `similar` list) returns.
    pub max_limit: usize,
    /// The largest offset: deep pages cost as much as all the pages before them.
    pub max_offset: usize,
    /// The most values per facet one API request may ask for (`facet_limit`).
    pub max_facet_limit: usize,
    /// How long a request may take before it is answered with 503.
    pub timeout: Duration,
    /// Requests served at once; more wait their turn.
    pub concurrent_requests: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_query_chars: 1_000,
            max_limit: 100,
            max_offset: 10_000,
            max_facet_limit: 1_000,
            timeout: Duration::from_secs(30),
            concurrent_requests: 64,
        }
    }
}
