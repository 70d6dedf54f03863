//! CSV: a header row and one row per hit, record, token or figure, ready for a spreadsheet.
//! Lists inside a cell are joined with "; ".

use std::io::Write;

use raad_core::analysis::AnalyzedToken;
use raad_core::{Date, Record, TopicSource};
use raad_query::Hit;
use serde::Serialize;

/// The columns a search hit and a whole record share, in this order: a spreadsheet of hits and
/// one of records line up.
const SHARED: [&str; 9] = [
    "id",
    "date",
    "kind",
    "title",
    "councillors",
    "parties",
    "alderman",
    "topics",
    "topic_source",
];

/// The column after the shared ones in `raad search`: the best fragment, without markers.
const HIT_ONLY: [&str; 1] = ["snippet"];

/// The columns after the shared ones in `raad show` and `raad parse`: the rest of the record.
const RECORD_ONLY: [&str; 6] = [
    "involved_aldermen",
    "topic_confidence",
    "answer_date",
    "question",
    "answer",
    "source",
];

/// Writes the header and one row per hit.
pub fn write_hits(out: impl Write, hits: &[Hit]) -> anyhow::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(SHARED.iter().chain(&HIT_ONLY))?;
    for hit in hits {
        let mut row = Shared::of_hit(hit).cells();
        row.push(hit.fragment.text.clone());
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

/// Records as rows, written as they come: `raad parse` prints each file's records before its
/// rejections, so rows must reach stdout file by file.
pub struct RecordWriter<W: Write> {
    writer: ::csv::Writer<W>,
}

impl<W: Write> RecordWriter<W> {
    /// Writes the header row.
    pub fn new(out: W) -> anyhow::Result<RecordWriter<W>> {
        let mut writer = ::csv::Writer::from_writer(out);
        writer.write_record(SHARED.iter().chain(&RECORD_ONLY))?;
        Ok(RecordWriter { writer })
    }

    /// Writes one record's row.
    pub fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        let mut row = Shared::of_record(record).cells();
        row.extend([
            record.involved_aldermen.join("; "),
            record
                .topic_confidence
                .map(|confidence| confidence.to_string())
                .unwrap_or_default(),
            date_cell(record.answer_date),
            record.question.clone().unwrap_or_default(),
            record.answer.clone().unwrap_or_default(),
            record
                .source
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ]);
        self.writer.write_record(&row)?;
        Ok(())
    }

    /// Passes the rows written so far on to the output.
    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

/// Writes the header and one row per token, with the word of the text it comes from.
pub fn write_tokens(out: impl Write, text: &str, tokens: &[AnalyzedToken]) -> anyhow::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(["text", "position", "offset_from", "offset_to", "word"])?;
    for token in tokens {
        writer.write_record([
            token.text.as_str(),
            &token.position.to_string(),
            &token.offset_from.to_string(),
            &token.offset_to.to_string(),
            text.get(token.offset_from..token.offset_to).unwrap_or(""),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes a `key,value` row per figure of `value`, keyed by its path in the JSON output
/// (`records`, `kinds.mondelinge vraag`), so that CSV and JSON name each figure alike. A list
/// of plain values is one cell; a list of objects gives numbered keys (`rejected.0.path`).
pub fn write_key_values(out: impl Write, value: &impl Serialize) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    flatten(String::new(), serde_json::to_value(value)?, &mut rows);
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(["key", "value"])?;
    for row in &rows {
        writer.write_record(row)?;
    }
    writer.flush()?;
    Ok(())
}

fn flatten(key: String, value: serde_json::Value, rows: &mut Vec<[String; 2]>) {
    use serde_json::Value;
    let child = |name: &str| {
        if key.is_empty() {
            name.to_string()
        } else {
            format!("{key}.{name}")
        }
    };
    match value {
        Value::Object(fields) => {
            for (name, value) in fields {
                flatten(child(&name), value, rows);
            }
        }
        Value::Array(items) if items.iter().any(|item| item.is_object() || item.is_array()) => {
            for (i, item) in items.into_iter().enumerate() {
                flatten(child(&i.to_string()), item, rows);
            }
        }
        Value::Array(items) => {
            let cells: Vec<String> = items.into_iter().map(scalar).collect();
            rows.push([key, cells.join("; ")]);
        }
        value => rows.push([key, scalar(value)]),
    }
}

/// A JSON scalar as a cell: strings without quotes, null as an empty cell.
fn scalar(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text,
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The shared columns' values, taken from a hit or a record.
struct Shared<'a> {
    id: &'a str,
    date: Option<Date>,
    kind: Option<&'a str>,
    title: Option<&'a str>,
    councillors: Vec<(&'a str, Option<&'a str>)>,
    alderman: Option<&'a str>,
    topics: &'a [String],
    topic_source: Option<TopicSource>,
}

impl<'a> Shared<'a> {
    fn of_hit(hit: &'a Hit) -> Shared<'a> {
        Shared {
            id: &hit.id,
            date: hit.date,
            kind: hit.kind.as_deref(),
            title: hit.title.as_deref(),
            councillors: hit
                .councillors
                .iter()
                .map(|c| (c.name.as_str(), c.party.as_deref()))
                .collect(),
            alderman: hit.alderman.as_deref(),
            topics: &hit.topics,
            topic_source: hit.topic_source,
        }
    }

    fn of_record(record: &'a Record) -> Shared<'a> {
        Shared {
            id: &record.id,
            date: record.date,
            kind: record.kind.as_deref(),
            title: record.title.as_deref(),
            councillors: record
                .councillors
                .iter()
                .map(|c| (c.name.as_str(), c.party.as_deref()))
                .collect(),
            alderman: record.alderman.as_deref(),
            topics: &record.topics,
            topic_source: record.topic_source,
        }
    }

    /// The cells in the order of [`SHARED`].
    fn cells(&self) -> Vec<String> {
        let names: Vec<&str> = self.councillors.iter().map(|(name, _)| *name).collect();
        let parties: Vec<&str> = self
            .councillors
            .iter()
            .filter_map(|(_, party)| *party)
            .collect();
        vec![
            self.id.to_string(),
            date_cell(self.date),
            self.kind.unwrap_or_default().to_string(),
            self.title.unwrap_or_default().to_string(),
            names.join("; "),
            parties.join("; "),
            self.alderman.unwrap_or_default().to_string(),
            self.topics.join("; "),
            self.topic_source
                .map_or("", |source| source.as_str())
                .to_string(),
        ]
    }
}

fn date_cell(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_values_follow_the_json_paths() {
        let value = serde_json::json!({
            "records": 9,
            "kinds": {"mondelinge vraag": 5},
            "first_date": null,
            "skipped": ["a.pdf", "b.doc"],
            "rejected": [{"path": "x.jsonl", "line": 2}],
        });
        let mut out = Vec::new();
        write_key_values(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(
            rows,
            [
                "key,value",
                "first_date,",
                "kinds.mondelinge vraag,5",
                "records,9",
                "rejected.0.line,2",
                "rejected.0.path,x.jsonl",
                "skipped,a.pdf; b.doc",
            ]
        );
    }
}
