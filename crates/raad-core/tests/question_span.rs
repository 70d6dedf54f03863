//! The question's span in `body`: raad-query scores question matches from `body` positions
//! inside it, so every token of the question, and no other, must fall in it.

use proptest::prelude::*;
use raad_core::analysis::{dutch_analyzer, WordTokenizer};
use raad_core::document::{question_span, BODY_SEPARATOR};
use raad_core::Record;
use tantivy::tokenizer::{TokenStream, Tokenizer};

/// Where each analyzed token of `body` came from: 0 title, 1 question, 2 answer; with its
/// position.
fn token_parts(record: &Record) -> Vec<(usize, usize, String)> {
    let parts: Vec<(usize, &str)> = [&record.title, &record.question, &record.answer]
        .into_iter()
        .enumerate()
        .filter_map(|(i, text)| text.as_deref().map(|text| (i, text)))
        .collect();
    let mut body = String::new();
    let mut ranges = Vec::new();
    for (i, text) in &parts {
        if !body.is_empty() {
            body.push_str(BODY_SEPARATOR);
        }
        ranges.push((*i, body.len(), body.len() + text.len()));
        body.push_str(text);
    }
    let mut analyzer = dutch_analyzer();
    let mut stream = analyzer.token_stream(&body);
    let mut found = Vec::new();
    while let Some(token) = stream.next() {
        let part = ranges
            .iter()
            .find(|(_, from, to)| token.offset_from >= *from && token.offset_from < *to)
            .map(|(i, _, _)| *i)
            .expect("every token comes from a part");
        found.push((part, token.position, token.text.clone()));
    }
    found
}

fn record(title: Option<&str>, question: Option<&str>, answer: Option<&str>) -> Record {
    let mut record = Record::new("2020_SV_00001");
    record.title = title.map(str::to_string);
    record.question = question.map(str::to_string);
    record.answer = answer.map(str::to_string);
    record
}

fn assert_in_span(record: &Record) {
    let (start, end) = question_span(record);
    for (part, position, text) in token_parts(record) {
        let position = position as u32;
        match part {
            0 => assert!(
                position < start,
                "title token {text} at {position}, span {start}..{end}"
            ),
            1 => assert!(
                (start..end).contains(&position),
                "question token {text} at {position}, span {start}..{end}"
            ),
            _ => assert!(
                position >= end,
                "answer token {text} at {position}, span {start}..{end}"
            ),
        }
    }
}

#[test]
fn spans_of_readable_records() {
    // Stop words at the end of the title and of the question: they have positions too.
    let r = record(
        Some("Fietspaden aan de Vrijdagmarkt en"),
        Some("Wat doet de N-VA aan de 3.000 fietsers? Het kruispunt.Kunt u het"),
        Some("Wij bekijken het."),
    );
    assert_eq!(question_span(&r), (5, 18));
    assert_in_span(&r);
    assert_eq!(
        question_span(&record(None, Some("Twee woorden"), None)),
        (0, 2)
    );
    assert_eq!(
        question_span(&record(Some("Titel"), None, Some("Antwoord"))),
        (1, 1)
    );
    assert_eq!(question_span(&record(None, None, None)), (0, 0));
}

/// The position after the last token, by making every token.
fn positions_by_tokens(text: &str) -> usize {
    let mut tokenizer = WordTokenizer::text();
    let mut stream = tokenizer.token_stream(text);
    let mut next = 0;
    while stream.advance() {
        next = stream.token().position + 1;
    }
    next
}

#[test]
fn positions_count_glued_sentences_and_groups() {
    let text = "De N-VA vond het.Kunt u 3.000 economie-initiatieven tonen:Ja";
    // De N-VA vond het | Kunt u 3.000 economie-initiatieven tonen | Ja
    assert_eq!(WordTokenizer::text().positions(text), 10);
    assert_eq!(positions_by_tokens(text), 10);
    assert_eq!(WordTokenizer::text().positions(" ,; "), 0);
}

proptest! {
    #[test]
    fn positions_are_those_of_the_tokens(text in "[a-zA-Zé0-9 .,:;'’&/_\n-]{0,60}") {
        prop_assert_eq!(WordTokenizer::text().positions(&text), positions_by_tokens(&text));
    }

    #[test]
    fn every_question_token_is_in_the_span(
        title in proptest::option::of("[a-zA-Zé0-9 .,:'’&/_-]{0,40}"),
        question in proptest::option::of("[a-zA-Zéë0-9 .,:;?'’&/_\n-]{0,80}"),
        answer in proptest::option::of("[a-zA-Z0-9 .,'-]{0,40}"),
    ) {
        assert_in_span(&record(title.as_deref(), question.as_deref(), answer.as_deref()));
    }
}
