//! Filters, the same whichever way they are written: `party:X` in the text and the request's
//! party filter give the same matches and facet counts; values are read as the records were
//! (party aliases, names without case, accents or a leading article); a value that matches
//! nothing in the index is a warning naming the closest values, never a silent zero.

mod common;

use common::{counts, pairs};

use raad_core::{Councillor, Record};
use raad_query::{Facet, FacetCount, PartyTable, SearchRequest, SearchResults, Searcher, Warning};
use serde_json::json;

fn search(request: SearchRequest) -> SearchResults {
    common::searcher().search(&request).unwrap()
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|hit| hit.id.as_str()).collect()
}

fn unknown(facet: Facet, value: &str, closest: &[(&str, u64)]) -> Warning {
    Warning::UnknownFilterValue {
        facet,
        value: value.to_string(),
        closest: closest
            .iter()
            .map(|(value, count)| FacetCount {
                value: value.to_string(),
                count: *count,
            })
            .collect(),
    }
}

/// Adds a filter to a request.
type AddFilter = fn(SearchRequest) -> SearchRequest;

/// A small index of one record per party, with the searcher reading party values through
/// `parties`.
fn party_searcher(parties: PartyTable) -> Searcher {
    let records: Vec<Record> = [
        ("2021_MV_00001", "Vlaams Belang"),
        ("2021_MV_00002", "Vooruit"),
        ("2021_MV_00003", "Lijst Van Brussel"),
    ]
    .into_iter()
    .map(|(id, party)| {
        let mut record = Record::new(id);
        record.title = Some("Parkeren aan het station".to_string());
        record.councillors = vec![Councillor {
            name: "Jan Peeters".to_string(),
            party: Some(party.to_string()),
            party_as_written: None,
        }];
        record
    })
    .collect();
    Searcher::from_index(common::index_of(&records))
        .unwrap()
        .with_parties(parties)
}

#[test]
fn a_filter_in_the_text_is_the_request_filter_with_the_same_facet_counts() {
    // (text filter, the request with the same filter), one per facet.
    let filters: [(&str, AddFilter); 5] = [
        ("party:Groen", |request| request.party("Groen")),
        ("schepen:watteeuw", |request| request.alderman("watteeuw")),
        ("raadslid:\"Robin De Wulf\"", |request| {
            request.councillor("Robin De Wulf")
        }),
        ("thema:mobiliteit", |request| request.topic("mobiliteit")),
        ("soort:schriftelijk", |request| request.kind("schriftelijk")),
    ];
    for (filter, with_filter) in filters {
        for text in ["", "fiets*", "kruispunt", "zwerfvuil OR parking"] {
            let in_text = search(SearchRequest::new(format!("{text} {filter}")).all_facets());
            let by_request = search(with_filter(SearchRequest::new(text)).all_facets());
            assert_eq!(in_text.total, by_request.total, "{text} {filter}");
            assert_eq!(ids(&in_text), ids(&by_request), "{text} {filter}");
            assert_eq!(in_text.facets, by_request.facets, "{text} {filter}");
        }
    }
    // The party facet ignores the party filter either way: every party of the fiets* matches.
    let results = search(SearchRequest::new("fiets* partij:groen").all_facets());
    assert_eq!(results.total, 3);
    assert_eq!(
        counts(&results, Facet::Party),
        pairs(&[("Groen", 3), ("CD&V", 1), ("N-VA", 1)])
    );
    // Alternatives of one facet are that facet's filter with several values.
    let in_text = search(SearchRequest::new("partij:groen OR partij:cd&v").all_facets());
    let by_request = search(
        SearchRequest::new("")
            .party("Groen")
            .party("CD&V")
            .all_facets(),
    );
    assert_eq!(in_text.total, 5);
    assert_eq!(in_text.facets, by_request.facets);
}

