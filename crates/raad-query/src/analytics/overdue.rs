//! [`Searcher::overdue`]: unanswered questions older than a number of days, oldest first, with
//! the alderman responsible.

use raad_core::{Date, Record};
use serde::{Deserialize, Serialize};
use tantivy::{DocAddress, DocId, SegmentOrdinal};

use super::rows::{RowColumns, Tally, TallyCollector};
use crate::error::Result;
use crate::request::SearchRequest;
use crate::results::HitCouncillor;
use crate::searcher::Searcher;
use crate::warning::Warning;

/// Days without an answer after which a question is listed, when the caller does not say.
pub const DEFAULT_OVERDUE_DAYS: u32 = 60;

/// Which unanswered questions to list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueOptions {
    /// A question is overdue when more than this many days passed since it was asked.
    pub days: u32,
    /// The day counted from.
    pub as_of: Date,
    /// At most this many records listed (the oldest); `None` lists all. The total counts all.
    pub limit: Option<usize>,
}

impl Default for OverdueOptions {
    /// [`DEFAULT_OVERDUE_DAYS`], as of today, every record.
    fn default() -> OverdueOptions {
        OverdueOptions {
            days: DEFAULT_OVERDUE_DAYS,
            as_of: Date::today(),
            limit: None,
        }
    }
}

/// The unanswered questions among a request's matches that are older than the days given.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overdue {
    /// The day counted from.
    pub as_of: Date,
    /// The days after which a question is overdue.
    pub days: u32,
    /// Every overdue record (`records` may list fewer: the limit).
    pub total: u64,
    /// Overdue records, oldest first (ties by id).
    pub records: Vec<OverdueRecord>,
    /// Filter values that match nothing in the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// One overdue question.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueRecord {
    /// The record's id.
    pub id: String,
    /// The day it was asked.
    pub date: Date,
    /// Days from `date` to the `as_of` day.
    pub days_open: i64,
    /// The kind of question.
    pub kind: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The alderman who is to answer.
    pub alderman: Option<String>,
    /// Who asked, with their party.
    pub councillors: Vec<HitCouncillor>,
}

impl Searcher {
    /// The unanswered questions `request` matches that were asked more than `options.days`
    /// days before `options.as_of`, oldest first. Records without a date are never overdue
    /// (their age is unknown).
    pub fn overdue(&self, request: &SearchRequest, options: &OverdueOptions) -> Result<Overdue> {
        self.with_matches(request, |set| {
            let as_of = options.as_of.days_since_epoch();
            let oldest_due = as_of - i64::from(options.days);
            let collector = TallyCollector {
                group: None,
                columns: Default::default(),
                rows: set.rows()?,
                make: |_| OverdueTally {
                    before: oldest_due,
                    found: Vec::new(),
                },
            };
            let mut found: Vec<(i64, DocAddress)> = set
                .searcher
                .search(&*set.query, &collector)?
                .into_iter()
                .flatten()
                .collect();
            found.sort_unstable();
            let total = found.len() as u64;
            let mut records = Vec::new();
            for (day, address) in found.into_iter().take(options.limit.unwrap_or(usize::MAX)) {
                let record = set.record(address)?;
                let Some(date) = record.date else { continue };
                records.push(OverdueRecord::of(record, date, as_of - day));
            }
            records.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
            Ok(Overdue {
                as_of: options.as_of,
                days: options.days,
                total,
                records,
                warnings: set.warnings.clone(),
            })
        })
    }
}

impl OverdueRecord {
    fn of(record: Record, date: Date, days_open: i64) -> OverdueRecord {
        OverdueRecord {
            id: record.id,
            date,
            days_open,
            kind: record.kind,
            title: record.title,
            alderman: record.alderman,
            councillors: record
                .councillors
                .into_iter()
                .map(HitCouncillor::from)
                .collect(),
        }
    }
}

struct OverdueTally {
    /// Questions asked before this day (days since 1970-01-01) are overdue.
    before: i64,
    /// (day asked, address) of each overdue record.
    found: Vec<(i64, DocAddress)>,
}

impl Tally for OverdueTally {
    type Fruit = Vec<(i64, DocAddress)>;

    fn add(&mut self, doc: DocId, rows: &RowColumns) {
        if rows.answered(doc) {
            return;
        }
        if let Some(day) = rows.day(doc) {
            if day < self.before {
                self.found.push((day, DocAddress::new(0, doc)));
            }
        }
    }

    fn harvest(self, _rows: &RowColumns, segment: SegmentOrdinal) -> Self::Fruit {
        self.found
            .into_iter()
            .map(|(day, address)| (day, DocAddress::new(segment, address.doc_id)))
            .collect()
    }
}
