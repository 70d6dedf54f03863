//! The parsers on fixtures written for them (tests/fixtures/): every variant of the record
//! format the issue lists, and every kind of rejection.

use std::path::{Path, PathBuf};

use raad_core::parse::{
    discover, parse_bytes, parse_file, to_opschrift, ParseOptions, Parsed, RecordFormat,
};
use raad_core::{Councillor, Date, ParseErrorKind, Record};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn parse(name: &str) -> Parsed {
    parse_file(&fixture(name), &ParseOptions::default())
}

fn date(text: &str) -> Option<Date> {
    Some(Date::parse_iso(text).expect("test dates are valid"))
}

fn councillor(name: &str, party: &str, as_written: &str) -> Councillor {
    Councillor {
        name: name.to_string(),
        party: Some(party.to_string()),
        party_as_written: Some(as_written.to_string()),
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Rejections as `(line, column, kind)`, the parts a user reads.
fn rejections(parsed: &Parsed) -> Vec<(Option<u32>, Option<u32>, ParseErrorKind)> {
    parsed
        .rejections
        .iter()
        .map(|r| (r.line, r.column, r.kind.clone()))
        .collect()
}

#[test]
fn bulletin_with_several_records_one_without_number() {
    let parsed = parse("bulletin-2014.txt");
    assert_eq!(parsed.records.len(), 2);
    assert_eq!(
        rejections(&parsed),
        vec![(Some(48), None, ParseErrorKind::MissingId)],
        "the record at line 48 has no Nummer"
    );

    // Several councillors, labels in other case and spacing, NR. id, Burgemeester, Betrokken
    // "A en B", Toelichting ".", a `dd.` answer date, a line broken in mid-sentence.
    let first = &parsed.records[0];
    let mut expected = Record::new("NR. 217/14");
    expected.kind = Some("schriftelijke vraag".into());
    expected.code = None;
    expected.date = date("2014-06-10");
    expected.title = Some("Zitbanken in het Citadelpark".into());
    expected.councillors = vec![
        councillor("Els Van Acker", "Vooruit", "sp.a"),
        councillor("Bram Wouters", "Open Vld", "Open VLD"),
        councillor("Nadia Bouzid", "PVDA", "PVDA+"),
    ];
    expected.alderman = Some("Burgemeester".into());
    expected.involved_aldermen = strings(&["Lieve Jansen", "Tom Verhulst"]);
    expected.question = Some(
        "Hoeveel zitbanken staan er vandaag in het Citadelpark? Worden er bijkomende banken \
         geplaatst langs de vijver?"
            .into(),
    );
    expected.answer_date = date("2014-06-24");
    expected.answer = Some(
        "Er staan 48 zitbanken in het park. In het najaar plaatsen we er twaalf bij, waarvan \
         zes langs de vijver."
            .into(),
    );
    expected.source = first.source.clone();
    assert_eq!(first, &expected);
    let source = first.source.as_ref().unwrap();
    assert_eq!(source.line, 4);
    assert!(source.path.ends_with("bulletin-2014.txt"));

    // Unknown code kept, date with weekday abbreviation and time, three involved aldermen on
    // one line, no answer, Toelichting broken over a blank line, emphasis removed.
    let third = &parsed.records[1];
    assert_eq!(third.id, "2014_IA_00007");
    assert_eq!(third.code.as_deref(), Some("IA"));
    assert_eq!(third.kind.as_deref(), Some("interpellatie"));
    assert_eq!(third.date, date("2014-06-16"));
    assert_eq!(
        third.title.as_deref(),
        Some("Verkeersveiligheid aan de schoolpoort")
    );
    assert_eq!(
        third.councillors,
        vec![councillor("Sara Peeters", "Groen", "Groen")]
    );
    assert_eq!(third.alderman.as_deref(), Some("Filip Claes"));
    assert_eq!(
        third.involved_aldermen,
        strings(&["An De Vos", "Koen Maes", "Lotte Willems"])
    );
    assert_eq!(
        third.question.as_deref(),
        Some(
            "Ouders vragen al jaren een zebrapad aan de Sint-Jozefschool.\n\n\
             Komt er een zebrapad? Wanneer?"
        )
    );
    assert_eq!(third.answer, None);
    assert_eq!(third.answer_date, None);
    assert_eq!(third.source.as_ref().unwrap().line, 60);
}

fn check_cooperatie(record: &Record, id: &str) {
    assert_eq!(record.id, id);
    assert_eq!(record.date, date("2022-10-03"));
    assert_eq!(
        record.title.as_deref(),
        Some("Coöperatie voor zonnepanelen op scholen")
    );
    assert_eq!(
        record.councillors,
        vec![councillor("Jonas Mertens", "N-VA", "N-VA")]
    );
    assert_eq!(
        record.question.as_deref(),
        Some(
            "De stad wil een ‘energiecoöperatie’ oprichten – samen met de buurt.\n\n\
             Welke scholen komen eerst aan de beurt?"
        )
    );
    assert_eq!(record.answer_date, date("2022-10-17"));
    assert_eq!(
        record.answer.as_deref(),
        Some(
            "De eerste vijf scholen krijgen panelen in 2023. Café-eigenaars en ouders kunnen \
             instappen."
        )
    );
    assert_eq!(record.source.as_ref().unwrap().line, 1);
}

#[test]
fn utf8_with_bom_and_crlf() {
    let parsed = parse("bom-crlf.txt");
    assert!(parsed.rejections.is_empty(), "{:?}", parsed.rejections);
    assert_eq!(parsed.records.len(), 1);
    check_cooperatie(&parsed.records[0], "2022_MV_00731");
}

#[test]
fn windows_1252_with_crlf() {
    let bytes = std::fs::read(fixture("windows-1252.txt")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must not be UTF-8"
    );
    let parsed = parse("windows-1252.txt");
    assert!(parsed.rejections.is_empty(), "{:?}", parsed.rejections);
    assert_eq!(parsed.records.len(), 1);
    check_cooperatie(&parsed.records[0], "2022_MV_00732");
}

#[test]
fn empty_binary_and_recordless_files_rejected() {
    for (name, kind) in [
        ("empty.txt", ParseErrorKind::Empty),
        ("binary.txt", ParseErrorKind::NotText),
        ("notes.md", ParseErrorKind::NoRecord),
    ] {
        let parsed = parse(name);
        assert!(parsed.records.is_empty(), "{name}");
        assert_eq!(rejections(&parsed), vec![(None, None, kind)], "{name}");
        assert_eq!(parsed.rejections[0].path, fixture(name));
    }
    // The same for JSON formats: the file checks come before the format.
    for format in [RecordFormat::Json, RecordFormat::JsonLines] {
        let parsed = parse_bytes(
            Path::new("x.json"),
            b"\0\0\0",
            format,
            &ParseOptions::default(),
        );
        assert_eq!(
            rejections(&parsed),
            vec![(None, None, ParseErrorKind::NotText)]
        );
    }
}

#[test]
fn rejection_messages_name_path_and_line() {
    let parsed = parse("bulletin-2014.txt");
    let message = parsed.rejections[0].to_string();
    assert!(
        message.ends_with(
            "bulletin-2014.txt:48: record has no id (no `Nummer:` field, or JSON without \"id\")"
        ),
        "{message}"
    );
    let parsed = parse("empty.txt");
    assert!(parsed.rejections[0]
        .to_string()
        .ends_with("empty.txt: the file is empty"));
}

#[test]
fn json_lines_good_bad_and_empty_values() {
    let parsed = parse("records.jsonl");
    let ids: Vec<&str> = parsed.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, vec!["2020_SV_00280", "NR. 12/14"]);
    let got = rejections(&parsed);
    assert_eq!(got.len(), 3, "{:?}", parsed.rejections);
    assert_eq!(
        (got[0].0, got[0].1),
        (Some(3), Some(65)),
        "broken line, at its end"
    );
    assert!(
        matches!(&got[0].2, ParseErrorKind::Json { message } if message == "EOF while parsing a list"),
        "{:?}",
        got[0].2
    );
    assert_eq!(got[1], (Some(4), None, ParseErrorKind::MissingId));
    assert_eq!(
        got[2],
        (
            Some(5),
            None,
            ParseErrorKind::Field {
                field: "date".into(),
                message: "`1 juli 2020` is not a date in the form YYYY-MM-DD".into()
            }
        )
    );

    let first = &parsed.records[0];
    let mut expected = Record::new("2020_SV_00280");
    expected.kind = Some("schriftelijke vraag".into());
    expected.code = Some("SV".into());
    expected.date = date("2020-07-01");
    expected.title = Some("Bomen in de Brugse Poort".into());
    expected.councillors = vec![councillor("Hanne Claes", "Vooruit", "SP.A")];
    expected.alderman = Some("Jorn Vandenbussche".into());
    expected.involved_aldermen = strings(&["Marijke De Baets"]);
    expected.topics = strings(&["Groen"]);
    expected.topic_source = Some(raad_core::TopicSource::Given);
    expected.question = Some("Hoeveel bomen werden er geplant?".into());
    expected.source = first.source.clone();
    assert_eq!(first, &expected);
    assert_eq!(first.source.as_ref().unwrap().line, 1);

    // "" and "." are absent; party_as_written given beside party is kept; a councillor without
    // a name is dropped.
    let last = &parsed.records[1];
    let mut expected = Record::new("NR. 12/14");
    expected.date = date("2014-02-03");
    expected.councillors = vec![councillor("Lien Goossens", "Vooruit", "sp.a")];
    expected.question = Some("Waarom?".into());
    expected.answer = Some("Daarom.".into());
    expected.answer_date = date("2014-03-03");
    expected.source = last.source.clone();
    assert_eq!(last, &expected);
    assert_eq!(last.source.as_ref().unwrap().line, 6);
}

#[test]
fn json_array_element_of_wrong_shape_rejected_alone() {
    let parsed = parse("records.json");
    let ids: Vec<&str> = parsed.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, vec!["2015_MC_00353", "2015_MC_00355"]);
    let lines: Vec<u32> = parsed
        .records
        .iter()
        .map(|r| r.source.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, vec![2, 6]);
    assert_eq!(parsed.records[0].code.as_deref(), Some("MC"));
    assert_eq!(parsed.records[0].alderman.as_deref(), Some("Burgemeester"));
    assert_eq!(
        parsed.records[0].councillors,
        vec![councillor("Karel Baert", "Vlaams Belang", "Vlaams Belang")]
    );
    assert_eq!(
        parsed.records[1].code.as_deref(),
        Some("MC"),
        "code upper-cased"
    );
    let got = rejections(&parsed);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, Some(5));
    assert!(
        matches!(&got[0].2, ParseErrorKind::Field { field, message } if field == "councillors" && message.contains("invalid type: string \"niet een lijst\", expected a sequence")),
        "{:?}",
        got[0].2
    );
}

