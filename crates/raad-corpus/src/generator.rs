//! The generator: the seeded draw of each record's date, kind, id and domain, in date order
//! (what the council and the text look like is in [`crate::council`] and [`crate::compose`]).

use std::collections::HashMap;

use raad_core::party::PartyTable;
use raad_core::{Date, Record, TopicSource};
use rand::distr::weighted::WeightedIndex;
use rand::distr::Distribution;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::compose::{compose, Frame};
use crate::council::{is_meeting_day, is_working_day, ymd, Council, FIRST_DAY, LAST_DAY};
use crate::domain::Domain;

/// A generated record and the policy domain it was written about.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedRecord {
    /// The record, as the parser would read it back (without `source`).
    pub record: Record,
    /// The domain the generator wrote the record about: the ground truth for topic rules.
    pub domain: Domain,
}

/// Settings of a [`Generator`]: `GeneratorBuilder::new().records(n).seed(s).build()`.
#[derive(Debug, Clone)]
pub struct GeneratorBuilder {
    records: u64,
    seed: u64,
    given_topics: f64,
}

impl Default for GeneratorBuilder {
    fn default() -> GeneratorBuilder {
        GeneratorBuilder::new()
    }
}

impl GeneratorBuilder {
    /// 1,000 records, seed 0, no topics given.
    pub fn new() -> GeneratorBuilder {
        GeneratorBuilder {
            records: 1_000,
            seed: 0,
            given_topics: 0.0,
        }
    }

    /// How many records to generate. Their dates spread evenly over 2013–2026 whatever the
    /// count, in chronological order.
    pub fn records(&mut self, records: u64) -> &mut GeneratorBuilder {
        self.records = records;
        self
    }

    /// The seed: the same seed and count give the same records.
    pub fn seed(&mut self, seed: u64) -> &mut GeneratorBuilder {
        self.seed = seed;
        self
    }

    /// The share (0–1, clamped) of records whose `topics` hold their domain's name, to act as
    /// topics given in the input. Which records get one is part of the seeded draw.
    pub fn given_topics(&mut self, share: f64) -> &mut GeneratorBuilder {
        self.given_topics = if share.is_nan() {
            0.0
        } else {
            share.clamp(0.0, 1.0)
        };
        self
    }

    /// The number of records asked for.
    pub fn record_count(&self) -> u64 {
        self.records
    }

    /// The seed asked for.
    pub fn seed_value(&self) -> u64 {
        self.seed
    }

    /// The generator: an iterator of exactly the requested number of records.
    pub fn build(&self) -> Generator {
        let first = ymd(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2);
        let last = ymd(LAST_DAY.0, LAST_DAY.1, LAST_DAY.2);
        let weights: Vec<u32> = Domain::ALL.iter().map(|d| d.weight()).collect();
        Generator {
            rng: ChaCha8Rng::seed_from_u64(self.seed),
            // A stream of its own, so that asking for topics changes nothing else.
            topic_rng: ChaCha8Rng::seed_from_u64(self.seed ^ TOPIC_STREAM),
            produced: 0,
            total: self.records,
            given_topics: self.given_topics,
            first: first.days_since_epoch(),
            span: last.days_since_epoch() - first.days_since_epoch(),
            domains: WeightedIndex::new(weights).expect("domain weights are positive"),
            numbers: HashMap::new(),
            parties: PartyTable::default(),
            council: Council::get(),
        }
    }
}

/// The iterator of generated records, in chronological order (see [`GeneratorBuilder`]).
pub struct Generator {
    rng: ChaCha8Rng,
    topic_rng: ChaCha8Rng,
    produced: u64,
    total: u64,
    given_topics: f64,
    first: i64,
    span: i64,
    domains: WeightedIndex<u32>,
    /// The last number given per (year, numbering scheme).
    numbers: HashMap<(i32, &'static str), u32>,
    parties: PartyTable,
    council: &'static Council,
}

impl std::fmt::Debug for Generator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generator")
            .field("produced", &self.produced)
            .field("total", &self.total)
            .finish_non_exhaustive()
    }
}

/// Share of oral questions on meeting days (about two records in three fall on one); the
/// rest, and every question of other days, are written.
const ORAL_ON_MEETING_DAYS: f64 = 0.8;

/// Mixed into the seed for the draw of which records get given topics.
const TOPIC_STREAM: u64 = 0x746f_7069_6373; // "topics"

impl Generator {
    /// A day in the `index`-th of `total` equal slices of the period, so that records come
    /// in date order and spread evenly whatever their number.
    fn day_for(&mut self, index: u64) -> i64 {
        let within: f64 = self.rng.random();
        let t = (index as f64 + within) / self.total.max(1) as f64;
        self.first + (t * self.span as f64) as i64
    }

    /// The first day from `day` that `fits`, or the last one before it near the end. Snapping
    /// every record with one rule keeps the dates in order.
    fn snap(&self, day: i64, fits: fn(Date) -> bool) -> Date {
        let last = self.first + self.span;
        let found = (day..=last)
            .chain((self.first..day).rev())
            .filter_map(Date::from_days_since_epoch)
            .find(|date| fits(*date));
        found
            .or_else(|| Date::from_days_since_epoch(day))
            .unwrap_or_else(|| ymd(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2))
    }

    /// The next number in a year's numbering scheme.
    fn number(&mut self, year: i32, scheme: &'static str) -> u32 {
        let counter = self.numbers.entry((year, scheme)).or_insert(0);
        *counter += 1;
        *counter
    }
}

impl Iterator for Generator {
    type Item = GeneratedRecord;

    fn next(&mut self) -> Option<GeneratedRecord> {
        if self.produced >= self.total {
            return None;
        }
        let day = self.day_for(self.produced);
        self.produced += 1;
        let domain = Domain::ALL[self.domains.sample(&mut self.rng)];
        let date = self.snap(day, is_working_day);
        let oral = is_meeting_day(date) && self.rng.random_bool(ORAL_ON_MEETING_DAYS);
        let year = date.year();
        let (id, code) = if oral {
            let code = if year <= 2015 && self.rng.random_bool(0.7) {
                "MC"
            } else {
                "MV"
            };
            let number = self.number(year, code);
            (format!("{year}_{code}_{number:05}"), Some(code))
        } else if year == 2014 && self.rng.random_bool(0.35) {
            let number = self.number(year, "NR");
            (format!("NR. {number}/{:02}", year % 100), None)
        } else {
            let number = self.number(year, "SV");
            (format!("{year}_SV_{number:05}"), Some("SV"))
        };
        let (term, sitting) = self.council.at(date);
        let term_index = self
            .council
            .sittings
            .iter()
            .position(|(t, _)| std::ptr::eq(*t, term))
            .unwrap_or(0);
        let frame = Frame {
            id,
            code,
            oral,
            date,
            domain,
            term,
            term_index,
            sitting,
        };
        let mut record = compose(&frame, &self.parties, &mut self.rng);
        if self.given_topics > 0.0 && self.topic_rng.random_bool(self.given_topics) {
            record.topics = vec![domain.name().to_string()];
            record.topic_source = Some(TopicSource::Given);
        }
        Some(GeneratedRecord { record, domain })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::try_from(self.total - self.produced).unwrap_or(usize::MAX);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Generator {}
