//! The questions journalists ask of the records, answered over a search's exact match set:
//! counts per period ([`Searcher::trend`](crate::Searcher::trend)), who asked most
//! ([`Searcher::top_values`](crate::Searcher::top_values)), how fast questions are answered
//! ([`Searcher::answer_stats`](crate::Searcher::answer_stats)), which are overdue
//! ([`Searcher::overdue`](crate::Searcher::overdue)), and many queries at once
//! ([`Searcher::batch`](crate::Searcher::batch)).
//!
//! Each takes a [`SearchRequest`](crate::SearchRequest) for which records to count: its text,
//! mode, match mode and filters, exactly as a search reads them (the page, sort and facets are
//! not read), so an analysis counts the records `raad search` totals. Each walks the matches
//! once, reading dates, answers and facet values from columns, never from stored records
//! (only the few ids an answer lists are read back).

mod answers;
mod batch;
mod overdue;
mod period;
pub(crate) mod row_cache;
mod rows;
mod top_values;
mod trend;

pub use answers::{AnswerGroup, AnswerOptions, AnswerStats, EarlyAnswer, DEFAULT_DEADLINE_DAYS};
pub use batch::{batch_queries, Batch, BatchQuery, BatchRow};
pub use overdue::{Overdue, OverdueOptions, OverdueRecord, DEFAULT_OVERDUE_DAYS};
pub use period::{Period, UnknownPeriod};
pub use top_values::{TopValue, TopValues, DEFAULT_EXAMPLES};
pub use trend::{Trend, TrendOptions, TrendPeriod};
