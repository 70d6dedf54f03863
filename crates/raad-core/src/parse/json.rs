//! JSON and JSON Lines records: the shape of [`Record`], read leniently about empty values.

use std::path::Path;

use serde::Deserialize;

use crate::date::Date;
use crate::error::{ParseError, ParseErrorKind};
use crate::parse::{code_for, normalize_kind, source_path, ParseOptions, Parsed};
use crate::record::{Councillor, Record, Source, TopicSource};

/// A record as JSON gives it: every field optional, so that a missing id or a bad date is a
/// precise rejection rather than serde's generic "missing field".
#[derive(Deserialize)]
#[serde(expecting = "a record (a JSON object with at least \"id\")")]
struct RawRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    council: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    councillors: Option<Vec<RawCouncillor>>,
    #[serde(default)]
    alderman: Option<String>,
    #[serde(default)]
    involved_aldermen: Option<Vec<String>>,
    #[serde(default)]
    topics: Option<Vec<String>>,
    #[serde(default)]
    topic_source: Option<String>,
    #[serde(default)]
    topic_confidence: Option<f32>,
    #[serde(default)]
    question: Option<String>,
    #[serde(default)]
    answer: Option<String>,
    #[serde(default)]
    answer_date: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a councillor (a JSON object with \"name\" and \"party\")")]
struct RawCouncillor {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    party: Option<String>,
    #[serde(default)]
    party_as_written: Option<String>,
}

/// Parses a `.jsonl` text: one record per non-blank line.
pub(crate) fn parse_json_lines(
    path: &Path,
    text: &str,
    options: &ParseOptions,
    parsed: &mut Parsed,
) {
    for (number, line) in super::decode::numbered_lines(text) {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<RawRecord>(line) {
            Ok(raw) => push(path, number, raw, options, parsed),
            Err(err) => {
                let column = char_column(line, err.line(), err.column());
                let kind = match err.classify() {
                    // Valid JSON of the wrong shape: say which field.
                    serde_json::error::Category::Data => serde_json::from_str(line)
                        .ok()
                        .and_then(|value| field_error(&value))
                        .unwrap_or_else(|| json_kind(&err)),
                    _ => json_kind(&err),
                };
                parsed.rejections.push(ParseError {
                    path: path.to_path_buf(),
                    line: Some(number),
                    column,
                    kind,
                });
            }
        }
    }
}

/// Parses a `.json` text: one record, records one after another, or an array of records.
pub(crate) fn parse_json(path: &Path, text: &str, options: &ParseOptions, parsed: &mut Parsed) {
    let mut lines = LineCounter::new(text);
    let start = skip_whitespace(text, 0);
    if !text[start..].starts_with('[') {
        // One record, or several one after another (JSON Lines saved as `.json`).
        let mut pos = start;
        while pos < text.len() {
            let mut stream =
                serde_json::Deserializer::from_str(&text[pos..]).into_iter::<serde_json::Value>();
            match stream.next() {
                Some(Ok(value)) => {
                    let line = lines.line_at(pos);
                    push_value(path, line, value, options, parsed);
                    pos = skip_whitespace(text, pos + stream.byte_offset());
                }
                Some(Err(err)) => {
                    let rejection = syntax_rejection(path, text, pos, &err, &mut lines);
                    parsed.rejections.push(rejection);
                    return;
                }
                None => return,
            }
        }
        return;
    }
    // Element by element, so that one element of the wrong shape rejects that record only and
    // every record gets the line it starts at.
    let mut pos = skip_whitespace(text, start + 1);
    if text[pos..].starts_with(']') {
        return check_trailing(path, text, pos + 1, &mut lines, parsed);
    }
    loop {
        let mut stream =
            serde_json::Deserializer::from_str(&text[pos..]).into_iter::<serde_json::Value>();
        let value = match stream.next() {
            Some(Ok(value)) => value,
            Some(Err(err)) => {
                let rejection = syntax_rejection(path, text, pos, &err, &mut lines);
                parsed.rejections.push(rejection);
                return;
            }
            None => {
                let rejection = eof_rejection(path, text, &mut lines);
                parsed.rejections.push(rejection);
                return;
            }
        };
        let element_start = pos;
        pos += stream.byte_offset();
        let line = lines.line_at(element_start);
        push_value(path, line, value, options, parsed);
        pos = skip_whitespace(text, pos);
        match text[pos..].chars().next() {
            Some(',') => pos = skip_whitespace(text, pos + 1),
            Some(']') => return check_trailing(path, text, pos + 1, &mut lines, parsed),
            Some(_) => {
                parsed.rejections.push(rejection_at(
                    path,
                    &mut lines,
                    pos,
                    "expected `,` or `]` after an array element",
                ));
                return;
            }
            None => {
                let rejection = eof_rejection(path, text, &mut lines);
                parsed.rejections.push(rejection);
                return;
            }
        }
    }
}

