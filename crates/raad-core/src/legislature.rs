//! Legislatures: the terms a council sits, for counting records per term.
//!
//! A council is elected for six years; questions of one term answer to one coalition, so a
//! journalist compares terms rather than calendar years. The built-in table is Ghent's
//! ([`Legislatures::ghent`]); another council's terms are read from a small text file with
//! [`Legislatures::parse`], one term per line.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// One term of a council: its name and its first and last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Legislature {
    /// How the term is shown, e.g. `2019–2024`.
    pub name: String,
    /// The first day of the term.
    pub first_day: Date,
    /// The last day of the term.
    pub last_day: Date,
}

impl Legislature {
    /// Whether `date` falls in this term.
    pub fn contains(&self, date: Date) -> bool {
        (self.first_day..=self.last_day).contains(&date)
    }
}

/// A council's terms in date order, none overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Legislatures {
    terms: Vec<Legislature>,
}

/// A line of a legislature table that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LegislatureError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong and how to write it.
    pub message: String,
}

impl Default for Legislatures {
    /// Ghent's terms ([`Legislatures::ghent`]).
    fn default() -> Legislatures {
        Legislatures::ghent()
    }
}

impl Legislatures {
    /// Ghent's council terms: 2013–2018, 2019–2024 and 2025–2030, each from 1 January of its
    /// first year to 31 December of its last (the councils elected in October take office in
    /// January).
    pub fn ghent() -> Legislatures {
        let term = |first: i32, last: i32| Legislature {
            name: format!("{first}–{last}"),
            first_day: Date::from_ymd(first, 1, 1).unwrap_or(Date::FIRST_INDEXED),
            last_day: Date::from_ymd(last, 12, 31).unwrap_or(Date::LAST_INDEXED),
        };
        Legislatures {
            terms: vec![term(2013, 2018), term(2019, 2024), term(2025, 2030)],
        }
    }

    /// Terms given in date order; an error when two overlap or one ends before it starts.
    pub fn new(terms: Vec<Legislature>) -> Result<Legislatures, LegislatureError> {
        for (n, term) in terms.iter().enumerate() {
            if term.last_day < term.first_day {
                return Err(LegislatureError {
                    line: n + 1,
                    message: format!("term `{}` ends before it starts", term.name),
                });
            }
            if let Some(previous) = n.checked_sub(1).map(|p| &terms[p]) {
                if term.first_day <= previous.last_day {
                    return Err(LegislatureError {
                        line: n + 1,
                        message: format!(
                            "term `{}` starts before `{}` ends: list terms in date order, \
                             without overlap",
                            term.name, previous.name
                        ),
                    });
                }
            }
        }
        Ok(Legislatures { terms })
    }

    /// Reads a table of terms, one per line: `FIRST LAST [NAME]`, where FIRST and LAST are
    /// ISO dates (`2019-01-01`) or years (`2019` is 1 January as FIRST, 31 December as
    /// LAST), separated by whitespace; NAME defaults to `FIRST–LAST`. Blank lines and lines
    /// starting with `#` are skipped.
    ///
    /// ```
    /// use raad_core::legislature::Legislatures;
    /// let terms = Legislatures::parse("# Antwerpen\n2013 2018\n2019 2024 bestuur De Wever II\n")?;
    /// assert_eq!(terms.terms()[1].name, "bestuur De Wever II");
    /// let day = raad_core::Date::from_ymd(2020, 5, 1).unwrap();
    /// assert_eq!(terms.term_of(day).map(|term| term.name.as_str()), Some("bestuur De Wever II"));
    /// # Ok::<(), raad_core::legislature::LegislatureError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Legislatures, LegislatureError> {
        let mut terms = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line_number = n + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, char::is_whitespace);
            let error = |message: String| LegislatureError {
                line: line_number,
                message,
            };
            let first = parts.next().unwrap_or_default();
            let last = parts.next().unwrap_or_default().trim();
            if last.is_empty() {
                return Err(error(format!(
                    "`{line}` has one date; write `FIRST LAST [NAME]`, e.g. `2019 2024`"
                )));
            }
            let first_day = day_of(first, Edge::First).ok_or_else(|| {
                error(format!(
                    "`{first}` is not a year or an ISO date (YYYY-MM-DD)"
                ))
            })?;
            let last_day = day_of(last, Edge::Last)
                .ok_or_else(|| error(format!("`{last}` is not a year or an ISO date")))?;
            let name = match parts.next().map(str::trim).filter(|name| !name.is_empty()) {
                Some(name) => name.to_string(),
                None => format!("{first}–{last}"),
            };
            terms.push((
                line_number,
                Legislature {
                    name,
                    first_day,
                    last_day,
                },
            ));
        }
        let lines: Vec<usize> = terms.iter().map(|(line, _)| *line).collect();
        Legislatures::new(terms.into_iter().map(|(_, term)| term).collect()).map_err(|error| {
            LegislatureError {
                line: lines.get(error.line - 1).copied().unwrap_or(error.line),
                message: error.message,
            }
        })
    }

    /// The terms, in date order.
    pub fn terms(&self) -> &[Legislature] {
        &self.terms
    }

    /// The index of the term `date` falls in, if any.
    pub fn index_of(&self, date: Date) -> Option<usize> {
        // Few terms: a scan is as fast as a search and obviously right.
        self.terms.iter().position(|term| term.contains(date))
    }

    /// The term `date` falls in, if any.
    pub fn term_of(&self, date: Date) -> Option<&Legislature> {
        self.index_of(date).map(|index| &self.terms[index])
    }
}

impl fmt::Display for Legislature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// Which end of a year a bare year stands for.
#[derive(Clone, Copy)]
enum Edge {
    First,
    Last,
}

fn day_of(text: &str, edge: Edge) -> Option<Date> {
    if let Some(date) = Date::parse_iso(text) {
        return Some(date);
    }
    let year: i32 = text.parse().ok()?;
    match edge {
        Edge::First => Date::from_ymd(year, 1, 1),
        Edge::Last => Date::from_ymd(year, 12, 31),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse_iso(text).unwrap()
    }

    #[test]
    fn ghent_sits_three_terms_from_january_to_december() {
        let ghent = Legislatures::ghent();
        let names: Vec<&str> = ghent.terms().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["2013–2018", "2019–2024", "2025–2030"]);
        assert_eq!(ghent.index_of(day("2018-12-31")), Some(0));
        assert_eq!(ghent.index_of(day("2019-01-01")), Some(1));
        assert_eq!(ghent.index_of(day("2012-12-31")), None);
        assert_eq!(ghent.index_of(day("2031-01-01")), None);
    }

    #[test]
    fn a_table_takes_years_dates_and_names() {
        let terms =
            Legislatures::parse("# comment\n\n2007-01-01 2012-12-31\n2013 2018 Termijn B\n")
                .unwrap();
        assert_eq!(terms.terms()[0].name, "2007-01-01–2012-12-31");
        assert_eq!(terms.terms()[1].name, "Termijn B");
        assert_eq!(terms.terms()[1].last_day, day("2018-12-31"));
    }

    #[test]
    fn mistakes_name_their_line() {
        let error = Legislatures::parse("2013 2018\n\n2018 2024\n").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.message.contains("starts before"), "{error}");
        let error = Legislatures::parse("2013\n").unwrap_err();
        assert_eq!(error.line, 1);
        let error = Legislatures::parse("2013 twintig\n").unwrap_err();
        assert!(error.message.contains("`twintig`"), "{error}");
        let error = Legislatures::parse("2019 2013\n").unwrap_err();
        assert!(error.message.contains("ends before"), "{error}");
    }
}
