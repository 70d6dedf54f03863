//! The query language: user text → [`ParsedQuery`], or an error that says what and where.
//!
//! ```text
//! fietspad "gevaarlijk kruispunt" -parking        words, a phrase, an exclusion
//! fiets OR velo  /  fiets OF velo                 either word
//! partij:N-VA schepen:Watteeuw thema:Mobiliteit   field filters (also party, alderman, …)
//! raadslid:"Anne Coddens" soort:mondeling id:"2016 mv 146"
//! datum:2016..2018  date:2016-03-01..2016-06-30   date ranges; also ..2018, 2016.., 2016-03
//! fiets*   Codens~   Codens~1                     prefix, fuzzy (distance by length, or given)
//! ```
//!
//! Parsing never panics: every input gives a [`ParsedQuery`] or a [`QueryError`] with the
//! 1-based column (in characters) of the problem.

use raad_core::{Date, TopicSource};

use crate::error::{QueryError, Result};

/// A query as typed, split into clauses. Every clause must hold for a record to rank in the
/// first tier; see [`Clause`] for what is a hard filter and what only ranks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    /// The clauses in the order typed.
    pub clauses: Vec<Clause>,
}

/// One clause: alternatives joined by `OR`, possibly excluded with `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// `-` before it: records matching it are left out.
    pub excluded: bool,
    /// The alternatives; a record satisfies the clause when it matches one of them.
    pub alternatives: Vec<Item>,
    /// The 1-based column where the clause starts.
    pub column: usize,
}

impl Clause {
    /// Whether every alternative is about the text (words, phrases, prefixes, fuzzy words):
    /// such a clause ranks records, and a record missing it still appears, lower. A clause
    /// with a field filter is a hard condition.
    pub fn is_text(&self) -> bool {
        self.alternatives.iter().all(Item::is_text)
    }
}

/// One term of the query language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A word, analyzed like the text (stems, compound parts).
    Word(String),
    /// Words that must appear in this order.
    Phrase(String),
    /// Words starting with this text (`fiets*`).
    Prefix(String),
    /// A word within a few typing errors (`Codens~`); `distance` when given (`Codens~1`).
    Fuzzy {
        /// The word as typed.
        text: String,
        /// The edit distance, when typed after the `~`.
        distance: Option<u8>,
    },
    /// `field:value` for a facet-like field or the id.
    Field {
        /// The field.
        field: QueryField,
        /// The value as typed.
        value: String,
    },
    /// `datum:` / `date:` range, both ends inclusive.
    DateRange {
        /// First day, when bounded.
        from: Option<Date>,
        /// Last day, when bounded.
        to: Option<Date>,
    },
}

impl Item {
    /// Whether the item is about the text rather than a field.
    pub fn is_text(&self) -> bool {
        matches!(
            self,
            Item::Word(_) | Item::Phrase(_) | Item::Prefix(_) | Item::Fuzzy { .. }
        )
    }
}

/// The fields `field:value` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QueryField {
    /// `council:` / `gemeente:`.
    Council,
    /// `party:` / `partij:`.
    Party,
    /// `alderman:` / `schepen:`.
    Alderman,
    /// `councillor:` / `raadslid:`.
    Councillor,
    /// `topic:` / `thema:`.
    Topic,
    /// `kind:` / `soort:`.
    Kind,
    /// `topic_source:` / `themabron:`: `given`, `rules` or `inferred`.
    TopicSource,
    /// `id:`.
    Id,
}

/// Field names of the query language, English and Dutch; `date`/`datum` take a range.
pub const FIELD_NAMES: [&str; 19] = [
    "council",
    "gemeente",
    "party",
    "partij",
    "alderman",
    "schepen",
    "councillor",
    "raadslid",
    "topic",
    "thema",
    "kind",
    "soort",
    "topic_source",
    "themabron",
    "id",
    "date",
    "datum",
    "year",
    "jaar",
];

enum FieldName {
    Field(QueryField),
    Date,
}

fn field_name(name: &str) -> Option<FieldName> {
    let field = match name.to_lowercase().as_str() {
        "council" | "gemeente" => QueryField::Council,
        "party" | "partij" => QueryField::Party,
        "alderman" | "schepen" => QueryField::Alderman,
        "councillor" | "raadslid" => QueryField::Councillor,
        "topic" | "thema" => QueryField::Topic,
        "kind" | "soort" => QueryField::Kind,
        "topic_source" | "themabron" => QueryField::TopicSource,
        "id" => QueryField::Id,
        "date" | "datum" | "year" | "jaar" => return Some(FieldName::Date),
        _ => return None,
    };
    Some(FieldName::Field(field))
}

