//! Topics at index time: given topics kept, rules for records without, and inference from
//! labelled neighbours, on a fixture small enough to read.

mod common;

use common::Fixture;
use raad_core::TopicSource;
use serde_json::json;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

fn line(id: &str, title: &str, question: &str, topics: &[&str]) -> String {
    json!({"id": id, "kind": "schriftelijke vraag", "date": "2019-03-01", "title": title,
           "question": question, "topics": topics})
    .to_string()
}

/// Three records labelled "Groen", three "Verkeer" (labels that are not in the built-in
/// taxonomy, so a right answer can only come from the neighbours), two unlabelled records that
/// each resemble one group, and fillers on other subjects, so that the group words are rare.
fn corpus() -> Vec<String> {
    let mut lines = vec![
        line(
            "2019_SV_00001",
            "Kastanjebomen in het Citadelpark",
            "Worden de zieke kastanjebomen gekapt?",
            &["Groen"],
        ),
        line(
            "2019_SV_00002",
            "Nieuwe kastanjebomen in het Citadelpark",
            "Komen er jonge bomen bij?",
            &["Groen"],
        ),
        line(
            "2019_SV_00003",
            "Bloemenweide langs de Leie",
            "Wordt de bloemenweide gemaaid?",
            &["Groen"],
        ),
        line(
            "2019_SV_00004",
            "Herstel van de Dampoortbrug",
            "Wanneer is de Dampoortbrug hersteld?",
            &["Verkeer"],
        ),
        line(
            "2019_SV_00005",
            "Verkeerslichten aan de Dampoortbrug",
            "Worden de verkeerslichten bijgesteld?",
            &["Verkeer"],
        ),
        line(
            "2019_SV_00006",
            "Busbaan op de Kortrijksesteenweg",
            "Komt er een busbaan?",
            &["Verkeer"],
        ),
        line(
            "2019_SV_00007",
            "Gekapte kastanjebomen in het Citadelpark",
            "Waarom zijn de kastanjebomen in het Citadelpark gekapt?",
            &[],
        ),
        line(
            "2019_SV_00008",
            "Verkeerslichten bij de Dampoortbrug",
            "Hoe lang blijven de verkeerslichten defect?",
            &[],
        ),
    ];
    let fillers = [
        "Openingsuren van de sporthal",
        "Uitleen in de bibliotheek",
        "Personeel van het stadhuis",
        "Subsidies voor jeugdhuizen",
        "Afvalophaling in de binnenstad",
        "Renovatie van sociale woningen",
        "Kinderopvang in Ledeberg",
        "Cameratoezicht op de Korenmarkt",
        "Belastingreglement voor tweede verblijven",
        "Kunstenplan van de stad",
        "Zwembad Van Eyck",
        "Energiepremies voor huurders",
    ];
    for (i, title) in fillers.iter().enumerate() {
        let id = format!("2019_SV_{:05}", 100 + i);
        lines.push(line(
            &id,
            title,
            &format!("{title}: wat is de stand van zaken?"),
            &[],
        ));
    }
    lines
}

