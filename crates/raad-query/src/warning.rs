//! [`Warning`]: what a search noticed about its request that a reader should know, beside
//! results that are otherwise complete.

use raad_core::Facet;
use serde::{Deserialize, Serialize};

use crate::results::FacetCount;

/// Something about the request that makes its results easy to misread, such as a filter
/// value that matches nothing. Serialized with a `warning` tag naming the kind:
/// `{"warning":"unknown_filter_value","facet":"party","value":"Groene","closest":[…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Warning {
    /// A filter value (a request filter, or `field:value` in the query text) that stands
    /// for no value of its facet in the index, so the filter lets no record through for it:
    /// a zero that is a typing mistake rather than a finding.
    UnknownFilterValue {
        /// The facet the filter belongs to.
        facet: Facet,
        /// The value as typed.
        value: String,
        /// The index's values nearest to it (edit distance on lower-case letters and digits
        /// without accents), nearest first, each with its number of records; empty when
        /// none is near.
        closest: Vec<FacetCount>,
    },
}
