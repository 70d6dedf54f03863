//! [`Period`]: the spans a trend counts per, and the arithmetic of their keys.

use std::fmt;
use std::str::FromStr;

use raad_core::legislature::Legislatures;
use raad_core::Date;
use serde::{Deserialize, Serialize};

/// The span a trend counts records per.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar years, labelled `2016`.
    #[default]
    Year,
    /// Quarters, labelled `2016-Q1`.
    Quarter,
    /// Months, labelled `2016-03`.
    Month,
    /// The council's terms (a [`Legislatures`] table), labelled with their names.
    Legislature,
}

impl Period {
    /// Every period, in the order of the help text.
    pub const ALL: [Period; 4] = [
        Period::Year,
        Period::Quarter,
        Period::Month,
        Period::Legislature,
    ];

    /// The period's name in the API and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Quarter => "quarter",
            Period::Month => "month",
            Period::Legislature => "legislature",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A period name that is none of [`Period::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown period `{0}`; use year, quarter, month or legislature")]
pub struct UnknownPeriod(pub String);

impl FromStr for Period {
    type Err = UnknownPeriod;

    /// The English names and their Dutch ones (`jaar`, `kwartaal`, `maand`, `legislatuur`).
    fn from_str(text: &str) -> Result<Period, UnknownPeriod> {
        match text.trim().to_lowercase().as_str() {
            "year" | "jaar" => Ok(Period::Year),
            "quarter" | "kwartaal" => Ok(Period::Quarter),
            "month" | "maand" => Ok(Period::Month),
            "legislature" | "legislatuur" | "term" => Ok(Period::Legislature),
            _ => Err(UnknownPeriod(text.to_string())),
        }
    }
}

/// Periods of one kind as keys: consecutive integers in date order (for legislatures, the
/// index of the term in its table).
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    pub by: Period,
    pub terms: Legislatures,
}

impl Calendar {
    /// The key of the period holding `day` (days since 1970-01-01); `None` for a day outside
    /// every legislature.
    pub fn key(&self, day: i64) -> Option<i64> {
        let date = Date::from_days_since_epoch(day)?;
        self.key_of(date)
    }

    fn key_of(&self, date: Date) -> Option<i64> {
        let year = i64::from(date.year());
        let month = i64::from(date.month()) - 1;
        Some(match self.by {
            Period::Year => year,
            Period::Quarter => year * 4 + month / 3,
            Period::Month => year * 12 + month,
            Period::Legislature => self.terms.index_of(date)? as i64,
        })
    }

    /// The label and the first and last day of the period with `key`.
    pub fn describe(&self, key: i64) -> Option<(String, Date, Date)> {
        let year = |key: i64| i32::try_from(key).ok();
        match self.by {
            Period::Year => {
                let y = year(key)?;
                Some((
                    key.to_string(),
                    Date::from_ymd(y, 1, 1)?,
                    Date::from_ymd(y, 12, 31)?,
                ))
            }
            Period::Quarter => {
                let y = year(key.div_euclid(4))?;
                let q = key.rem_euclid(4) as u32;
                let first = Date::from_ymd(y, q * 3 + 1, 1)?;
                let last = last_day_of_month(y, q * 3 + 3)?;
                Some((format!("{y}-Q{}", q + 1), first, last))
            }
            Period::Month => {
                let y = year(key.div_euclid(12))?;
                let m = key.rem_euclid(12) as u32 + 1;
                let first = Date::from_ymd(y, m, 1)?;
                Some((format!("{y}-{m:02}"), first, last_day_of_month(y, m)?))
            }
            Period::Legislature => {
                let term = self.terms.terms().get(usize::try_from(key).ok()?)?;
                Some((term.name.clone(), term.first_day, term.last_day))
            }
        }
    }

    /// The keys of every period that overlaps `first..=last`, in order.
    pub fn keys_between(&self, first: Date, last: Date) -> Vec<i64> {
        if last < first {
            return Vec::new();
        }
        if self.by == Period::Legislature {
            return self
                .terms
                .terms()
                .iter()
                .enumerate()
                .filter(|(_, term)| term.first_day <= last && term.last_day >= first)
                .map(|(n, _)| n as i64)
                .collect();
        }
        match (self.key_of(first), self.key_of(last)) {
            (Some(from), Some(to)) => (from..=to).collect(),
            _ => Vec::new(),
        }
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<Date> {
    let next = if month == 12 {
        Date::from_ymd(year + 1, 1, 1)
    } else {
        Date::from_ymd(year, month + 1, 1)
    }?;
    Date::from_days_since_epoch(next.days_since_epoch() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    #[test]
    fn periods_have_labels_and_bounds() {
        let terms = Legislatures::ghent();
        let calendar = |by| Calendar {
            by,
            terms: terms.clone(),
        };
        let d = day("2016-08-31").days_since_epoch();
        let quarter = calendar(Period::Quarter);
        let (label, first, last) = quarter.describe(quarter.key(d).unwrap()).unwrap();
        assert_eq!(
            (label.as_str(), first, last),
            ("2016-Q3", day("2016-07-01"), day("2016-09-30"))
        );
        let month = calendar(Period::Month);
        let (label, _, last) = month
            .describe(month.key(day("2016-02-10").days_since_epoch()).unwrap())
            .unwrap();
        assert_eq!((label.as_str(), last), ("2016-02", day("2016-02-29")));
        let term = calendar(Period::Legislature);
        assert_eq!(term.key(d), Some(0));
        assert_eq!(term.key(day("2012-06-01").days_since_epoch()), None);
        assert_eq!(
            term.keys_between(day("2017-01-01"), day("2020-01-01")),
            [0, 1]
        );
        assert_eq!(
            calendar(Period::Year).keys_between(day("2015-05-01"), day("2017-01-01")),
            [2015, 2016, 2017]
        );
        assert_eq!(
            month
                .keys_between(day("2016-11-30"), day("2017-02-01"))
                .len(),
            4
        );
    }

    #[test]
    fn periods_read_english_and_dutch_names() {
        assert_eq!("kwartaal".parse::<Period>(), Ok(Period::Quarter));
        assert_eq!("Legislature".parse::<Period>(), Ok(Period::Legislature));
        assert!("week"
            .parse::<Period>()
            .unwrap_err()
            .to_string()
            .contains("`week`"));
    }
}