/// A parsed JSON value that should be a record: the record, or a rejection of its shape.
fn push_value(
    path: &Path,
    line: u32,
    value: serde_json::Value,
    options: &ParseOptions,
    parsed: &mut Parsed,
) {
    let kind = field_error(&value);
    match RawRecord::deserialize(value) {
        Ok(raw) => push(path, line, raw, options, parsed),
        Err(err) => parsed.rejections.push(ParseError::at_line(
            path,
            line,
            kind.unwrap_or(ParseErrorKind::Json {
                message: err.to_string(),
            }),
        )),
    }
}

/// For a JSON value that is not a record, the first field (by name) whose value
/// has the wrong type, as [`ParseErrorKind::Field`] with serde's message: `field `date`:
/// invalid type: integer `5`, expected a string`. serde's own message names no field.
fn field_error(value: &serde_json::Value) -> Option<ParseErrorKind> {
    let serde_json::Value::Object(map) = value else {
        return None;
    };
    map.iter().find_map(|(field, field_value)| {
        let alone = serde_json::Value::Object(serde_json::Map::from_iter([(
            field.clone(),
            field_value.clone(),
        )]));
        RawRecord::deserialize(alone)
            .err()
            .map(|err| ParseErrorKind::Field {
                field: field.clone(),
                message: err.to_string(),
            })
    })
}

fn check_trailing(
    path: &Path,
    text: &str,
    pos: usize,
    lines: &mut LineCounter<'_>,
    parsed: &mut Parsed,
) {
    let pos = skip_whitespace(text, pos);
    if pos < text.len() {
        parsed.rejections.push(rejection_at(
            path,
            lines,
            pos,
            "trailing characters after the array",
        ));
    }
}

fn eof_rejection(path: &Path, text: &str, lines: &mut LineCounter<'_>) -> ParseError {
    rejection_at(path, lines, text.len(), "the array is not closed with `]`")
}

/// A JSON rejection at byte `pos` of the text, placed at its line:column.
fn rejection_at(path: &Path, lines: &mut LineCounter<'_>, pos: usize, message: &str) -> ParseError {
    let (line, column) = lines.position(pos);
    ParseError {
        path: path.to_path_buf(),
        line: Some(line),
        column: Some(column),
        kind: ParseErrorKind::Json {
            message: message.to_string(),
        },
    }
}

/// A serde_json error inside `text[base..]`, placed at its line:column in the whole text.
fn syntax_rejection(
    path: &Path,
    text: &str,
    base: usize,
    err: &serde_json::Error,
    lines: &mut LineCounter<'_>,
) -> ParseError {
    let slice = &text[base..];
    // serde_json counts 1-based lines and bytes within the line; find that byte in the slice.
    let line_start: usize = slice
        .split_inclusive('\n')
        .take(err.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let offset = (line_start + err.column().saturating_sub(1)).min(slice.len());
    let mut absolute = base + offset;
    while !text.is_char_boundary(absolute) {
        absolute -= 1;
    }
    let (line, column) = lines.position(absolute);
    ParseError {
        path: path.to_path_buf(),
        line: Some(line),
        column: (err.line() > 0).then_some(column),
        kind: json_kind(err),
    }
}

/// serde_json's message without its " at line L column C" tail (line and column are fields).
fn json_kind(err: &serde_json::Error) -> ParseErrorKind {
    let message = err.to_string();
    let tail = format!(" at line {} column {}", err.line(), err.column());
    let message = message.strip_suffix(&tail).unwrap_or(&message).to_string();
    ParseErrorKind::Json { message }
}

/// The 1-based character column of serde_json's (line, byte column) within one line of text.
fn char_column(text: &str, line: usize, byte_column: usize) -> Option<u32> {
    if line != 1 {
        return (line > 0).then(|| u32::try_from(byte_column).unwrap_or(u32::MAX));
    }
    let mut end = byte_column.saturating_sub(1).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    u32::try_from(text[..end].chars().count() + 1).ok()
}

fn skip_whitespace(text: &str, pos: usize) -> usize {
    let rest = &text[pos..];
    pos + (rest.len() - rest.trim_start().len())
}

/// Line and column of byte offsets, counted incrementally for offsets that grow.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: u32,
    line_start: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The 1-based line of a byte offset.
    fn line_at(&mut self, offset: usize) -> u32 {
        self.advance(offset);
        self.line
    }

    /// 1-based line and character column of a byte offset (on a char boundary). Counting the
    /// column reads the line up to the offset, so it is asked only for errors: a minified
    /// array on one line would make it quadratic.
    fn position(&mut self, offset: usize) -> (u32, u32) {
        self.advance(offset);
        let column = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, u32::try_from(column).unwrap_or(u32::MAX))
    }

    fn advance(&mut self, offset: usize) {
        if offset < self.offset {
            *self = LineCounter::new(self.text);
        }
        for (index, byte) in self.text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *byte == b'\n' {
                self.line = self.line.saturating_add(1);
                self.line_start = self.offset + index + 1;
            }
        }
        self.offset = offset;
    }
}

