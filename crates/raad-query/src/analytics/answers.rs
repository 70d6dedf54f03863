//! [`Searcher::answer_stats`]: how fast questions are answered, per alderman (or party, topic,
//! kind): asked, answered, unanswered, median and 90th-percentile days to answer, and the
//! share answered within a deadline.

use std::collections::HashMap;

use raad_core::{Date, Facet};
use serde::{Deserialize, Serialize};
use tantivy::{DocAddress, DocId, SegmentOrdinal};

use super::rows::{share, RowColumns, Tally, TallyCollector};
use crate::error::Result;
use crate::request::SearchRequest;
use crate::searcher::Searcher;
use crate::warning::Warning;

/// The deadline, in days, when the caller does not give one: the council's rules of order
/// give the college 30 days for a written question.
pub const DEFAULT_DEADLINE_DAYS: u32 = 30;

/// Records whose answer predates the question listed at most (all are counted).
const EARLY_LISTED: usize = 1000;

/// How to compute answer statistics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOptions {
    /// The facet to group by (alderman, party, topic, kind, …); `None` for one group.
    pub by: Option<Facet>,
    /// An answer within this many days of the question is on time.
    pub deadline_days: u32,
    /// The day the figures are as of: an unanswered question is overdue when its deadline
    /// passed before this day.
    pub as_of: Date,
}

impl Default for AnswerOptions {
    /// By alderman, [`DEFAULT_DEADLINE_DAYS`], as of today.
    fn default() -> AnswerOptions {
        AnswerOptions {
            by: Some(Facet::Alderman),
            deadline_days: DEFAULT_DEADLINE_DAYS,
            as_of: Date::today(),
        }
    }
}

/// Answer statistics of the records a request matches.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerStats {
    /// The facet grouped by, if any.
    pub by: Option<Facet>,
    /// The deadline in days.
    pub deadline_days: u32,
    /// The day the figures are as of.
    pub as_of: Date,
    /// Every matching record as one group (its `value` is `None`).
    pub all: AnswerGroup,
    /// Per value of `by`, most questions first (ties by value); records without a value
    /// form a group whose `value` is `None`, last. A record with two values (two parties)
    /// counts in both groups.
    pub groups: Vec<AnswerGroup>,
    /// Records whose answer date precedes their question date: counted apart
    /// ([`AnswerGroup::answer_before_question`]), not averaged in. At most 1000 are listed.
    pub answer_before_question: Vec<EarlyAnswer>,
    /// Filter values that match nothing in the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// The answer figures of one group of records.
///
/// The delays (days from question to answer) are those of answered records with both dates
/// and an answer on or after the question. `within_deadline_share` is the share of questions
/// that were due — answered with a known delay, or unanswered past the deadline — that were
/// answered within the deadline; unanswered questions still inside their deadline are not
/// due yet and left out.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerGroup {
    /// The group's value; `None` for all records, or for those without a value.
    pub value: Option<String>,
    /// Questions asked (matching records).
    pub asked: u64,
    /// Questions with an answer.
    pub answered: u64,
    /// Questions without an answer.
    pub unanswered: u64,
    /// Unanswered questions whose deadline had passed on the `as_of` day.
    pub overdue: u64,
    /// Answered questions with no answer date (or no question date): no delay to count.
    pub answered_undated: u64,
    /// Answered questions whose answer date precedes the question date.
    pub answer_before_question: u64,
    /// The median delay in days.
    pub median_days: Option<f64>,
    /// The 90th-percentile delay in days (nearest rank).
    pub p90_days: Option<f64>,
    /// Answered within the deadline.
    pub within_deadline: u64,
    /// `within_deadline` as a share (0–1) of the questions due.
    pub within_deadline_share: Option<f64>,
}

/// A record whose answer is dated before its question.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlyAnswer {
    /// The record's id.
    pub id: String,
    /// The question's (meeting) date.
    pub date: Option<Date>,
    /// The answer's date.
    pub answer_date: Option<Date>,
    /// The responsible alderman.
    pub alderman: Option<String>,
}

impl Searcher {
    /// Answer statistics of the records `request` matches (see [`AnswerStats`]).
    pub fn answer_stats(
        &self,
        request: &SearchRequest,
        options: &AnswerOptions,
    ) -> Result<AnswerStats> {
        self.with_matches(request, |set| {
            let columns = match options.by {
                Some(facet) => set.facet_columns(facet)?,
                None => Default::default(),
            };
            let as_of = options.as_of.days_since_epoch();
            let deadline = i64::from(options.deadline_days);
            let collector = TallyCollector {
                group: options.by.map(|facet| set.schema.facet_field(facet)),
                columns,
                rows: set.rows()?,
                make: |values| AnswerTally {
                    groups: vec![Figures::default(); values],
                    without_value: Figures::default(),
                    all: Figures::default(),
                    early: Vec::new(),
                    grouped: options.by.is_some(),
                    as_of,
                    deadline,
                },
            };
            let segments = set.searcher.search(&*set.query, &collector)?;
            let mut all = Figures::default();
            let mut without_value = Figures::default();
            let mut groups: HashMap<String, Figures> = HashMap::new();
            let mut early = Vec::new();
            for segment in segments {
                all.merge(segment.all);
                without_value.merge(segment.without_value);
                for (value, figures) in segment.groups {
                    groups.entry(value).or_default().merge(figures);
                }
                early.extend(segment.early);
            }
            let mut ranked: Vec<(String, Figures)> = groups.into_iter().collect();
            ranked.sort_by(|a, b| b.1.asked.cmp(&a.1.asked).then_with(|| a.0.cmp(&b.0)));
            let mut groups: Vec<AnswerGroup> = ranked
                .into_iter()
                .map(|(value, figures)| figures.group(Some(value)))
                .collect();
            if without_value.asked > 0 {
                groups.push(without_value.group(None));
            }
            let mut listed = Vec::with_capacity(early.len().min(EARLY_LISTED));
            for address in early.into_iter().take(EARLY_LISTED) {
                let record = set.record(address)?;
                listed.push(EarlyAnswer {
                    id: record.id,
                    date: record.date,
                    answer_date: record.answer_date,
                    alderman: record.alderman,
                });
            }
            listed.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
            Ok(AnswerStats {
                by: options.by,
                deadline_days: options.deadline_days,
                as_of: options.as_of,
                all: all.group(None),
                groups,
                answer_before_question: listed,
                warnings: set.warnings.clone(),
            })
        })
    }
}

