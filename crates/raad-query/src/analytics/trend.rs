//! [`Searcher::trend`]: how many records match per period, optionally split by a facet, with
//! every period of the index's span present (zeros included), so that a chart does not lie.

use std::collections::{BTreeMap, HashMap};

use raad_core::legislature::Legislatures;
use raad_core::{Date, Facet};
use serde::{Deserialize, Serialize};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocId, SegmentOrdinal};

use super::period::{Calendar, Period};
use super::rows::{RowColumns, Tally, TallyCollector};
use crate::error::Result;
use crate::request::SearchRequest;
use crate::searcher::{MatchSet, Searcher};
use crate::warning::Warning;

/// How a trend counts: per which period, split by which facet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TrendOptions {
    /// The period counted per.
    pub by: Period,
    /// The facet each period's count is split by, if any.
    pub split: Option<Facet>,
    /// At most this many split values (the most frequent over all periods); the others are
    /// added up in [`TrendPeriod::other`]. `None` keeps every value.
    pub split_limit: Option<usize>,
    /// The council's terms, for [`Period::Legislature`] (Ghent's by default).
    pub legislatures: Legislatures,
}

/// Counts per period of the records a request matches.
///
/// A record is counted in the period of its meeting date. Split counts count a record once
/// for each value it has (a question of two councillors of two parties counts for both), so
/// a period's split counts may add up to more than its count.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// Every matching record, dated or not.
    pub total: u64,
    /// The period counted per.
    pub by: Period,
    /// The facet counts are split by, if any.
    pub split: Option<Facet>,
    /// The split values, most frequent first: the columns of [`TrendPeriod::split`].
    pub split_values: Vec<String>,
    /// Each split value's count over all periods, in the order of `split_values`.
    pub split_totals: Vec<u64>,
    /// Every period from the index's first dated record to its last (within the request's
    /// date filters), in order, empty ones as zeros.
    pub periods: Vec<TrendPeriod>,
    /// Matching records without a meeting date (in no period).
    pub undated: u64,
    /// Matching records dated outside every legislature of the table (with
    /// [`Period::Legislature`]).
    pub outside_periods: u64,
    /// Records in the index (matching or not), for a chart's footnote.
    pub index_records: u64,
    /// The index's earliest meeting date.
    pub index_first_date: Option<Date>,
    /// The index's latest meeting date.
    pub index_last_date: Option<Date>,
    /// Filter values that match nothing in the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// One period of a [`Trend`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPeriod {
    /// `2016`, `2016-Q1`, `2016-03`, or the legislature's name.
    pub label: String,
    /// The period's first day.
    pub first_day: Date,
    /// The period's last day.
    pub last_day: Date,
    /// Matching records dated in the period.
    pub count: u64,
    /// Per split value (in the order of [`Trend::split_values`]), the records with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub split: Vec<u64>,
    /// Records' values past the split limit, added up.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub other: u64,
    /// Records with no value of the split facet.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub without_value: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Searcher {
    /// Counts the records `request` matches per period (see [`Trend`]).
    ///
    /// ```
    /// # use raad_query::{Record, Searcher, SearchRequest, Facet, Date};
    /// # use raad_query::analytics::{Period, TrendOptions};
    /// # let schema = raad_core::RaadSchema::new();
    /// # let index = tantivy::Index::create_in_ram(schema.schema.clone());
    /// # raad_core::analysis::register_analyzers(index.tokenizers());
    /// # let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    /// # for (id, date) in [("2016_MV_1", "2016-03-01"), ("2018_MV_2", "2018-05-01")] {
    /// #     let mut record = Record::new(id);
    /// #     record.title = Some("Kinderopvang".to_string());
    /// #     record.date = Date::parse_iso(date);
    /// #     writer.add_document(schema.document(&record)).unwrap();
    /// # }
    /// # writer.commit().unwrap();
    /// let searcher = Searcher::from_index(index)?;
    /// let trend = searcher.trend(&SearchRequest::new("kinderopvang"), &TrendOptions::default())?;
    /// let counts: Vec<(&str, u64)> =
    ///     trend.periods.iter().map(|p| (p.label.as_str(), p.count)).collect();
    /// // 2017 had none, and says so.
    /// assert_eq!(counts, [("2016", 1), ("2017", 0), ("2018", 1)]);
    /// # Ok::<(), raad_query::QueryError>(())
    /// ```
    pub fn trend(&self, request: &SearchRequest, options: &TrendOptions) -> Result<Trend> {
        self.with_matches(request, |set| trend_of(set, request, options))
    }
}