#[test]
fn json_single_object_and_syntax_errors() {
    let options = ParseOptions::default();
    let path = Path::new("one.json");
    let parsed = parse_bytes(
        path,
        b"\n\n  {\"id\": \"2016_MV_00146\"}\n",
        RecordFormat::Json,
        &options,
    );
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.records[0].source.as_ref().unwrap().line, 3);
    assert_eq!(parsed.records[0].code.as_deref(), Some("MV"));

    let parsed = parse_bytes(
        path,
        b"[{\"id\": \"a\"},\n {\"id\": \"b\" oops}]",
        RecordFormat::Json,
        &options,
    );
    assert_eq!(
        parsed.records.len(),
        1,
        "the element before the error is kept"
    );
    assert_eq!(
        rejections(&parsed)
            .iter()
            .map(|r| (r.0, r.1))
            .collect::<Vec<_>>(),
        vec![(Some(2), Some(13))]
    );

    let parsed = parse_bytes(path, b"[{\"id\": \"a\"}", RecordFormat::Json, &options);
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.rejections.len(), 1);
    assert_eq!(parsed.rejections[0].line, Some(1));

    // Unknown fields are ignored; a source in the input is replaced by where it was read.
    let parsed = parse_bytes(
        path,
        br#"{"id": "x", "extra": [1, 2], "source": {"path": "elders.txt", "line": 99}}"#,
        RecordFormat::JsonLines,
        &options,
    );
    assert!(parsed.rejections.is_empty(), "{:?}", parsed.rejections);
    let source = parsed.records[0].source.as_ref().unwrap();
    assert_eq!((source.path.as_str(), source.line), ("one.json", 1));

    // JSON Lines saved as .json: each record read, with its line; then a value of the wrong
    // shape, then a syntax error that ends the file.
    let parsed = parse_bytes(
        path,
        b"{\"id\": \"a\"}\n{\"id\": \"b\"}\n5\n{\"id\": \"c\"} x",
        RecordFormat::Json,
        &options,
    );
    let got: Vec<(&str, u32)> = parsed
        .records
        .iter()
        .map(|r| (r.id.as_str(), r.source.as_ref().unwrap().line))
        .collect();
    assert_eq!(got, vec![("a", 1), ("b", 2), ("c", 4)]);
    assert_eq!(
        rejections(&parsed)
            .iter()
            .map(|r| (r.0, r.1))
            .collect::<Vec<_>>(),
        vec![(Some(3), None), (Some(4), Some(13))]
    );
    assert!(
        matches!(
            &parsed.rejections[0].kind,
            ParseErrorKind::Json { message } if message == "invalid type: integer `5`, expected a record (a JSON object with at least \"id\")"
        ),
        "{:?}",
        parsed.rejections[0].kind
    );

    let parsed = parse_bytes(path, b"[] x", RecordFormat::Json, &options);
    assert_eq!(parsed.rejections.len(), 1);
    assert_eq!(
        (parsed.rejections[0].line, parsed.rejections[0].column),
        (Some(1), Some(4))
    );
}

