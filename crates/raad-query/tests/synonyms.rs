//! Synonyms at query time: `LEZ` finds `lage-emissiezone` and the reverse, ranked below the
//! word as typed, counted in totals and facets, explained as a synonym; a table file of one's
//! own extends or replaces the built-in one, and a bad file names its path and line.

use std::path::Path;

use raad_core::analysis::register_analyzers;
use raad_core::{Councillor, RaadSchema, Record};
use raad_query::{Facet, MatchKind, MatchMode, SearchRequest, SearchResults, Searcher, Synonyms};

/// (id, party, title)
const RECORDS: &[(&str, &str, &str)] = &[
    ("A", "Groen", "Controles in de LEZ van de binnenstad"),
    (
        "B",
        "N-VA",
        "Uitbreiding van de lage-emissiezone naar de rand",
    ),
    ("C", "Vooruit", "Boetes in de lage emissiezone"),
    ("D", "Groen", "Het sociaal huis in Ledeberg"),
    ("E", "Open Vld", "Wachttijden bij het OCMW"),
    (
        "F",
        "N-VA",
        "Beslissing van het college van burgemeester en schepenen",
    ),
    ("G", "Vooruit", "Het schepencollege besliste over de LEZ"),
    ("H", "Groen", "Een zonnige dag aan de Blaarmeersen"),
    (
        "I",
        "Open Vld",
        "Het college en de schepenen van de burgemeester",
    ),
];

fn build() -> Searcher {
    let schema = RaadSchema::new();
    let index = tantivy::Index::create_in_ram(schema.schema.clone());
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for (n, (id, party, title)) in RECORDS.iter().enumerate() {
        let mut record = Record::new(*id);
        record.title = Some(title.to_string());
        record.date = Some(format!("2020-01-{:02}", n + 1).parse().unwrap());
        record.councillors = vec![Councillor {
            name: "Jan Peeters".to_string(),
            party: Some(party.to_string()),
            party_as_written: None,
        }];
        writer.add_document(schema.document(&record)).unwrap();
    }
    writer.commit().unwrap();
    Searcher::from_index(index).unwrap()
}

fn search_with(searcher: &Searcher, request: SearchRequest) -> SearchResults {
    searcher.search(&request.all()).unwrap()
}

fn ranked(searcher: &Searcher, text: &str) -> Vec<String> {
    let results = search_with(searcher, SearchRequest::new(text));
    assert_eq!(results.hits.len(), results.total, "every match is listed");
    results.hits.iter().map(|hit| hit.id.clone()).collect()
}

fn set(searcher: &Searcher, text: &str) -> Vec<String> {
    let mut ids = ranked(searcher, text);
    ids.sort();
    ids
}

#[test]
fn an_abbreviation_finds_what_it_stands_for_and_the_reverse() {
    let searcher = build();
    assert_eq!(set(&searcher, "LEZ"), ["A", "B", "C", "G"]);
    assert_eq!(set(&searcher, "lage-emissiezone"), ["A", "B", "C", "G"]);
    assert_eq!(set(&searcher, "\"lage emissiezone\""), ["A", "B", "C", "G"]);
    assert_eq!(set(&searcher, "OCMW"), ["D", "E"]);
    assert_eq!(set(&searcher, "\"sociaal huis\""), ["D", "E"]);
    // A word of several words is found as a phrase: I has the words, not in that order.
    assert_eq!(set(&searcher, "schepencollege"), ["F", "G"]);
    // Without synonyms, each finds only itself.
    let plain = build().with_synonyms(Synonyms::empty());
    assert_eq!(set(&plain, "LEZ"), ["A", "G"]);
    assert_eq!(set(&plain, "schepencollege"), ["G"]);
}

#[test]
fn synonym_matches_rank_below_the_word_as_typed() {
    let searcher = build();
    let hits = ranked(&searcher, "LEZ");
    assert_eq!(hits.len(), 4);
    let mut first_two = hits[..2].to_vec();
    first_two.sort();
    assert_eq!(first_two, ["A", "G"], "{hits:?}");
    let hits = ranked(&searcher, "lage-emissiezone");
    assert_eq!(hits[0], "B", "{hits:?}");
}