pub(crate) fn trend_of(
    set: &MatchSet<'_>,
    request: &SearchRequest,
    options: &TrendOptions,
) -> Result<Trend> {
    let calendar = Calendar {
        by: options.by,
        terms: options.legislatures.clone(),
    };
    let group = options.split.map(|facet| set.schema.facet_field(facet));
    let columns = match options.split {
        Some(facet) => set.facet_columns(facet)?,
        None => Default::default(),
    };
    let collector = TallyCollector {
        group,
        columns,
        rows: set.rows()?,
        make: |values| PeriodTally::new(calendar.clone(), values),
    };
    let segments = set.searcher.search(&*set.query, &collector)?;

    let mut total = 0;
    let mut undated = 0;
    let mut outside = 0;
    // Per period key: count, per value, without value.
    let mut by_key: BTreeMap<i64, (u64, HashMap<String, u64>, u64)> = BTreeMap::new();
    let mut value_totals: HashMap<String, u64> = HashMap::new();
    for segment in segments {
        total += segment.total;
        undated += segment.undated;
        outside += segment.outside;
        for (key, counts) in segment.periods {
            let entry = by_key.entry(key).or_default();
            entry.0 += counts.count;
            entry.2 += counts.without_value;
            for (value, count) in counts.split {
                *value_totals.entry(value.clone()).or_default() += count;
                *entry.1.entry(value).or_default() += count;
            }
        }
    }

    // Every period of the span, whether or not it has matches.
    let (from, to) = (request.filters.date_from, request.filters.date_to);
    let span = index_span(&set.searcher)?;
    if let Some((first, last)) = span {
        let first = from.map_or(first, |from| from.max(first));
        let last = to.map_or(last, |to| to.min(last));
        for key in calendar.keys_between(first, last) {
            by_key.entry(key).or_default();
        }
    }

    let mut split_values: Vec<(String, u64)> = value_totals.into_iter().collect();
    split_values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let kept = options
        .split_limit
        .unwrap_or(usize::MAX)
        .min(split_values.len());
    let (shown, rest) = split_values.split_at(kept);
    let periods = by_key
        .into_iter()
        .filter_map(|(key, (count, split, without_value))| {
            let (label, first_day, last_day) = calendar.describe(key)?;
            Some(TrendPeriod {
                label,
                first_day,
                last_day,
                count,
                split: shown
                    .iter()
                    .map(|(value, _)| split.get(value).copied().unwrap_or(0))
                    .collect(),
                other: rest
                    .iter()
                    .map(|(value, _)| split.get(value).copied().unwrap_or(0))
                    .sum(),
                without_value,
            })
        })
        .collect();
    Ok(Trend {
        total,
        by: options.by,
        split: options.split,
        split_values: shown.iter().map(|(value, _)| value.clone()).collect(),
        split_totals: shown.iter().map(|(_, count)| *count).collect(),
        periods,
        undated,
        outside_periods: outside,
        index_records: set.searcher.num_docs(),
        index_first_date: span.map(|(first, _)| first),
        index_last_date: span.map(|(_, last)| last),
        warnings: set.warnings.clone(),
    })
}

