//! What one record may hold: the bounds that keep an index able to find every record and keep
//! the cost of indexing one record proportional to its size.
//!
//! Parsing rejects a record beyond any of them, naming the field and the bound (a reported
//! rejection, never a silent truncation):
//! - an id longer than [`MAX_ID_BYTES`] (tantivy cannot index a term over 64 KB, so such a
//!   record could never be found, and two of them would coexist);
//! - more than [`MAX_NAMES`] councillors, or more than [`MAX_NAMES`] involved aldermen;
//! - more than [`MAX_TOPICS`] topics;
//! - a `date` or `answer_date` outside [`Date::FIRST_INDEXED`]..=[`Date::LAST_INDEXED`]
//!   (tantivy's timestamps overflow outside 1677–2262).
//!
//! Long texts are not rejected: a record whose text exceeds [`LARGE_TEXT_BYTES`] is indexed
//! and reported as large (searches that match it show snippets from its first part only).

use crate::date::Date;
use crate::error::ParseErrorKind;
use crate::record::Record;

/// The longest id, in bytes (UTF-8). Council ids are a few dozen bytes.
pub const MAX_ID_BYTES: usize = 256;

/// The most councillors one record may name, and the most involved aldermen. A council
/// question has a handful; a few hundred is a whole council.
pub const MAX_NAMES: usize = 1_000;

/// The most topics one record may have.
pub const MAX_TOPICS: usize = 1_000;

/// Text (title, question and answer together) above which a record is reported as large when
/// it is indexed: 1 MiB, far above any council answer (the longest are a few hundred KB).
pub const LARGE_TEXT_BYTES: usize = 1 << 20;

/// Checks `record` against the bounds above: `Ok` when an index can hold it, else the
/// rejection naming the first field beyond its bound.
pub fn check(record: &Record) -> Result<(), ParseErrorKind> {
    let field = |field: &str, message: String| ParseErrorKind::Field {
        field: field.to_string(),
        message,
    };
    if record.id.len() > MAX_ID_BYTES {
        return Err(field(
            "id",
            format!(
                "{} bytes long; an id may be at most {MAX_ID_BYTES} bytes",
                record.id.len()
            ),
        ));
    }
    for (name, date) in [("date", record.date), ("answer_date", record.answer_date)] {
        if let Some(date) = date.filter(|date| !date.is_indexable()) {
            return Err(field(
                name,
                format!(
                    "{date} is outside the dates an index can hold ({} to {})",
                    Date::FIRST_INDEXED,
                    Date::LAST_INDEXED
                ),
            ));
        }
    }
    let counts = [
        ("councillors", record.councillors.len(), MAX_NAMES),
        (
            "involved_aldermen",
            record.involved_aldermen.len(),
            MAX_NAMES,
        ),
        ("topics", record.topics.len(), MAX_TOPICS),
    ];
    for (name, count, max) in counts {
        if count > max {
            return Err(field(
                name,
                format!("{count} values; a record may have at most {max}"),
            ));
        }
    }
    Ok(())
}

/// The bytes of a record's text (title, question and answer): what [`LARGE_TEXT_BYTES`] bounds.
pub fn text_bytes(record: &Record) -> usize {
    [&record.title, &record.question, &record.answer]
        .into_iter()
        .flatten()
        .map(String::len)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Councillor;

    fn message(record: &Record) -> String {
        check(record).unwrap_err().to_string()
    }

    #[test]
    fn within_bounds() {
        let mut record = Record::new("x".repeat(MAX_ID_BYTES));
        record.topics = vec!["Mobiliteit".to_string(); MAX_TOPICS];
        record.date = Some(Date::LAST_INDEXED);
        record.answer_date = Some(Date::FIRST_INDEXED);
        assert_eq!(check(&record), Ok(()));
    }

    #[test]
    fn beyond_bounds() {
        let record = Record::new("x".repeat(70_000));
        assert_eq!(
            message(&record),
            "field `id`: 70000 bytes long; an id may be at most 256 bytes"
        );
        let mut record = Record::new("E1");
        record.answer_date = Date::from_ymd(3000, 1, 1);
        assert_eq!(
            message(&record),
            "field `answer_date`: 3000-01-01 is outside the dates an index can hold \
             (1678-01-01 to 2261-12-31)"
        );
        let mut record = Record::new("E1");
        record.councillors = vec![
            Councillor {
                name: "Jan".to_string(),
                party: None,
                party_as_written: None,
            };
            1_001
        ];
        assert_eq!(
            message(&record),
            "field `councillors`: 1001 values; a record may have at most 1000"
        );
        let mut record = Record::new("E1");
        record.topics = vec!["Mobiliteit".to_string(); 1_001];
        assert_eq!(
            message(&record),
            "field `topics`: 1001 values; a record may have at most 1000"
        );
    }
}