/// A lexical token with its column.
#[derive(Debug)]
enum Token {
    Or,
    Term {
        excluded: bool,
        item: Item,
        column: usize,
    },
}

/// Parses query text in the query language.
pub fn parse(text: &str) -> Result<ParsedQuery> {
    let tokens = Lexer::new(text).tokens()?;
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or: Option<usize> = None;
    for (column, token) in tokens {
        match token {
            Token::Or => {
                if pending_or.is_some() {
                    return Err(syntax(column, "two OR in a row; write a word between them"));
                }
                match clauses.last() {
                    None => {
                        return Err(syntax(
                            column,
                            "OR needs a word before it (to search for the word \"or\", write it in lower case)",
                        ))
                    }
                    Some(clause) if clause.excluded => {
                        return Err(syntax(
                            column,
                            "an excluded term (-word) cannot be one side of OR",
                        ))
                    }
                    Some(_) => pending_or = Some(column),
                }
            }
            Token::Term {
                excluded,
                item,
                column,
            } => {
                if pending_or.take().is_some() {
                    if excluded {
                        return Err(syntax(
                            column,
                            "an excluded term (-word) cannot be one side of OR",
                        ));
                    }
                    if let Some(last) = clauses.last_mut() {
                        last.alternatives.push(item);
                    }
                } else {
                    clauses.push(Clause {
                        excluded,
                        alternatives: vec![item],
                        column,
                    });
                }
            }
        }
    }
    if let Some(column) = pending_or {
        return Err(syntax(column, "OR needs a word after it"));
    }
    Ok(ParsedQuery { clauses })
}

fn syntax(column: usize, message: impl Into<String>) -> QueryError {
    QueryError::Syntax {
        column,
        message: message.into(),
    }
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
}