#[test]
fn party_aliases_from_options() {
    let mut options = ParseOptions::default();
    options.parties.insert("Anders", "Open Vld");
    let text = "OPSCHRIFT\nNummer: 2026_MV_00001\nRaadslid(-leden):\nEva Smet - Anders\n";
    let parsed = parse_bytes(
        Path::new("a.txt"),
        text.as_bytes(),
        RecordFormat::Opschrift,
        &options,
    );
    assert_eq!(
        parsed.records[0].councillors,
        vec![councillor("Eva Smet", "Open Vld", "Anders")]
    );
    let parsed = parse_bytes(
        Path::new("a.txt"),
        text.as_bytes(),
        RecordFormat::Opschrift,
        &ParseOptions::default(),
    );
    assert_eq!(
        parsed.records[0].councillors,
        vec![councillor("Eva Smet", "Anders", "Anders")],
        "Anders is not merged into Open Vld by default"
    );
}

#[test]
fn party_alias_file() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("partijen.tsv");
    std::fs::write(&good, "# eigen aliassen\nAnders\tOpen Vld\n").unwrap();
    let table = raad_core::party::PartyTable::from_tsv(&good).unwrap();
    assert_eq!(table.canonical("anders"), "Open Vld");
    assert_eq!(table.canonical("VB"), "Vlaams Belang", "built-ins stay");

    let bad = dir.path().join("fout.tsv");
    std::fs::write(&bad, "Anders\tOpen Vld\nVoor Gent Vooruit\n").unwrap();
    let err = raad_core::party::PartyTable::from_tsv(&bad).unwrap_err();
    match &err {
        raad_core::Error::Table { path, line, .. } => {
            assert_eq!((path, *line), (&bad, 2));
        }
        other => panic!("expected a table error, got {other:?}"),
    }
    assert!(err.to_string().contains("fout.tsv:2: "), "{err}");
}

