//! Where topics came from is searchable: `topic_source:` in the query text, the request
//! filter, and the hits say it. On the fixture corpus with its topics marked: the two records
//! whose main topic is Milieu as inferred, the one on Onderwijs first as by rules, the other
//! nine as given.

mod common;

use raad_core::analysis::register_analyzers;
use raad_core::{Record, TopicSource};
use raad_query::{SearchRequest, Searcher};

fn searcher() -> Searcher {
    let records: Vec<Record> = common::records()
        .into_iter()
        .map(|mut record| {
            let (source, confidence) = match record.topics[0].as_str() {
                "Milieu" => (TopicSource::Inferred, Some(0.8)),
                "Onderwijs" => (TopicSource::Rules, Some(0.6)),
                _ => (TopicSource::Given, None),
            };
            record.topic_source = Some(source);
            record.topic_confidence = confidence;
            record
        })
        .collect();
    let index = common::index_of(&records);
    register_analyzers(index.tokenizers());
    Searcher::from_index(index).unwrap()
}

fn sorted_ids(searcher: &Searcher, request: SearchRequest) -> Vec<String> {
    let mut ids: Vec<String> = searcher
        .search(&request.all())
        .unwrap()
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn topic_source_in_the_query_text_and_as_a_filter() {
    let searcher = searcher();
    assert_eq!(
        sorted_ids(&searcher, SearchRequest::new("topic_source:inferred")),
        ["2018_SV_00120", "2020_SV_00281"]
    );
    assert_eq!(
        sorted_ids(&searcher, SearchRequest::new("themabron:RULES")),
        ["2019_MV_00005"]
    );
    assert_eq!(
        searcher
            .search(&SearchRequest::new("topic_source:given"))
            .unwrap()
            .total,
        9
    );
    assert_eq!(
        sorted_ids(
            &searcher,
            SearchRequest::new("zwerfvuil").topic_source(TopicSource::Inferred)
        ),
        ["2018_SV_00120", "2020_SV_00281"]
    );
    assert_eq!(
        searcher
            .search(&SearchRequest::new("zwerfvuil").topic_source(TopicSource::Given))
            .unwrap()
            .total,
        0
    );
    let both = SearchRequest::new("")
        .topic_source(TopicSource::Inferred)
        .topic_source(TopicSource::Rules);
    assert_eq!(
        sorted_ids(&searcher, both),
        ["2018_SV_00120", "2019_MV_00005", "2020_SV_00281"]
    );
}

#[test]
fn hits_and_records_say_where_their_topics_came_from() {
    let searcher = searcher();
    let results = searcher
        .search(&SearchRequest::new("kinderopvang"))
        .unwrap();
    assert_eq!(results.hits[0].id, "2019_MV_00005");
    assert_eq!(results.hits[0].topic_source, Some(TopicSource::Rules));
    let json = serde_json::to_value(&results.hits[0]).unwrap();
    assert_eq!(json["topic_source"], "rules");
    let record = searcher.get("2020_SV_00281").unwrap();
    assert_eq!(
        (record.topic_source, record.topic_confidence),
        (Some(TopicSource::Inferred), Some(0.8))
    );
}

#[test]
fn an_unknown_topic_source_is_an_error_with_its_column() {
    let searcher = searcher();
    let error = searcher
        .search(&SearchRequest::new("fiets topic_source:council"))
        .unwrap_err();
    assert_eq!(error.column(), Some(20));
    assert_eq!(
        error.to_string(),
        "column 20: topic_source: `council` is not a topic source; use given, rules or inferred"
    );
}