fn topics_of(fx: &Fixture, id: &str) -> (Vec<String>, Option<String>, Option<f64>) {
    let stored = fx.stored(id);
    let topics = stored["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    let source = stored["topic_source"].as_str().map(str::to_string);
    (topics, source, stored["topic_confidence"].as_f64())
}

fn count_source(fx: &Fixture, source: TopicSource) -> usize {
    let (index, schema) = common::open(&fx.index_dir());
    let query = TermQuery::new(
        Term::from_field_text(schema.topic_source, source.as_str()),
        IndexRecordOption::Basic,
    );
    index
        .reader()
        .unwrap()
        .searcher()
        .search(&query, &Count)
        .unwrap()
}

/// Records whose topics inference decided: held back and decided on read, or looked at again
/// after the run.
fn looked_at(report: &raad_index::IndexReport) -> u64 {
    report.topics.decided_on_read + report.topics.examined
}

#[test]
fn given_topics_are_kept_and_unlabelled_records_take_their_neighbours_topic() {
    let fx = Fixture::new();
    let file = fx.write("records.jsonl", &corpus());
    let report = fx.run(&[file]);
    assert_eq!(report.records_in_index, 20);

    let (topics, source, confidence) = topics_of(&fx, "2019_SV_00002");
    assert_eq!(
        (topics, source, confidence),
        (vec!["Groen".to_string()], Some("given".into()), None)
    );

    let (topics, source, confidence) = topics_of(&fx, "2019_SV_00007");
    assert_eq!(topics, ["Groen"]);
    assert_eq!(source.as_deref(), Some("inferred"));
    let confidence = confidence.unwrap();
    assert!((0.5..=1.0).contains(&confidence), "{confidence}");

    let (topics, source, _) = topics_of(&fx, "2019_SV_00008");
    assert_eq!(topics, ["Verkeer"]);
    assert_eq!(source.as_deref(), Some("inferred"));

    // A record like no labelled one falls back to the rules.
    let (topics, source, confidence) = topics_of(&fx, "2019_SV_00100");
    assert_eq!(topics, ["sport en recreatie"]);
    assert_eq!(source.as_deref(), Some("rules"));
    assert!(confidence.is_some());

    assert_eq!(report.topics.given, 6);
    assert_eq!(count_source(&fx, TopicSource::Given), 6);
    assert_eq!(
        report.topics.inferred + report.topics.by_rules,
        count_source(&fx, TopicSource::Inferred) as u64
            + count_source(&fx, TopicSource::Rules) as u64
    );
    assert_eq!(looked_at(&report), 14);
    assert_eq!(
        fx.count_id("2019_SV_00007"),
        1,
        "a rewritten record is not duplicated"
    );
}

#[test]
fn an_unchanged_rerun_skips_inference_unless_the_last_commit_lacks_it() {
    let fx = Fixture::new();
    let file = fx.write("records.jsonl", &corpus());
    fx.run(std::slice::from_ref(&file));
    let again = fx.run(std::slice::from_ref(&file));
    assert_eq!(again.indexed, 0);
    assert_eq!(looked_at(&again), 0);
    assert_eq!(again.topics.given, 6);

    // A commit without raad's payload, as when a run is killed between its records' commit
    // and its inference's commit: the next run infers again, and finds nothing to change.
    {
        let (index, _) = common::open(&fx.index_dir());
        let mut writer = index.writer::<TantivyDocument>(15_000_000).unwrap();
        writer.commit().unwrap();
    }
    let after_kill = fx.run(&[file]);
    assert_eq!(after_kill.indexed, 0);
    assert_eq!(after_kill.topics.examined, 14);
    assert_eq!(after_kill.topics.changed, 0);
    assert!(after_kill
        .topics
        .every_record_because
        .as_deref()
        .is_some_and(|why| why.contains("not all inferred")));
    assert_eq!(topics_of(&fx, "2019_SV_00007").0, ["Groen"]);
}

#[test]
fn without_inference_or_rules_records_keep_what_they_came_with() {
    let fx = Fixture::new();
    let file = fx.write("records.jsonl", &corpus());
    let indexer = fx.indexer().infer_topics(false).build().unwrap();
    fx.run_with(&indexer, std::slice::from_ref(&file));
    let (topics, source, _) = topics_of(&fx, "2019_SV_00007");
    assert_eq!(source.as_deref(), Some("rules"));
    assert!(!topics.contains(&"Groen".to_string()));

    let fx = Fixture::new();
    let file = fx.write("records.jsonl", &corpus());
    let indexer = fx
        .indexer()
        .infer_topics(false)
        .topic_rules(None)
        .build()
        .unwrap();
    fx.run_with(&indexer, &[file]);
    assert_eq!(topics_of(&fx, "2019_SV_00007"), (vec![], None, None));
    assert_eq!(count_source(&fx, TopicSource::Rules), 0);
}

#[test]
fn inference_settings_are_checked() {
    let fx = Fixture::new();
    let error = fx.indexer().topic_neighbours(0).build().unwrap_err();
    assert_eq!(
        error.to_string(),
        "topic neighbours must be between 1 and 100, not 0"
    );
    let error = fx.indexer().topic_min_confidence(1.5).build().unwrap_err();
    assert_eq!(
        error.to_string(),
        "the least topic confidence must be between 0 and 1, not 1.5"
    );
}

#[test]
fn added_records_alone_are_inferred_until_a_labelled_one_arrives() {
    let fx = Fixture::new();
    let first = fx.write("records.jsonl", &corpus());
    assert_eq!(looked_at(&fx.run(std::slice::from_ref(&first))), 14);

    let added = fx.write(
        "added.jsonl",
        &[
            line(
                "2019_SV_00201",
                "Zieke kastanjebomen in het Citadelpark",
                "Hoeveel kastanjebomen zijn ziek?",
                &[],
            ),
            line(
                "2019_SV_00202",
                "Sporthal in Drongen",
                "Wanneer opent de sporthal?",
                &[],
            ),
        ],
    );
    let report = fx.run(&[first.clone(), added.clone()]);
    assert_eq!((report.indexed, report.unchanged), (2, 20));
    assert_eq!(looked_at(&report), 2, "only the added records");
    assert_eq!(
        report.topics.decided_on_read, 2,
        "held back and written once: the index held labelled records"
    );
    assert_eq!(topics_of(&fx, "2019_SV_00201").0, ["Groen"]);

    let labelled = fx.write(
        "labelled.jsonl",
        &[line(
            "2019_SV_00301",
            "Sporthal in Drongen geopend",
            "Is de sporthal open?",
            &["Sport"],
        )],
    );
    let report = fx.run(&[first, added, labelled]);
    assert_eq!(report.indexed, 1);
    assert_eq!(
        report.topics.examined, 16,
        "a new labelled record: every unlabelled record"
    );
    assert!(report.topics.every_record_because.is_some());
    assert_eq!(report.topics.given, 7);
}

#[test]
fn rare_labels_are_found_among_many_unlabelled_records() {
    // Six labelled records among 126: the nearest labelled ones are looked for among labelled
    // records only, not among the best matches overall.
    let fx = Fixture::new();
    let mut lines = corpus();
    let subjects = [
        "parkeerbeleid",
        "sportvelden",
        "bibliotheken",
        "wijkwerking",
        "markten",
        "erfgoed",
    ];
    for i in 0..106 {
        let subject = subjects[i % subjects.len()];
        let id = format!("2019_SV_{:05}", 1000 + i);
        lines.push(line(
            &id,
            &format!("Vraag {i} over {subject}"),
            &format!("Wat is het plan voor {subject} in wijk {i}?"),
            &[],
        ));
    }
    let file = fx.write("records.jsonl", &lines);
    let report = fx.run(&[file]);
    assert_eq!(report.records_in_index, 126);
    assert_eq!(looked_at(&report), 120);
    let (topics, source, _) = topics_of(&fx, "2019_SV_00007");
    assert_eq!(
        (topics, source.as_deref()),
        (vec!["Groen".to_string()], Some("inferred"))
    );
    let (topics, source, _) = topics_of(&fx, "2019_SV_00008");
    assert_eq!(
        (topics, source.as_deref()),
        (vec!["Verkeer".to_string()], Some("inferred"))
    );
}

#[test]
fn a_tied_vote_goes_the_same_way_every_time() {
    // Two labelled records with the same text and different topics: the vote ties, and the
    // topic first in alphabetical order wins, whatever order the index reads them in.
    for _ in 0..3 {
        let fx = Fixture::new();
        let mut lines = vec![
            line(
                "2019_SV_00001",
                "Kastanjebomen in het Citadelpark",
                "Worden de kastanjebomen gekapt?",
                &["Parken"],
            ),
            line(
                "2019_SV_00002",
                "Kastanjebomen in het Citadelpark",
                "Worden de kastanjebomen gekapt?",
                &["Groen"],
            ),
            line(
                "2019_SV_00003",
                "Kastanjebomen in het Citadelpark",
                "Worden de kastanjebomen gekapt?",
                &[],
            ),
        ];
        lines.extend(corpus().into_iter().skip(8));
        let file = fx.write("records.jsonl", &lines);
        fx.run(&[file]);
        let (topics, source, confidence) = topics_of(&fx, "2019_SV_00003");
        assert_eq!(topics, ["Groen"]);
        assert_eq!(source.as_deref(), Some("inferred"));
        assert_eq!(confidence, Some(0.5));
    }
}

#[test]
fn equally_like_neighbours_are_taken_by_id_whatever_the_order_of_the_index() {
    // Thirty labelled records with the same text: fifteen "Groen" (ids 01–15) and fifteen
    // "Jeugd" (16–30), and one unlabelled record with that text too. Its twenty neighbours
    // all score the same, so which twenty vote is the tie-break's choice: by id, fifteen
    // "Groen" and five "Jeugd", whichever file comes first into the index.
    let text = "Onderhoud van de speeltuin in het Citadelpark";
    let labelled = |from: u32, topic: &str| -> Vec<String> {
        (from..from + 15)
            .map(|i| line(&format!("2019_SV_{i:05}"), text, "Wanneer?", &[topic]))
            .collect()
    };
    let mut results = Vec::new();
    for groen_first in [true, false] {
        let fx = Fixture::new();
        let groen = fx.write("groen.jsonl", &labelled(1, "Groen"));
        let jeugd = fx.write("jeugd.jsonl", &labelled(16, "Jeugd"));
        // Other subjects, so that the shared words are rare (in under a fifth of the records).
        let mut others: Vec<String> = (0..200)
            .map(|i| {
                let title = format!("Dossier {i} over belastingen, afval en personeel");
                line(&format!("2019_SV_{:05}", 200 + i), &title, "Hoeveel?", &[])
            })
            .collect();
        others.push(line("2019_SV_00099", text, "Wanneer?", &[]));
        let open = fx.write("open.jsonl", &others);
        let files = if groen_first {
            [groen, jeugd, open]
        } else {
            [jeugd, groen, open]
        };
        fx.run(&files);
        results.push(topics_of(&fx, "2019_SV_00099"));
    }
    assert_eq!(
        results[0],
        (
            vec!["Groen".to_string()],
            Some("inferred".into()),
            Some(0.75)
        )
    );
    assert_eq!(results[1], results[0]);
}

#[test]
fn records_decided_on_read_get_what_inference_after_the_run_gives_them() {
    // The same files indexed twice: once as a first run (records without topics held back
    // and decided on read), once as a rebuild (which commits once, so they are written with
    // topics by rules and decided after the run). Every record ends up with the same topics,
    // source and confidence.
    let fx = Fixture::new();
    let file = fx.write("records.jsonl", &corpus());
    let first = fx.run(std::slice::from_ref(&file));
    assert_eq!(
        (first.topics.decided_on_read, first.topics.examined),
        (14, 0),
        "the first record is labelled: every other one is held"
    );
    let ids: Vec<String> = (1..=8)
        .map(|i| format!("2019_SV_{i:05}"))
        .chain((100..112).map(|i| format!("2019_SV_{i:05}")))
        .collect();
    let on_read: Vec<_> = ids.iter().map(|id| topics_of(&fx, id)).collect();

    let rebuild = fx.indexer().rebuild(true).build().unwrap();
    let after = fx.run_with(&rebuild, &[file]);
    assert_eq!(
        (after.topics.decided_on_read, after.topics.examined),
        (0, 14)
    );
    let after_run: Vec<_> = ids.iter().map(|id| topics_of(&fx, id)).collect();
    assert_eq!(on_read, after_run);
    assert_eq!(on_read[6].0, ["Groen"]);
    assert_eq!(on_read[7].0, ["Verkeer"]);
}