/// One group's running figures.
#[derive(Debug, Clone, Default)]
struct Figures {
    asked: u64,
    answered: u64,
    overdue: u64,
    answered_undated: u64,
    early: u64,
    within: u64,
    delays: Vec<u32>,
}

impl Figures {
    fn merge(&mut self, other: Figures) {
        self.asked += other.asked;
        self.answered += other.answered;
        self.overdue += other.overdue;
        self.answered_undated += other.answered_undated;
        self.early += other.early;
        self.within += other.within;
        self.delays.extend(other.delays);
    }

    fn group(mut self, value: Option<String>) -> AnswerGroup {
        self.delays.sort_unstable();
        let due = self.delays.len() as u64 + self.overdue;
        AnswerGroup {
            value,
            asked: self.asked,
            answered: self.answered,
            unanswered: self.asked - self.answered,
            overdue: self.overdue,
            answered_undated: self.answered_undated,
            answer_before_question: self.early,
            median_days: median(&self.delays),
            p90_days: nearest_rank(&self.delays, 90),
            within_deadline: self.within,
            within_deadline_share: share(self.within, due),
        }
    }
}

/// The median of sorted values: the middle one, or the mean of the two middle ones.
fn median(sorted: &[u32]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    Some(if n % 2 == 1 {
        f64::from(sorted[n / 2])
    } else {
        (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0
    })
}

/// The `percent`-th percentile of sorted values by the nearest-rank method: the smallest
/// value with at least `percent`% of the values at or below it.
fn nearest_rank(sorted: &[u32], percent: usize) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (percent * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).map(|value| f64::from(*value))
}

/// What one record adds to a group.
#[derive(Clone, Copy)]
enum Outcome {
    /// Answered after this many days.
    Delay(u32),
    /// Answered, delay unknown.
    Undated,
    /// Answered before it was asked.
    Early,
    /// Not answered, deadline passed.
    Overdue,
    /// Not answered, not due yet (or undated).
    Pending,
}

impl Figures {
    fn add(&mut self, outcome: Outcome, deadline: i64) {
        self.asked += 1;
        match outcome {
            Outcome::Delay(days) => {
                self.answered += 1;
                self.delays.push(days);
                if i64::from(days) <= deadline {
                    self.within += 1;
                }
            }
            Outcome::Undated => {
                self.answered += 1;
                self.answered_undated += 1;
            }
            Outcome::Early => {
                self.answered += 1;
                self.early += 1;
            }
            Outcome::Overdue => self.overdue += 1,
            Outcome::Pending => {}
        }
    }
}

struct AnswerTally {
    groups: Vec<Figures>,
    without_value: Figures,
    all: Figures,
    early: Vec<DocAddress>,
    grouped: bool,
    as_of: i64,
    deadline: i64,
}

struct AnswerFruit {
    groups: Vec<(String, Figures)>,
    without_value: Figures,
    all: Figures,
    early: Vec<DocAddress>,
}

impl Tally for AnswerTally {
    type Fruit = AnswerFruit;

    fn add(&mut self, doc: DocId, rows: &RowColumns) {
        let outcome = if rows.answered(doc) {
            match rows.delay(doc) {
                Some(days) if days < 0 => {
                    if self.early.len() < EARLY_LISTED {
                        self.early.push(DocAddress::new(0, doc));
                    }
                    Outcome::Early
                }
                Some(days) => Outcome::Delay(u32::try_from(days).unwrap_or(u32::MAX)),
                None => Outcome::Undated,
            }
        } else {
            match rows.day(doc) {
                Some(day) if self.as_of - day > self.deadline => Outcome::Overdue,
                _ => Outcome::Pending,
            }
        };
        self.all.add(outcome, self.deadline);
        if !self.grouped {
            return;
        }
        let mut any = false;
        for ord in rows.groups(doc) {
            if let Some(figures) = self.groups.get_mut(ord as usize) {
                any = true;
                figures.add(outcome, self.deadline);
            }
        }
        if !any {
            self.without_value.add(outcome, self.deadline);
        }
    }

    fn harvest(self, rows: &RowColumns, segment: SegmentOrdinal) -> AnswerFruit {
        AnswerFruit {
            groups: self
                .groups
                .into_iter()
                .enumerate()
                .filter(|(_, figures)| figures.asked > 0)
                .map(|(ord, figures)| (rows.group_value(ord).to_string(), figures))
                .collect(),
            without_value: self.without_value,
            all: self.all,
            early: self
                .early
                .into_iter()
                .map(|address| DocAddress::new(segment, address.doc_id))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_percentile_of_hand_counted_delays() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[7]), Some(7.0));
        assert_eq!(median(&[3, 5, 10, 40]), Some(7.5));
        // Ten delays: the 90th percentile is the 9th value.
        let ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
        assert_eq!(nearest_rank(&ten, 90), Some(9.0));
        assert_eq!(nearest_rank(&[4], 90), Some(4.0));
        assert_eq!(
            nearest_rank(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90),
            Some(10.0)
        );
    }
}
