//! Search behaviour on the fixture corpus (tests/common): exact ids, counts and facet values.

mod common;

use common::{counts, pairs};

use raad_core::Date;
use raad_query::{
    AldermanScope, Facet, Highlight, MatchMode, Mode, QueryError, SearchRequest, SearchResults,
    Sort,
};

fn ids(results: &SearchResults) -> Vec<&str> {
    results.hits.iter().map(|hit| hit.id.as_str()).collect()
}

/// The ids in id order, where the ranking among them is not what a test is about.
fn sorted_ids(results: &SearchResults) -> Vec<&str> {
    let mut ids = ids(results);
    ids.sort();
    ids
}

fn hit<'a>(results: &'a SearchResults, id: &str) -> &'a raad_query::Hit {
    results
        .hits
        .iter()
        .find(|hit| hit.id == id)
        .unwrap_or_else(|| panic!("{id} is not among the hits"))
}

fn search(request: SearchRequest) -> SearchResults {
    common::searcher().search(&request).unwrap()
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

#[test]
fn stems_and_compound_parts_find_and_mark() {
    let results = search(SearchRequest::new("overleg").highlight(Highlight::new("[", "]")));
    assert_eq!(sorted_ids(&results), ["2017_MV_00033", "2017_SV_00020"]);
    // The compound part marks the whole compound.
    let compound = hit(&results, "2017_SV_00020");
    assert_eq!(
        compound.fragment.matched_words(),
        // From the question and answer: the title is shown beside the snippet anyway.
        ["bedrijvenoverleg", "bedrijvenoverleg"]
    );
    assert!(compound
        .snippet
        .contains("vond het [bedrijvenoverleg] over de haven"));

    // `fietspaden` is found by `fietspad`; records that share only a part (`fietsstraat`,
    // `fietsenstalling`, `fietsers`) do not match.
    let results = search(SearchRequest::new("fietspad"));
    assert_eq!(ids(&results), ["2018_MV_00011", "2016_MV_00146"]);
    assert_eq!(results.hits[0].fragment.matched_words(), ["fietspaden"]);
    // Matching any word (or part) finds them too, below the records with the whole word.
    let any = search(SearchRequest::new("fietspad").match_mode(MatchMode::Any));
    assert_eq!(
        ids(&any),
        [
            "2018_MV_00011",
            "2016_MV_00146",
            "2019_MV_00077",
            "2016_MV_00150",
            "2020_MV_00280"
        ]
    );
    assert_eq!(any.matching, MatchMode::Any);
}

#[test]
fn records_with_every_word_rank_above_records_with_some() {
    // In plain mode (words OR'ed, BM25 only) the record with `kinderopvang` three times wins;
    // matching any word in syntax mode, the record that has both words (`overvol` once in
    // its question, `kinderopvang` once in its answer) comes first, the other still appears;
    // by default only the record with both words matches.
    let plain = search(SearchRequest::plain("kinderopvang overvol"));
    assert_eq!(ids(&plain), ["2019_MV_00005", "2016_MV_00150"]);
    assert_eq!(plain.matching, MatchMode::Any);
    let any = search(SearchRequest::new("kinderopvang overvol").match_mode(MatchMode::Any));
    assert_eq!(ids(&any), ["2016_MV_00150", "2019_MV_00005"]);
    assert!(any.hits[0].score > any.hits[1].score);
    let every = search(SearchRequest::new("kinderopvang overvol"));
    assert_eq!(ids(&every), ["2016_MV_00150"]);
    assert_eq!((every.total, every.matching), (1, MatchMode::All));
}

#[test]
fn phrases_need_the_words_in_order() {
    let words = search(SearchRequest::new("gevaarlijk kruispunt"));
    assert_eq!(ids(&words), ["2016_MV_00146", "2020_MV_00280"]);
    let phrase = search(SearchRequest::new("\"gevaarlijk kruispunt\""));
    assert_eq!(ids(&phrase), ["2016_MV_00146"]);
    // Stop words inside a phrase keep their place: "voor fietsers" after "gevaarlijk".
    let phrase = search(SearchRequest::new("\"is gevaarlijk voor fietsers\""));
    assert_eq!(ids(&phrase), ["2020_MV_00280", "2016_MV_00146"]);
    let phrase = search(SearchRequest::new("\"fietsers gevaarlijk\""));
    assert_eq!(phrase.total, 0);
}

#[test]
fn exclusions_leave_records_out() {
    let results = search(SearchRequest::new("fietsers"));
    assert_eq!(ids(&results), ["2020_MV_00280", "2016_MV_00146"]);
    let results = search(SearchRequest::new("fietsers -school"));
    assert_eq!(ids(&results), ["2016_MV_00146"]);
    let results = search(SearchRequest::new("fietsers -\"aan de school\""));
    assert_eq!(ids(&results), ["2016_MV_00146"]);
    // Only exclusions: everything else.
    let results = search(SearchRequest::new("-fiets*").all());
    assert_eq!(results.total, 7);
}

#[test]
fn or_and_of_join_alternatives() {
    let results = search(SearchRequest::new("kruispunt OR parking"));
    assert_eq!(
        sorted_ids(&results),
        [
            "2016_MV_00146",
            "2017_MV_00033",
            "2017_MV_00090",
            "2020_MV_00280"
        ]
    );
    let dutch = search(SearchRequest::new("kruispunt OF parking"));
    assert_eq!(ids(&dutch), ids(&results));
    // `OR` binds its neighbours: (zwerfvuil OR kinderopvang) AND-ranked with station.
    let results = search(SearchRequest::new("zwerfvuil OR kinderopvang station"));
    assert_eq!(results.hits[0].id, "2020_SV_00281");
    assert_eq!(results.hits[1].id, "2016_MV_00150");
}

#[test]
fn prefix_and_fuzzy() {
    let results = search(SearchRequest::new("fiets*"));
    assert_eq!(results.total, 5);
    assert_eq!(
        ids(&results),
        [
            "2019_MV_00077",
            "2016_MV_00150",
            "2018_MV_00011",
            "2020_MV_00280",
            "2016_MV_00146"
        ]
    );
    assert_eq!(results.hits[3].fragment.matched_words(), ["fietsers"]);
    // A prefix longer than the stem: `fietspaden*` is indexed as `fietspad`.
    let results = search(SearchRequest::new("fietspaden*"));
    assert_eq!(ids(&results), ["2018_MV_00011", "2016_MV_00146"]);

    // A typo in a name.
    let exact = search(SearchRequest::new("Coddens"));
    assert_eq!(exact.total, 3);
    let fuzzy = search(SearchRequest::new("Codens~"));
    let sorted = |results: &SearchResults| {
        let mut ids: Vec<String> = results.hits.iter().map(|hit| hit.id.clone()).collect();
        ids.sort();
        ids
    };
    assert_eq!(
        sorted(&fuzzy),
        ["2016_MV_00146", "2018_MV_00011", "2019_MV_00077"]
    );
    assert_eq!(sorted(&fuzzy), sorted(&exact));
    assert_eq!(search(SearchRequest::new("Codens")).total, 0);
    assert_eq!(search(SearchRequest::new("Codens~0")).total, 0);
    assert_eq!(search(SearchRequest::new("Coddesn~1")).total, 3);
    // Fuzzy words in the text, too.
    assert_eq!(
        ids(&search(SearchRequest::new("zwerfvul~"))),
        ids(&search(SearchRequest::new("zwerfvuil")))
    );
}

#[test]
fn field_filters_in_the_query_text() {
    let results = search(SearchRequest::new("partij:groen").all());
    assert_eq!(results.total, 3);
    assert_eq!(
        ids(&results),
        ["2019_MV_00077", "2018_MV_00011", "2016_MV_00146"]
    );
    assert_eq!(search(SearchRequest::new("party:nva")).total, 3);
    assert_eq!(search(SearchRequest::new("party:N-VA")).total, 3);
    assert_eq!(search(SearchRequest::new("partij:\"open vld\"")).total, 2);
    assert_eq!(search(SearchRequest::new("schepen:watteeuw")).total, 6);
    assert_eq!(
        search(SearchRequest::new("alderman:\"Tine Heyse\"")).total,
        2
    );
    assert_eq!(search(SearchRequest::new("raadslid:janssens")).total, 3);
    assert_eq!(search(SearchRequest::new("thema:onderwijs")).total, 2);
    assert_eq!(search(SearchRequest::new("soort:schriftelijk")).total, 4);
    assert_eq!(
        search(SearchRequest::new("kind:\"mondelinge vraag\"")).total,
        8
    );
    assert_eq!(
        search(SearchRequest::new("partij:groen OR partij:cd&v")).total,
        5
    );
    assert_eq!(search(SearchRequest::new("partij:piraten")).total, 0);
    let results = search(SearchRequest::new("id:\"2016 mv 146\""));
    assert_eq!(ids(&results), ["2016_MV_00146"]);
    let results = search(SearchRequest::new("fiets* partij:groen -datum:2016"));
    assert_eq!(ids(&results), ["2019_MV_00077", "2018_MV_00011"]);
}

#[test]
fn date_ranges() {
    let years = |text: &str| {
        search(SearchRequest::new(text).all().sort(Sort::Oldest))
            .hits
            .iter()
            .map(|hit| hit.date.map(|d| d.to_string()).unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        years("datum:2017"),
        ["2017-01-20", "2017-02-13", "2017-06-12"]
    );
    assert_eq!(
        years("datum:2016..2017"),
        [
            "2016-03-14",
            "2016-05-02",
            "2017-01-20",
            "2017-02-13",
            "2017-06-12"
        ]
    );
    assert_eq!(years("date:2016-03-14..2016-05-01"), ["2016-03-14"]);
    assert_eq!(years("datum:2020.."), ["2020-03-09", "2020-03-09"]);
    assert_eq!(years("datum:..2016-04"), ["2016-03-14"]);
    // Request filters, both ends inclusive.
    let results = search(
        SearchRequest::new("")
            .date_from(date("2018-01-15"))
            .date_to(date("2019-02-11"))
            .all(),
    );
    assert_eq!(
        ids(&results),
        ["2019_MV_00005", "2018_SV_00120", "2018_MV_00011"]
    );
    // An empty range finds nothing (and is no error).
    let empty = search(
        SearchRequest::new("")
            .date_from(date("2020-01-01"))
            .date_to(date("2016-01-01")),
    );
    assert_eq!(empty.total, 0);
}

#[test]
fn request_filters_or_within_and_across() {
    let results = search(SearchRequest::new("").party("Groen").party("CD&V").all());
    assert_eq!(results.total, 5);
    let results = search(
        SearchRequest::new("")
            .party("Groen")
            .party("CD&V")
            .topic("Veiligheid")
            .all(),
    );
    assert_eq!(ids(&results), ["2018_MV_00011", "NR. 217/14"]);
    let results = search(SearchRequest::new("").has_answer(false).all());
    assert_eq!(ids(&results), ["2020_SV_00281", "2017_MV_00090"]);
    let results = search(
        SearchRequest::new("")
            .councillor("Robin De Wulf")
            .kind("mondeling")
            .all(),
    );
    assert_eq!(
        ids(&results),
        ["2019_MV_00005", "2017_MV_00033", "2016_MV_00150"]
    );
}

#[test]
fn alderman_scope() {
    let responsible = search(SearchRequest::new("").alderman("Watteeuw").all());
    assert_eq!(responsible.total, 6);
    let involved = search(
        SearchRequest::new("")
            .alderman("Watteeuw")
            .alderman_scope(AldermanScope::ResponsibleOrInvolved)
            .all(),
    );
    assert_eq!(involved.total, 7);
    assert!(ids(&involved).contains(&"2017_SV_00020"));
}

#[test]
fn facets_count_every_match_not_only_the_page() {
    let results = search(SearchRequest::new("").limit(2).all_facets());
    assert_eq!(results.total, 12);
    assert_eq!(results.hits.len(), 2);
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
    assert_eq!(
        counts(&results, Facet::Alderman),
        pairs(&[
            ("Filip Watteeuw", 6),
            ("Mathias De Clercq", 2),
            ("Tine Heyse", 2),
            ("Burgemeester", 1),
            ("Elke Decruynaere", 1)
        ])
    );
    assert_eq!(
        counts(&results, Facet::Year),
        pairs(&[
            ("2016", 2),
            ("2017", 3),
            ("2018", 2),
            ("2019", 2),
            ("2020", 2)
        ])
    );
    assert_eq!(
        counts(&results, Facet::Kind),
        pairs(&[("mondelinge vraag", 8), ("schriftelijke vraag", 4)])
    );
    assert_eq!(
        counts(&results, Facet::Topic),
        pairs(&[
            ("Mobiliteit", 6),
            ("Economie", 2),
            ("Milieu", 2),
            ("Onderwijs", 2),
            ("Veiligheid", 2)
        ])
    );
    assert_eq!(
        counts(&results, Facet::Councillor)[0],
        ("Anne Coddens".to_string(), 3)
    );
    // As JSON, counts are keyed by facet name, alphabetically (the order raad has always
    // written them in).
    let json = serde_json::to_string(&search(SearchRequest::new("").limit(0).all_facets()));
    let json = json.unwrap();
    let at = |name: &str| json.find(&format!("\"{name}\":[")).unwrap();
    let names = ["alderman", "councillor", "kind", "party", "topic", "year"];
    assert!(
        names.windows(2).all(|pair| at(pair[0]) < at(pair[1])),
        "{json}"
    );
    assert!(
        json.starts_with(
            r#"{"total":12,"matching":"all","hits_from":"matches","hits":[],"facets":{"alderman":[{"value":"Filip Watteeuw","count":6},"#
        ),
        "{json}"
    );

    let limited = search(
        SearchRequest::new("")
            .limit(0)
            .facets([Facet::Party, Facet::Year]),
    );
    assert!(limited.hits.is_empty());
    assert_eq!(
        limited.facets.keys().collect::<Vec<_>>(),
        [&Facet::Party, &Facet::Year]
    );
    let mut top = SearchRequest::new("").facets([Facet::Party, Facet::Year]);
    top.facet_limit = Some(2);
    let top = search(top);
    assert_eq!(
        counts(&top, Facet::Party),
        pairs(&[("Groen", 3), ("N-VA", 3)])
    );
    // The busiest years, still in calendar order.
    assert_eq!(
        counts(&top, Facet::Year),
        pairs(&[("2016", 2), ("2017", 3)])
    );
}

#[test]
fn a_facet_ignores_its_own_filter_and_respects_the_others() {
    let results = search(SearchRequest::new("fiets*").party("Groen").all_facets());
    // The hits and the other facets are narrowed to Groen…
    assert_eq!(results.total, 3);
    assert_eq!(
        counts(&results, Facet::Alderman),
        pairs(&[("Filip Watteeuw", 3)])
    );
    assert_eq!(
        counts(&results, Facet::Year),
        pairs(&[("2016", 1), ("2018", 1), ("2019", 1)])
    );
    // …while the party facet still shows every party among the fiets* matches.
    assert_eq!(
        counts(&results, Facet::Party),
        pairs(&[("Groen", 3), ("CD&V", 1), ("N-VA", 1)])
    );

    // Two filtered facets: each ignores only its own filter.
    let results = search(
        SearchRequest::new("")
            .party("N-VA")
            .topic("Economie")
            .facets([Facet::Party, Facet::Topic]),
    );
    assert_eq!(ids(&results), ["2017_MV_00033"]);
    assert_eq!(
        counts(&results, Facet::Party),
        pairs(&[("N-VA", 1), ("Open Vld", 1)])
    );
    assert_eq!(
        counts(&results, Facet::Topic),
        pairs(&[("Economie", 1), ("Mobiliteit", 1), ("Onderwijs", 1)])
    );
}

#[test]
fn paging_and_sorting() {
    let all = search(SearchRequest::new("").sort(Sort::Newest).all());
    assert_eq!(all.total, 12);
    assert_eq!(all.hits.len(), 12);
    // Undated records come last in both orders.
    assert_eq!(all.hits[11].id, "NR. 217/14");
    assert_eq!(all.hits[2].id, "2019_MV_00077");
    let oldest = search(SearchRequest::new("").sort(Sort::Oldest).all());
    assert_eq!(oldest.hits[0].id, "2016_MV_00146");
    assert_eq!(oldest.hits[11].id, "NR. 217/14");

    let page = search(SearchRequest::new("").sort(Sort::Newest).offset(2).limit(3));
    assert_eq!(page.total, 12);
    assert_eq!(ids(&page), ids(&all)[2..5]);
    let rest = search(SearchRequest::new("").sort(Sort::Newest).offset(10).all());
    assert_eq!(ids(&rest), ids(&all)[10..]);
    let beyond = search(SearchRequest::new("").offset(50));
    assert_eq!(beyond.total, 12);
    assert!(beyond.hits.is_empty());
    // Absurd pages are cut to the index, never an allocation failure or an overflow.
    let huge = search(SearchRequest::new("fiets*").limit(usize::MAX).offset(1));
    assert_eq!((huge.total, huge.hits.len()), (5, 4));
    let far = search(SearchRequest::new("").offset(usize::MAX).all());
    assert_eq!((far.total, far.hits.len()), (12, 0));

    // Relevance order pages the same way.
    let ranked = search(SearchRequest::new("fiets*").all());
    let second = search(SearchRequest::new("fiets*").offset(1).limit(2));
    assert_eq!(ids(&second), ids(&ranked)[1..3]);
    // Sorting by date keeps the matches.
    let newest = search(SearchRequest::new("fiets*").sort(Sort::Newest));
    assert_eq!(
        ids(&newest),
        [
            "2020_MV_00280",
            "2019_MV_00077",
            "2018_MV_00011",
            "2016_MV_00150",
            "2016_MV_00146"
        ]
    );
}

#[test]
fn hits_carry_what_a_result_list_shows() {
    let results = search(SearchRequest::new("kinderopvang rabot").highlight(Highlight::html()));
    let hit = &results.hits[0];
    assert_eq!(hit.id, "2019_MV_00005");
    assert_eq!(hit.date, Some(date("2019-02-11")));
    assert_eq!(hit.kind.as_deref(), Some("mondelinge vraag"));
    assert_eq!(hit.title.as_deref(), Some("Kinderopvang in de wijk"));
    assert_eq!(hit.alderman.as_deref(), Some("Elke Decruynaere"));
    assert_eq!(hit.topics, ["Onderwijs"]);
    let councillors: Vec<(&str, Option<&str>)> = hit
        .councillors
        .iter()
        .map(|c| (c.name.as_str(), c.party.as_deref()))
        .collect();
    assert_eq!(
        councillors,
        [
            ("Robin De Wulf", Some("N-VA")),
            ("Jan Janssens", Some("Vooruit"))
        ]
    );
    assert_eq!(
        hit.snippet,
        "Er is te weinig <mark>kinderopvang</mark> in de wijk <mark>Rabot</mark>. Welke plannen zijn er? Er opent een nieuwe <mark>kinderopvang</mark> \
         in september."
    );
    assert_eq!(hit.fragment.text, hit.fragment.marked(&Highlight::none()));

    let json: serde_json::Value = serde_json::to_value(&results).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "facets",
            "hits",
            "hits_from",
            "matching",
            "took_ms",
            "total"
        ]
    );
    let hit_keys: Vec<&str> = json["hits"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        hit_keys,
        [
            "alderman",
            "answer_date",
            "answered",
            "councillors",
            "date",
            "id",
            "kind",
            "score",
            "snippet",
            "title",
            "topics"
        ]
    );
    assert_eq!(json["hits"][0]["date"], "2019-02-11");
    // The fixture answers on the day of the question.
    assert_eq!(json["hits"][0]["answered"], true);
    assert_eq!(json["hits"][0]["answer_date"], "2019-02-11");
    assert_eq!(json["hits"][0]["councillors"][0]["party"], "N-VA");
}

