//! Dates as Dutch council records write them.
//!
//! Forms read: `15 maart 2016`, `maandag 15 mei 2017`, `ma 12/04/2021 - 19:00`,
//! `dd. 02 juni 2014`, `Gepubliceerd op 07/07/2021`, `Vergadering van 15 maart 2016`,
//! `2016-03-15`, and month abbreviations (`jan.`, `feb.`, `febr.`, `mrt.`, `sept.`, `okt.`, …).
//! Weekdays are passed over, not checked against the date: a wrong weekday is a typo in a
//! record, and the day number is what the record is filed under.

use crate::date::Date;

/// Months by name and abbreviation, lower-case, without the abbreviation dot.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("jan", 1),
    ("februari", 2),
    ("febr", 2),
    ("feb", 2),
    ("maart", 3),
    ("mrt", 3),
    ("maa", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("augustus", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Weekdays by name and abbreviation, lower-case, without a dot.
const WEEKDAYS: &[&str] = &[
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    "ma",
    "di",
    "wo",
    "do",
    "vr",
    "za",
    "zo",
];

/// Lead-ins that come before a date, lower-case.
const PREFIXES: &[&str] = &["vergadering van", "gepubliceerd op", "d.d.", "dd.", "op"];

/// Reads a date written the Dutch way; `None` when the text is not one date, possibly followed
/// by a time (`- 19:00`, `om 19u`).
///
/// Forms read: `15 maart 2016`, `maandag 15 mei 2017`, `ma 12/04/2021 - 19:00`,
/// `dd. 02 juni 2014`, `Gepubliceerd op 07/07/2021`, `Vergadering van 15 maart 2016`,
/// `2016-03-15`, `15.03.2016`, and month abbreviations (`jan.`, `febr.`, `mrt.`, `sept.`, …).
/// A weekday is passed over, not checked against the date.
///
/// ```
/// use raad_core::parse::parse_dutch_date;
/// let date = parse_dutch_date("ma 12/04/2021 - 19:00").unwrap();
/// assert_eq!(date.to_string(), "2021-04-12");
/// assert_eq!(parse_dutch_date("31 februari 2016"), None);
/// ```
pub fn parse_dutch_date(text: &str) -> Option<Date> {
    // Most lines asked are not dates; every date has a digit, and a byte scan is cheap.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut rest = strip_decoration(text);
    for prefix in PREFIXES {
        if let Some(after) = strip_prefix_ci(rest, prefix) {
            rest = after.trim_start_matches([':', ' ', '\t']);
            break;
        }
    }
    rest = strip_weekday(rest);
    let (date, tail) = date_at(rest)?;
    is_time_tail(tail).then_some(date)
}

/// Finds a date anywhere in a line such as `Vergadering van de gemeenteraad van 15 maart 2016
/// om 19 uur`: the first word position where a date starts. Used for the `Vergadering` line,
/// whose wording varies more than the date does.
pub(crate) fn find_date(text: &str) -> Option<Date> {
    if let Some(date) = parse_dutch_date(text) {
        return Some(date);
    }
    let text = strip_decoration(text);
    let mut starts = text
        .char_indices()
        .filter(|&(i, c)| {
            c.is_ascii_digit()
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric())
        })
        .map(|(i, _)| i);
    starts.find_map(|i| date_at(&text[i..]).map(|(date, _)| date))
}

/// Whether a line that did not parse as a date was meant as one: short, not a sentence (no
/// final `.`, `?`, `!` or `:`), and a day number with a month name, or digits with `/`, `-` or
/// `.` between them. Such a line after `ANTWOORD` is a broken answer date; any other line is
/// the first line of the answer, kept as text (`Op 1 juli 2020.` is a sentence).
pub(crate) fn looks_like_date(text: &str) -> bool {
    let text = strip_decoration(text);
    if text.chars().count() > 40 || text.ends_with(['.', '?', '!', ':']) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let has_month = words
        .iter()
        .any(|w| month_of(w.trim_end_matches(['.', ','])).is_some());
    let has_number = words
        .iter()
        .any(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()));
    let numeric = words.iter().any(|w| {
        let mut parts = w.split(['/', '-', '.']);
        parts.clone().count() == 3
            && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    });
    (has_month && has_number) || numeric
}

/// Drops markdown emphasis around the text and surrounding white space.
fn strip_decoration(text: &str) -> &str {
    text.trim().trim_matches(['*', '_']).trim()
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.as_bytes().get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix.as_bytes()) {
        return None;
    }
    let rest = &text[prefix.len()..];
    // A prefix is a word of its own: `op` must not eat the start of `oktober`.
    let word_ends = prefix.ends_with('.') || rest.starts_with([' ', '\t', ':']) || rest.is_empty();
    word_ends.then_some(rest)
}

fn strip_weekday(text: &str) -> &str {
    let word_len = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    let word = &text[..word_len];
    if WEEKDAYS.iter().any(|w| word.eq_ignore_ascii_case(w)) {
        text[word_len..].trim_start_matches(['.', ',', ' ', '\t'])
    } else {
        text
    }
}

fn month_of(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(name, _)| word.eq_ignore_ascii_case(name))
        .map(|&(_, month)| month)
}

