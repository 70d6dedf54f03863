//! The parsers on the shared samples and data (`../shared`): exact values of the reference
//! record and of every synthetic sample, and the record count of dekamer-dev.jsonl.
//!
//! `../shared` is beside the workspace, not in it; without it these tests print a notice and
//! pass.

use std::path::{Path, PathBuf};

use raad_core::parse::{parse_file, ParseOptions, Parsed};
use raad_core::{Councillor, Date, Record};

/// `../shared` relative to the workspace root, when present.
fn shared() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    match path.canonicalize() {
        Ok(path) if path.join("samples").is_dir() => Some(path),
        _ => {
            eprintln!(
                "notice: {} is absent; skipping the tests on shared samples and data",
                path.display()
            );
            None
        }
    }
}

fn parse_sample(shared: &Path, name: &str) -> Record {
    let parsed: Parsed = parse_file(&shared.join("samples").join(name), &ParseOptions::default());
    assert!(
        parsed.rejections.is_empty(),
        "{name}: {:?}",
        parsed.rejections
    );
    assert_eq!(parsed.records.len(), 1, "{name}");
    parsed.records.into_iter().next().unwrap()
}

fn date(text: &str) -> Option<Date> {
    Some(Date::parse_iso(text).expect("test dates are valid"))
}

fn councillor(name: &str, party: &str, as_written: &str) -> Councillor {
    Councillor {
        name: name.into(),
        party: Some(party.into()),
        party_as_written: Some(as_written.into()),
    }
}

#[test]
fn reference_record() {
    let Some(shared) = shared() else { return };
    let record = parse_sample(&shared, "000_64ca1050cf9ecda3.txt");
    assert_eq!(record.id, "2016_MV_00146");
    assert_eq!(record.kind.as_deref(), Some("mondelinge vraag"));
    assert_eq!(record.code.as_deref(), Some("MV"));
    assert_eq!(record.date, date("2016-03-15"));
    assert_eq!(
        record.councillors,
        vec![councillor("Robin De Wulf", "N-VA", "N-VA")]
    );
    assert_eq!(record.alderman.as_deref(), Some("Rudy Coddens"));
    assert!(record.involved_aldermen.is_empty());
    assert_eq!(
        record.title.as_deref(),
        Some(
            "Uitwerking \"concrete engagementen\" ruimte voor sociale economie en activering, \
             beleidsnota Werk en Activering 2014 – 2019, \"Maximale kansen bieden op werk, want \
             elke talent telt\""
        )
    );
    let question = record.question.as_deref().unwrap();
    assert!(question.contains("Is het bedrijvenoverleg waarvan sprake reeds actief?"));
    // The italic passage broken after "naar de*" is one paragraph again, without stars.
    assert!(question.contains(
        "nemen we een signalerende rol op naar de hogere overheden. We onderzoeken welke rol \
         GSiW op het vlak van sociale economie kan opnemen.\n\nGraag de stand van zaken."
    ));
    assert!(question.starts_with("Werf \"Ruimte voor sociale economie en activering\""));
    assert!(!question.contains('*'));
    assert_eq!(record.answer_date, date("2016-03-15"));
    let answer = record.answer.as_deref().unwrap();
    assert!(answer.starts_with(
        "Het bedrijvenoverleg sociale economie is operationeel sinds 1 april 2014.\n\n"
    ));
    assert!(!answer.contains("**"));
    assert!(!answer.contains('*'));
    assert!(answer.contains("Integendeel kiezen we voor een ‘en-en’-verhaal: we versterken"));
    assert!(answer.ends_with(
        "om de signalen naar Vlaanderen te bundelen, en aldus luider te laten klinken."
    ));
    assert_eq!(
        answer.split("\n\n").count(),
        18,
        "one paragraph per text line after the date"
    );
    assert_eq!(record.source.as_ref().unwrap().line, 2);
}

