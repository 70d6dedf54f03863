//! CSV: a header row and one row per hit, record, token or figure, ready for a spreadsheet.
//! Lists inside a cell are joined with "; ". Every CSV writer here is built by
//! [`CsvStyle::writer`], so `--excel` and `--csv-delimiter` shape all of raad's CSV alike.

use std::collections::BTreeMap;
use std::io::{self, Write};

use raad_core::analysis::AnalyzedToken;
use raad_core::{Date, Facet, Record, TopicSource};
use raad_query::{FacetCount, Hit};
use serde::Serialize;

/// How raad writes CSV: the character between cells, the line ends, and whether a UTF-8
/// byte-order mark comes first. The default is RFC 4180's comma with `\n` line ends and no
/// mark; [`CsvStyle::EXCEL`] is what Dutch and Flemish Excel opens correctly by a double click
/// (it expects `;` as list separator, and reads UTF-8 as such only after a mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// The byte between cells (one ASCII character).
    pub delimiter: u8,
    /// `\r\n` line ends instead of `\n`.
    pub crlf: bool,
    /// A UTF-8 byte-order mark before the first row.
    pub bom: bool,
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

impl CsvStyle {
    /// Commas, `\n` line ends, no byte-order mark: the default.
    pub const PLAIN: CsvStyle = CsvStyle {
        delimiter: b',',
        crlf: false,
        bom: false,
    };

    /// Semicolons, `\r\n` line ends and a byte-order mark: `--excel`.
    pub const EXCEL: CsvStyle = CsvStyle {
        delimiter: b';',
        crlf: true,
        bom: true,
    };

    /// A CSV writer over `out` in this style, the byte-order mark already written when the
    /// style has one. Build one writer per output: each writes its own mark.
    pub fn writer<W: Write>(self, mut out: W) -> io::Result<::csv::Writer<W>> {
        if self.bom {
            out.write_all(BOM)?;
        }
        let terminator = if self.crlf {
            ::csv::Terminator::CRLF
        } else {
            ::csv::Terminator::Any(b'\n')
        };
        Ok(::csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .terminator(terminator)
            .from_writer(out))
    }
}

impl Default for CsvStyle {
    fn default() -> CsvStyle {
        CsvStyle::PLAIN
    }
}

/// The columns a search hit and a whole record share, in this order: a spreadsheet of hits and
/// one of records line up.
const SHARED: [&str; 10] = [
    "id",
    "council",
    "date",
    "kind",
    "title",
    "councillors",
    "parties",
    "alderman",
    "topics",
    "topic_source",
];

/// The columns after the shared ones in `raad show` and `raad parse`: the rest of the record.
const RECORD_ONLY: [&str; 6] = [
    "involved_aldermen",
    "topic_confidence",
    "answer_date",
    "question",
    "answer",
    "source",
];

/// A column `raad search --format csv --columns` can write. The value names are the header
/// cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum HitColumn {
    /// The record's id.
    Id,
    /// The record's council (empty in an index of one council).
    Council,
    /// The meeting date (YYYY-MM-DD).
    Date,
    /// The kind of record.
    Kind,
    /// The subject.
    Title,
    /// The asking councillors, joined with "; ".
    Councillors,
    /// Their parties, joined with "; ".
    Parties,
    /// The responsible alderman.
    Alderman,
    /// The topics, joined with "; ".
    Topics,
    /// Where the topics came from: given, inferred or rules.
    TopicSource,
    /// The best fragment, without markers.
    Snippet,
    /// The answer's text (read from the stored record).
    Answer,
    /// `yes` when the record has an answer, else `no`.
    Answered,
    /// The date of the answer (YYYY-MM-DD).
    AnswerDate,
    /// Days from the meeting date to the answer date (negative when the answer is dated
    /// before the question); empty without both dates.
    DelayDays,
    /// The file and line the record was read from (path:line).
    Source,
}

impl HitColumn {
    /// Today's columns of `raad search --format csv`, the default of `--columns`.
    pub const DEFAULT: [HitColumn; 11] = [
        HitColumn::Id,
        HitColumn::Council,
        HitColumn::Date,
        HitColumn::Kind,
        HitColumn::Title,
        HitColumn::Councillors,
        HitColumn::Parties,
        HitColumn::Alderman,
        HitColumn::Topics,
        HitColumn::TopicSource,
        HitColumn::Snippet,
    ];