#[test]
fn a_clause_that_is_more_than_one_facet_filter_stays_a_plain_condition() {
    // `party:Groen OR fiets` is no party filter: the party facet counts only its matches.
    let results = search(SearchRequest::new("partij:groen OR fietsstraat").all_facets());
    assert_eq!(results.total, 3);
    assert_eq!(counts(&results, Facet::Party), pairs(&[("Groen", 3)]));
    // An excluded party leaves its records out of every facet, its own included.
    let results = search(SearchRequest::new("-partij:groen").all_facets());
    assert_eq!(results.total, 9);
    assert!(!counts(&results, Facet::Party)
        .iter()
        .any(|(party, _)| party == "Groen"));
}

#[test]
fn dates_in_the_text_and_in_the_request_agree() {
    let in_text = search(SearchRequest::new("datum:2017..2018").all_facets().all());
    let by_request = search(
        SearchRequest::new("")
            .date_from("2017-01-01".parse().unwrap())
            .date_to("2018-12-31".parse().unwrap())
            .all_facets()
            .all(),
    );
    assert_eq!(in_text.total, 5);
    assert_eq!(ids(&in_text), ids(&by_request));
    assert_eq!(in_text.facets, by_request.facets);
    // Neither form is ignored by the year facet: both are conditions on the matches.
    assert_eq!(
        counts(&in_text, Facet::Year),
        pairs(&[("2017", 3), ("2018", 2)])
    );
}

#[test]
fn a_party_in_the_text_and_another_in_the_request_must_both_hold() {
    // Only 2019_MV_00005 was asked by N-VA and Vooruit together.
    let results = search(
        SearchRequest::new("partij:n-va")
            .party("Vooruit")
            .all_facets(),
    );
    assert_eq!(ids(&results), ["2019_MV_00005"]);
    // The party facet ignores both party filters: every party among all twelve records…
    assert_eq!(
        counts(&results, Facet::Party),
        pairs(&[
            ("Groen", 3),
            ("N-VA", 3),
            ("Vooruit", 3),
            ("CD&V", 2),
            ("Open Vld", 2)
        ])
    );
    // …while the other facets respect both.
    assert_eq!(counts(&results, Facet::Topic), pairs(&[("Onderwijs", 1)]));
}

#[test]
fn party_values_go_through_the_party_table() {
    let vooruit = ["2020_SV_00281", "2019_MV_00005", "2017_MV_00090"];
    for typed in ["sp.a", "SP.A", "Sp. a", "spa", "VOORUIT"] {
        let by_request = search(SearchRequest::new("").party(typed).all());
        assert_eq!(ids(&by_request), vooruit, "--party {typed}");
        let in_text = search(SearchRequest::new(format!("partij:\"{typed}\"")).all());
        assert_eq!(ids(&in_text), vooruit, "partij:{typed}");
        assert!(by_request.warnings.is_empty(), "{typed}");
    }
    let searcher = party_searcher(PartyTable::default());
    for typed in ["VB", "vb", "v b", "Vlaams Belang", "vlaams"] {
        let results = searcher
            .search(&SearchRequest::new("").party(typed))
            .unwrap();
        assert_eq!(ids(&results), ["2021_MV_00001"], "{typed}");
    }
}

#[test]
fn party_filters_read_the_table_the_records_were_read_with() {
    let mut parties = PartyTable::default();
    parties.insert("LVB", "Lijst Van Brussel");
    let with_alias = party_searcher(parties);
    let results = with_alias
        .search(&SearchRequest::new("partij:lvb"))
        .unwrap();
    assert_eq!(ids(&results), ["2021_MV_00003"]);
    // The built-in table knows no LVB: nothing, and a warning says so.
    let built_in = party_searcher(PartyTable::default());
    let results = built_in
        .search(&SearchRequest::new("").party("LVB"))
        .unwrap();
    assert_eq!(results.total, 0);
    assert_eq!(results.warnings, [unknown(Facet::Party, "LVB", &[])]);
}

