//! The synthetic corpus: it reads back through the parser unchanged, and it has the shape of
//! the council's records (dates, numbering, parties over time, answers).

use std::collections::{BTreeSet, HashSet};

use raad_core::id::id_key;
use raad_core::parse::{parse_file, ParseOptions};
use raad_core::party::PartyTable;
use raad_core::{Date, Record};
use raad_corpus::{write_corpus, CorpusFormat, Domain, GeneratedRecord, GeneratorBuilder};

fn generate(records: u64, seed: u64) -> Vec<GeneratedRecord> {
    GeneratorBuilder::new()
        .records(records)
        .seed(seed)
        .build()
        .collect()
}

fn day(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

/// Writes the records in `format`, parses the files back and returns what the parser read.
fn round_trip(records: &[Record], format: CorpusFormat) -> Vec<Record> {
    let dir = tempfile::tempdir().unwrap();
    let summary = write_corpus(dir.path(), format, records.iter().cloned()).unwrap();
    let mut read = Vec::new();
    for file in &summary.files {
        let parsed = parse_file(file, &ParseOptions::default());
        assert!(
            parsed.rejections.is_empty(),
            "{format}: {:?}",
            parsed.rejections
        );
        read.extend(parsed.records.into_iter().map(|mut record| {
            assert!(record.source.is_some());
            record.source = None;
            record
        }));
    }
    read
}

#[test]
fn generated_records_parse_back_unchanged_in_both_formats() {
    let mut builder = GeneratorBuilder::new();
    // A third with given topics, so that the `Thema's:` label goes through the round trip too.
    builder.records(2_500).seed(7).given_topics(0.3);
    let records: Vec<Record> = builder.build().map(|g| g.record).collect();
    for format in [CorpusFormat::Opschrift, CorpusFormat::Jsonl] {
        let read = round_trip(&records, format);
        assert_eq!(read.len(), records.len(), "{format}");
        for (written, read) in records.iter().zip(&read) {
            assert_eq!(written, read, "{format}");
        }
    }
}

#[test]
fn opschrift_files_hold_a_thousand_records() {
    let records: Vec<Record> = generate(2_001, 3).into_iter().map(|g| g.record).collect();
    let dir = tempfile::tempdir().unwrap();
    let summary = write_corpus(dir.path(), CorpusFormat::Opschrift, records).unwrap();
    let names: Vec<String> = summary
        .files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "bulletin-00001.txt",
            "bulletin-00002.txt",
            "bulletin-00003.txt"
        ]
    );
    let last = parse_file(&summary.files[2], &ParseOptions::default());
    assert_eq!(last.records.len(), 1);
    assert_eq!(summary.records, 2_001);
}

#[test]
fn same_seed_same_records_other_seed_other_records() {
    assert_eq!(generate(200, 11), generate(200, 11));
    assert_ne!(generate(200, 11), generate(200, 12));
    assert_eq!(GeneratorBuilder::new().records(0).build().count(), 0);
    assert_eq!(
        GeneratorBuilder::new().records(12_345).build().len(),
        12_345
    );
}

#[test]
fn given_topics_change_nothing_but_the_topics() {
    let plain = generate(400, 5);
    let labelled: Vec<GeneratedRecord> = GeneratorBuilder::new()
        .records(400)
        .seed(5)
        .given_topics(0.5)
        .build()
        .collect();
    let mut with_topics = 0;
    for (plain, labelled) in plain.iter().zip(&labelled) {
        assert!(plain.record.topics.is_empty());
        let mut unlabelled = labelled.record.clone();
        if !unlabelled.topics.is_empty() {
            with_topics += 1;
            assert_eq!(unlabelled.topics, [labelled.domain.name()]);
            assert_eq!(unlabelled.topic_source, Some(raad_core::TopicSource::Given));
            unlabelled.topics.clear();
            unlabelled.topic_source = None;
        }
        assert_eq!(plain.record, unlabelled);
        assert_eq!(plain.domain, labelled.domain);
    }
    assert!((150..=250).contains(&with_topics), "{with_topics}");
}

