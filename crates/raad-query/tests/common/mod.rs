//! The fixture corpus of the search tests: twelve council records written for the tests,
//! indexed in RAM exactly as the indexer does it.

#![allow(dead_code)]

use raad_core::analysis::register_analyzers;
use raad_core::{Councillor, Date, RaadSchema, Record};
use raad_query::Searcher;
use tantivy::Index;

pub struct Fixture<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub date: Option<&'a str>,
    pub title: &'a str,
    pub councillors: &'a [(&'a str, &'a str)],
    pub alderman: &'a str,
    pub involved: &'a [&'a str],
    pub topics: &'a [&'a str],
    pub question: &'a str,
    pub answer: Option<&'a str>,
}

pub const WATTEEUW: &str = "Filip Watteeuw";
pub const DE_CLERCQ: &str = "Mathias De Clercq";
pub const HEYSE: &str = "Tine Heyse";

pub const CORPUS: &[Fixture<'static>] = &[
    Fixture {
        id: "2016_MV_00146",
        kind: "mondelinge vraag",
        date: Some("2016-03-14"),
        title: "Gevaarlijk kruispunt aan de Vrijdagmarkt",
        councillors: &[("Anne Coddens", "Groen")],
        alderman: WATTEEUW,
        involved: &[],
        topics: &["Mobiliteit"],
        question: "Het fietspad aan de Vrijdagmarkt is gevaarlijk voor fietsers. Wanneer wordt het kruispunt heraangelegd?",
        answer: Some("Wij bekijken een nieuwe inrichting van het kruispunt."),
    },
    Fixture {
        id: "2016_MV_00150",
        kind: "mondelinge vraag",
        date: Some("2016-05-02"),
        title: "Fietsenstalling aan het station",
        councillors: &[("Robin De Wulf", "N-VA")],
        alderman: WATTEEUW,
        involved: &[],
        topics: &["Mobiliteit"],
        question: "De fietsenstalling aan het station Sint-Pieters is overvol. Komen er extra plaatsen?",
        answer: Some("Er komen tweeduizend extra plaatsen in een nieuwe stalling naast de kinderopvang."),
    },
    Fixture {
        id: "2017_SV_00020",
        kind: "schriftelijke vraag",
        date: Some("2017-01-20"),
        title: "Bedrijvenoverleg over de haven",
        councillors: &[("Els Peeters", "Open Vld")],
        alderman: DE_CLERCQ,
        involved: &[WATTEEUW],
        topics: &["Economie"],
        question: "Hoe vaak vond het bedrijvenoverleg over de haven plaats dit jaar?",
        answer: Some("Het bedrijvenoverleg kwam vier keer samen."),
    },
    Fixture {
        id: "2017_MV_00033",
        kind: "mondelinge vraag",
        date: Some("2017-02-13"),
        title: "Overleg met de handelaars",
        councillors: &[("Robin De Wulf", "N-VA")],
        alderman: DE_CLERCQ,
        involved: &[],
        topics: &["Economie"],
        question: "Komt er overleg met de handelaars over de parking tijdens de werken?",
        answer: Some("Het overleg met de handelaars is gepland in maart."),
    },
    Fixture {
        id: "2017_MV_00090",
        kind: "mondelinge vraag",
        date: Some("2017-06-12"),
        title: "Parking onder de Kouter",
        councillors: &[("Jan Janssens", "Vooruit")],
        alderman: WATTEEUW,
        involved: &[],
        topics: &["Mobiliteit"],
        question: "Waarom is de parking onder de Kouter 's nachts gesloten?",
        answer: None,
    },
    Fixture {
        id: "2018_MV_00011",
        kind: "mondelinge vraag",
        date: Some("2018-01-15"),
        title: "Verlichting van fietspaden",
        councillors: &[("Anne Coddens", "Groen")],
        alderman: WATTEEUW,
        involved: &[],
        topics: &["Mobiliteit", "Veiligheid"],
        question: "Veel fietspaden zijn 's avonds slecht verlicht. Komt er meer verlichting?",
        answer: Some("Tegen de winter komen er honderd nieuwe lampen."),
    },
    Fixture {
        id: "2018_SV_00120",
        kind: "schriftelijke vraag",
        date: Some("2018-09-03"),
        title: "Zwerfvuil in parken",
        councillors: &[("Els Peeters", "Open Vld")],
        alderman: HEYSE,
        involved: &[],
        topics: &["Milieu"],
        question: "Hoeveel zwerfvuil werd er dit jaar in de parken opgehaald?",
        answer: Some("Er werd veertig ton zwerfvuil opgehaald."),
    },
    Fixture {
        id: "2019_MV_00005",
        kind: "mondelinge vraag",
        date: Some("2019-02-11"),
        title: "Kinderopvang in de wijk",
        councillors: &[("Robin De Wulf", "N-VA"), ("Jan Janssens", "Vooruit")],
        alderman: "Elke Decruynaere",
        involved: &[],
        topics: &["Onderwijs"],
        question: "Er is te weinig kinderopvang in de wijk Rabot. Welke plannen zijn er?",
        answer: Some("Er opent een nieuwe kinderopvang in september."),
    },
    Fixture {
        id: "2019_MV_00077",
        kind: "mondelinge vraag",
        date: Some("2019-10-07"),
        title: "Nieuwe fietsstraat in de binnenstad",
        councillors: &[("Anne Coddens", "Groen")],
        alderman: WATTEEUW,
        involved: &[],
        topics: &["Mobiliteit"],
        question: "Wanneer wordt de nieuwe fietsstraat ingericht?",
        answer: Some("De fietsstraat wordt in het voorjaar ingericht."),
    },
    Fixture {
        id: "NR. 217/14",
        kind: "schriftelijke vraag",
        date: None,
        title: "Camerabewaking op de Korenmarkt",
        councillors: &[("Karel Vermeulen", "CD&V")],
        alderman: "Burgemeester",
        involved: &[],
        topics: &["Veiligheid"],
        question: "Hoeveel camera's hangen er op de Korenmarkt?",
        answer: Some("Er hangen zes camera's."),
    },
    Fixture {
        id: "2020_MV_00280",
        kind: "mondelinge vraag",
        date: Some("2020-03-09"),
        title: "Gevaarlijke fietsroute naar school",
        councillors: &[("Karel Vermeulen", "CD&V")],
        alderman: WATTEEUW,
        involved: &[],
        topics: &["Mobiliteit", "Onderwijs"],
        question: "Het kruispunt aan de school is gevaarlijk voor fietsers.",
        answer: Some("Er komt een veilige oversteek aan het kruispunt."),
    },
    Fixture {
        id: "2020_SV_00281",
        kind: "schriftelijke vraag",
        date: Some("2020-03-09"),
        title: "Zwerfvuil aan het station",
        councillors: &[("Jan Janssens", "Vooruit")],
        alderman: HEYSE,
        involved: &[],
        topics: &["Milieu"],
        question: "Wat doet de stad tegen zwerfvuil rond het station?",
        answer: None,
    },
];