#[test]
fn bad_dates_reject_the_record_with_the_line() {
    let text = "OPSCHRIFT\n\nVergadering van 31 februari 2016\n\nNummer: 2016_MV_00001\n\n\
                OPSCHRIFT\n\nNummer: 2016_MV_00002\n\nANTWOORD\n\n32/01/2016\n\nTekst.\n\n\
                OPSCHRIFT\n\nNummer: 2016_MV_00003\n\nANTWOORD\n\nHet antwoord zonder datum.\n\
                OPSCHRIFT\n\nNummer: 2016_MV_00004\n\nANTWOORD\n\nOp 1 juli 2020.\n";
    let parsed = parse_bytes(
        Path::new("d.txt"),
        text.as_bytes(),
        RecordFormat::Opschrift,
        &ParseOptions::default(),
    );
    assert_eq!(
        rejections(&parsed),
        vec![
            (
                Some(3),
                None,
                ParseErrorKind::Field {
                    field: "Vergadering".into(),
                    message:
                        "`Vergadering van 31 februari 2016` is not a date (expected e.g. `15 maart 2016`)"
                            .into()
                }
            ),
            (
                Some(13),
                None,
                ParseErrorKind::Field {
                    field: "ANTWOORD".into(),
                    message: "`32/01/2016` is not a date (expected e.g. `15 maart 2016`)".into()
                }
            ),
        ]
    );
    // A first answer line that is text, also a short sentence with a date in it, stays text.
    let answers: Vec<(Option<&str>, Option<Date>)> = parsed
        .records
        .iter()
        .map(|r| (r.answer.as_deref(), r.answer_date))
        .collect();
    assert_eq!(
        answers,
        vec![
            (Some("Het antwoord zonder datum."), None),
            (Some("Op 1 juli 2020."), None)
        ]
    );
}