/// Checks over one corpus of 6,000 records, each assertion a fact of the council's records.
#[test]
fn corpus_has_the_shape_of_council_records() {
    let corpus = generate(6_000, 2016);
    let parties = PartyTable::default();
    let mut keys = HashSet::new();
    let mut previous = day("2013-01-01");
    let (mut unanswered, mut involved, mut several, mut empty_context) = (0, 0, 0, 0);
    let mut written_delays = Vec::new();
    let mut domains = BTreeSet::new();
    let mut written_parties = BTreeSet::new();
    for GeneratedRecord { record, domain } in &corpus {
        domains.insert(*domain);
        assert!(
            keys.insert(id_key(&record.id)),
            "duplicate id {}",
            record.id
        );
        let date = record.date.unwrap();
        assert!(date >= previous, "{} out of date order", record.id);
        assert!(date >= day("2013-01-07") && date <= day("2026-10-30"));
        previous = date;

        let year = date.year();
        let kind = record.kind.as_deref().unwrap();
        match record.code.as_deref() {
            Some("MC") => assert!(year <= 2015 && kind == "mondelinge vraag"),
            Some("MV") => assert_eq!(kind, "mondelinge vraag"),
            Some("SV") => assert_eq!(kind, "schriftelijke vraag"),
            None => {
                assert_eq!(year, 2014);
                assert!(record.id.starts_with("NR. ") && record.id.ends_with("/14"));
                assert_eq!(kind, "schriftelijke vraag");
            }
            Some(other) => panic!("unexpected code {other}"),
        }
        if let Some(code) = &record.code {
            assert!(record.id.starts_with(&format!("{year}_{code}_")));
        }

        match (&record.answer, record.answer_date) {
            (None, None) => unanswered += 1,
            (Some(_), Some(answered)) => {
                let delay = answered.days_since_epoch() - date.days_since_epoch();
                if kind == "mondelinge vraag" {
                    assert_eq!(delay, 0, "{}", record.id);
                } else {
                    assert!((5..=400).contains(&delay), "{}: {delay}", record.id);
                    written_delays.push(delay);
                }
            }
            _ => panic!("{}: answer and answer date go together", record.id),
        }
        if record.alderman.as_deref() == Some("Burgemeester") {
            assert!(
                matches!(domain, Domain::Veiligheid | Domain::PersoneelOrganisatie),
                "{}",
                record.id
            );
        }
        if *domain == Domain::Veiligheid {
            assert_eq!(record.alderman.as_deref(), Some("Burgemeester"));
        }
        involved += usize::from(!record.involved_aldermen.is_empty());
        assert!(!record
            .involved_aldermen
            .contains(record.alderman.as_ref().unwrap()));
        several += usize::from(record.councillors.len() > 1);
        for councillor in &record.councillors {
            let written = councillor.party_as_written.as_deref().unwrap();
            assert_eq!(
                councillor.party.as_deref(),
                Some(parties.canonical(written).as_str())
            );
            match written {
                "sp.a-Groen" | "PVDA+" => assert!(date < day("2015-01-01")),
                "sp.a" => assert!(date < day("2021-03-21")),
                "Vooruit" => assert!(date >= day("2021-03-21")),
                "Voor Gent" => assert!(date >= day("2025-01-01")),
                "Anders" => assert!(date >= day("2026-01-01")),
                "Open Vld" | "Open VLD" => assert!(date < day("2026-01-01")),
                _ => {}
            }
            written_parties.insert(written);
        }
        let question = record.question.as_deref().unwrap();
        empty_context += usize::from(!question.contains("\n\n"));
        for text in [
            record.title.as_deref(),
            Some(question),
            record.answer.as_deref(),
        ]
        .into_iter()
        .flatten()
        {
            assert!(
                !text.contains('{') && !text.contains('}'),
                "{}: {text}",
                record.id
            );
            assert!(!text.contains("  ") && text.trim() == text, "{}", record.id);
        }
    }
    let share = |n: usize| n as f64 / corpus.len() as f64;
    assert!((0.07..=0.13).contains(&share(unanswered)), "{unanswered}");
    // Written answers: most within weeks, some after months, a few after more than half a
    // year (the 200- to 400-day tail).
    let written = written_delays.len() as f64;
    let within = |days: std::ops::RangeInclusive<i64>| {
        written_delays.iter().filter(|d| days.contains(d)).count() as f64 / written
    };
    assert!(
        (0.70..=0.80).contains(&within(5..=40)),
        "{}",
        within(5..=40)
    );
    assert!(
        (0.15..=0.23).contains(&within(45..=115)),
        "{}",
        within(45..=115)
    );
    assert!(
        (0.04..=0.09).contains(&within(200..=400)),
        "{}",
        within(200..=400)
    );
    assert!((0.08..=0.25).contains(&share(involved)), "{involved}");
    assert!((0.08..=0.25).contains(&share(several)), "{several}");
    assert!(share(empty_context) > 0.1, "{empty_context}");
    assert_eq!(domains.len(), Domain::ALL.len());
    let expected: BTreeSet<&str> = [
        "sp.a-Groen",
        "sp.a",
        "Vooruit",
        "Groen",
        "Open Vld",
        "Open VLD",
        "Anders",
        "Voor Gent",
        "N-VA",
        "CD&V",
        "Vlaams Belang",
        "VB",
        "PVDA",
        "PVDA+",
    ]
    .into_iter()
    .collect();
    assert_eq!(written_parties, expected);
}

#[test]
fn text_has_compounds_plurals_numbers_and_ids() {
    let corpus = generate(2_000, 9);
    let text: String = corpus
        .iter()
        .flat_map(|g| {
            [&g.record.title, &g.record.question, &g.record.answer]
                .into_iter()
                .flatten()
                .cloned()
        })
        .collect::<Vec<String>>()
        .join("\n");
    for word in [
        "fietspaden",
        "verkeersveiligheid",
        "stadsbestuur",
        "bedrijvenoverleg",
        "kinderopvang",
        "sociale economie",
        "wachtlijsten",
    ] {
        assert!(text.contains(word), "{word}");
    }
    let has = |pattern: fn(&str) -> bool| text.split_whitespace().any(pattern);
    assert!(has(|w| {
        let w = w.trim_end_matches(['.', ',']);
        w.len() == 5 && w.as_bytes()[1] == b'.' && w.bytes().filter(u8::is_ascii_digit).count() == 4
    }));
    assert!(has(|w| w.len() == 3 && w.as_bytes()[1] == b','));
    assert!(has(|w| {
        let w = w.trim_end_matches(['.', ',', '?']);
        w.len() == 13 && (w.contains("_MV_") || w.contains("_SV_"))
    }));
}
