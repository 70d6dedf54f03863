//! Several councils in one index: the same id in two councils is two records, found by
//! council, counted per council; a record without a council among others is reported.

mod common;

use std::path::Path;

use common::Fixture;
use raad_core::Facet;
use raad_index::WithoutCouncil;
use raad_query::{QueryError, SearchRequest, Searcher};

/// One opschrift record: `id`, asked by `councillor` (`Name - Party`), about `title`.
fn opschrift(id: &str, councillor: &str, title: &str) -> String {
    format!(
        "OPSCHRIFT\n\nVergadering van 15 maart 2016\n\nNummer: {id}\n\nOnderwerp:\n\n\
         Mondelinge vraag van raadslid {name}: {title}\n\nRaadslid(-leden):\n\n{councillor}\n\n\
         Bevoegd:\n\nJan Janssens\n",
        name = councillor.split(" - ").next().unwrap()
    )
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `in/gent` and `in/antwerpen`, each with its raad.toml and one record `2016_MV_00146` about
/// fietspaden; Antwerp writes its Groen as `Groen-Antwerpen`.
fn two_councils(fx: &Fixture) -> std::path::PathBuf {
    let root = fx.dir.path().join("in");
    write(&root.join("gent/raad.toml"), "council = \"Gent\"\n");
    write(
        &root.join("gent/vragen.txt"),
        &opschrift("2016_MV_00146", "An Peeters - sp.a", "Fietspaden Dampoort"),
    );
    write(
        &root.join("antwerpen/raad.toml"),
        "council = \"Antwerpen\"\n\n[parties]\n\"Groen-Antwerpen\" = \"Groen\"\n",
    );
    write(
        &root.join("antwerpen/vragen.txt"),
        &opschrift(
            "2016_MV_00146",
            "Els Maes - Groen-Antwerpen",
            "Fietspaden Linkeroever",
        ),
    );
    root
}

#[test]
fn the_same_id_in_two_councils_is_two_records_found_by_council() {
    let fx = Fixture::new();
    let root = two_councils(&fx);
    let report = fx.run(std::slice::from_ref(&root));
    assert_eq!((report.indexed, report.repeated), (2, 0));
    assert_eq!(report.records_in_index, 2);
    assert!(report.duplicates.is_empty(), "{:?}", report.duplicates);
    assert!(report.skipped.is_empty(), "raad.toml is not a skipped file");
    assert!(report.without_council.is_empty());

    let searcher = Searcher::open(fx.index_dir()).unwrap();
    match searcher.get("2016 mv 146") {
        Err(QueryError::Ambiguous { id, candidates }) => {
            assert_eq!(id, "2016 mv 146");
            assert_eq!(
                candidates,
                ["Antwerpen/2016_MV_00146", "Gent/2016_MV_00146"]
            );
        }
        other => panic!("expected an ambiguous id, got {other:?}"),
    }
    let error = searcher.get("2016_MV_00146").unwrap_err().to_string();
    assert_eq!(
        error,
        "id `2016_MV_00146` is in 2 councils: Antwerpen/2016_MV_00146, Gent/2016_MV_00146; \
         name one, as in `Antwerpen/2016_MV_00146`"
    );
    let gent = searcher.get("gent/2016 mv 146").unwrap();
    assert_eq!(gent.council.as_deref(), Some("Gent"));
    assert_eq!(gent.title.as_deref(), Some("Fietspaden Dampoort"));
    let antwerpen = searcher.get_in("ANTWERPEN", "2016_MV_00146").unwrap();
    assert_eq!(antwerpen.title.as_deref(), Some("Fietspaden Linkeroever"));
    // Antwerp's own alias table.
    assert_eq!(antwerpen.councillors[0].party.as_deref(), Some("Groen"));
    assert!(matches!(
        searcher.get_in("Brugge", "2016_MV_00146"),
        Err(QueryError::NotFound { .. })
    ));

    let results = searcher
        .search(&SearchRequest::new("fietspaden").facets([Facet::Council]))
        .unwrap();
    assert_eq!(results.total, 2);
    let counts: Vec<(String, u64)> = results.facets[&Facet::Council]
        .iter()
        .map(|count| (count.value.clone(), count.count))
        .collect();
    assert_eq!(
        counts,
        [("Antwerpen".to_string(), 1), ("Gent".to_string(), 1)]
    );
    let gent_only = searcher
        .search(&SearchRequest::new("fietspaden").council("gent"))
        .unwrap();
    assert_eq!(gent_only.total, 1);
    assert_eq!(gent_only.hits[0].council.as_deref(), Some("Gent"));
    let in_query = searcher
        .search(&SearchRequest::new("fietspaden gemeente:antwerpen"))
        .unwrap();
    assert_eq!(in_query.total, 1);
    assert_eq!(
        in_query.hits[0].title.as_deref(),
        Some("Fietspaden Linkeroever")
    );
    let by_id = searcher
        .search(&SearchRequest::new("id:2016_MV_00146"))
        .unwrap();
    assert_eq!(by_id.total, 2);
}

#[test]
fn a_changed_raad_toml_reads_its_files_again() {
    let fx = Fixture::new();
    let root = two_councils(&fx);
    fx.run(std::slice::from_ref(&root));
    let again = fx.run(std::slice::from_ref(&root));
    assert_eq!(again.skipped_unchanged_files, 2);

    write(
        &root.join("gent/raad.toml"),
        "council = \"Gent\"\n\n[parties]\n\"sp.a\" = \"SPA\"\n",
    );
    let changed = fx.run(std::slice::from_ref(&root));
    assert_eq!(changed.skipped_unchanged_files, 1);
    assert_eq!((changed.replaced, changed.records_in_index), (1, 2));
    let searcher = Searcher::open(fx.index_dir()).unwrap();
    let gent = searcher.get("Gent/2016_MV_00146").unwrap();
    assert_eq!(gent.councillors[0].party.as_deref(), Some("SPA"));
}

#[test]
fn records_without_a_council_among_others_are_reported_not_guessed() {
    let fx = Fixture::new();
    let gent = fx.write(
        "gent.jsonl",
        &[
            serde_json::json!({"id": "2017_SV_00001", "council": "Gent", "title": "Fietspad"})
                .to_string(),
        ],
    );
    let loose = fx.write(
        "los.jsonl",
        &[
            serde_json::json!({"id": "2017_SV_00002", "title": "Verlichting"}).to_string(),
            serde_json::json!({"id": "2017_SV_00003", "title": "Parkeren"}).to_string(),
        ],
    );
    let report = fx.run(&[gent, loose.clone()]);
    assert_eq!(
        report.without_council,
        [WithoutCouncil {
            path: loose.display().to_string(),
            records: 2,
        }]
    );
    let searcher = Searcher::open(fx.index_dir()).unwrap();
    assert_eq!(searcher.get("2017_SV_00002").unwrap().council, None);

    // One council or none: nothing to report.
    let single = Fixture::new();
    let only = single.write(
        "a.jsonl",
        &[serde_json::json!({"id": "2017_SV_00002", "title": "Verlichting"}).to_string()],
    );
    assert!(single.run(&[only]).without_council.is_empty());
}

/// Each council's mayor is counted under one title: Ghent writes `burgemeester` and
/// `betrokken`, Antwerp's raad.toml says its records call the mayor `Burgervader`.
#[test]
fn every_councils_mayor_is_counted_under_one_title() {
    let fx = Fixture::new();
    let root = fx.dir.path().join("in");
    let with_alderman = |id: &str, responsible: &str, involved: &str| {
        opschrift(id, "An Peeters - Groen", "Fietspaden").replace(
            "Bevoegd:\n\nJan Janssens\n",
            &format!("Bevoegd:\n\n{responsible}\n\nBetrokken:\n\n{involved}\n"),
        )
    };
    write(&root.join("gent/raad.toml"), "council = \"Gent\"\n");
    write(
        &root.join("gent/vragen.txt"),
        &[
            with_alderman("2016_MV_00146", "burgemeester", "Filip Watteeuw"),
            with_alderman("2016_MV_00147", "Filip Watteeuw", "de burgemeester"),
        ]
        .join("\n"),
    );
    write(
        &root.join("antwerpen/raad.toml"),
        "council = \"Antwerpen\"\nmayor = \"Burgervader\"\n",
    );
    write(
        &root.join("antwerpen/vragen.txt"),
        &with_alderman("2016_MV_00146", "Burgervader Bart De Wever", "Els Maes"),
    );
    let report = fx.run(std::slice::from_ref(&root));
    assert_eq!(report.records_in_index, 3);

    let searcher = Searcher::open(fx.index_dir()).unwrap();
    let results = searcher
        .search(&SearchRequest::new("").facets([Facet::Alderman]))
        .unwrap();
    let counts: Vec<(String, u64)> = results.facets[&Facet::Alderman]
        .iter()
        .map(|count| (count.value.clone(), count.count))
        .collect();
    assert_eq!(
        counts,
        [
            ("Burgemeester".to_string(), 2),
            ("Filip Watteeuw".to_string(), 1)
        ]
    );
    let antwerpen = searcher.get_in("Antwerpen", "2016_MV_00146").unwrap();
    assert_eq!(antwerpen.alderman.as_deref(), Some("Burgemeester"));
    let gent = searcher.get_in("Gent", "2016_MV_00147").unwrap();
    assert_eq!(gent.involved_aldermen, ["Burgemeester"]);
    // The title belongs to Antwerp: elsewhere `Burgervader` is a name like any other.
    let mut settings = raad_core::parse::ParseOptions::default();
    assert_eq!(settings.alderman("Burgervader".into()), "Burgervader");
    settings.mayor = Some("Burgervader".into());
    assert_eq!(settings.alderman("Burgervader".into()), "Burgemeester");
}
