//! Calendar dates as council records use them: a day, no time, no zone.
//!
//! A tiny type of our own rather than a date-time crate: records need only validation, ISO
//! formatting, ordering and day arithmetic (the answer delay), and serde as `"YYYY-MM-DD"`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date in the proleptic Gregorian calendar, years 1000–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The first date an index holds. tantivy keeps dates as nanoseconds in an `i64`, which
    /// reach from 1677-09-21 to 2262-04-11; raad keeps to the whole years inside that span, so
    /// that a record date is never silently wrapped around. Parsing rejects record dates
    /// outside [`Date::FIRST_INDEXED`]..=[`Date::LAST_INDEXED`].
    pub const FIRST_INDEXED: Date = Date {
        year: 1678,
        month: 1,
        day: 1,
    };

    /// The last date an index holds; see [`Date::FIRST_INDEXED`].
    pub const LAST_INDEXED: Date = Date {
        year: 2261,
        month: 12,
        day: 31,
    };

    /// Whether an index can hold this date (it lies in
    /// [`Date::FIRST_INDEXED`]..=[`Date::LAST_INDEXED`]).
    pub fn is_indexable(self) -> bool {
        (Date::FIRST_INDEXED..=Date::LAST_INDEXED).contains(&self)
    }

    /// The date for a year, month (1–12) and day, or `None` when no such day exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The year.
    pub fn year(self) -> i32 {
        i32::from(self.year)
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Days since 1970-01-01 (negative before it); differences give durations in days.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: exact for the whole proleptic Gregorian calendar.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, if it falls in years 1000–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::from_ymd(i32::try_from(year).ok()?, month as u32, day as u32)
    }

    /// Today in UTC, from the system clock (1970-01-01 if the clock is before it).
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .unwrap_or(0);
        let days = i64::try_from(seconds / 86_400).unwrap_or(0);
        Date::from_days_since_epoch(days).unwrap_or(Date::LAST_INDEXED)
    }

    /// Parses the ISO form `YYYY-MM-DD` (exactly), or returns `None`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |s: &str| {
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse::<u32>().ok())?
        };
        Date::from_ymd(
            num(&text[0..4])? as i32,
            num(&text[5..7])?,
            num(&text[8..10])?,
        )
    }
}

/// Dutch month names, January first.
const DUTCH_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

impl Date {
    /// The date as Dutch text writes it: `15 maart 2016`.
    pub fn to_dutch(self) -> String {
        let month = DUTCH_MONTHS[usize::from(self.month) - 1];
        format!("{} {month} {}", self.day, self.year)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The error of parsing a [`Date`] from text that is not `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date in the form YYYY-MM-DD")]
pub struct DateParseError(pub String);

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Date, DateParseError> {
        Date::parse_iso(s.trim()).ok_or_else(|| DateParseError(s.to_string()))
    }
}

/// A date in OpenAPI: a string in ISO format (`"2016-03-07"`), as it serializes.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Date {}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip_and_validation() {
        let d = Date::parse_iso("2016-03-15").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2016, 3, 15));
        assert_eq!(d.to_string(), "2016-03-15");
        assert_eq!(Date::parse_iso("2016-02-30"), None);
        assert_eq!(Date::parse_iso("2016-2-3"), None);
        assert_eq!(Date::parse_iso("+016-02-03"), None);
        assert!(Date::parse_iso("2024-02-29").is_some());
        assert!(Date::parse_iso("2100-02-29").is_none());
    }

    #[test]
    fn dutch_text() {
        assert_eq!(
            Date::from_ymd(2016, 3, 15).unwrap().to_dutch(),
            "15 maart 2016"
        );
        assert_eq!(
            Date::from_ymd(2021, 12, 1).unwrap().to_dutch(),
            "1 december 2021"
        );
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days_since_epoch(), 0);
        let a = Date::from_ymd(2021, 4, 12).unwrap();
        let b = Date::from_ymd(2021, 4, 26).unwrap();
        assert_eq!(b.days_since_epoch() - a.days_since_epoch(), 14);
        for days in [-300_000, -1, 0, 1, 17_000, 20_000, 2_000_000] {
            let d = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(d.days_since_epoch(), days);
        }
    }

    #[test]
    fn indexable_span() {
        assert!(Date::from_ymd(1678, 1, 1).unwrap().is_indexable());
        assert!(Date::from_ymd(2261, 12, 31).unwrap().is_indexable());
        assert!(!Date::from_ymd(1677, 12, 31).unwrap().is_indexable());
        assert!(!Date::from_ymd(2262, 1, 1).unwrap().is_indexable());
        assert!(!Date::from_ymd(3000, 1, 1).unwrap().is_indexable());
    }

    #[test]
    fn serde_as_iso_string() {
        let d: Date = serde_json::from_str("\"2017-01-04\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2017-01-04\"");
        assert!(serde_json::from_str::<Date>("\"4 januari 2017\"").is_err());
    }
}