impl Lexer {
    fn new(text: &str) -> Lexer {
        Lexer {
            chars: text.chars().collect(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn tokens(mut self) -> Result<Vec<(usize, Token)>> {
        let mut tokens = Vec::new();
        loop {
            while self.peek().is_some_and(char::is_whitespace) {
                self.at += 1;
            }
            let Some(first) = self.peek() else {
                return Ok(tokens);
            };
            let column = self.at + 1;
            let mut excluded = false;
            if first == '-' {
                self.at += 1;
                match self.peek() {
                    // A lone `-` (a dash between words) is punctuation, not syntax.
                    None => continue,
                    Some(next) if next.is_whitespace() || next == '-' => continue,
                    Some(_) => excluded = true,
                }
            }
            if self.peek() == Some('"') {
                let phrase = self.quoted()?;
                tokens.push((
                    column,
                    Token::Term {
                        excluded,
                        item: Item::Phrase(phrase),
                        column,
                    },
                ));
                continue;
            }
            let word_column = self.at + 1;
            let word = self.bare();
            if !excluded && (word == "OR" || word == "OF") {
                tokens.push((column, Token::Or));
                continue;
            }
            let item = self.item(word, word_column)?;
            if let Some(item) = item {
                tokens.push((
                    column,
                    Token::Term {
                        excluded,
                        item,
                        column,
                    },
                ));
            }
        }
    }

    /// Reads `"…"` starting at the opening quote; returns the text inside.
    fn quoted(&mut self) -> Result<String> {
        let open = self.at + 1;
        self.at += 1;
        let start = self.at;
        while let Some(c) = self.peek() {
            if c == '"' {
                let text: String = self.chars[start..self.at].iter().collect();
                self.at += 1;
                return Ok(text);
            }
            self.at += 1;
        }
        Err(syntax(
            open,
            "this quote is not closed; end the phrase with another \"",
        ))
    }

    /// Reads up to white space or a quote.
    fn bare(&mut self) -> String {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || c == '"' {
                break;
            }
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    /// Turns a bare word (already read) into an item; `None` for text without letters or
    /// digits, which searches for nothing.
    fn item(&mut self, word: String, column: usize) -> Result<Option<Item>> {
        if let Some((name, value)) = word.split_once(':') {
            if !name.is_empty() && name.chars().all(|c| c.is_alphabetic() || c == '_') {
                return self.field(name, value, column).map(Some);
            }
        }
        if let Some(stem) = word.strip_suffix('*') {
            let stem = stem.trim_end_matches('*');
            if !stem.chars().any(char::is_alphanumeric) {
                return Err(syntax(
                    column,
                    "* needs the start of a word before it (fiets*)",
                ));
            }
            return Ok(Some(Item::Prefix(stem.to_string())));
        }
        if let Some((text, distance)) = word.rsplit_once('~') {
            if distance.is_empty() || distance.chars().all(|c| c.is_ascii_digit()) {
                if !text.chars().any(char::is_alphanumeric) {
                    return Err(syntax(column, "~ needs a word before it (Codens~)"));
                }
                let distance = if distance.is_empty() {
                    None
                } else {
                    match distance.parse::<u8>() {
                        Ok(distance) if distance <= 2 => Some(distance),
                        _ => {
                            let at = column + text.chars().count() + 1;
                            return Err(syntax(at, "the fuzzy distance after ~ is 0, 1 or 2"));
                        }
                    }
                };
                return Ok(Some(Item::Fuzzy {
                    text: text.to_string(),
                    distance,
                }));
            }
        }
        if !word.chars().any(char::is_alphanumeric) {
            return Ok(None);
        }
        Ok(Some(Item::Word(word)))
    }

    /// `name:value` (the value may also be a quoted phrase right after the colon).
    fn field(&mut self, name: &str, value: &str, column: usize) -> Result<Item> {
        let value_column = column + name.chars().count() + 1;
        let kind = field_name(name).ok_or_else(|| QueryError::UnknownField {
            column,
            name: name.to_string(),
            valid: FIELD_NAMES.to_vec(),
        })?;
        let value = if value.is_empty() && self.peek() == Some('"') {
            self.quoted()?
        } else {
            value.to_string()
        };
        if value.trim().is_empty() {
            return Err(syntax(
                value_column,
                format!("{name}: needs a value ({name}:value, or {name}:\"two words\")"),
            ));
        }
        match kind {
            FieldName::Field(QueryField::TopicSource)
                if TopicSource::from_name(&value).is_none() =>
            {
                Err(syntax(
                    value_column,
                    format!(
                        "{name}: `{}` is not a topic source; use given, rules or inferred",
                        value.trim()
                    ),
                ))
            }
            FieldName::Field(field) => Ok(Item::Field {
                field,
                value: value.trim().to_string(),
            }),
            FieldName::Date => {
                let (from, to) = date_range(value.trim(), value_column)?;
                Ok(Item::DateRange { from, to })
            }
        }
    }
}

/// `2016`, `2016-03`, `2016-03-01`, or two of them around `..` (either side may be empty).
fn date_range(value: &str, column: usize) -> Result<(Option<Date>, Option<Date>)> {
    let Some((low, high)) = value.split_once("..") else {
        let (from, to) = date_spec(value, column)?;
        return Ok((Some(from), Some(to)));
    };
    let high_column = column + low.chars().count() + 2;
    if low.is_empty() && high.is_empty() {
        return Err(syntax(
            column,
            "a date range needs a start or an end (2016..2018, ..2018, 2016..)",
        ));
    }
    let from = if low.is_empty() {
        None
    } else {
        Some(date_spec(low, column)?.0)
    };
    let to = if high.is_empty() {
        None
    } else {
        Some(date_spec(high, high_column)?.1)
    };
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(syntax(
                column,
                format!("the date range ends ({to}) before it starts ({from})"),
            ));
        }
    }
    Ok((from, to))
}

/// The first and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with the column for errors.
fn date_spec(spec: &str, column: usize) -> Result<(Date, Date)> {
    date_bounds(spec).ok_or_else(|| {
        syntax(
            column,
            format!("`{spec}` is not a date; write 2016, 2016-03 or 2016-03-01"),
        )
    })
}

/// The first and last day a date as the query language writes it stands for: a year
/// (`2016`: 2016-01-01 and 2016-12-31), a month (`2016-02`: 2016-02-01 and 2016-02-29) or a
/// day (`2016-03-01`: that day twice). `None` for anything else, including days that do not
/// exist.
///
/// `datum:2016-03..` starts at the first day and `datum:..2016-03` ends at the last; callers
/// that take the two ends of a range separately (`raad search --from 2016-03 --to 2016-06`)
/// use this to read them the same way.
///
/// ```
/// use raad_core::Date;
/// use raad_query::parse::date_bounds;
///
/// assert_eq!(
///     date_bounds("2016-02"),
///     Some((Date::from_ymd(2016, 2, 1).unwrap(), Date::from_ymd(2016, 2, 29).unwrap()))
/// );
/// assert_eq!(date_bounds("2016-02-30"), None);
/// assert_eq!(date_bounds("03/2016"), None);
/// ```
pub fn date_bounds(spec: &str) -> Option<(Date, Date)> {
    let parts: Vec<&str> = spec.split('-').collect();
    let number = |part: &str| -> Option<u32> {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    match parts.as_slice() {
        [year] if year.len() == 4 => {
            let year = number(year)? as i32;
            Some((Date::from_ymd(year, 1, 1)?, Date::from_ymd(year, 12, 31)?))
        }
        [year, month] if year.len() == 4 => {
            let (year, month) = (number(year)? as i32, number(month)?);
            let first = Date::from_ymd(year, month, 1)?;
            let last = (28..=31)
                .rev()
                .find_map(|day| Date::from_ymd(year, month, day))?;
            Some((first, last))
        }
        [year, month, day] if year.len() == 4 => {
            let date = Date::from_ymd(number(year)? as i32, number(month)?, number(day)?)?;
            Some((date, date))
        }
        _ => None,
    }
}

/// Splits plain-mode text into words: nothing is syntax.
pub fn plain_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str) -> Item {
        Item::Word(text.to_string())
    }

    fn clause(item: Item, column: usize) -> Clause {
        Clause {
            excluded: false,
            alternatives: vec![item],
            column,
        }
    }

    fn date(y: i32, m: u32, d: u32) -> Option<Date> {
        Date::from_ymd(y, m, d)
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        let parsed = parse(r#"fietspad "gevaarlijk kruispunt" -parking fiets OF velo"#).unwrap();
        assert_eq!(
            parsed.clauses,
            vec![
                clause(word("fietspad"), 1),
                clause(Item::Phrase("gevaarlijk kruispunt".into()), 10),
                Clause {
                    excluded: true,
                    alternatives: vec![word("parking")],
                    column: 33
                },
                Clause {
                    excluded: false,
                    alternatives: vec![word("fiets"), word("velo")],
                    column: 42
                },
            ]
        );
    }

    #[test]
    fn fields_prefix_fuzzy() {
        let parsed =
            parse(r#"partij:N-VA raadslid:"Anne Coddens" fiets* Codens~ Codens~1"#).unwrap();
        let items: Vec<Item> = parsed
            .clauses
            .into_iter()
            .flat_map(|clause| clause.alternatives)
            .collect();
        assert_eq!(
            items,
            vec![
                Item::Field {
                    field: QueryField::Party,
                    value: "N-VA".into()
                },
                Item::Field {
                    field: QueryField::Councillor,
                    value: "Anne Coddens".into()
                },
                Item::Prefix("fiets".into()),
                Item::Fuzzy {
                    text: "Codens".into(),
                    distance: None
                },
                Item::Fuzzy {
                    text: "Codens".into(),
                    distance: Some(1)
                },
            ]
        );
    }

    #[test]
    fn date_ranges() {
        let range = |text: &str| match parse(text).unwrap().clauses[0].alternatives[0].clone() {
            Item::DateRange { from, to } => (from, to),
            other => panic!("not a date range: {other:?}"),
        };
        assert_eq!(
            range("datum:2016..2018"),
            (date(2016, 1, 1), date(2018, 12, 31))
        );
        assert_eq!(
            range("date:2016-03-01..2016-06-30"),
            (date(2016, 3, 1), date(2016, 6, 30))
        );
        assert_eq!(range("datum:..2018"), (None, date(2018, 12, 31)));
        assert_eq!(range("datum:2016.."), (date(2016, 1, 1), None));
        assert_eq!(
            range("datum:2016-02"),
            (date(2016, 2, 1), date(2016, 2, 29))
        );
        assert_eq!(range("jaar:2016"), (date(2016, 1, 1), date(2016, 12, 31)));
    }

    #[test]
    fn errors_say_where() {
        let column = |text: &str| parse(text).unwrap_err().column();
        assert_eq!(column(r#"fiets "open einde"#), Some(7));
        assert_eq!(column("fiets partij:"), Some(14));
        assert_eq!(column("fiets kleur:rood"), Some(7));
        assert_eq!(column("datum:2018..2016"), Some(7));
        assert_eq!(column("datum:2016..20x8"), Some(13));
        assert_eq!(column("datum:.."), Some(7));
        assert_eq!(column("OR fiets"), Some(1));
        assert_eq!(column("fiets OR"), Some(7));
        assert_eq!(column("fiets OR OR velo"), Some(10));
        assert_eq!(column("-fiets OR velo"), Some(8));
        assert_eq!(column("fiets~7"), Some(7));
        assert_eq!(column("*"), Some(1));
        let unknown = parse("kleur:rood").unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "column 1: unknown field `kleur`; valid fields are: council, gemeente, party, partij, \
             alderman, schepen, councillor, raadslid, topic, thema, kind, soort, topic_source, themabron, id, \
             date, datum, year, jaar"
        );
    }

    #[test]
    fn punctuation_and_lone_dashes_are_not_syntax() {
        let parsed = parse("fiets - velo -- ! 10:30").unwrap();
        assert_eq!(
            parsed.clauses,
            vec![
                clause(word("fiets"), 1),
                clause(word("velo"), 9),
                clause(word("10:30"), 19),
            ]
        );
        assert_eq!(parse("   ").unwrap(), ParsedQuery::default());
        assert_eq!(parse("or of").unwrap().clauses.len(), 2);
    }
}