    /// The header cell: the name `--columns` takes.
    pub fn name(self) -> &'static str {
        match self {
            HitColumn::Id => "id",
            HitColumn::Council => "council",
            HitColumn::Date => "date",
            HitColumn::Kind => "kind",
            HitColumn::Title => "title",
            HitColumn::Councillors => "councillors",
            HitColumn::Parties => "parties",
            HitColumn::Alderman => "alderman",
            HitColumn::Topics => "topics",
            HitColumn::TopicSource => "topic_source",
            HitColumn::Snippet => "snippet",
            HitColumn::Answer => "answer",
            HitColumn::Answered => "answered",
            HitColumn::AnswerDate => "answer_date",
            HitColumn::DelayDays => "delay_days",
            HitColumn::Source => "source",
        }
    }
}

/// Writes the header and one row per hit, in `columns`. The answer's text is not part of a
/// hit: `answer` asks for it, once per row, and only when the column is wanted.
pub fn write_hits(
    out: impl Write,
    style: CsvStyle,
    columns: &[HitColumn],
    hits: &[Hit],
    mut answer: impl FnMut(&Hit) -> anyhow::Result<Option<String>>,
) -> anyhow::Result<()> {
    let mut writer = style.writer(out)?;
    writer.write_record(columns.iter().map(|column| column.name()))?;
    for hit in hits {
        let shared = Shared::of_hit(hit).cells();
        let mut row = Vec::with_capacity(columns.len());
        for column in columns {
            let cell = match column {
                HitColumn::Snippet => hit.fragment.text.clone(),
                HitColumn::Answer => answer(hit)?.unwrap_or_default(),
                HitColumn::Answered => if hit.answered { "yes" } else { "no" }.to_string(),
                HitColumn::AnswerDate => date_cell(hit.answer_date),
                HitColumn::DelayDays => match (hit.date, hit.answer_date) {
                    (Some(asked), Some(answered)) => {
                        (answered.days_since_epoch() - asked.days_since_epoch()).to_string()
                    }
                    _ => String::new(),
                },
                HitColumn::Source => hit
                    .source
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                shared_column => {
                    let at = SHARED
                        .iter()
                        .position(|name| *name == shared_column.name())
                        .unwrap_or_default();
                    shared[at].clone()
                }
            };
            row.push(cell);
        }
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes a `facet,value,count` row per counted value: the facets in the order the table shows
/// them ([`Facet::ALL`]), each facet's values in the result's order (most frequent first;
/// years oldest first).
pub fn write_facets(
    out: impl Write,
    style: CsvStyle,
    facets: &BTreeMap<Facet, Vec<FacetCount>>,
) -> anyhow::Result<()> {
    let mut writer = style.writer(out)?;
    writer.write_record(["facet", "value", "count"])?;
    for facet in Facet::ALL {
        for count in facets.get(&facet).into_iter().flatten() {
            writer.write_record([facet.as_str(), &count.value, &count.count.to_string()])?;
        }
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
    /// Writes the header row (and the byte-order mark when `style` has one).
    pub fn new(out: W, style: CsvStyle) -> anyhow::Result<RecordWriter<W>> {
        let mut writer = style.writer(out)?;
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
pub fn write_tokens(
    out: impl Write,
    style: CsvStyle,
    text: &str,
    tokens: &[AnalyzedToken],
) -> anyhow::Result<()> {
    let mut writer = style.writer(out)?;
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
pub fn write_key_values(
    out: impl Write,
    style: CsvStyle,
    value: &impl Serialize,
) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    flatten(String::new(), serde_json::to_value(value)?, &mut rows);
    let mut writer = style.writer(out)?;
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
    council: Option<&'a str>,
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
            council: hit.council.as_deref(),
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
            council: record.council.as_deref(),
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
            self.council.unwrap_or_default().to_string(),
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
    fn column_names_are_the_names_columns_takes() {
        use clap::ValueEnum;
        for column in HitColumn::value_variants() {
            let value = column.to_possible_value().unwrap();
            assert_eq!(value.get_name(), column.name());
        }
        // Every column besides the ones a hit adds is one of the shared ones, so that
        // `write_hits` finds its cell there.
        for column in HitColumn::value_variants() {
            let own = matches!(
                column,
                HitColumn::Snippet
                    | HitColumn::Answer
                    | HitColumn::Answered
                    | HitColumn::AnswerDate
                    | HitColumn::DelayDays
                    | HitColumn::Source
            );
            assert_eq!(SHARED.contains(&column.name()), !own, "{column:?}");
        }
    }

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
        write_key_values(&mut out, CsvStyle::PLAIN, &value).unwrap();
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
