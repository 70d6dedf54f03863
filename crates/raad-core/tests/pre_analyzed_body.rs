//! A record whose `body` the indexer analyzed once (for the topic rules) must be indexed exactly
//! as if tantivy had analyzed its text: same terms, same documents, same positions, same field
//! lengths. Otherwise search results would depend on whether a record had topics of its own.

use proptest::prelude::*;
use raad_core::analysis::{register_analyzers, PRE_ANALYZED_PREFIX};
use raad_core::topics::{analyze_for_index, TopicRules};
use raad_core::{RaadSchema, Record};
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, TERMINATED};

fn record(id: &str, title: Option<&str>, question: Option<&str>, answer: Option<&str>) -> Record {
    let mut record = Record::new(id);
    record.title = title.map(str::to_string);
    record.question = question.map(str::to_string);
    record.answer = answer.map(str::to_string);
    record
}

/// Every `body` term with, per document, its positions; and the field length of each document.
type BodyPostings = Vec<(Vec<u8>, Vec<(u32, Vec<u32>)>)>;

fn index_body(records: &[Record], pre_analyzed: bool) -> (BodyPostings, Vec<u32>) {
    let schema = RaadSchema::new();
    let index = Index::create_in_ram(schema.schema.clone());
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let rules = TopicRules::built_in();
    for record in records {
        let mut record = record.clone();
        let doc = if pre_analyzed {
            let analyzed = analyze_for_index(&mut record, Some(&rules), true);
            let has_text =
                record.title.is_some() || record.question.is_some() || record.answer.is_some();
            let body = analyzed.body.as_ref().map(|body| body.as_str());
            assert_eq!(body.is_some(), has_text);
            assert!(body.is_none_or(|body| body.starts_with(PRE_ANALYZED_PREFIX)));
            schema.document_analyzed(&record, analyzed.body.as_ref())
        } else {
            rules.apply(&mut record);
            schema.document(&record)
        };
        writer.add_document(doc).unwrap();
    }
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    assert_eq!(searcher.segment_readers().len(), 1);
    let segment = &searcher.segment_readers()[0];
    let inverted = segment.inverted_index(schema.body).unwrap();
    let mut terms = inverted.terms().stream().unwrap();
    let mut postings = Vec::new();
    while terms.advance() {
        let mut docs = inverted
            .read_postings_from_terminfo(terms.value(), IndexRecordOption::WithFreqsAndPositions)
            .unwrap();
        let mut per_doc = Vec::new();
        while docs.doc() != TERMINATED {
            let mut positions = Vec::new();
            docs.positions(&mut positions);
            per_doc.push((docs.doc(), positions));
            docs.advance();
        }
        postings.push((terms.key().to_vec(), per_doc));
    }
    let norms = segment.get_fieldnorms_reader(schema.body).unwrap();
    let lengths = (0..segment.max_doc())
        .map(|doc| norms.fieldnorm_id(doc) as u32)
        .collect();
    (postings, lengths)
}

fn assert_same_index(records: &[Record]) {
    let analyzed_by_tantivy = index_body(records, false);
    let analyzed_once = index_body(records, true);
    assert!(!analyzed_by_tantivy.0.is_empty());
    assert_eq!(analyzed_once, analyzed_by_tantivy);
}

#[test]
fn council_text_is_indexed_the_same_either_way() {
    assert_same_index(&[
        record(
            "2021_SV_00412",
            Some("Fietsenstallingen aan het Sint-Pietersstation"),
            Some("Hoeveel fietsplaatsen zijn er? Werd er overlegd met de NMBS en N-VA (3.000 plaatsen)?"),
            Some("De schepen antwoordt: er wordt 1,5 miljoen euro geïnvesteerd in camera's."),
        ),
        record("2021_SV_00413", None, Some("Alleen een vraag."), None),
        record("2021_SV_00414", Some("Alleen een titel"), None, None),
        record("2021_SV_00415", None, None, Some(&"lange antwoorden ".repeat(200))),
        record("2021_SV_00416", Some("de het een"), Some("\u{1F} markers \u{1F} in tekst"), Some("")),
    ]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_text_is_indexed_the_same_either_way(
        title in proptest::option::of("[a-zA-Zéë' .,:()\u{1F}-]{0,60}"),
        question in proptest::option::of("[a-zA-Z0-9éëï' .,:()\u{1F}-]{0,200}"),
        answer in proptest::option::of("\\PC{0,300}"),
    ) {
        let records = [
            record("a", title.as_deref(), question.as_deref(), answer.as_deref()),
            record("b", Some("Fietspaden in Gent"), question.as_deref(), None),
        ];
        let analyzed_by_tantivy = index_body(&records, false);
        let analyzed_once = index_body(&records, true);
        prop_assert_eq!(analyzed_once, analyzed_by_tantivy);
    }
}