#[test]
fn header_variants() {
    let text = "## OPSCHRIFT\n\n**Vergadering van 15 maart 2016**\n\n**Nummer:** 2016_MV_00146\n\
                Onderwerp:\nMondelinge vraag van raadslid Ann Peeters:\nEen titel over\ntwee regels\n\
                Commissie:\nCultuur, Sport en Feesten\nBevoegde schepen: Geert Lenaerts\n\
                Thema's:\nSport\nCultuur\n\nVraag: Hoe?\n";
    let parsed = parse_bytes(
        Path::new("h.md"),
        text.as_bytes(),
        RecordFormat::Opschrift,
        &ParseOptions::default(),
    );
    assert!(parsed.rejections.is_empty(), "{:?}", parsed.rejections);
    let record = &parsed.records[0];
    assert_eq!(record.id, "2016_MV_00146");
    assert_eq!(record.date, date("2016-03-15"));
    assert_eq!(record.title.as_deref(), Some("Een titel over twee regels"));
    assert_eq!(
        record.councillors,
        vec![Councillor {
            name: "Ann Peeters".into(),
            party: None,
            party_as_written: None
        }],
        "names of the Onderwerp when there is no Raadslid(-leden) list"
    );
    assert_eq!(record.alderman.as_deref(), Some("Geert Lenaerts"));
    assert_eq!(record.topics, strings(&["Sport", "Cultuur"]));
    assert_eq!(record.question.as_deref(), Some("Hoe?"));
}

