//! Properties of the parsers: no input makes them panic, nothing is lost without a word, and
//! `to_opschrift` is read back as the record it wrote.

use std::path::Path;

use proptest::prelude::*;
use raad_core::id::code_of;
use raad_core::parse::{parse_bytes, to_opschrift, ParseOptions, Parsed, RecordFormat};
use raad_core::party::PartyTable;
use raad_core::{Councillor, Date, Record};

const FORMATS: [RecordFormat; 3] = [
    RecordFormat::Opschrift,
    RecordFormat::Json,
    RecordFormat::JsonLines,
];

const BULLETIN: &str = include_str!("fixtures/bulletin-2014.txt");
const BOM_CRLF: &str = include_str!("fixtures/bom-crlf.txt");
const JSON_LINES: &str = include_str!("fixtures/records.jsonl");
const JSON_ARRAY: &str = include_str!("fixtures/records.json");

fn parse(bytes: &[u8], format: RecordFormat) -> Parsed {
    parse_bytes(
        Path::new("prop.txt"),
        bytes,
        format,
        &ParseOptions::default(),
    )
}

/// What holds for any outcome: records are well-formed, rejections name the file.
fn check_outcome(bytes: &[u8], parsed: &Parsed) {
    let lines = u32::try_from(bytes.split(|&b| b == b'\n').count()).unwrap();
    for record in &parsed.records {
        assert!(!record.id.trim().is_empty());
        let source = record.source.as_ref().expect("every record has a source");
        assert_eq!(source.path, "prop.txt");
        assert!(
            (1..=lines).contains(&source.line),
            "line {} of {lines}",
            source.line
        );
        for text in [
            &record.kind,
            &record.code,
            &record.title,
            &record.alderman,
            &record.question,
            &record.answer,
        ]
        .into_iter()
        .flatten()
        {
            assert!(
                !text.trim().is_empty() && text != ".",
                "placeholder {text:?}"
            );
        }
        for councillor in &record.councillors {
            assert!(!councillor.name.is_empty());
        }
    }
    for rejection in &parsed.rejections {
        assert_eq!(rejection.path, Path::new("prop.txt"));
        if let Some(line) = rejection.line {
            assert!((1..=lines).contains(&line), "line {line} of {lines}");
        }
    }
}

/// Lines that start a record, as the parser sees them.
fn record_starts(text: &str) -> usize {
    text.lines()
        .filter(|line| {
            line.trim()
                .trim_start_matches('#')
                .trim_matches(|c: char| c == '*' || c.is_whitespace())
                .trim_end_matches([':', ' ', '\t'])
                .eq_ignore_ascii_case("opschrift")
        })
        .count()
}

/// Text made of the pieces records are made of, in any order.
fn recordish_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("OPSCHRIFT".to_string()),
        Just("Nummer:".to_string()),
        Just("Nummer: 2016_MV_00146".to_string()),
        Just("NUMMER : NR. 217/14".to_string()),
        Just("Vergadering van ".to_string()),
        Just("Onderwerp:".to_string()),
        Just("Mondelinge vraag van raadsleden A en B: ".to_string()),
        Just("Raadslid(-leden):".to_string()),
        Just("Jan - sp.a".to_string()),
        Just("Bevoegd:".to_string()),
        Just("Betrokken:".to_string()),
        Just("OMSCHRIJVING VAN DE VRAAG".to_string()),
        Just("Toelichting:".to_string()),
        Just("Vraag:".to_string()),
        Just("ANTWOORD".to_string()),
        Just("15 maart 2016".to_string()),
        Just("ma 12/04/2021 - 19:00".to_string()),
        Just("31 februari 2016".to_string()),
        Just(".".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just(":".to_string()),
        Just(" - ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        "[ a-zA-Z0-9.,;:?!()\"'*/éë–‘’-]{0,30}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Insert(usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), "[ a-zA-Z0-9:.*()-]{0,20}").prop_map(|(a, s)| Mutation::Insert(a, s)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut truncate = None;
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::Delete(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let line = lines[i % n].clone();
                lines.insert(i % n, line);
            }
            Mutation::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::Insert(i, s) => lines.insert(i % (lines.len() + 1), s.clone()),
            Mutation::Truncate(at) => truncate = Some(*at),
            _ => {}
        }
    }
    let mut bytes = lines.join("\n").into_bytes();
    if let Some(at) = truncate {
        // Any byte, also inside a UTF-8 sequence.
        bytes.truncate(at % (bytes.len() + 1));
    }
    bytes
}

fn name() -> impl Strategy<Value = String> {
    "[A-Z][a-z]{2,8} (Van |De )?[A-Z][a-z]{2,10}"
}

