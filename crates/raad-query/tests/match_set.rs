//! Which records a search matches (the set totals, facets, date sorts and exports count),
//! and how each hit explains its match, on nine records small enough to read.

use raad_core::analysis::register_analyzers;
use raad_core::{Councillor, RaadSchema, Record};
use raad_query::{
    Facet, HitsFrom, MatchKind, MatchMode, Mode, SearchRequest, SearchResults, Searcher, Sort,
};

/// (id, party of the asking councillor, title)
const RECORDS: &[(&str, &str, &str)] = &[
    ("A", "Groen", "De fietspaden aan de Dampoort"),
    ("B", "Groen", "Nieuwe fiets paden in het park"),
    ("C", "N-VA", "Een fiets op het pad"),
    ("D", "N-VA", "Alleen een fiets aan de Dampoort"),
    ("E", "Vooruit", "Het werk-overleg met de bewoners"),
    ("F", "Vooruit", "De werkoverlegstructuur wordt herzien"),
    ("G", "Open Vld", "Het bedrijvenoverleg over de haven"),
    ("H", "Open Vld", "Het werk en het overleg met de buurt"),
    ("I", "Groen", "Een fietspad naar de school"),
];

fn searcher() -> Searcher {
    let schema = RaadSchema::new();
    let index = tantivy::Index::create_in_ram(schema.schema.clone());
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for (n, (id, party, title)) in RECORDS.iter().enumerate() {
        let mut record = Record::new(*id);
        record.title = Some(title.to_string());
        record.date = Some(format!("2020-01-{:02}", n + 1).parse().unwrap());
        record.councillors = vec![Councillor {
            name: if *id == "I" {
                "Anne Coddens"
            } else {
                "Jan Peeters"
            }
            .to_string(),
            party: Some(party.to_string()),
            party_as_written: None,
        }];
        writer.add_document(schema.document(&record)).unwrap();
    }
    writer.commit().unwrap();
    Searcher::from_index(index).unwrap()
}

fn search(request: SearchRequest) -> SearchResults {
    searcher().search(&request.all()).unwrap()
}

/// The hit ids in id order: the set, not the ranking.
fn set(text: &str) -> Vec<String> {
    set_of(&search(SearchRequest::new(text)))
}

fn set_of(results: &SearchResults) -> Vec<String> {
    assert_eq!(results.hits.len(), results.total, "every match is listed");
    let mut ids: Vec<String> = results.hits.iter().map(|hit| hit.id.clone()).collect();
    ids.sort();
    ids
}

#[test]
fn a_compound_matches_itself_longer_compounds_and_its_parts_in_a_row() {
    // A: the word; I: another form; B: "fiets paden". Not C (parts apart), not D (one part).
    assert_eq!(set("fietspaden"), ["A", "B", "I"]);
    // E: "werk-overleg"; F: inside "werkoverlegstructuur". Not H ("werk en het overleg").
    assert_eq!(set("werkoverleg"), ["E", "F"]);
    // A simple word is still found inside compounds: G's "bedrijvenoverleg".
    assert_eq!(set("overleg"), ["E", "G", "H"]);
    // Quoting a single word changes nothing.
    assert_eq!(set("\"fietspaden\""), ["A", "B", "I"]);
}

#[test]
fn every_word_must_match_unless_or_widens() {
    assert_eq!(set("fietspaden Dampoort"), ["A"]);
    assert_eq!(set("fiets Dampoort"), ["A", "D"]);
    assert_eq!(set("fietspaden OR werkoverleg"), ["A", "B", "E", "F", "I"]);
    assert_eq!(set("fietspaden -Dampoort"), ["B", "I"]);
    assert_eq!(set("fietspaden party:Groen"), ["A", "B", "I"]);
}

#[test]
fn any_word_mode_and_plain_mode_count_the_loose_set_and_say_so() {
    let any = search(SearchRequest::new("fietspaden").match_mode(MatchMode::Any));
    assert_eq!(set_of(&any), ["A", "B", "C", "D", "I"]);
    assert_eq!(any.matching, MatchMode::Any);
    // The records with the whole word come first; the one with a single part comes last.
    let first: Vec<&str> = any.hits[..2].iter().map(|hit| hit.id.as_str()).collect();
    assert!(first.contains(&"A") && first.contains(&"I"), "{first:?}");
    assert_eq!(any.hits[4].id, "D");

    let plain = search(SearchRequest::new("fietspaden Dampoort").mode(Mode::Plain));
    assert_eq!(plain.matching, MatchMode::Any);
    assert_eq!(set_of(&plain), ["A", "B", "C", "D", "I"]);
    let exact = search(SearchRequest::new("fietspaden Dampoort"));
    assert_eq!(exact.matching, MatchMode::All);
}