/// Turns a raw record into a record or a rejection at `line`.
fn push(path: &Path, line: u32, raw: RawRecord, options: &ParseOptions, parsed: &mut Parsed) {
    let record = to_record(path, line, raw, options)
        .and_then(|record| crate::limits::check(&record).map(|()| record));
    match record {
        Ok(record) => parsed.records.push(record),
        Err(kind) => parsed
            .rejections
            .push(ParseError::at_line(path, line, kind)),
    }
}

fn to_record(
    path: &Path,
    line: u32,
    raw: RawRecord,
    options: &ParseOptions,
) -> Result<Record, ParseErrorKind> {
    let id = present(raw.id).ok_or(ParseErrorKind::MissingId)?;
    let date = iso_date("date", raw.date)?;
    let answer_date = iso_date("answer_date", raw.answer_date)?;
    let councillors = raw
        .councillors
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| councillor(c, options))
        .collect();
    let code = code_for(&id, present(raw.code));
    let topics = present_all(raw.topics);
    let (topic_source, topic_confidence) =
        topic_provenance(&topics, raw.topic_source, raw.topic_confidence)?;
    Ok(Record {
        council: present(raw.council).or_else(|| options.council.clone()),
        kind: present(raw.kind).and_then(|kind| normalize_kind(&kind)),
        code,
        date,
        title: present(raw.title),
        councillors,
        alderman: present(raw.alderman).map(|name| options.alderman(name)),
        involved_aldermen: present_all(raw.involved_aldermen)
            .into_iter()
            .map(|name| options.alderman(name))
            .collect(),
        topics,
        topic_source,
        topic_confidence,
        question: present(raw.question),
        answer: present(raw.answer),
        answer_date,
        source: Some(Source {
            path: source_path(path),
            line,
        }),
        id,
    })
}

/// A councillor with a name; entries without a name carry nothing to show and are dropped.
fn councillor(raw: RawCouncillor, options: &ParseOptions) -> Option<Councillor> {
    let name = present(raw.name)?;
    let given = present(raw.party);
    let as_written = present(raw.party_as_written);
    let (party, party_as_written) = match (given, as_written) {
        (Some(party), Some(as_written)) => {
            (Some(options.parties.canonical(&party)), Some(as_written))
        }
        (Some(party), None) | (None, Some(party)) => {
            (Some(options.parties.canonical(&party)), Some(party))
        }
        (None, None) => (None, None),
    };
    Some(Councillor {
        name,
        party,
        party_as_written,
    })
}

fn iso_date(field: &str, text: Option<String>) -> Result<Option<Date>, ParseErrorKind> {
    let Some(text) = present(text) else {
        return Ok(None);
    };
    Date::parse_iso(&text)
        .map(Some)
        .ok_or_else(|| ParseErrorKind::Field {
            field: field.to_string(),
            message: format!("`{text}` is not a date in the form YYYY-MM-DD"),
        })
}

/// Where the topics of a JSON record came from: as the record says (raad's own JSON output
/// says it), else `given` when it has topics. Provenance without topics is dropped.
fn topic_provenance(
    topics: &[String],
    source: Option<String>,
    confidence: Option<f32>,
) -> Result<(Option<TopicSource>, Option<f32>), ParseErrorKind> {
    if topics.is_empty() {
        return Ok((None, None));
    }
    let source = match present(source) {
        None => TopicSource::Given,
        Some(name) => TopicSource::from_name(&name).ok_or_else(|| ParseErrorKind::Field {
            field: "topic_source".to_string(),
            message: format!("`{name}` is not one of given, rules, inferred"),
        })?,
    };
    if let Some(confidence) = confidence {
        if !(0.0..=1.0).contains(&confidence) {
            return Err(ParseErrorKind::Field {
                field: "topic_confidence".to_string(),
                message: format!("{confidence} is not between 0 and 1"),
            });
        }
    }
    let confidence = confidence.filter(|_| source != TopicSource::Given);
    Ok((Some(source), confidence))
}

/// The trimmed value, or `None` for an absent, empty or `"."` value.
fn present(value: Option<String>) -> Option<String> {
    let value = value?;
    let trimmed = value.trim();
    if trimmed.is_empty() || trimmed == "." {
        None
    } else if trimmed.len() == value.len() {
        Some(value)
    } else {
        Some(trimmed.to_string())
    }
}

fn present_all(values: Option<Vec<String>>) -> Vec<String> {
    values
        .unwrap_or_default()
        .into_iter()
        .filter_map(|value| present(Some(value)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_values() {
        assert_eq!(present(Some(" x ".into())).as_deref(), Some("x"));
        assert_eq!(present(Some(" . ".into())), None);
        assert_eq!(present(Some("".into())), None);
        assert_eq!(present(None), None);
    }

    #[test]
    fn columns_in_characters() {
        assert_eq!(char_column("\"é\" x", 1, 6), Some(5));
        assert_eq!(char_column("abc", 1, 0), Some(1));
    }

    #[test]
    fn line_counter() {
        let mut lines = LineCounter::new("ab\ncé\nd");
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position(4), (2, 2));
        assert_eq!(lines.position(7), (3, 1));
        assert_eq!(lines.position(1), (1, 2));
    }
}