#[test]
fn snippets_are_cut_to_length_and_can_be_left_out() {
    let results = search(SearchRequest::new("station").snippet_chars(60));
    for hit in &results.hits {
        assert!(
            hit.fragment.text.chars().count() <= 60,
            "{}",
            hit.fragment.text
        );
        assert!(hit
            .fragment
            .matched_words()
            .iter()
            .all(|w| w.eq_ignore_ascii_case("station")));
    }
    let none = search(SearchRequest::new("station").snippet_chars(0));
    assert!(none.hits.iter().all(|hit| hit.snippet.is_empty()));
    // Without words, the opening of the question.
    let filtered = search(SearchRequest::new("id:2020_SV_00281"));
    assert_eq!(
        filtered.hits[0].snippet,
        "Wat doet de stad tegen zwerfvuil rond het station?"
    );
}

#[test]
fn get_accepts_the_forms_users_type() {
    let searcher = common::searcher();
    for typed in [
        "2016_MV_00146",
        "2016 mv 146",
        "2016-MV-146",
        " 2016mv00146 ",
    ] {
        let record = searcher.get(typed).unwrap();
        assert_eq!(record.id, "2016_MV_00146", "{typed}");
        assert_eq!(record, common::CORPUS[0].record());
    }
    assert_eq!(searcher.get("nr 217/14").unwrap().id, "NR. 217/14");
    match searcher.get("2016_MV_00999") {
        Err(QueryError::NotFound { id }) => assert_eq!(id, "2016_MV_00999"),
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn similar_finds_the_same_subject_without_the_record_itself() {
    let searcher = common::searcher();
    let hits = searcher.similar("2016 mv 146", 2).unwrap();
    let found: Vec<&str> = hits.iter().map(|hit| hit.id.as_str()).collect();
    assert_eq!(found[0], "2020_MV_00280");
    assert_eq!(found.len(), 2);
    assert!(!found.contains(&"2016_MV_00146"));
    let hits = searcher.similar("2018_SV_00120", 1).unwrap();
    assert_eq!(hits[0].id, "2020_SV_00281");
    assert!(searcher.similar("2018_SV_00120", 0).unwrap().is_empty());
    assert!(searcher.similar("2018_SV_00120", usize::MAX).unwrap().len() < 12);
    assert!(matches!(
        searcher.similar("1999_XX_1", 3),
        Err(QueryError::NotFound { .. })
    ));
}

#[test]
fn plain_mode_reads_only_words() {
    // Syntax characters are plain punctuation: no phrase, no field, no exclusion, no error.
    let plain = search(SearchRequest::plain("\"fietsers -school partij:groen"));
    assert_eq!(ids(&plain), ["2020_MV_00280", "2016_MV_00146"]);
    assert_eq!(search(SearchRequest::plain("kleur:rood OR ((")).total, 0);
    assert_eq!(search(SearchRequest::plain("")).total, 12);
}

#[test]
fn stop_words_alone_find_nothing_but_do_not_block_filters() {
    assert_eq!(search(SearchRequest::new("de het")).total, 0);
    assert_eq!(search(SearchRequest::plain("de het")).total, 0);
    assert_eq!(search(SearchRequest::new("de partij:groen")).total, 3);
    assert_eq!(search(SearchRequest::new("de").party("Groen")).total, 0);
    assert_eq!(search(SearchRequest::new("")).total, 12);
}

#[test]
fn malformed_queries_say_what_and_where() {
    let searcher = common::searcher();
    let error = |text: &str| searcher.search(&SearchRequest::new(text)).unwrap_err();
    let unclosed = error("fietspad \"gevaarlijk kruispunt");
    assert_eq!(unclosed.column(), Some(10));
    assert_eq!(
        unclosed.to_string(),
        "column 10: this quote is not closed; end the phrase with another \""
    );
    let empty = error("partij: fietspad");
    assert_eq!(
        empty.to_string(),
        "column 8: partij: needs a value (partij:value, or partij:\"two words\")"
    );
    match error("kleur:rood") {
        QueryError::UnknownField {
            name,
            valid,
            column,
        } => {
            assert_eq!((name.as_str(), column), ("kleur", 1));
            assert!(valid.contains(&"partij") && valid.contains(&"datum"));
        }
        other => panic!("expected UnknownField, got {other:?}"),
    }
    assert_eq!(
        error("datum:2018..2016").to_string(),
        "column 7: the date range ends (2016-12-31) before it starts (2018-01-01)"
    );
    assert_eq!(
        error("datum:2016-13").to_string(),
        "column 7: `2016-13` is not a date; write 2016, 2016-03 or 2016-03-01"
    );
    // Facets are typed: a name comes only from text, and an unknown one is refused there.
    assert_eq!(
        "kleur".parse::<Facet>().unwrap_err().to_string(),
        "unknown facet `kleur`; valid facets are: council, party, alderman, topic, councillor, year, kind"
    );
    let request = serde_json::from_str::<SearchRequest>(r#"{"text":"fiets","facets":["kleur"]}"#);
    let message = request.unwrap_err().to_string();
    assert!(message.contains("unknown variant `kleur`"), "{message}");
    // Plain mode never fails on the same text.
    assert!(searcher
        .search(&SearchRequest::new("fietspad \"gevaarlijk").mode(Mode::Plain))
        .is_ok());
}

#[test]
fn the_title_gives_the_snippet_only_when_nothing_else_matches() {
    let results = search(SearchRequest::new("kinderopvang"));
    for hit in &results.hits {
        let title = hit.title.as_deref().unwrap_or_default();
        assert!(
            !hit.fragment.text.starts_with(title) || hit.fragment.text == title,
            "{}: snippet repeats the title: {}",
            hit.id,
            hit.fragment.text
        );
    }
}

#[test]
fn facet_counts_follow_new_commits() {
    let records = common::records();
    let (first, rest) = records.split_at(5);
    let index = common::index_in_one_segment(first);
    let searcher = raad_query::Searcher::from_index(index.clone()).unwrap();
    let before = searcher
        .search(&SearchRequest::new("").facets([Facet::Kind]))
        .unwrap();
    assert_eq!(before.total, 5);

    let schema = raad_core::RaadSchema::new();
    let mut writer = index.writer_with_num_threads(1, 50_000_000).unwrap();
    for record in rest {
        writer.add_document(schema.document(record)).unwrap();
    }
    writer.commit().unwrap();
    searcher.reload().unwrap();
    // The cached facet columns of the first segment serve again; the new one is read.
    let after = searcher
        .search(&SearchRequest::new("").all_facets())
        .unwrap();
    assert_eq!(after.total, 12);
    assert_eq!(
        counts(&after, Facet::Kind),
        pairs(&[("mondelinge vraag", 8), ("schriftelijke vraag", 4)])
    );
    assert_eq!(
        counts(&after, Facet::Party),
        pairs(&[
            ("Groen", 3),
            ("N-VA", 3),
            ("Vooruit", 3),
            ("CD&V", 2),
            ("Open Vld", 2)
        ])
    );
}

#[test]
fn a_record_failing_two_facet_filters_counts_for_no_facet() {
    // Only the N-VA record about Economie passes both filters; a record of another party
    // about another topic fails both and appears in neither facet.
    let both = search(
        SearchRequest::new("")
            .party("N-VA")
            .topic("Economie")
            .all_facets(),
    );
    assert_eq!(both.total, 1);
    assert_eq!(
        counts(&both, Facet::Kind),
        pairs(&[("mondelinge vraag", 1)])
    );
    let party_total: u64 = counts(&both, Facet::Party).iter().map(|(_, n)| n).sum();
    let topic_total: u64 = counts(&both, Facet::Topic).iter().map(|(_, n)| n).sum();
    assert_eq!((party_total, topic_total), (2, 3));
}

#[test]
fn facet_filters_find_what_the_same_filters_in_the_text_find() {
    // Request filters of a text search are checked record by record from the facet columns
    // when they let many records through; filters written in the text are intersected
    // with the query. Both must find the same records with the same scores.
    for text in [
        "fiets",
        "fiets*",
        "Codens~",
        "fietspad parking",
        "fietspad OR school",
    ] {
        let by_request = search(SearchRequest::new(text).party("Groen").kind("mondeling"));
        let in_text = search(SearchRequest::new(format!(
            "{text} partij:Groen kind:mondeling"
        )));
        assert_eq!(ids(&by_request), ids(&in_text), "{text}");
        assert_eq!(by_request.total, in_text.total, "{text}");
        let scores = |results: &SearchResults| -> Vec<f32> {
            results.hits.iter().map(|hit| hit.score).collect()
        };
        assert_eq!(scores(&by_request), scores(&in_text), "{text}");
    }
    let found = search(
        SearchRequest::new("fiets*")
            .party("Groen")
            .kind("mondeling"),
    );
    assert_eq!(found.total, 3);
}
