//! Watches over an index that changes between runs: new records, answers that arrive,
//! records upserted and the index rebuilt, each run against the state the previous returned.

use raad_core::analysis::register_analyzers;
use raad_core::{Date, RaadSchema, Record};
use raad_query::{Reason, Report, Searcher, Watch, WatchRun, WatchState};
use tantivy::{Index, IndexWriter, Term};

/// A record of the tests: id, meeting date, title, and answer (with its date) if any.
fn record(id: &str, date: &str, title: &str, answer: Option<(&str, &str)>) -> Record {
    let mut record = Record::new(id);
    record.date = Date::parse_iso(date);
    record.title = Some(title.to_string());
    record.question = Some(format!("{title}: wat plant het college?"));
    if let Some((answer_date, answer)) = answer {
        record.answer = Some(answer.to_string());
        record.answer_date = Date::parse_iso(answer_date);
    }
    record
}

/// An index in RAM that records are upserted into by id, as the indexer does.
struct TestIndex {
    index: Index,
    schema: RaadSchema,
    writer: IndexWriter,
}

impl TestIndex {
    fn new() -> TestIndex {
        let schema = RaadSchema::new();
        let index = Index::create_in_ram(schema.schema.clone());
        register_analyzers(index.tokenizers());
        let writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        TestIndex {
            index,
            schema,
            writer,
        }
    }

    fn upsert(&mut self, records: &[Record]) -> Searcher {
        for record in records {
            self.writer
                .delete_term(Term::from_field_text(self.schema.id, &record.key()));
            self.writer
                .add_document(self.schema.document(record))
                .unwrap();
        }
        self.writer.commit().unwrap();
        Searcher::from_index(self.index.clone()).unwrap()
    }
}

fn first_batch() -> Vec<Record> {
    vec![
        record(
            "2016_MV_00001",
            "2016-03-01",
            "Fietspad aan de Vrijdagmarkt",
            None,
        ),
        record(
            "2016_MV_00002",
            "2016-03-02",
            "Fietspad naar het station",
            Some(("2016-03-20", "Het fietspad wordt verbreed.")),
        ),
        record(
            "2016_MV_00003",
            "2016-03-03",
            "Begroting van de bibliotheek",
            None,
        ),
    ]
}

fn second_batch() -> Vec<Record> {
    vec![
        record(
            "2016_MV_00004",
            "2016-04-01",
            "Fietspaden aan de Dampoort",
            None,
        ),
        record("2016_MV_00005", "2016-04-02", "Fietspad in de Muide", None),
        record(
            "2016_MV_00006",
            "2016-04-03",
            "Parkeren aan de Kouter",
            None,
        ),
        // The first question's answer arrived: the same id, re-indexed with its answer.
        record(
            "2016_MV_00001",
            "2016-03-01",
            "Fietspad aan de Vrijdagmarkt",
            Some(("2016-04-05", "De Vrijdagmarkt krijgt een nieuw fietspad.")),
        ),
    ]
}

/// (id, reason) of what a run found, in its order.
fn found(run: &WatchRun) -> Vec<(&str, Reason)> {
    run.found
        .iter()
        .map(|found| (found.record.id.as_str(), found.reason))
        .collect()
}

#[test]
fn runs_report_new_matches_then_answers_and_survive_a_rebuild() {
    let watch = Watch::new("fietsen", "fietspad");
    let mut index = TestIndex::new();
    let searcher = index.upsert(&first_batch());

    let first = searcher
        .watcher()
        .run(&watch, &WatchState::default())
        .unwrap();
    assert_eq!(
        found(&first),
        [
            ("2016_MV_00002", Reason::New),
            ("2016_MV_00001", Reason::New)
        ]
    );
    assert_eq!(first.matches, 2);
    let again = searcher.watcher().run(&watch, &first.state).unwrap();
    assert_eq!(found(&again), []);
    assert_eq!(again.state, first.state);

    let searcher = index.upsert(&second_batch());
    let third = searcher.watcher().run(&watch, &again.state).unwrap();
    assert_eq!(
        found(&third),
        [
            ("2016_MV_00005", Reason::New),
            ("2016_MV_00004", Reason::New),
            ("2016_MV_00001", Reason::Answered),
        ]
    );
    assert_eq!(
        third.found[2].record.answer.as_deref(),
        Some("De Vrijdagmarkt krijgt een nieuw fietspad.")
    );

    // The same records in a new index (other documents, other segments): nothing is new.
    let mut rebuilt = TestIndex::new();
    let mut latest = second_batch();
    latest.extend(first_batch().into_iter().skip(1));
    let searcher = rebuilt.upsert(&latest);
    let after_rebuild = searcher.watcher().run(&watch, &third.state).unwrap();
    assert_eq!(found(&after_rebuild), []);
    assert_eq!(after_rebuild.matches, 4);
}