/// A date at the start of `text` and what follows it.
fn date_at(text: &str) -> Option<(Date, &str)> {
    let (first, rest) = leading_digits(text)?;
    if first.len() == 4 {
        // ISO: YYYY-MM-DD.
        let rest = rest.strip_prefix('-')?;
        let (month, rest) = leading_digits(rest)?;
        let rest = rest.strip_prefix('-')?;
        let (day, rest) = leading_digits(rest)?;
        let date = Date::from_ymd(number(first)?, number(month)? as u32, number(day)? as u32)?;
        return Some((date, rest));
    }
    if first.len() > 2 {
        return None;
    }
    let day = number(first)? as u32;
    if let Some(separator) = rest.chars().next().filter(|c| matches!(c, '/' | '-' | '.')) {
        // Numeric: DD/MM/YYYY (also with - or .).
        let after = &rest[1..];
        if let Some((month, after)) = leading_digits(after) {
            let after = after.strip_prefix(separator)?;
            let (year, after) = leading_digits(after)?;
            if month.len() > 2 || year.len() != 4 {
                return None;
            }
            let date = Date::from_ymd(number(year)?, number(month)? as u32, day)?;
            return Some((date, after));
        }
        if separator != '.' {
            return None;
        }
    }
    // Named month: D[D][.] MONTH[.] YYYY.
    let rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
    let month_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let month = month_of(&rest[..month_len])?;
    let rest = rest[month_len..]
        .strip_prefix('.')
        .unwrap_or(&rest[month_len..]);
    let rest = rest.trim_start_matches([' ', '\t', ',']);
    let (year, rest) = leading_digits(rest)?;
    if year.len() != 4 {
        return None;
    }
    Some((Date::from_ymd(number(year)?, month, day)?, rest))
}

fn leading_digits(text: &str) -> Option<(&str, &str)> {
    let len = text.bytes().take_while(u8::is_ascii_digit).count();
    (len > 0).then(|| text.split_at(len))
}

fn number(digits: &str) -> Option<i32> {
    if digits.len() > 6 {
        return None;
    }
    digits.parse().ok()
}

/// Whether what follows a date is empty or a time: `- 19:00`, `om 19u30`, `, 14 uur`.
fn is_time_tail(tail: &str) -> bool {
    let tail = tail.trim().trim_matches(['*', '_']);
    tail.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ','))
        .filter(|w| !w.is_empty())
        .all(|word| {
            word.eq_ignore_ascii_case("om")
                || word.eq_ignore_ascii_case("uur")
                || word.eq_ignore_ascii_case("u")
                || (word.bytes().next().is_some_and(|b| b.is_ascii_digit())
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'u' | b'h')))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        parse_dutch_date(text).map(|d| d.to_string())
    }

    #[test]
    fn forms_of_records() {
        for (text, expected) in [
            ("15 maart 2016", "2016-03-15"),
            ("Vergadering van 15 maart 2016", "2016-03-15"),
            ("Vergadering van maandag 15 mei 2017", "2017-05-15"),
            ("ma 12/04/2021 - 19:00", "2021-04-12"),
            ("dd. 02 juni 2014", "2014-06-02"),
            ("Gepubliceerd op 07/07/2021", "2021-07-07"),
            ("2016-03-15", "2016-03-15"),
            ("1 jan. 2020", "2020-01-01"),
            ("3 feb. 2019", "2019-02-03"),
            ("3 febr. 2019", "2019-02-03"),
            ("9 sept. 2021", "2021-09-09"),
            ("9 Sept 2021", "2021-09-09"),
            ("4 okt. 2022", "2022-10-04"),
            ("12 mrt 2018", "2018-03-12"),
            ("**26 april 2021**", "2021-04-26"),
            ("MAANDAG 4 FEBRUARI 2019", "2019-02-04"),
            ("di. 5 maart 2019", "2019-03-05"),
            ("woensdag, 6 maart 2019 om 20u", "2019-03-06"),
            ("15.03.2016", "2016-03-15"),
            ("15-03-2016", "2016-03-15"),
            ("1 oktober 2020", "2020-10-01"),
            ("Vergadering van: 1 oktober 2020", "2020-10-01"),
        ] {
            assert_eq!(iso(text).as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "31 februari 2016",
            "15 maart",
            "maart 2016",
            "15 maart 16",
            "Het antwoord volgt.",
            "32/01/2020",
            "15 maart 2016 en verder",
            "2016-3-15x",
            "op",
        ] {
            assert_eq!(iso(text), None, "{text}");
        }
    }

    #[test]
    fn found_inside_a_line() {
        let found = find_date("Vergadering van de gemeenteraad van 15 maart 2016 om 19 uur");
        assert_eq!(found.map(|d| d.to_string()).as_deref(), Some("2016-03-15"));
        assert_eq!(find_date("Vergadering van de gemeenteraad"), None);
    }

    #[test]
    fn date_like_lines() {
        assert!(looks_like_date("31 februari 2016"));
        assert!(looks_like_date("32/13/2016"));
        assert!(!looks_like_date("Het antwoord volgt in 2016."));
        assert!(!looks_like_date("Op 1 juli 2020."));
        assert!(!looks_like_date("Zie 15 maart 2016:"));
        assert!(!looks_like_date(
            "In maart 2016 werden 12 plaatsen bijgemaakt in de opvang."
        ));
    }
}