#[test]
fn synthetic_2016_mv_00311_broken_line_and_sp_a() {
    let Some(shared) = shared() else { return };
    let record = parse_sample(&shared, "synthetic-2016_MV_00311.txt");
    let mut expected = Record::new("2016_MV_00311");
    expected.kind = Some("mondelinge vraag".into());
    expected.code = Some("MV".into());
    expected.date = date("2016-11-14");
    expected.title = Some("Stand van zaken \"Wijkgezondheidscentrum Brugse Poort\"".into());
    expected.councillors = vec![councillor("Marc Goossens", "Vooruit", "sp.a")];
    expected.alderman = Some("Hilde Verstraete".into());
    expected.question = Some(
        "In de beleidsnota Welzijn en Gezondheid 2014 – 2019 staat: \"We ondersteunen de \
         oprichting van een bijkomend wijkgezondheidscentrum in de Brugse Poort\".\n\n\
         Graag de stand van zaken. Werd er al een locatie gevonden? Hoe verloopt de \
         samenwerking met het OCMW en de huisartsenkring?"
            .into(),
    );
    expected.answer_date = date("2016-11-14");
    expected.answer = Some(
        "Het wijkgezondheidscentrum opent in het voorjaar van 2017 in een gerenoveerd pand aan \
         de Phoenixstraat. Het OCMW stelt het pand ter beschikking via een erfpacht van 27 \
         jaar.\n\nDe huisartsenkring Gent is betrokken bij de uitbouw van de permanentie."
            .into(),
    );
    expected.source = record.source.clone();
    assert_eq!(record, expected);
}

#[test]
fn synthetic_2019_mv_00087_two_councillors() {
    let Some(shared) = shared() else { return };
    let record = parse_sample(&shared, "synthetic-2019_MV_00087.txt");
    let mut expected = Record::new("2019_MV_00087");
    expected.kind = Some("mondelinge vraag".into());
    expected.code = Some("MV".into());
    expected.date = date("2019-02-04");
    expected.title = Some("Wachtlijsten kinderopvang in de deelgemeenten".into());
    expected.councillors = vec![
        councillor("Pieter De Smet", "CD&V", "CD&V"),
        councillor("Ines Claeys", "Open Vld", "Open Vld"),
    ];
    expected.alderman = Some("Hilde Verstraete".into());
    expected.question = Some(
        "Ouders in Oostakker, Drongen en Sint-Amandsberg vinden moeilijk een plaats in de \
         kinderopvang. Het Lokaal Loket Kinderopvang registreerde in 2018 meer aanvragen dan \
         ooit.\n\nHoe lang zijn de wachtlijsten per deelgemeente? Welke uitbreiding van de \
         capaciteit is gepland in het meerjarenplan 2020-2025?"
            .into(),
    );
    expected.answer_date = date("2019-02-04");
    expected.answer = Some(
        "Het Lokaal Loket Kinderopvang ontving in 2018 in totaal 5.812 aanvragen. Voor baby's \
         is de gemiddelde wachttijd in de deelgemeenten zes tot negen maanden.\n\nWe voorzien \
         in het meerjarenplan 420 bijkomende plaatsen, waarvan 160 in nieuwbouw aan de \
         Kerkstraat in Oostakker (kinderdagverblijf 't Sloeberhof)."
            .into(),
    );
    expected.source = record.source.clone();
    assert_eq!(record, expected);
}

#[test]
fn synthetic_2021_sv_00412_betrokken_and_list() {
    let Some(shared) = shared() else { return };
    let record = parse_sample(&shared, "synthetic-2021_SV_00412.txt");
    let mut expected = Record::new("2021_SV_00412");
    expected.kind = Some("schriftelijke vraag".into());
    expected.code = Some("SV".into());
    expected.date = date("2021-04-12");
    expected.title = Some("Fietsenstallingen aan het Sint-Pietersstation".into());
    expected.councillors = vec![councillor("Lotte Vermeersch", "Groen", "Groen")];
    expected.alderman = Some("Karel Van Damme".into());
    expected.involved_aldermen = vec!["Fatma Yildiz".into()];
    expected.question = Some(
        "Bij de heraanleg van de stationsomgeving werden 3.000 extra fietsplaatsen beloofd. \
         Pendelaars melden dat de ondergrondse fietsenstalling 's ochtends volzet is en dat \
         fietsen aan de gevels worden vastgemaakt.\n\n\
         1. Hoeveel fietsplaatsen zijn er vandaag effectief beschikbaar?\n\n\
         2. Wanneer wordt de bijkomende stalling aan de zijde Koningin Fabiolalaan opgeleverd?\n\n\
         3. Overweegt u een tijdelijke oplossing met mobiele fietsrekken?"
            .into(),
    );
    expected.answer_date = date("2021-04-26");
    expected.answer = Some(
        "Vandaag zijn er in de stationsomgeving 10.450 fietsplaatsen beschikbaar, waarvan 4.700 \
         in de ondergrondse stalling.\n\nDe bijkomende stalling aan de Koningin Fabiolalaan \
         wordt volgens de planning van de NMBS in het voorjaar van 2022 opgeleverd.\n\nIn \
         afwachting plaatsen we vanaf mei 400 mobiele fietsrekken op het Maria-Hendrikaplein."
            .into(),
    );
    expected.source = record.source.clone();
    assert_eq!(record, expected);
}