#[test]
fn a_watch_of_unanswered_questions_hears_of_their_answers() {
    let mut watch = Watch::new("wachten", "fietspad");
    watch.filters.has_answer = Some(false);
    let mut index = TestIndex::new();
    let searcher = index.upsert(&first_batch());
    let first = searcher
        .watcher()
        .run(&watch, &WatchState::default())
        .unwrap();
    assert_eq!(found(&first), [("2016_MV_00001", Reason::New)]);

    // Answered, the question no longer matches the watch; its answer is reported once.
    let searcher = index.upsert(&second_batch());
    let second = searcher.watcher().run(&watch, &first.state).unwrap();
    assert_eq!(
        found(&second),
        [
            ("2016_MV_00005", Reason::New),
            ("2016_MV_00004", Reason::New),
            ("2016_MV_00001", Reason::Answered),
        ]
    );
    let third = searcher.watcher().run(&watch, &second.state).unwrap();
    assert_eq!(found(&third), []);
}

#[test]
fn answers_only_changes_and_since_report_what_they_say() {
    let mut index = TestIndex::new();
    let searcher = index.upsert(&first_batch());
    let mut answers = Watch::new("antwoorden", "fietspad");
    answers.report = Report {
        new: false,
        answered: true,
        changed: false,
    };
    let mut changes = Watch::new("wijzigingen", "fietspad");
    changes.report.changed = true;
    let watcher = searcher.watcher();
    let answers_first = watcher.run(&answers, &WatchState::default()).unwrap();
    assert_eq!(found(&answers_first), []);
    assert_eq!(answers_first.state.records.len(), 2);
    let changes_first = watcher.run(&changes, &WatchState::default()).unwrap();
    assert_eq!(found(&changes_first).len(), 2);

    let mut edited = record(
        "2016_MV_00002",
        "2016-03-02",
        "Fietspad naar het station",
        Some(("2016-03-20", "Het fietspad wordt verbreed en verlicht.")),
    );
    edited.topics = vec!["Mobiliteit".to_string()];
    let mut batch = second_batch();
    batch.push(edited);
    let searcher = index.upsert(&batch);
    let watcher = searcher.watcher();
    let answers_second = watcher.run(&answers, &answers_first.state).unwrap();
    assert_eq!(
        found(&answers_second),
        [("2016_MV_00001", Reason::Answered)]
    );
    let changes_second = watcher.run(&changes, &changes_first.state).unwrap();
    assert_eq!(
        found(&changes_second),
        [
            ("2016_MV_00005", Reason::New),
            ("2016_MV_00004", Reason::New),
            ("2016_MV_00002", Reason::Changed),
            ("2016_MV_00001", Reason::Answered),
        ]
    );

    // As of 1 April: the April records are new, the answer of 5 April arrived since.
    let since = Date::parse_iso("2016-04-01").unwrap();
    let plain = Watch::new("fietsen", "fietspad");
    let as_of = watcher
        .run_since(&plain, &WatchState::default(), since)
        .unwrap();
    assert_eq!(
        found(&as_of),
        [
            ("2016_MV_00005", Reason::New),
            ("2016_MV_00004", Reason::New),
            ("2016_MV_00001", Reason::Answered),
        ]
    );
    assert_eq!(as_of.state.records.len(), 4);
}

#[test]
fn topics_and_sources_are_not_content() {
    let mut record = record("2016_MV_00001", "2016-03-01", "Fietspad", None);
    let before = raad_query::content_hash(&record);
    record.topics = vec!["Mobiliteit".to_string()];
    record.id = "2016 mv 1".to_string();
    assert_eq!(raad_query::content_hash(&record), before);
    record.answer = Some("Ja.".to_string());
    assert_ne!(raad_query::content_hash(&record), before);
}

#[test]
fn a_malformed_query_is_an_error() {
    let mut index = TestIndex::new();
    let searcher = index.upsert(&first_batch());
    let watch = Watch::new("kapot", "\"fietspad");
    let error = searcher
        .watcher()
        .run(&watch, &WatchState::default())
        .unwrap_err();
    assert_eq!(error.column(), Some(1), "{error}");
}