/// The first and last meeting date in the index, if any record has one.
pub(crate) fn index_span(searcher: &tantivy::Searcher) -> Result<Option<(Date, Date)>> {
    let mut span: Option<(i64, i64)> = None;
    for reader in searcher.segment_readers() {
        let column: Option<Column<DateTime>> = reader.fast_fields().column_opt("date")?;
        let Some(column) = column else { continue };
        if column.num_docs() == 0 || column.values.num_vals() == 0 {
            continue;
        }
        let day = |date: DateTime| date.into_timestamp_secs().div_euclid(86_400);
        let (min, max) = (day(column.min_value()), day(column.max_value()));
        span = Some(match span {
            Some((first, last)) => (first.min(min), last.max(max)),
            None => (min, max),
        });
    }
    Ok(span.and_then(|(first, last)| {
        Some((
            Date::from_days_since_epoch(first)?,
            Date::from_days_since_epoch(last)?,
        ))
    }))
}

/// One period's counts in a segment, by ordinal.
#[derive(Default)]
struct Counts<S> {
    count: u64,
    split: S,
    without_value: u64,
}

/// A segment's counts per period.
struct PeriodTally {
    calendar: Calendar,
    values: usize,
    /// Period key → index into `periods`.
    index: HashMap<i64, usize>,
    periods: Vec<(i64, Counts<Vec<u64>>)>,
    /// The last day seen and the index of its period: records come in index order, which is
    /// mostly date order, so most lookups are this one.
    last: Option<(i64, Option<usize>)>,
    total: u64,
    undated: u64,
    outside: u64,
}

/// Counts by value.
type ValueCounts = Vec<(String, u64)>;

/// A segment's counts per period, values by name.
struct PeriodFruit {
    periods: Vec<(i64, Counts<ValueCounts>)>,
    total: u64,
    undated: u64,
    outside: u64,
}

impl PeriodTally {
    fn new(calendar: Calendar, values: usize) -> PeriodTally {
        PeriodTally {
            calendar,
            values,
            index: HashMap::new(),
            periods: Vec::new(),
            last: None,
            total: 0,
            undated: 0,
            outside: 0,
        }
    }

    fn period_of(&mut self, day: i64) -> Option<usize> {
        if let Some((last_day, slot)) = self.last {
            if last_day == day {
                return slot;
            }
        }
        let slot = self.calendar.key(day).map(|key| {
            *self.index.entry(key).or_insert_with(|| {
                self.periods.push((
                    key,
                    Counts {
                        split: vec![0; self.values],
                        ..Counts::default()
                    },
                ));
                self.periods.len() - 1
            })
        });
        self.last = Some((day, slot));
        slot
    }
}

impl Tally for PeriodTally {
    type Fruit = PeriodFruit;

    fn add(&mut self, doc: DocId, rows: &RowColumns) {
        self.total += 1;
        let Some(day) = rows.day(doc) else {
            self.undated += 1;
            return;
        };
        let Some(slot) = self.period_of(day) else {
            self.outside += 1;
            return;
        };
        let counts = &mut self.periods[slot].1;
        counts.count += 1;
        if self.values > 0 || rows.group_count() > 0 {
            let mut any = false;
            for ord in rows.groups(doc) {
                if let Some(count) = counts.split.get_mut(ord as usize) {
                    *count += 1;
                    any = true;
                }
            }
            if !any {
                counts.without_value += 1;
            }
        }
    }

    fn harvest(self, rows: &RowColumns, _segment: SegmentOrdinal) -> PeriodFruit {
        let periods = self
            .periods
            .into_iter()
            .map(|(key, counts)| {
                let split = counts
                    .split
                    .iter()
                    .enumerate()
                    .filter(|(_, count)| **count > 0)
                    .map(|(ord, count)| (rows.group_value(ord).to_string(), *count))
                    .collect();
                (
                    key,
                    Counts {
                        count: counts.count,
                        split,
                        without_value: counts.without_value,
                    },
                )
            })
            .collect();
        PeriodFruit {
            periods,
            total: self.total,
            undated: self.undated,
            outside: self.outside,
        }
    }
}