#[test]
fn synthetic_2023_sv_01130_burgemeester_no_answer() {
    let Some(shared) = shared() else { return };
    let record = parse_sample(&shared, "synthetic-2023_SV_01130.txt");
    let mut expected = Record::new("2023_SV_01130");
    expected.kind = Some("schriftelijke vraag".into());
    expected.code = Some("SV".into());
    expected.date = date("2023-09-18");
    expected.title = Some("Luchtkwaliteit en lage-emissiezone: resultaten meetcampagne".into());
    expected.councillors = vec![councillor("Youssef El Amrani", "PVDA", "PVDA")];
    expected.alderman = Some("Burgemeester".into());
    expected.question = Some(
        "Wat zijn de resultaten van de meetcampagne naar fijnstof (PM2,5) en stikstofdioxide \
         (NO2) in de lage-emissiezone (LEZ)? Graag een overzicht per meetpunt."
            .into(),
    );
    expected.source = record.source.clone();
    assert_eq!(record, expected);
    assert_eq!(record.source.as_ref().unwrap().line, 1);
}

#[test]
fn dekamer_dev_gives_every_record() {
    let Some(shared) = shared() else { return };
    let path = shared.join("data/dekamer-dev.jsonl");
    if !path.is_file() {
        eprintln!("notice: {} is absent; skipping", path.display());
        return;
    }
    let parsed = parse_file(&path, &ParseOptions::default());
    assert_eq!(parsed.rejections, vec![]);
    assert_eq!(parsed.records.len(), 1_939);
    let first = &parsed.records[0];
    assert_eq!(first.id, "dekamer-184501");
    assert_eq!(first.code, None);
    assert_eq!(first.date, date("2017-01-04"));
    assert_eq!(
        first.councillors,
        vec![councillor("Emmanuel Burton", "MR", "MR")]
    );
    let unanswered = parsed.records.iter().filter(|r| r.answer.is_none()).count();
    assert_eq!(unanswered, 162);
    let lines: Vec<u32> = parsed
        .records
        .iter()
        .map(|r| r.source.as_ref().unwrap().line)
        .collect();
    assert_eq!(lines, (1..=1_939).collect::<Vec<u32>>());
    let sp_a = parsed
        .records
        .iter()
        .flat_map(|r| &r.councillors)
        .filter(|c| c.party_as_written.as_deref() == Some("SP.A"))
        .count();
    assert_eq!(sp_a, 118);
    assert!(parsed
        .records
        .iter()
        .flat_map(|r| &r.councillors)
        .filter(|c| c.party_as_written.as_deref() == Some("SP.A"))
        .all(|c| c.party.as_deref() == Some("Vooruit")));
}

/// The record with its texts' white space folded to single spaces (paragraph breaks too).
fn folded(record: &Record) -> Record {
    let fold = |text: &Option<String>| {
        text.as_ref()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let mut record = record.clone();
    record.title = fold(&record.title);
    record.question = fold(&record.question);
    record.answer = fold(&record.answer);
    record.source = None;
    record
}

#[test]
fn dekamer_dev_round_trips_through_opschrift() {
    // Real federal records written with to_opschrift and read back: the same record, except
    // that the opschrift reader folds white space (JSON input keeps its own).
    let Some(shared) = shared() else { return };
    let path = shared.join("data/dekamer-dev.jsonl");
    if !path.is_file() {
        eprintln!("notice: {} is absent; skipping", path.display());
        return;
    }
    let options = ParseOptions::default();
    let parsed = parse_file(&path, &options);
    let mut differing = Vec::new();
    for record in &parsed.records {
        let text = raad_core::parse::to_opschrift(record);
        let again = raad_core::parse::parse_bytes(
            Path::new("rt.txt"),
            text.as_bytes(),
            raad_core::parse::RecordFormat::Opschrift,
            &options,
        );
        let back = again.records.first().map(folded);
        if back.as_ref() != Some(&folded(record)) {
            if differing.is_empty() {
                eprintln!("first difference:\n{:#?}\n{:#?}", folded(record), back);
            }
            differing.push(record.id.clone());
        }
    }
    assert_eq!(differing, Vec::<String>::new());
}