impl Fixture<'_> {
    pub fn record(&self) -> Record {
        let mut record = Record::new(self.id);
        record.kind = Some(self.kind.to_string());
        record.code = raad_core::id::code_of(self.id);
        record.date = self.date.map(|date| date.parse::<Date>().unwrap());
        record.title = Some(self.title.to_string());
        record.councillors = self
            .councillors
            .iter()
            .map(|(name, party)| Councillor {
                name: name.to_string(),
                party: Some(party.to_string()),
                party_as_written: None,
            })
            .collect();
        record.alderman = Some(self.alderman.to_string());
        record.involved_aldermen = self.involved.iter().map(|a| a.to_string()).collect();
        record.topics = self.topics.iter().map(|t| t.to_string()).collect();
        record.question = Some(self.question.to_string());
        record.answer = self.answer.map(str::to_string);
        if self.answer.is_some() {
            record.answer_date = record.date;
        }
        record
    }
}

pub fn records() -> Vec<Record> {
    CORPUS.iter().map(Fixture::record).collect()
}

/// An in-RAM index of the records, two segments (so counting across segments is tested).
pub fn index_of(records: &[Record]) -> Index {
    index_with_commit_after(records, records.len() / 2)
}

/// An in-RAM index of the records in one segment, as one commit of the indexer writes it.
pub fn index_in_one_segment(records: &[Record]) -> Index {
    index_with_commit_after(records, records.len())
}

fn index_with_commit_after(records: &[Record], half: usize) -> Index {
    let schema = RaadSchema::new();
    let index = Index::create_in_ram(schema.schema.clone());
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 50_000_000).unwrap();
    for (n, record) in records.iter().enumerate() {
        writer.add_document(schema.document(record)).unwrap();
        if n + 1 == half {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    index
}

/// The searcher over the fixture corpus, built once per test binary.
pub fn searcher() -> &'static Searcher {
    static SEARCHER: std::sync::OnceLock<Searcher> = std::sync::OnceLock::new();
    SEARCHER.get_or_init(|| Searcher::from_index(index_of(&records())).unwrap())
}

/// A facet's counts as (value, count) pairs, in the order the search gave them.
pub fn counts(results: &raad_query::SearchResults, facet: raad_core::Facet) -> Vec<(String, u64)> {
    results.facets[&facet]
        .iter()
        .map(|count| (count.value.clone(), count.count))
        .collect()
}

/// Expected facet counts, written as (&str, count) pairs.
pub fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|(v, c)| (v.to_string(), *c)).collect()
}
