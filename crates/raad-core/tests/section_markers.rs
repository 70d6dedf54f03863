//! The section markers of `body`: raad-query scores title and question matches from the positions
//! between them, so the Dutch analyzer must keep both markers, in place, whatever the texts
//! hold, and every word of a section must fall between its markers.

use proptest::prelude::*;
use raad_core::analysis::{analyze, SECTION_MARKER};
use raad_core::document::body_text;
use raad_core::Record;

fn record(title: Option<&str>, question: Option<&str>, answer: Option<&str>) -> Record {
    let mut record = Record::new("2020_SV_00001");
    record.title = title.map(str::to_string);
    record.question = question.map(str::to_string);
    record.answer = answer.map(str::to_string);
    record
}

/// The positions of the two markers, and per section (0 title, 1 question, 2 answer) the
/// positions of its tokens.
fn markers_and_sections(record: &Record) -> (Vec<usize>, [Vec<usize>; 3]) {
    let body = body_text(record).expect("a record with text has a body");
    let mut markers = Vec::new();
    let mut sections: [Vec<usize>; 3] = Default::default();
    for token in analyze(&body) {
        if token.text == SECTION_MARKER {
            markers.push(token.position);
        } else {
            sections[markers.len().min(2)].push(token.position);
        }
    }
    (markers, sections)
}

fn assert_sections_between_markers(record: &Record) {
    let (markers, sections) = markers_and_sections(record);
    assert_eq!(markers.len(), 2, "{markers:?}");
    let (first, second) = (markers[0], markers[1]);
    assert!(sections[0].iter().all(|p| *p < first));
    assert!(sections[1].iter().all(|p| *p > first && *p < second));
    assert!(sections[2].iter().all(|p| *p > second));
}

#[test]
fn markers_stand_between_the_sections() {
    let r = record(
        Some("Fietspaden aan de Vrijdagmarkt en"),
        Some("Wat doet de N-VA aan de 3.000 fietsers? Het kruispunt.Kunt u het"),
        Some("Wij bekijken het."),
    );
    let (markers, sections) = markers_and_sections(&r);
    // Five title words (stop words keep their positions), then the marker; thirteen
    // question words, then the marker.
    assert_eq!(markers, [5, 19]);
    // Compound parts share their word's position.
    let mut title = sections[0].clone();
    title.dedup();
    assert_eq!(title, [0, 3]);
    assert_eq!(sections[2], [20, 21]);
    // No title: the question starts right after the first marker.
    let (markers, _) = markers_and_sections(&record(None, Some("Twee woorden"), None));
    assert_eq!(markers, [0, 3]);
    // A marker inside a text is a space, not a third marker.
    let text = format!("voor{SECTION_MARKER}na");
    assert_sections_between_markers(&record(Some(&text), Some(&text), Some(&text)));
    assert_eq!(body_text(&record(None, None, None)), None);
}

proptest! {
    #[test]
    fn every_token_is_between_its_markers(
        title in proptest::option::of("[a-zA-Zé0-9 .,:'’&/_\u{1F}-]{0,40}"),
        question in proptest::option::of("[a-zA-Zéë0-9 .,:;?'’&/_\n\u{1F}-]{0,80}"),
        answer in proptest::option::of("[a-zA-Z0-9 .,'\u{1F}-]{0,40}"),
    ) {
        let r = record(title.as_deref(), question.as_deref(), answer.as_deref());
        if body_text(&r).is_some() {
            assert_sections_between_markers(&r);
        }
    }
}