#[test]
fn totals_and_facets_count_synonym_matches() {
    let searcher = build();
    let results = search_with(&searcher, SearchRequest::new("LEZ").facets([Facet::Party]));
    assert_eq!(results.total, 4);
    let parties: Vec<(String, u64)> = results.facets[&Facet::Party]
        .iter()
        .map(|count| (count.value.clone(), count.count))
        .collect();
    assert_eq!(
        parties,
        [
            ("Vooruit".to_string(), 2),
            ("Groen".to_string(), 1),
            ("N-VA".to_string(), 1)
        ]
    );
    // Every word: LEZ (or a synonym) and boetes.
    assert_eq!(set(&searcher, "LEZ boetes"), ["C"]);
    let any = search_with(
        &searcher,
        SearchRequest::new("LEZ boetes").match_mode(MatchMode::Any),
    );
    assert_eq!(any.total, 4);
    // Excluding a word excludes its synonyms.
    assert_eq!(set(&searcher, "schepencollege -LEZ"), ["F"]);
}

#[test]
fn explanations_name_the_synonym_a_record_holds() {
    let searcher = build();
    let how = |text: &str, id: &str| -> Vec<(String, MatchKind, String)> {
        let results = search_with(&searcher, SearchRequest::new(text).explain(true));
        let hit = results.hits.iter().find(|hit| hit.id == id).unwrap();
        hit.matched
            .iter()
            .map(|found| (found.word.clone(), found.how, found.form.clone()))
            .collect()
    };
    let one =
        |word: &str, kind: MatchKind, form: &str| vec![(word.to_string(), kind, form.to_string())];
    assert_eq!(how("LEZ", "A"), one("LEZ", MatchKind::Word, "LEZ"));
    assert_eq!(
        how("LEZ", "B"),
        one("LEZ", MatchKind::Synonym, "lage-emissiezone")
    );
    assert_eq!(
        how("LEZ", "C"),
        one("LEZ", MatchKind::Synonym, "lage emissiezone")
    );
    assert_eq!(
        how("schepencollege", "F"),
        one(
            "schepencollege",
            MatchKind::Synonym,
            "college van burgemeester en schepenen"
        )
    );
}

#[test]
fn a_table_file_extends_or_replaces_the_built_in_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synonyms.tsv");
    std::fs::write(
        &path,
        "# Ghent's recreation areas\nBlaarmeersen\tsportpark\n",
    )
    .unwrap();
    let mut extended = Synonyms::built_in();
    extended.extend_from_file(&path).unwrap();
    let searcher = build().with_synonyms(extended);
    assert_eq!(set(&searcher, "sportpark"), ["H"]);
    assert_eq!(set(&searcher, "LEZ"), ["A", "B", "C", "G"]);
    let replaced = build().with_synonyms(Synonyms::from_file(&path).unwrap());
    assert_eq!(set(&replaced, "sportpark"), ["H"]);
    assert_eq!(set(&replaced, "LEZ"), ["A", "G"]);
}

#[test]
fn a_bad_table_names_its_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synonyms.tsv");
    std::fs::write(&path, "# comment\nLEZ\tlage-emissiezone\nOCMW\n").unwrap();
    let error = Synonyms::from_file(&path).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "{}:3: a group needs at least two members separated by TABs; found only `OCMW`",
            path.display()
        )
    );
    std::fs::write(&path, "LEZ\tde\n").unwrap();
    let error = Synonyms::from_file(&path).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "{}:1: `de` has no word to match (only stop words or symbols)",
            path.display()
        )
    );
    let missing = Synonyms::from_file(Path::new("/nonexistent/synonyms.tsv")).unwrap_err();
    assert!(
        missing
            .to_string()
            .starts_with("cannot read /nonexistent/synonyms.tsv"),
        "{missing}"
    );
}