#[test]
fn watches_run_at_once_find_what_each_finds_alone_in_their_order() {
    let mut index = TestIndex::new();
    index.upsert(&first_batch());
    let searcher = index.upsert(&second_batch());
    let watches = [
        Watch::new("fietsen", "fietspad"),
        Watch::new("begroting", "begroting"),
        Watch::new("kapot", "\"fietspad"),
        Watch::new("parkeren", "parkeren"),
    ];
    let fresh = WatchState::default();
    let pairs: Vec<(&Watch, WatchState)> = watches
        .iter()
        .map(|watch| (watch, WatchState::default()))
        .collect();
    let watcher = searcher.watcher();
    let together = watcher.run_all(pairs, None);
    assert_eq!(together.len(), 4);
    for (watch, run) in watches.iter().zip(&together) {
        let alone = searcher.watcher().run(watch, &fresh);
        match (run, alone) {
            (Ok(run), Ok(alone)) => assert_eq!(run, &alone, "{}", watch.name),
            (Err(run), Err(alone)) => assert_eq!(run.to_string(), alone.to_string()),
            (run, alone) => panic!("{}: {run:?} alone {alone:?}", watch.name),
        }
    }
    let ids: Vec<Vec<&str>> = together
        .iter()
        .map(|run| match run {
            Ok(run) => found(run).into_iter().map(|(id, _)| id).collect(),
            Err(_) => vec!["error"],
        })
        .collect();
    assert_eq!(
        ids,
        [
            vec![
                "2016_MV_00005",
                "2016_MV_00004",
                "2016_MV_00002",
                "2016_MV_00001"
            ],
            vec!["2016_MV_00003"],
            vec!["error"],
            vec!["2016_MV_00006"],
        ]
    );
    // Again with the states they returned (handed over, not copied): what each finds alone.
    let previous: Vec<WatchState> = together
        .iter()
        .map(|run| {
            run.as_ref()
                .map(|run| run.state.clone())
                .unwrap_or_default()
        })
        .collect();
    let mut first_taken = previous[0].clone();
    first_taken.records.remove("2016_mv_00004");
    let previous = [vec![first_taken], previous[1..].to_vec()].concat();
    let pairs: Vec<(&Watch, WatchState)> = watches.iter().zip(previous.clone()).collect();
    let again = searcher.watcher().run_all(pairs, None);
    for ((watch, run), state) in watches.iter().zip(&again).zip(&previous) {
        let alone = searcher.watcher().run(watch, state);
        match (run, alone) {
            (Ok(run), Ok(alone)) => assert_eq!(run, &alone, "{}", watch.name),
            (Err(_), Err(_)) => {}
            (run, alone) => panic!("{}: {run:?} alone {alone:?}", watch.name),
        }
    }
    let again = again[0].as_ref().unwrap();
    assert_eq!(found(again), [("2016_MV_00004", Reason::New)]);
    assert_eq!(again.state, together[0].as_ref().unwrap().state);
}

#[test]
fn the_same_id_in_two_councils_is_two_records_of_a_watch() {
    let watch = Watch::new("fietsen", "fietspad");
    let mut index = TestIndex::new();
    let in_council = |council: &str, answer: Option<(&str, &str)>| {
        let mut record = record(
            "2016_MV_00009",
            "2016-03-01",
            "Fietspad aan de markt",
            answer,
        );
        record.council = Some(council.to_string());
        record
    };
    let searcher = index.upsert(&[in_council("Gent", None), in_council("Antwerpen", None)]);
    let first = searcher
        .watcher()
        .run(&watch, &WatchState::default())
        .unwrap();
    assert_eq!(first.found.len(), 2);
    let keys: Vec<&str> = first.state.records.keys().map(String::as_str).collect();
    assert_eq!(keys, ["antwerpen/2016_mv_00009", "gent/2016_mv_00009"]);

    // Ghent answers; Antwerp's record stays unanswered.
    let searcher = index.upsert(&[in_council("Gent", Some(("2016-03-20", "Ja.")))]);
    let second = searcher.watcher().run(&watch, &first.state).unwrap();
    let answered: Vec<(Option<&str>, Reason)> = second
        .found
        .iter()
        .map(|found| (found.record.council.as_deref(), found.reason))
        .collect();
    assert_eq!(answered, [(Some("Gent"), Reason::Answered)]);
    assert!(second.state.records["gent/2016_mv_00009"].answered);
    assert!(!second.state.records["antwerpen/2016_mv_00009"].answered);
}
