//! Topic rules: the built-in taxonomy on small cases, on the shared samples, and user taxonomy
//! files. How well the rules find the domains of generated records is tested, and measured,
//! in raad-corpus's `tests/topic_rules.rs`, beside the generator that knows each domain.

use std::path::{Path, PathBuf};

use raad_core::parse::{parse_file, ParseOptions};
use raad_core::topics::{TopicMatch, TopicRules};
use raad_core::{Error, Record};

/// `../shared` relative to the workspace root, when present.
fn shared() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    match path.canonicalize() {
        Ok(path) if path.join("samples").is_dir() => Some(path),
        _ => {
            eprintln!(
                "notice: {} is absent; skipping the topic tests on shared samples",
                path.display()
            );
            None
        }
    }
}

fn record(title: &str, question: &str, answer: Option<&str>) -> Record {
    let mut record = Record::new("2020_SV_00001");
    record.title = Some(title.to_string());
    record.question = Some(question.to_string());
    record.answer = answer.map(str::to_string);
    record
}

fn topics(matches: &[TopicMatch]) -> Vec<&str> {
    matches.iter().map(|m| m.topic.as_str()).collect()
}

#[test]
fn small_cases() {
    let rules = TopicRules::built_in();
    let cases = [
        (
            "Fietspaden in Ledeberg",
            "Wanneer worden de fietspaden heraangelegd?",
            "mobiliteit",
        ),
        (
            "Wachtlijsten kinderopvang",
            "Hoeveel kinderen wachten op een plaats?",
            "onderwijs en opvoeding",
        ),
        (
            "Drugsoverlast aan het station",
            "Hoeveel politiepatrouilles waren er?",
            "veiligheid",
        ),
        (
            "Leegstaande woningen",
            "Hoeveel huurwoningen staan er leeg?",
            "wonen",
        ),
        (
            "Nachtopvang voor daklozen",
            "Hoeveel bedden telt de winteropvang?",
            "welzijn en zorg",
        ),
        (
            "Zwembad Rooigem",
            "Wanneer gaat het zwembad weer open?",
            "sport en recreatie",
        ),
        (
            "Bomenkap in het park",
            "Hoeveel bomen worden gekapt?",
            "milieu en klimaat",
        ),
        (
            "Opcentiemen",
            "Verhoogt de stad de belastingen in de begroting?",
            "financiën",
        ),
        (
            "Museumnacht",
            "Hoeveel bezoekers trokken de musea?",
            "cultuur",
        ),
        (
            "Omgevingsvergunning voor hoogbouw",
            "Welke bouwhoogte laat het ruimtelijk uitvoeringsplan toe?",
            "stadsontwikkeling",
        ),
        (
            "Ziekteverzuim",
            "Hoe hoog is het ziekteverzuim bij het stadspersoneel?",
            "personeel en organisatie",
        ),
        (
            "Inburgering",
            "Hoeveel nieuwkomers volgen lessen Nederlands?",
            "samenleven en participatie",
        ),
        (
            "Sociale economie",
            "Hoeveel maatwerkbedrijven werken voor de stad?",
            "werk en economie",
        ),
    ];
    for (title, question, expected) in cases {
        let assigned = rules.assign(&record(title, question, None));
        assert_eq!(
            topics(&assigned).first().copied(),
            Some(expected),
            "{title}: {assigned:?}"
        );
    }
}

#[test]
fn title_and_question_outweigh_a_long_answer() {
    let rules = TopicRules::built_in();
    let answer = "De begroting voorziet budget. ".repeat(40);
    let assigned = rules.assign(&record(
        "Fietsenstalling",
        "Komen er fietsenstallingen?",
        Some(&answer),
    ));
    assert_eq!(topics(&assigned)[0], "mobiliteit", "{assigned:?}");
}

