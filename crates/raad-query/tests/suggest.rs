//! "Did you mean …?" and fuzzy names, on a small corpus written for them: three records of the
//! alderman Sofie Coddens, one with the word "codes", one with "Spoorcodex", three about
//! kinderopvang, eleven about a parkeerplaats and one where the council misspelt it.

mod common;

use raad_core::{Councillor, Record};
use raad_query::{Mode, SearchRequest, SearchResults, Searcher, Suggestion, SuggestionKind};

fn record(id: &str, alderman: &str, title: &str, question: &str) -> Record {
    let mut record = Record::new(id);
    record.title = Some(title.to_string());
    record.question = Some(question.to_string());
    record.alderman = Some(alderman.to_string());
    record.councillors = vec![Councillor {
        name: "Robin De Wulf".to_string(),
        party: Some("N-VA".to_string()),
        party_as_written: None,
    }];
    record
}

fn searcher() -> &'static Searcher {
    static SEARCHER: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
    SEARCHER.get_or_init(|| {
        let mut records = vec![
            record(
                "2020_MV_00001",
                "Sofie Coddens",
                "Sociale huisvesting",
                "Hoeveel woningen?",
            ),
            record(
                "2020_MV_00002",
                "Sofie Coddens",
                "Leefloon",
                "Hoe evolueert het leefloon?",
            ),
            record(
                "2020_MV_00003",
                "Sofie Coddens",
                "Armoede",
                "Wat doet de stad tegen armoede?",
            ),
            record(
                "2020_MV_00004",
                "Filip Watteeuw",
                "Nieuwe codes voor de fietskluizen",
                "Wanneer krijgen de huurders hun codes?",
            ),
            record(
                "2020_MV_00005",
                "Filip Watteeuw",
                "Spoorcodex",
                "Geldt de Spoorcodex ook voor de tram?",
            ),
        ];
        for n in 6..=8 {
            records.push(record(
                &format!("2020_MV_{n:05}"),
                "Sofie Coddens",
                "Plaatsen in de kinderopvang",
                "Hoeveel kinderen wachten op een plaats in de kinderopvang?",
            ));
        }
        for n in 9..=19 {
            records.push(record(
                &format!("2020_MV_{n:05}"),
                "Filip Watteeuw",
                "Parkeerplaats aan het station",
                "Wordt de parkeerplaats heraangelegd?",
            ));
        }
        records.push(record(
            "2020_MV_00020",
            "Filip Watteeuw",
            "Parkeerplaast aan de Dampoort",
            "Wordt de parkeerplaast heraangelegd?",
        ));
        Searcher::from_index(common::index_of(&records)).unwrap()
    })
}

fn search(text: &str) -> SearchResults {
    searcher().search(&SearchRequest::new(text)).unwrap()
}

fn suggestion(
    word: &str,
    term: &str,
    kind: SuggestionKind,
    records: u64,
    query: &str,
) -> Suggestion {
    Suggestion {
        word: word.to_string(),
        term: term.to_string(),
        kind,
        records,
        query: query.to_string(),
    }
}

#[test]
fn a_misspelt_name_suggests_the_alderman() {
    let results = search("Codens");
    assert_eq!(results.total, 0);
    assert_eq!(
        results.suggestions,
        [suggestion(
            "Codens",
            "Coddens",
            SuggestionKind::Alderman,
            6,
            "Coddens"
        )]
    );
}

#[test]
fn a_misspelt_word_suggests_the_word_as_written() {
    let results = search("kinderopvnag plaatsen");
    assert_eq!(
        results.suggestions,
        [suggestion(
            "kinderopvnag",
            "kinderopvang",
            SuggestionKind::Word,
            3,
            "kinderopvang plaatsen"
        )]
    );
    // The typed capital stays; plain mode suggests too.
    let plain = searcher()
        .search(&SearchRequest::new("Kinderopvnag in Gent").mode(Mode::Plain))
        .unwrap();
    assert_eq!(
        plain.suggestions,
        [suggestion(
            "Kinderopvnag",
            "Kinderopvang",
            SuggestionKind::Word,
            3,
            "Kinderopvang in Gent"
        )]
    );
}

#[test]
fn a_rare_word_suggests_a_far_more_frequent_one() {
    // In one record, against eleven (RARE_RATIO is 10): the search still runs as typed.
    let results = search("parkeerplaast");
    assert_eq!(results.total, 1);
    assert_eq!(
        results.suggestions,
        [suggestion(
            "parkeerplaast",
            "parkeerplaats",
            SuggestionKind::Word,
            11,
            "parkeerplaats"
        )]
    );
}

#[test]
fn correct_words_names_and_syntax_get_no_suggestion() {
    for text in [
        "parkeerplaats",
        "kinderopvang",
        "Coddens",
        // Only bare words: phrases, fuzzy words, exclusions and field values are as meant.
        "\"Codens\"",
        "Codens~",
        "armoede -Codens",
        "schepen:Codens",
    ] {
        assert_eq!(search(text).suggestions, [], "{text}");
    }
}

#[test]
fn suggestions_are_in_json_only_when_there_are_some() {
    let json = serde_json::to_value(search("Codens")).unwrap();
    assert_eq!(
        json["suggestions"],
        serde_json::json!([{
            "word": "Codens",
            "term": "Coddens",
            "kind": "alderman",
            "records": 6,
            "query": "Coddens"
        }])
    );
    let json = serde_json::to_value(search("Coddens")).unwrap();
    assert!(json.get("suggestions").is_none(), "{json}");
}

#[test]
fn a_fuzzy_name_ranks_its_records_above_words_one_edit_away() {
    let results = search("Codens~");
    let ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
    // The six records of the alderman Coddens, then the word `codex`. (`codes` is indexed as
    // the stem of its singular `code`, `cod`, too far from `codens` to match.)
    assert_eq!(results.total, 7);
    let mut names: Vec<&str> = ids[..6].to_vec();
    names.sort();
    assert_eq!(
        names,
        [
            "2020_MV_00001",
            "2020_MV_00002",
            "2020_MV_00003",
            "2020_MV_00006",
            "2020_MV_00007",
            "2020_MV_00008"
        ]
    );
    let mut words: Vec<&str> = ids[6..].to_vec();
    words.sort();
    assert_eq!(words, ["2020_MV_00005"]);
}

#[test]
fn a_word_in_use_gets_no_suggestion_however_frequent_its_neighbour() {
    // "parkeerplaast" in four records, "parkeerplaats" in 45: more than ten times as many, but
    // a word in more than RARE_FLOOR records (and one in a thousand) is in use, not a slip.
    let mut records: Vec<Record> = (1..=45)
        .map(|n| {
            record(
                &format!("2021_MV_{n:05}"),
                "Filip Watteeuw",
                "Parkeerplaats",
                "Wordt de parkeerplaats heraangelegd?",
            )
        })
        .collect();
    records.extend((46..=49).map(|n| {
        record(
            &format!("2021_MV_{n:05}"),
            "Filip Watteeuw",
            "Parkeerplaast",
            "Wordt de parkeerplaast heraangelegd?",
        )
    }));
    let searcher = Searcher::from_index(common::index_of(&records)).unwrap();
    let results = searcher
        .search(&SearchRequest::new("parkeerplaast"))
        .unwrap();
    assert_eq!(results.total, 4);
    assert_eq!(results.suggestions, []);
}