#[test]
fn names_ignore_case_accents_and_a_leading_article() {
    for typed in [
        "de burgemeester",
        "De Burgemeester",
        "BURGEMEESTER",
        "het burgemeester",
    ] {
        let results = search(SearchRequest::new("").alderman(typed));
        assert_eq!(ids(&results), ["NR. 217/14"], "{typed}");
        let results = search(SearchRequest::new(format!("schepen:\"{typed}\"")));
        assert_eq!(ids(&results), ["NR. 217/14"], "{typed}");
    }
    for typed in ["Élke Décruynaere", "elke decruynaere", "DECRUYNAERE"] {
        let results = search(SearchRequest::new("").alderman(typed));
        assert_eq!(ids(&results), ["2019_MV_00005"], "{typed}");
    }
    for typed in ["de wulf", "De Wulf", "robin de wulf", "ROBIN DE WÜLF"] {
        let results = search(SearchRequest::new("").councillor(typed).all());
        assert_eq!(
            ids(&results),
            ["2019_MV_00005", "2017_MV_00033", "2016_MV_00150"],
            "{typed}"
        );
    }
    // Today's lenient prefixes stay.
    assert_eq!(search(SearchRequest::new("").alderman("watt")).total, 6);
    assert_eq!(search(SearchRequest::new("").party("nva")).total, 3);
}

#[test]
fn a_value_that_matches_nothing_warns_with_the_closest_values() {
    let results = search(SearchRequest::new("").party("Groene"));
    assert_eq!(results.total, 0);
    assert_eq!(
        results.warnings,
        [unknown(Facet::Party, "Groene", &[("Groen", 3)])]
    );
    // The same warning for the text's form, once when both forms say it.
    let in_text = search(SearchRequest::new("partij:Groene").party("Groene"));
    assert_eq!(in_text.warnings, results.warnings);
    for (request, warning) in [
        (
            SearchRequest::new("").alderman("Wateeuw"),
            unknown(Facet::Alderman, "Wateeuw", &[("Filip Watteeuw", 6)]),
        ),
        (
            SearchRequest::new("raadslid:codens"),
            unknown(Facet::Councillor, "codens", &[("Anne Coddens", 3)]),
        ),
        (
            SearchRequest::new("").topic("Milieus"),
            unknown(Facet::Topic, "Milieus", &[("Milieu", 2)]),
        ),
        (
            SearchRequest::new("soort:interpellatie"),
            unknown(Facet::Kind, "interpellatie", &[]),
        ),
        // A field clause that is no pure filter warns too, excluded or among words.
        (
            SearchRequest::new("fiets* -partij:groene"),
            unknown(Facet::Party, "groene", &[("Groen", 3)]),
        ),
        (
            SearchRequest::new("partij:groene OR fietsstraat"),
            unknown(Facet::Party, "groene", &[("Groen", 3)]),
        ),
    ] {
        assert_eq!(search(request.clone()).warnings, [warning], "{request:?}");
    }
    // One unknown value among others still warns; the others still filter.
    let results = search(SearchRequest::new("").party("Groen").party("Piraten"));
    assert_eq!(results.total, 3);
    assert_eq!(results.warnings, [unknown(Facet::Party, "Piraten", &[])]);
    // Known values warn of nothing.
    assert!(
        search(SearchRequest::new("partij:groen").alderman("watteeuw"))
            .warnings
            .is_empty()
    );
}

#[test]
fn warnings_in_json_only_when_there_are_some() {
    let results = search(SearchRequest::new("").party("Groene"));
    let value = serde_json::to_value(&results).unwrap();
    assert_eq!(
        value["warnings"],
        json!([{
            "warning": "unknown_filter_value",
            "facet": "party",
            "value": "Groene",
            "closest": [{"value": "Groen", "count": 3}]
        }])
    );
    let value = serde_json::to_value(search(SearchRequest::new("").party("Groen"))).unwrap();
    assert!(value.get("warnings").is_none(), "{value}");
}