#[test]
fn facets_and_date_sorts_are_over_the_exact_set() {
    let results = search(
        SearchRequest::new("fietspaden")
            .sort(Sort::Newest)
            .facets([Facet::Party]),
    );
    let ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(ids, ["I", "B", "A"]);
    let parties: Vec<(&str, u64)> = results.facets[&Facet::Party]
        .iter()
        .map(|count| (count.value.as_str(), count.count))
        .collect();
    assert_eq!(parties, [("Groen", 3)]);
}

#[test]
fn when_no_record_holds_every_word_the_nearest_are_shown_and_the_total_stays_0() {
    let results = search(SearchRequest::new("fietspaden werkoverleg Dampoort"));
    assert_eq!(results.total, 0);
    assert_eq!(results.hits_from, HitsFrom::Nearest);
    let nearest = results.nearest.as_ref().unwrap();
    // Two words together: only fietspaden and Dampoort (A).
    assert_eq!(nearest.words, ["fietspaden", "Dampoort"]);
    assert_eq!(nearest.missing, ["werkoverleg"]);
    assert_eq!(nearest.total, 1);
    let ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(ids, ["A"]);
    assert!(results.facets.values().all(Vec::is_empty));

    // A single word no record holds has nothing nearer: no hits, no nearest.
    let none = search(SearchRequest::new("fietsenstalling"));
    assert_eq!((none.total, none.hits.len()), (0, 0));
    assert_eq!((none.hits_from, none.nearest), (HitsFrom::Matches, None));

    let json = serde_json::to_value(&results).unwrap();
    assert_eq!(json["hits_from"], "nearest");
    assert_eq!(json["nearest"]["missing"][0], "werkoverleg");
}

#[test]
fn each_hit_explains_how_it_matched() {
    let how = |text: &str, id: &str| -> Vec<(String, MatchKind, String)> {
        let results = search(SearchRequest::new(text).explain(true));
        let hit = results.hits.iter().find(|hit| hit.id == id).unwrap();
        hit.matched
            .iter()
            .map(|found| (found.word.clone(), found.how, found.form.clone()))
            .collect()
    };
    let one =
        |word: &str, kind: MatchKind, form: &str| vec![(word.to_string(), kind, form.to_string())];
    assert_eq!(
        how("fietspaden", "A"),
        one("fietspaden", MatchKind::Word, "fietspaden")
    );
    assert_eq!(
        how("fietspaden", "I"),
        one("fietspaden", MatchKind::Stem, "fietspad")
    );
    assert_eq!(
        how("fietspaden", "B"),
        one("fietspaden", MatchKind::Parts, "fiets paden")
    );
    assert_eq!(
        how("werkoverleg", "F"),
        one(
            "werkoverleg",
            MatchKind::CompoundPart,
            "werkoverlegstructuur"
        )
    );
    assert_eq!(
        how("\"fietspaden aan de Dampoort\"", "A"),
        one(
            "\"fietspaden aan de Dampoort\"",
            MatchKind::Phrase,
            "fietspaden aan de Dampoort"
        )
    );
    assert_eq!(
        how("fietsp*", "I"),
        one("fietsp*", MatchKind::Prefix, "fietspad")
    );
    assert_eq!(
        how("Codens~", "I"),
        one("Codens~", MatchKind::Name, "Anne Coddens")
    );
    assert_eq!(
        how("Coddens", "I"),
        one("Coddens", MatchKind::Name, "Anne Coddens")
    );
    assert_eq!(
        how("fietspaden Dampoort", "A"),
        [
            (
                "fietspaden".to_string(),
                MatchKind::Word,
                "fietspaden".to_string()
            ),
            (
                "Dampoort".to_string(),
                MatchKind::Word,
                "Dampoort".to_string()
            )
        ]
    );
    // Without asking, no explanation is computed.
    let results = search(SearchRequest::new("fietspaden"));
    assert!(results.hits.iter().all(|hit| hit.matched.is_empty()));
}
