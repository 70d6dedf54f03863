//! [`Searcher::batch`]: many queries or names at once — each with its total and its counts by
//! year and by party — for the journalist with a list of forty names.

use raad_core::Facet;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::period::Period;
use super::trend::{trend_of, TrendOptions};
use crate::error::{QueryError, Result};
use crate::request::SearchRequest;
use crate::results::FacetCount;
use crate::searcher::Searcher;
use crate::warning::Warning;

/// One line of a batch: a query (or a name) and the line it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchQuery {
    /// The 1-based line number in the list.
    pub line: usize,
    /// The query text.
    pub text: String,
}

/// The queries of a list: one per line; blank lines and lines starting with `#` are skipped,
/// and so is a `#` comment after a query (` # …`, with a space before it).
///
/// ```
/// let list = "# wijken\nDampoort\n\nSint-Amandsberg   # deelgemeente\n";
/// let queries = raad_query::analytics::batch_queries(list);
/// assert_eq!(queries.len(), 2);
/// assert_eq!((queries[1].line, queries[1].text.as_str()), (4, "Sint-Amandsberg"));
/// ```
pub fn batch_queries(text: &str) -> Vec<BatchQuery> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let line = line.trim_start_matches('\u{feff}');
            let query = match line.find(" #").or_else(|| line.find("\t#")) {
                Some(comment) => &line[..comment],
                None => line,
            }
            .trim();
            (!query.is_empty() && !query.starts_with('#')).then(|| BatchQuery {
                line: n + 1,
                text: query.to_string(),
            })
        })
        .collect()
}

/// The figures of a batch: one row per query, all with the same years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Batch {
    /// The years every row counts per: the index's span within the date filters.
    pub years: Vec<String>,
    /// One row per query, in the order given.
    pub rows: Vec<BatchRow>,
}

/// One query's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchRow {
    /// The line of the list it came from.
    pub line: usize,
    /// The query text.
    pub query: String,
    /// Matching records.
    pub total: u64,
    /// Per year of [`Batch::years`], the matching records dated in it.
    pub years: Vec<u64>,
    /// Matching records per party of their councillors, most first.
    pub parties: Vec<FacetCount>,
    /// Why the query could not run (a mistake in its text): the row's figures are then 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Filter values that match nothing in the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Searcher {
    /// Runs every query of `queries` with the mode, match mode and filters of `base` (its
    /// text is not read). A query with a mistake gets a row with its error and the others
    /// still run; a damaged index is an error for the whole batch.
    pub fn batch(&self, queries: &[BatchQuery], base: &SearchRequest) -> Result<Batch> {
        let options = TrendOptions {
            by: Period::Year,
            split: Some(Facet::Party),
            ..TrendOptions::default()
        };
        let trends: Vec<Result<_>> = queries
            .par_iter()
            .map(|query| {
                let request = SearchRequest {
                    text: query.text.clone(),
                    ..base.clone()
                };
                match self.with_matches(&request, |set| trend_of(set, &request, &options)) {
                    Ok(trend) => Ok(Ok(trend)),
                    Err(error @ (QueryError::Syntax { .. } | QueryError::UnknownField { .. })) => {
                        Ok(Err(error.to_string()))
                    }
                    Err(error) => Err(error),
                }
            })
            .collect();
        let mut years: Vec<String> = Vec::new();
        let mut rows = Vec::with_capacity(queries.len());
        for (query, trend) in queries.iter().zip(trends) {
            let row = match trend? {
                Ok(trend) => {
                    if years.is_empty() {
                        years = trend.periods.iter().map(|p| p.label.clone()).collect();
                    }
                    BatchRow {
                        line: query.line,
                        query: query.text.clone(),
                        total: trend.total,
                        years: year_counts(&years, &trend.periods),
                        parties: trend
                            .split_values
                            .iter()
                            .zip(&trend.split_totals)
                            .map(|(value, count)| FacetCount {
                                value: value.clone(),
                                count: *count,
                            })
                            .collect(),
                        error: None,
                        warnings: trend.warnings,
                    }
                }
                Err(error) => BatchRow {
                    line: query.line,
                    query: query.text.clone(),
                    total: 0,
                    years: Vec::new(),
                    parties: Vec::new(),
                    error: Some(error),
                    warnings: Vec::new(),
                },
            };
            rows.push(row);
        }
        // Rows before the first that ran, and rows of queries with mistakes, get zeros.
        for row in &mut rows {
            if row.years.len() != years.len() {
                row.years = vec![0; years.len()];
            }
        }
        Ok(Batch { years, rows })
    }
}

/// The counts of `periods` in the order of `years` (every trend of a batch has the same
/// periods; a label missing from it counts 0).
fn year_counts(years: &[String], periods: &[super::TrendPeriod]) -> Vec<u64> {
    years
        .iter()
        .map(|year| {
            periods
                .iter()
                .find(|period| &period.label == year)
                .map_or(0, |period| period.count)
        })
        .collect()
}
