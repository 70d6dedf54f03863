//! [`Searcher::top_values`]: who asked most — the values of a facet among a request's matches,
//! with counts, shares, first and last dates and example records.

use std::collections::HashMap;

use raad_core::{Date, Facet};
use serde::{Deserialize, Serialize};
use tantivy::{DocAddress, DocId, SegmentOrdinal};

use super::rows::{share, RowColumns, Tally, TallyCollector};
use crate::error::Result;
use crate::request::SearchRequest;
use crate::searcher::Searcher;
use crate::warning::Warning;

/// Example records listed per value when the caller does not say.
pub const DEFAULT_EXAMPLES: usize = 3;

/// The values of one facet among the records a request matches, most frequent first.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopValues {
    /// The facet counted.
    pub facet: Facet,
    /// Every matching record.
    pub total: u64,
    /// Matching records with no value of the facet (no alderman, no topic, …).
    pub without_value: u64,
    /// How many values the matches have in all (`values` may hold fewer: the limit).
    pub distinct: usize,
    /// The values, most records first (ties by value).
    pub values: Vec<TopValue>,
    /// Filter values that match nothing in the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// One value of a [`TopValues`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopValue {
    /// The value (a party, a councillor, …).
    pub value: String,
    /// Matching records with it.
    pub count: u64,
    /// `count` as a share of all matching records (0–1). A record with two values counts for
    /// both, so shares may add up to more than 1.
    pub share: f64,
    /// The earliest meeting date among its records.
    pub first_date: Option<Date>,
    /// The latest meeting date among its records.
    pub last_date: Option<Date>,
    /// Ids of its newest records, at most the number asked for.
    pub examples: Vec<String>,
}

impl Searcher {
    /// The values of `facet` among the records `request` matches, most frequent first, at most
    /// `limit` of them (`None`: all), each with up to `examples` example ids.
    pub fn top_values(
        &self,
        request: &SearchRequest,
        facet: Facet,
        limit: Option<usize>,
        examples: usize,
    ) -> Result<TopValues> {
        self.with_matches(request, |set| {
            let field = set.schema.facet_field(facet);
            let collector = TallyCollector {
                group: Some(field),
                columns: set.facet_columns(facet)?,
                rows: set.rows()?,
                make: |values| ValueTally {
                    values: vec![ValueCounts::default(); values],
                    examples,
                    total: 0,
                    without_value: 0,
                },
            };
            let segments = set.searcher.search(&*set.query, &collector)?;
            let mut total = 0;
            let mut without_value = 0;
            let mut merged: HashMap<String, ValueCounts> = HashMap::new();
            for segment in segments {
                total += segment.total;
                without_value += segment.without_value;
                for (value, counts) in segment.values {
                    merged.entry(value).or_default().merge(counts, examples);
                }
            }
            let distinct = merged.len();
            let mut ranked: Vec<(String, ValueCounts)> = merged.into_iter().collect();
            ranked.sort_by(|a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
            ranked.truncate(limit.unwrap_or(usize::MAX));
            let mut values = Vec::with_capacity(ranked.len());
            for (value, counts) in ranked {
                let mut ids = Vec::with_capacity(counts.newest.len());
                for (_, address) in &counts.newest {
                    ids.push(set.record(*address)?.id);
                }
                values.push(TopValue {
                    value,
                    count: counts.count,
                    share: share(counts.count, total).unwrap_or(0.0),
                    first_date: counts.first.and_then(Date::from_days_since_epoch),
                    last_date: counts.last.and_then(Date::from_days_since_epoch),
                    examples: ids,
                });
            }
            Ok(TopValues {
                facet,
                total,
                without_value,
                distinct,
                values,
                warnings: set.warnings.clone(),
            })
        })
    }
}

/// One value's counts.
#[derive(Debug, Clone, Default)]
struct ValueCounts {
    count: u64,
    first: Option<i64>,
    last: Option<i64>,
    /// The newest records (day, address), newest first; undated ones last.
    newest: Vec<(Option<i64>, DocAddress)>,
}

impl ValueCounts {
    fn add_day(&mut self, day: Option<i64>) {
        if let Some(day) = day {
            self.first = Some(self.first.map_or(day, |first| first.min(day)));
            self.last = Some(self.last.map_or(day, |last| last.max(day)));
        }
    }

    /// Keeps `address` among the `keep` newest.
    fn offer(&mut self, day: Option<i64>, address: DocAddress, keep: usize) {
        if keep == 0 {
            return;
        }
        // Newest first; among equal days, the one met first (segment order, then doc order).
        let position = self
            .newest
            .iter()
            .position(|(other, _)| day > *other)
            .unwrap_or(self.newest.len());
        if position < keep {
            self.newest.insert(position, (day, address));
            self.newest.truncate(keep);
        }
    }

    fn merge(&mut self, other: ValueCounts, keep: usize) {
        self.count += other.count;
        for day in [other.first, other.last] {
            self.add_day(day);
        }
        for (day, address) in other.newest {
            self.offer(day, address, keep);
        }
    }
}

struct ValueTally {
    values: Vec<ValueCounts>,
    examples: usize,
    total: u64,
    without_value: u64,
}

struct ValueFruit {
    values: Vec<(String, ValueCounts)>,
    total: u64,
    without_value: u64,
}

impl Tally for ValueTally {
    type Fruit = ValueFruit;

    fn add(&mut self, doc: DocId, rows: &RowColumns) {
        self.total += 1;
        let day = rows.day(doc);
        let mut any = false;
        for ord in rows.groups(doc) {
            if let Some(counts) = self.values.get_mut(ord as usize) {
                any = true;
                counts.count += 1;
                counts.add_day(day);
                // The segment is not known here: doc ids are kept with segment 0 and fixed
                // at harvest.
                counts.offer(day, DocAddress::new(0, doc), self.examples);
            }
        }
        if !any {
            self.without_value += 1;
        }
    }

    fn harvest(self, rows: &RowColumns, segment: SegmentOrdinal) -> ValueFruit {
        let values = self
            .values
            .into_iter()
            .enumerate()
            .filter(|(_, counts)| counts.count > 0)
            .map(|(ord, mut counts)| {
                for (_, address) in &mut counts.newest {
                    address.segment_ord = segment;
                }
                (rows.group_value(ord).to_string(), counts)
            })
            .collect();
        ValueFruit {
            values,
            total: self.total,
            without_value: self.without_value,
        }
    }
}
