//! Where an exported figure comes from: the query, the filters, the index and the moment, so
//! that a number in an article can be traced back to the command that made it. JSON output
//! carries it as top-level fields ([`Traced`]); CSV stays a plain table and gets it as a
//! `key,value` file beside it ([`Provenance::write_csv`], `--provenance-out`), because
//! spreadsheets do not skip comment lines.

use std::path::Path;

use raad_core::{Date, TopicSource};
use raad_query::{AldermanScope, Filters, MatchMode};
use serde::Serialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::output::csv::{self, CsvStyle};
use crate::output::write_file;

/// The query, filters, index and time of one run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Provenance {
    /// The query text as typed (empty when only filters were given).
    pub query: String,
    /// The filters given, and whether records had to match all words or any.
    pub filters: FiltersGiven,
    /// The index folder searched.
    pub index: String,
    /// When the output was made: RFC 3339 in UTC, to the second (`2026-03-01T09:30:00Z`).
    pub generated_at: String,
}

/// The filters of a run, only those given; `mode` always. Dates are the days the filters
/// resolved to (`--from 2016` is `2016-01-01`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FiltersGiven {
    /// `--council`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub council: Vec<String>,
    /// `--party`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub party: Vec<String>,
    /// `--alderman`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alderman: Vec<String>,
    /// `--involved`: the alderman filter looks at involved aldermen too.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub involved: bool,
    /// `--councillor`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub councillor: Vec<String>,
    /// `--topic`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topic: Vec<String>,
    /// `--kind`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kind: Vec<String>,
    /// `--topic-source`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topic_source: Vec<TopicSource>,
    /// `--from`, as the first day it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// `--to`, as the last day it stands for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// `true` for `--answered`, `false` for `--unanswered`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answered: Option<bool>,
    /// Whether a record had to match every query word (`all`) or any (`any`: `--any`,
    /// `--plain`).
    pub mode: MatchMode,
}

impl Provenance {
    /// The provenance of a run of `query` with `filters` over the index in `index`, made now.
    pub fn new(query: &str, filters: &Filters, mode: MatchMode, index: &Path) -> Provenance {
        Provenance {
            query: query.to_string(),
            filters: FiltersGiven {
                council: filters.council.clone(),
                party: filters.party.clone(),
                alderman: filters.alderman.clone(),
                involved: filters.alderman_scope == AldermanScope::ResponsibleOrInvolved,
                councillor: filters.councillor.clone(),
                topic: filters.topic.clone(),
                kind: filters.kind.clone(),
                topic_source: filters.topic_source.clone(),
                from: filters.date_from,
                to: filters.date_to,
                answered: filters.has_answer,
                mode,
            },
            index: index.display().to_string(),
            generated_at: now(),
        }
    }

    /// Writes the provenance to `path` as `key,value` rows in `style`, keyed as in JSON
    /// (`query`, `filters.party`, `index`, `generated_at`); lists are one cell, joined with
    /// "; ".
    pub fn write_csv(&self, path: &Path, style: CsvStyle) -> anyhow::Result<()> {
        write_file(path, |out| csv::write_key_values(out, style, self))
    }
}

/// Output data with the provenance of the run beside its fields: `{"query":…,"filters":…,
/// "index":…,"generated_at":…, …data's fields}`. `data` must serialize as an object.
#[derive(Debug, Serialize)]
pub struct Traced<'a, T: Serialize> {
    /// Where the data comes from.
    #[serde(flatten)]
    pub provenance: &'a Provenance,
    /// The data.
    #[serde(flatten)]
    pub data: &'a T,
}

/// The current time in UTC as RFC 3339, to the second.
fn now() -> String {
    let now = OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    // Formatting a UTC time of this century as RFC 3339 cannot fail; the fallback keeps the
    // output valid all the same.
    now.format(&Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_filters_given_appear() {
        let filters = Filters {
            party: vec!["Groen".to_string()],
            date_from: Date::from_ymd(2016, 1, 1),
            has_answer: Some(false),
            ..Filters::default()
        };
        let provenance = Provenance::new("fietspad", &filters, MatchMode::All, Path::new("idx"));
        let json = serde_json::to_value(&provenance).unwrap();
        assert_eq!(
            json["filters"],
            serde_json::json!({
                "party": ["Groen"],
                "from": "2016-01-01",
                "answered": false,
                "mode": "all",
            })
        );
        assert_eq!(json["query"], "fietspad");
        assert_eq!(json["index"], "idx");
        let at = provenance.generated_at;
        assert!(
            at.len() == 20 && at.ends_with('Z') && at.as_bytes()[10] == b'T',
            "{at}"
        );
    }
}
