//! Expect tables for the Dutch and names analyzers: input text → indexed terms.
//!
//! Terms are written `text@position`; compound and hyphen parts share their word's position.

use raad_core::analysis::{analyze, names_analyzer};

/// The Dutch analyzer's terms of `text`, as `text@position`, joined by spaces.
fn terms(text: &str) -> String {
    let terms: Vec<String> = analyze(text)
        .iter()
        .map(|token| format!("{}@{}", token.text, token.position))
        .collect();
    terms.join(" ")
}

/// The names analyzer's terms of `text`, joined by spaces.
fn name_terms(text: &str) -> String {
    let mut analyzer = names_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    terms.join(" ")
}

fn check_table(table: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (input, expected) in table {
        let got = terms(input);
        if got != *expected {
            failures.push(format!(
                "{input:?}\n  expected: {expected}\n       got: {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Does a query for `query` share a term with the analyzed `text`?
fn matches(query: &str, text: &str) -> bool {
    let indexed: Vec<String> = analyze(text).into_iter().map(|token| token.text).collect();
    let query_terms = analyze(query);
    !query_terms.is_empty()
        && query_terms
            .iter()
            .all(|token| indexed.contains(&token.text))
}

#[test]
fn lower_case_and_diacritics_folded() {
    check_table(&[
        ("Coöperatie", "cooperatie@0"),
        ("Théâtre", "theatr@0"),
        ("financiën", "financien@0"),
    ]);
    assert!(matches("cooperatie", "de coöperatie"));
    assert!(matches("financien", "Financiën"));
}

#[test]
fn sentences_glued_by_the_export_are_split() {
    check_table(&[
        ("verdronken.Kunt", "verdronk@0 kun@1"),
        ("verlopen.Een team", "verlop@0 team@2"),
        ("Vraag:Hoeveel", "vrag@0 hoevel@1"),
    ]);
}

#[test]
fn numbers_and_ids_stay_whole() {
    check_table(&[
        ("3.000 euro", "3000@0 euro@1"),
        ("1.250.000,50", "1250000,50@0"),
        ("PM2,5", "pm2,5@0"),
        ("2016_MV_00146", "2016_mv_00146@0"),
    ]);
    assert!(matches("3000", "3.000 fietsen"));
    assert!(matches("2016_mv_00146", "vraag 2016_MV_00146"));
}

#[test]
fn clitics_and_apostrophes() {
    check_table(&[
        ("camera's", "camera@0"),
        ("baby's", "baby@0"),
        ("'s ochtends", "ochtend@1"),
        ("zo'n auto", "auto@1"),
    ]);
    assert!(matches("camera", "de camera's"));
}

#[test]
fn hyphenated_words_are_indexed_whole_and_in_parts() {
    check_table(&[
        ("N-VA", "nva@0 va@0"),
        (
            "economie-initiatieven",
            "economieinitiatief@0 economie@0 initiatief@0",
        ),
        (
            "Sint-Pietersstation",
            "sintpietersstation@0 sint@0 pieter@0 station@0 pietersstation@0",
        ),
    ]);
    assert!(matches("N-VA", "de N-VA stelt"));
    assert!(matches("nva", "de N-VA stelt"));
    assert!(matches("station", "Sint-Pietersstation"));
}

#[test]
fn stop_words_are_dropped_and_positions_kept() {
    check_table(&[
        ("de vraag van het raadslid", "vrag@1 raadslid@4 rad@4 lid@4"),
        ("één", ""),
    ]);
}

#[test]
fn irregular_plurals_share_the_singular_stem() {
    let pairs = [
        ("leden", "lid"),
        ("steden", "stad"),
        ("kinderen", "kind"),
        ("centra", "centrum"),
        ("mensen", "mens"),
        ("paden", "pad"),
        ("initiatieven", "initiatief"),
        ("schepenen", "schepen"),
    ];
    for (plural, singular) in pairs {
        assert_eq!(terms(plural), terms(singular), "{plural} / {singular}");
    }
    check_table(&[("gemeente gemeenten", "gemeent@0 gemeent@1")]);
}

#[test]
fn compounds_are_indexed_whole_and_in_parts() {
    check_table(&[
        ("stadsbestuur", "stadsbestur@0 stad@0 bestur@0"),
        ("verkeersveiligheid", "verkeersveil@0 verker@0 veilig@0"),
        ("fietspaden", "fietspad@0 fiet@0 pad@0"),
        ("bedrijvenoverleg", "bedrijvenoverleg@0 bedrijf@0 overleg@0"),
        ("werkoverleg", "werkoverleg@0 werk@0 overleg@0"),
    ]);
    assert!(matches("overleg", "het bedrijvenoverleg"));
    assert!(matches("fietspad", "de fietspaden"));
    assert!(matches("pad", "de fietspaden"));
}

#[test]
fn words_that_only_look_like_compounds_stay_whole() {
    check_table(&[
        ("regering", "reger@0"),
        ("vergadering", "vergader@0"),
        ("verzekering", "verzeker@0"),
        ("kantoren", "kantor@0"),
        ("overleg", "overleg@0"),
        ("belangrijk", "belangrijk@0"),
        ("aanvraag", "aanvrag@0"),
    ]);
}

#[test]
fn names_are_found_with_and_without_punctuation() {
    assert_eq!(name_terms("N-VA"), "nva n va");
    assert_eq!(name_terms("sp.a"), "spa sp a");
    assert_eq!(name_terms("CD&V"), "cdv cd v");
    assert_eq!(name_terms("Théo Francken"), "theo francken");
}

#[test]
fn offsets_point_into_the_input() {
    let text = "De Coöperatie-werking van 's ochtends.Kunt";
    for token in analyze(text) {
        let span = text.get(token.offset_from..token.offset_to);
        assert!(span.is_some_and(|span| !span.is_empty()), "{token:?}");
    }
}

#[test]
fn json_shape_of_analyzed_tokens() {
    let json = serde_json::to_string(&analyze("Fietspaden")).expect("tokens serialize");
    assert_eq!(
        json,
        r#"[{"text":"fietspad","position":0,"offset_from":0,"offset_to":10},{"text":"fiet","position":0,"offset_from":0,"offset_to":10},{"text":"pad","position":0,"offset_from":0,"offset_to":10}]"#
    );
}

proptest::proptest! {
    /// Any text analyzes without a panic, and every token points at a non-empty, in-bounds
    /// span on character boundaries.
    #[test]
    fn any_text_analyzes_with_offsets_in_bounds(text in "\\PC{0,60}|[a-zA-Z.:'’&_ -]{0,40}") {
        for token in analyze(&text) {
            proptest::prop_assert!(token.offset_from < token.offset_to);
            proptest::prop_assert!(text.get(token.offset_from..token.offset_to).is_some());
            proptest::prop_assert!(!token.text.is_empty());
        }
    }
}

/// Searches an in-RAM index of `records` with tantivy's query parser over `field` and
/// returns the ids found.
fn search(records: &[raad_core::Record], field: &str, query: &str) -> Vec<String> {
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::Value;
    use tantivy::{Index, TantivyDocument};

    let schema = raad_core::RaadSchema::new();
    let index = Index::create_in_ram(schema.schema.clone());
    raad_core::analysis::register_analyzers(index.tokenizers());
    let mut writer = index
        .writer_with_num_threads(1, 15_000_000)
        .expect("writer");
    for record in records {
        writer
            .add_document(schema.document(record))
            .expect("document added");
    }
    writer.commit().expect("commit");
    let searcher = index.reader().expect("reader").searcher();
    let field = schema.schema.get_field(field).expect("field exists");
    let query = QueryParser::for_index(&index, vec![field])
        .parse_query(query)
        .expect("query");
    let hits = searcher
        .search(&query, &TopDocs::with_limit(10).order_by_score())
        .expect("search");
    hits.into_iter()
        .map(|(_, address)| {
            let doc: TantivyDocument = searcher.doc(address).expect("stored");
            let json = doc
                .get_first(schema.record)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            serde_json::from_str::<raad_core::Record>(json)
                .expect("record")
                .id
        })
        .collect()
}

fn record(id: &str, question: &str, party: &str) -> raad_core::Record {
    let mut record = raad_core::Record::new(id);
    record.question = Some(question.to_string());
    record.councillors.push(raad_core::Councillor {
        name: "Raadslid Een".to_string(),
        party: Some(party.to_string()),
        party_as_written: None,
    });
    record
}

#[test]
fn indexed_with_the_registered_analyzers_phrases_names_and_compounds_are_found() {
    let records = [
        record(
            "2016_MV_00146",
            "De vraag van het raadslid over het bedrijvenoverleg.",
            "N-VA",
        ),
        record(
            "2016_MV_00147",
            "Het raadslid vraagt naar de fietspaden.",
            "Groen",
        ),
    ];
    // Stop words are gone but their positions are kept, so the phrase still lines up.
    assert_eq!(
        search(&records, "body", "\"vraag van het raadslid\""),
        ["2016_MV_00146"]
    );
    assert_eq!(
        search(&records, "body", "\"vraag raadslid\""),
        Vec::<String>::new()
    );
    assert_eq!(search(&records, "body", "overleg"), ["2016_MV_00146"]);
    assert_eq!(search(&records, "body", "fietspad"), ["2016_MV_00147"]);
    assert_eq!(search(&records, "names", "nva"), ["2016_MV_00146"]);
    assert_eq!(search(&records, "names", "N-VA"), ["2016_MV_00146"]);
}

#[test]
fn verb_forms_match_their_verb_and_look_alikes_do_not() {
    assert!(matches("overleg", "er werd overlegd"));
    assert!(matches("overleggen", "de schepen overlegde met de buurt"));
    assert!(matches("verhuizen", "de dienst is verhuisd"));
    assert!(matches("beslissen", "het college beslist morgen"));
    assert!(matches("oprichten", "een vzw opgericht in 2019"));
    assert!(matches("bouw", "de school wordt gebouwd"));
    assert!(matches("besluiten", "de raad heeft besloten"));
    assert!(!matches("bouwen", "het gebouw"));
    assert!(!matches("bieden", "in het gebied"));
    assert!(!matches("rechten", "een gerecht"));
}