fn sentence() -> impl Strategy<Value = String> {
    (
        "[A-Z][a-zëé]{1,9}",
        prop::collection::vec(
            prop_oneof![
                "[a-zëéï0-9]{1,10}",
                Just("\"aanhalingen\"".to_string()),
                Just("‘zo’".to_string()),
                Just("–".to_string()),
                Just("2014-2019".to_string()),
                Just("Stad,".to_string()),
            ],
            0..12,
        ),
        prop_oneof![Just("."), Just("?"), Just("!")],
    )
        .prop_map(|(first, words, end)| {
            let mut s = first;
            for word in words {
                s.push(' ');
                s.push_str(&word);
            }
            s.push_str(end);
            s
        })
}

fn paragraphs() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(sentence(), 1..4).prop_map(|s| s.join(" ")),
        1..5,
    )
    .prop_map(|p| p.join("\n\n"))
}

fn date() -> impl Strategy<Value = Date> {
    (1990i32..2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

fn record() -> impl Strategy<Value = Record> {
    let id = prop_oneof![
        "20[0-2][0-9]_(MV|SV|MC|IA)_[0-9]{5}",
        "NR\\. [1-9][0-9]{0,3}/[0-9]{2}",
    ];
    let kind = prop::option::of(prop_oneof![
        Just("mondelinge vraag".to_string()),
        Just("schriftelijke vraag".to_string()),
        Just("interpellatie".to_string()),
    ]);
    let title = prop::option::of("[A-Z][a-z]{2,10}( [a-zé]{1,10}){0,6}(: [a-z]{2,8})?");
    let party = prop::option::of(prop_oneof![
        Just("sp.a"),
        Just("N-VA"),
        Just("Open VLD"),
        Just("Groen"),
        Just("VB"),
        Just("PVDA+"),
        Just("Lijst Jansen"),
    ]);
    let councillors = prop::collection::vec((name(), party), 0..4);
    let alderman = prop::option::of(prop_oneof![name(), Just("Burgemeester".to_string())]);
    let involved = prop::collection::vec(name(), 0..3);
    let topics = prop::collection::vec("[A-Z][a-z]{3,10}", 0..3);
    (
        (id, kind, prop::option::of(date()), title, councillors),
        (
            alderman,
            involved,
            topics,
            prop::option::of(paragraphs()),
            prop::option::of(paragraphs()),
            prop::option::of(date()),
        ),
    )
        .prop_map(
            |(
                (id, kind, date, title, councillors),
                (alderman, involved, topics, question, answer, answer_date),
            )| {
                let table = PartyTable::default();
                let mut record = Record::new(id);
                record.code = code_of(&record.id);
                record.kind = kind;
                record.date = date;
                record.title = title;
                record.councillors = councillors
                    .into_iter()
                    .map(|(name, party)| Councillor {
                        name,
                        party: party.map(|p| table.canonical(p)),
                        party_as_written: party.map(str::to_string),
                    })
                    .collect();
                record.alderman = alderman;
                record.involved_aldermen = involved;
                record.topic_source = (!topics.is_empty()).then_some(raad_core::TopicSource::Given);
                record.topics = topics;
                record.question = question;
                record.answer = answer;
                record.answer_date = answer_date;
                record
            },
        )
}

/// Where emphasis goes in one text: for each word, whether a span of `*`, `**` or `***`
/// opens before it (0 = none) and how many words it covers, and whether a line break may
/// replace a space inside the span.
type EmphasisPlan = Vec<(usize, usize, bool)>;

fn emphasis_plan() -> impl Strategy<Value = EmphasisPlan> {
    prop::collection::vec((0usize..4, 1usize..4, any::<bool>()), 0..40)
}

/// `text` with markdown emphasis around words as `plan` says: the way a PDF-to-text export
/// marks bold and italic words, also the last word of a value (`… en **Meulestede**`) and
/// spans broken over two lines. Spans open only before a word and close only after one, and a
/// line break goes only between two plain lower-case words (where it cannot start a list item
/// or end a line in a label).
fn with_emphasis(text: &str, plan: &EmphasisPlan) -> String {
    let mut out = String::new();
    for (p, paragraph) in text.split("\n\n").enumerate() {
        if p > 0 {
            out.push_str("\n\n");
        }
        let words: Vec<&str> = paragraph.split(' ').collect();
        let mut i = 0;
        let mut step = 0;
        while i < words.len() {
            if i > 0 {
                out.push(' ');
            }
            let (stars, covered, broken) = plan.get(step).copied().unwrap_or((0, 1, false));
            step += 1;
            let end = (i + covered).min(words.len());
            let marker = "*".repeat(stars);
            out.push_str(&marker);
            for (k, word) in words[i..end].iter().enumerate() {
                if k > 0 {
                    let plain = |w: &str| w.chars().all(|c| c.is_lowercase());
                    let line_break = stars > 0 && broken && plain(words[i + k - 1]) && plain(word);
                    out.push(if line_break { '\n' } else { ' ' });
                }
                out.push_str(word);
            }
            out.push_str(&marker);
            i = end;
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn emphasis_anywhere_in_a_value_is_removed_whole(
        record in record(),
        plans in prop::collection::vec(emphasis_plan(), 8),
    ) {
        // The record with emphasis in every text and name field, written and read back: the
        // parser gives the record without emphasis, so no field keeps a marker.
        let mut marked = record.clone();
        let mut plans = plans.iter();
        let mut mark = |text: &mut String| *text = with_emphasis(text, plans.next().unwrap());
        for text in [&mut marked.title, &mut marked.question, &mut marked.answer, &mut marked.alderman]
            .into_iter()
            .flatten()
        {
            mark(text);
        }
        if let Some(councillor) = marked.councillors.first_mut() {
            mark(&mut councillor.name);
        }
        if let Some(topic) = marked.topics.first_mut() {
            mark(topic);
        }
        let text = to_opschrift(&marked);
        let parsed = parse(text.as_bytes(), RecordFormat::Opschrift);
        prop_assert!(parsed.rejections.is_empty(), "{:?}\n{}", parsed.rejections, text);
        prop_assert_eq!(parsed.records.len(), 1);
        let mut back = parsed.records.into_iter().next().unwrap();
        back.source = None;
        prop_assert_eq!(back, record, "{}", text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        for format in FORMATS {
            let parsed = parse(&bytes, format);
            check_outcome(&bytes, &parsed);
        }
    }

    #[test]
    fn recordish_text_never_panics_and_loses_nothing(text in recordish_text()) {
        for format in FORMATS {
            let parsed = parse(text.as_bytes(), format);
            check_outcome(text.as_bytes(), &parsed);
        }
        let parsed = parse(text.as_bytes(), RecordFormat::Opschrift);
        let starts = record_starts(&text);
        if starts > 0 {
            // Every record start gives a record or a rejection, never nothing.
            prop_assert_eq!(parsed.records.len() + parsed.rejections.len(), starts);
        } else {
            prop_assert!(parsed.records.len() + parsed.rejections.len() == 1);
        }
    }

    #[test]
    fn mutated_records_never_panic_and_lose_nothing(
        base in prop_oneof![Just(BULLETIN), Just(BOM_CRLF)],
        mutations in prop::collection::vec(mutation(), 0..8),
    ) {
        let bytes = mutate(base, &mutations);
        let parsed = parse(&bytes, RecordFormat::Opschrift);
        check_outcome(&bytes, &parsed);
        let starts = record_starts(&String::from_utf8_lossy(&bytes));
        if starts > 0 {
            prop_assert_eq!(parsed.records.len() + parsed.rejections.len(), starts);
        }
    }

    #[test]
    fn mutated_json_never_panics_and_loses_nothing(
        base in prop_oneof![Just(JSON_LINES), Just(JSON_ARRAY)],
        mutations in prop::collection::vec(mutation(), 0..8),
    ) {
        let bytes = mutate(base, &mutations);
        for format in [RecordFormat::Json, RecordFormat::JsonLines] {
            let parsed = parse(&bytes, format);
            check_outcome(&bytes, &parsed);
        }
        let parsed = parse(&bytes, RecordFormat::JsonLines);
        let text = String::from_utf8_lossy(&bytes);
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        if lines > 0 {
            // One record or one rejection per non-blank line.
            prop_assert_eq!(parsed.records.len() + parsed.rejections.len(), lines);
        }
    }

    #[test]
    fn to_opschrift_round_trip(record in record()) {
        let text = to_opschrift(&record);
        let parsed = parse(text.as_bytes(), RecordFormat::Opschrift);
        prop_assert!(parsed.rejections.is_empty(), "{:?}\n{}", parsed.rejections, text);
        prop_assert_eq!(parsed.records.len(), 1);
        let mut back = parsed.records.into_iter().next().unwrap();
        prop_assert_eq!(back.source.take().map(|s| s.line), Some(1));
        prop_assert_eq!(back, record, "{}", text);
    }

    #[test]
    fn json_round_trip(record in record()) {
        // What `raad parse --json` prints is read back as the same record.
        let line = serde_json::to_string(&record).unwrap();
        let parsed = parse(line.as_bytes(), RecordFormat::JsonLines);
        prop_assert!(parsed.rejections.is_empty(), "{:?}", parsed.rejections);
        let mut back = parsed.records.into_iter().next().unwrap();
        back.source = None;
        prop_assert_eq!(back, record);
    }
}