#[test]
fn one_or_two_topics_or_none() {
    let rules = TopicRules::built_in();
    let both = rules.assign(&record(
        "Schoolgebouwen en fietspaden",
        "De scholen en de fietspaden: hoeveel leerlingen fietsen naar school over de fietspaden?",
        None,
    ));
    assert_eq!(topics(&both).len(), 2, "{both:?}");
    assert!(both[0].score >= both[1].score);
    assert!(rules
        .assign(&record("Vraag", "Graag de stand van zaken.", None))
        .is_empty());
    assert!(rules.assign(&Record::new("2020_SV_00002")).is_empty());
    assert!(TopicRules::empty()
        .assign(&record("Fietspaden", "fietspaden", None))
        .is_empty());
}

#[test]
fn shared_samples_get_their_domain() {
    let Some(shared) = shared() else { return };
    let rules = TopicRules::built_in();
    for (file, expected) in [
        ("000_64ca1050cf9ecda3.txt", "werk en economie"),
        ("synthetic-2016_MV_00311.txt", "welzijn en zorg"),
        ("synthetic-2019_MV_00087.txt", "onderwijs en opvoeding"),
        ("synthetic-2021_SV_00412.txt", "mobiliteit"),
        ("synthetic-2023_SV_01130.txt", "milieu en klimaat"),
    ] {
        let parsed = parse_file(&shared.join("samples").join(file), &ParseOptions::default());
        let assigned = rules.assign(&parsed.records[0]);
        assert_eq!(topics(&assigned)[0], expected, "{file}: {assigned:?}");
    }
}

#[test]
fn user_taxonomies_replace_or_extend_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("topics.tsv");
    std::fs::write(
        &file,
        "# mine\nhavens\t2\thaven, containerschip, kaaimuur\n",
    )
    .unwrap();

    let mine = TopicRules::from_file(&file).unwrap();
    assert_eq!(mine.topics(), ["havens"]);
    let ship = record("Containerschip aan de kaaimuur", "", None);
    assert_eq!(topics(&mine.assign(&ship)), ["havens"]);
    assert!(mine.assign(&record("Fietspaden", "", None)).is_empty());

    let mut extended = TopicRules::built_in();
    extended.extend_from_file(&file).unwrap();
    assert_eq!(extended.topics().len(), 14);
    assert_eq!(topics(&extended.assign(&ship)), ["havens"]);
    assert_eq!(
        topics(&extended.assign(&record("Fietspaden", "", None))),
        ["mobiliteit"]
    );
}

#[test]
fn bad_taxonomy_lines_are_table_errors_with_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("topics.tsv");
    let error_of = |text: &str| {
        std::fs::write(&file, text).unwrap();
        match TopicRules::from_file(&file) {
            Err(Error::Table {
                path,
                line,
                message,
            }) => {
                assert_eq!(path, file);
                (line, message)
            }
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(
        error_of("wonen\t1\thuur\n\nwonen\tveel\thuur\n"),
        (
            3,
            "weight `veel` is not a positive number (write e.g. 1 or 0.5)".to_string()
        )
    );
    assert_eq!(
        error_of("wonen\t1\thuur, de\n"),
        (
            1,
            "keyword `de` has no word to match (only stop words or symbols)".to_string()
        )
    );
    let message = format!("{}", {
        std::fs::write(&file, "wonen huur\n").unwrap();
        TopicRules::from_file(&file).unwrap_err()
    });
    assert_eq!(
        message,
        format!(
            "{}:1: expected `TOPIC<TAB>WEIGHT<TAB>KEYWORDS`, found 1 column",
            file.display()
        )
    );
    let mut rules = TopicRules::built_in();
    std::fs::write(&file, "havens\t1\thaven\nwonen\t1\tde\n").unwrap();
    assert!(rules.extend_from_file(&file).is_err());
    assert_eq!(rules.topics().len(), 13, "nothing of a bad file is added");
    assert!(matches!(
        TopicRules::from_file(&dir.path().join("missing.tsv")),
        Err(Error::Io { .. })
    ));
}