#[test]
fn date_lines_of_their_own_in_the_header() {
    let text = "OPSCHRIFT\nNummer: 2021_SV_00001\nBevoegd:\nAn Smet\nGepubliceerd op 07/07/2021\n\
                OPSCHRIFT\nGepubliceerd op 07/07/2021\nVergadering van 5 juli 2021\nNummer: 2021_SV_00002\n\
                OPSCHRIFT\nma 12/04/2021 - 19:00\nNummer: 2021_SV_00003\n";
    let parsed = parse_bytes(
        Path::new("g.txt"),
        text.as_bytes(),
        RecordFormat::Opschrift,
        &ParseOptions::default(),
    );
    assert!(parsed.rejections.is_empty(), "{:?}", parsed.rejections);
    let dates: Vec<Option<Date>> = parsed.records.iter().map(|r| r.date).collect();
    assert_eq!(
        dates,
        vec![date("2021-07-07"), date("2021-07-05"), date("2021-04-12")],
        "the Vergadering date wins over a publication date"
    );
    assert_eq!(parsed.records[0].alderman.as_deref(), Some("An Smet"));
}

#[test]
fn file_without_opschrift_but_with_number_is_one_record() {
    let text = "\n\nNummer: 2020_SV_00001\nVraag:\nWaarom?\n";
    let parsed = parse_bytes(
        Path::new("n.txt"),
        text.as_bytes(),
        RecordFormat::Opschrift,
        &ParseOptions::default(),
    );
    assert_eq!(parsed.records.len(), 1);
    assert_eq!(parsed.records[0].source.as_ref().unwrap().line, 3);
    assert_eq!(parsed.records[0].question.as_deref(), Some("Waarom?"));
}

#[test]
fn discovery_of_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/sub")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for name in [
        "a.TXT",
        "b/sub/c.jsonl",
        "b/d.json",
        "b/e.pdf",
        "f.md",
        ".git/g.txt",
        ".hidden.txt",
    ] {
        std::fs::write(root.join(name), "x").unwrap();
    }
    let missing = root.join("missing");
    let explicit_hidden = root.join(".hidden.txt");
    let discovery = discover(&[root.to_path_buf(), missing.clone(), explicit_hidden.clone()]);
    let files: Vec<(PathBuf, RecordFormat)> = discovery.files.clone();
    assert_eq!(
        files,
        vec![
            (root.join("a.TXT"), RecordFormat::Opschrift),
            (root.join("b/d.json"), RecordFormat::Json),
            (root.join("b/sub/c.jsonl"), RecordFormat::JsonLines),
            (root.join("f.md"), RecordFormat::Opschrift),
            (explicit_hidden, RecordFormat::Opschrift),
        ]
    );
    let skipped: Vec<PathBuf> = discovery.skipped.iter().map(|s| s.path.clone()).collect();
    assert_eq!(skipped, vec![root.join("b/e.pdf")]);
    assert_eq!(discovery.errors.len(), 1);
    assert_eq!(discovery.errors[0].path, missing);
    assert_eq!(discovery.errors[0].kind, ParseErrorKind::NotFound);
    // The same call twice gives the same answer.
    let again = discover(&[root.to_path_buf()]);
    assert_eq!(again.files, discovery.files[..4]);
}

#[test]
fn parse_file_errors() {
    let parsed = parse_file(
        Path::new("/nonexistent/raad/x.txt"),
        &ParseOptions::default(),
    );
    assert_eq!(parsed.rejections[0].kind, ParseErrorKind::NotFound);
    let parsed = parse_file(&fixture("../parse_fixtures.rs"), &ParseOptions::default());
    assert_eq!(
        rejections(&parsed),
        vec![(None, None, ParseErrorKind::UnknownFormat)]
    );
}

#[test]
fn opschrift_round_trip_of_fixture_records() {
    for name in ["bulletin-2014.txt", "bom-crlf.txt", "records.jsonl"] {
        for record in parse(name).records {
            let text = to_opschrift(&record);
            let again = parse_bytes(
                Path::new("rt.txt"),
                text.as_bytes(),
                RecordFormat::Opschrift,
                &ParseOptions::default(),
            );
            assert!(again.rejections.is_empty(), "{:?}", again.rejections);
            let mut back = again.records.into_iter().next().unwrap();
            back.source = record.source.clone();
            assert_eq!(back, record, "{text}");
        }
    }
}

