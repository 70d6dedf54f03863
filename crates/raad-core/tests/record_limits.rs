//! Records an index cannot hold are rejected at parse time with the field and the bound
//! (raad_core::limits): dates outside 1678–2261, ids over 256 bytes, more than 1,000
//! councillors, involved aldermen or topics. The records beside them are kept.

use std::path::Path;

use raad_core::parse::{parse_bytes, ParseOptions, Parsed, RecordFormat};

fn parse(text: &str, format: RecordFormat) -> Parsed {
    parse_bytes(
        Path::new("hostile.jsonl"),
        text.as_bytes(),
        format,
        &ParseOptions::default(),
    )
}

fn ids(parsed: &Parsed) -> Vec<&str> {
    parsed.records.iter().map(|r| r.id.as_str()).collect()
}

fn messages(parsed: &Parsed) -> Vec<String> {
    parsed.rejections.iter().map(ToString::to_string).collect()
}

#[test]
fn json_dates_outside_the_index_span_are_rejected_by_field() {
    let text = concat!(
        r#"{"id":"A1","date":"2016-03-15"}"#,
        "\n",
        r#"{"id":"A2","date":"3000-01-01"}"#,
        "\n",
        r#"{"id":"A3","date":"2016-03-15","answer_date":"1000-06-01"}"#,
        "\n",
        r#"{"id":"A4","date":"1678-01-01","answer_date":"2261-12-31"}"#,
        "\n",
    );
    let parsed = parse(text, RecordFormat::JsonLines);
    assert_eq!(ids(&parsed), ["A1", "A4"]);
    assert_eq!(
        messages(&parsed),
        [
            "hostile.jsonl:2: field `date`: 3000-01-01 is outside the dates an index can hold \
             (1678-01-01 to 2261-12-31)",
            "hostile.jsonl:3: field `answer_date`: 1000-06-01 is outside the dates an index can \
             hold (1678-01-01 to 2261-12-31)",
        ]
    );
}

#[test]
fn opschrift_date_outside_the_index_span_rejects_the_record_at_its_start() {
    let text = "OPSCHRIFT\n\nVergadering van 15 maart 2016\n\nNummer: 2016_MV_00001\n\n\
                OPSCHRIFT\n\nVergadering van 1 januari 3000\n\nNummer: 3000_MV_00001\n";
    let parsed = parse(text, RecordFormat::Opschrift);
    assert_eq!(ids(&parsed), ["2016_MV_00001"]);
    assert_eq!(
        messages(&parsed),
        [
            "hostile.jsonl:7: field `date`: 3000-01-01 is outside the dates an index can hold \
          (1678-01-01 to 2261-12-31)"
        ]
    );
}

#[test]
fn ids_over_256_bytes_are_rejected() {
    let long = "x".repeat(70_000);
    let text = format!(
        "{{\"id\":\"{}\"}}\n{{\"id\":\"{long}\"}}\n",
        "y".repeat(256)
    );
    let parsed = parse(&text, RecordFormat::JsonLines);
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.records[0].id.len(), 256);
    assert_eq!(
        messages(&parsed),
        ["hostile.jsonl:2: field `id`: 70000 bytes long; an id may be at most 256 bytes"]
    );
    let opschrift = format!("OPSCHRIFT\n\nNummer: {long}\n");
    assert_eq!(
        messages(&parse(&opschrift, RecordFormat::Opschrift)),
        ["hostile.jsonl:1: field `id`: 70000 bytes long; an id may be at most 256 bytes"]
    );
}

#[test]
fn more_than_1000_councillors_or_topics_are_rejected_not_truncated() {
    let councillors = |n: usize| {
        (0..n)
            .map(|i| format!(r#"{{"name":"Raadslid {i}","party":"N-VA"}}"#))
            .collect::<Vec<_>>()
            .join(",")
    };
    let topics = |n: usize| {
        (0..n)
            .map(|i| format!("\"Thema {i}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let text = format!(
        "{{\"id\":\"C1\",\"councillors\":[{}]}}\n\
         {{\"id\":\"C2\",\"councillors\":[{}]}}\n\
         {{\"id\":\"C3\",\"topics\":[{}]}}\n\
         {{\"id\":\"C4\",\"involved_aldermen\":[{}]}}\n",
        councillors(1_000),
        councillors(40_000),
        topics(200_000),
        topics(1_001),
    );
    let parsed = parse(&text, RecordFormat::JsonLines);
    assert_eq!(ids(&parsed), ["C1"]);
    assert_eq!(parsed.records[0].councillors.len(), 1_000);
    assert_eq!(
        messages(&parsed),
        [
            "hostile.jsonl:2: field `councillors`: 40000 values; a record may have at most 1000",
            "hostile.jsonl:3: field `topics`: 200000 values; a record may have at most 1000",
            "hostile.jsonl:4: field `involved_aldermen`: 1001 values; a record may have at most \
             1000",
        ]
    );
}

#[test]
fn opschrift_with_too_many_councillors_is_rejected() {
    let mut text = String::from("OPSCHRIFT\n\nNummer: 2016_MV_00001\n\nRaadslid(-leden):\n\n");
    for i in 0..1_001 {
        text.push_str(&format!("Raadslid {i} - Groen\n"));
    }
    let parsed = parse(&text, RecordFormat::Opschrift);
    assert!(parsed.records.is_empty());
    assert_eq!(
        messages(&parsed),
        ["hostile.jsonl:1: field `councillors`: 1001 values; a record may have at most 1000"]
    );
}