#[test]
fn example_records_of_the_readme_parse_cleanly() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/records");
    let discovery = discover(&[folder]);
    assert!(discovery.errors.is_empty() && discovery.skipped.is_empty());
    let mut ids = Vec::new();
    for (path, format) in &discovery.files {
        let bytes = std::fs::read(path).unwrap();
        let parsed = parse_bytes(path, &bytes, *format, &ParseOptions::default());
        assert_eq!(parsed.rejections, vec![], "{}", path.display());
        ids.extend(parsed.records.into_iter().map(|r| r.id));
    }
    assert_eq!(
        ids,
        vec![
            "2016_MV_00412",
            "2021_MV_00179",
            "2020_SV_00280",
            "2020_SV_00291",
            "2020_MV_00177",
            "dekamer-900001",
            "dekamer-900002",
            "dekamer-900003",
            "NR. 217/14",
        ]
    );
}

#[cfg(unix)]
#[test]
fn discovery_follows_links_once_and_ends_on_cycles() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("a/r.txt"), "x").unwrap();
    // a/loop → root: following it would walk forever without the visited set.
    std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
    std::os::unix::fs::symlink(root.join("a/r.txt"), root.join("link.txt")).unwrap();
    let discovery = discover(&[root.to_path_buf()]);
    let files: Vec<PathBuf> = discovery.files.into_iter().map(|(p, _)| p).collect();
    assert_eq!(files, vec![root.join("a/r.txt"), root.join("link.txt")]);
    assert!(discovery.errors.is_empty());
}

#[test]
fn large_adversarial_inputs_take_linear_time() {
    // Each of these took quadratic time in an earlier version: minutes, not milliseconds.
    let options = ParseOptions::default();
    let started = std::time::Instant::now();

    // A minified array: 20,000 records on one line.
    let mut array = String::from("[");
    for n in 0..20_000 {
        if n > 0 {
            array.push(',');
        }
        array.push_str(&format!("{{\"id\":\"r{n}\",\"title\":\"Titel {n}\"}}"));
    }
    array.push(']');
    let parsed = parse_bytes(
        Path::new("a.json"),
        array.as_bytes(),
        RecordFormat::Json,
        &options,
    );
    assert_eq!(parsed.records.len(), 20_000);
    assert!(parsed.rejections.is_empty());

    // 50,000 openers `**` that never close, then 50,000 closers `*` of another length.
    let stars = format!(
        "OPSCHRIFT\nNummer: 1\nVraag:\n{}{}\n",
        "**a ".repeat(50_000),
        "b* ".repeat(50_000)
    );
    let parsed = parse_bytes(
        Path::new("s.txt"),
        stars.as_bytes(),
        RecordFormat::Opschrift,
        &options,
    );
    assert_eq!(
        parsed.records[0].question.as_deref().map(str::len),
        Some(349_999)
    );

    // One line of a megabyte in every section.
    let line = "woord ".repeat(170_000);
    let long = format!(
        "OPSCHRIFT\nVergadering van {line}\nNummer: {line}\nOnderwerp:\n{line}\n\
         Raadslid(-leden):\n{line}\nBetrokken:\n{line}\nVraag:\n{line}\nANTWOORD\n{line}\n"
    );
    let parsed = parse_bytes(
        Path::new("l.txt"),
        long.as_bytes(),
        RecordFormat::Opschrift,
        &options,
    );
    // Read through, then rejected for its megabyte id (raad_core::limits::MAX_ID_BYTES).
    assert!(parsed.records.is_empty());
    assert_eq!(
        parsed.rejections[0].to_string(),
        "l.txt:1: field `id`: 1019999 bytes long; an id may be at most 256 bytes"
    );

    let elapsed = started.elapsed();
    assert!(
        elapsed.as_secs() < 30,
        "took {elapsed:?}; expected well under a second in release"
    );
}
