//! Totals a journalist can publish: for single words, compounds and two-word queries, the
//! total of a search equals a count made record by record from the stored text, on the
//! built-in demo corpus and on real Dutch parliament records (`../shared/data`).
//!
//! The count does not use the index, the query planner or any collector: it reads each
//! record's text, analyzes it with the analyzer the index was written with (the one shared
//! definition of what a word's forms and parts are), and counts the record when it holds,
//! for every query word, a form of the word (as a word, or as a part of a longer compound),
//! or the word's compound parts in adjacent positions, or the word in a name.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use raad_core::analysis::{dutch_analyzer, names_analyzer, register_analyzers};
use raad_core::{RaadSchema, Record};
use raad_query::{SearchRequest, Searcher};
use tantivy::tokenizer::TextAnalyzer;

/// One record's analyzed text: per text (title, question, answer, the names), the positions
/// of each term.
struct Counted {
    texts: Vec<HashMap<String, Vec<usize>>>,
    names: Vec<HashMap<String, Vec<usize>>>,
}

fn positions(analyzer: &mut TextAnalyzer, text: &str) -> HashMap<String, Vec<usize>> {
    let mut at: HashMap<String, Vec<usize>> = HashMap::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        at.entry(token.text.clone())
            .or_default()
            .push(token.position);
    }
    at
}

impl Counted {
    fn new(record: &Record, dutch: &mut TextAnalyzer, names: &mut TextAnalyzer) -> Counted {
        let texts = [&record.title, &record.question, &record.answer]
            .into_iter()
            .flatten()
            .map(|text| positions(dutch, text))
            .collect();
        let names = record
            .councillors
            .iter()
            .flat_map(|c| {
                std::iter::once(&c.name)
                    .chain(&c.party)
                    .chain(&c.party_as_written)
            })
            .chain(&record.alderman)
            .chain(&record.involved_aldermen)
            .map(|name| positions(names, name))
            .collect();
        Counted { texts, names }
    }
}

/// `terms` at consecutive positions in one text.
fn in_a_row(text: &HashMap<String, Vec<usize>>, terms: &[String]) -> bool {
    let Some(starts) = terms.first().and_then(|first| text.get(first)) else {
        return false;
    };
    starts.iter().any(|start| {
        terms.iter().enumerate().skip(1).all(|(offset, term)| {
            text.get(term)
                .is_some_and(|at| at.contains(&(start + offset)))
        })
    })
}

/// A query word as the analyzers see it: per position its term and parts; its name tokens.
struct Word {
    positions: Vec<(String, Vec<String>)>,
    names: Vec<String>,
}

impl Word {
    fn new(word: &str, dutch: &mut TextAnalyzer, names: &mut TextAnalyzer) -> Word {
        let mut positions: Vec<(usize, String, Vec<String>)> = Vec::new();
        let mut stream = dutch.token_stream(word);
        while let Some(token) = stream.next() {
            match positions.last_mut() {
                Some((at, _, parts)) if *at == token.position => parts.push(token.text.clone()),
                _ => positions.push((token.position, token.text.clone(), Vec::new())),
            }
        }
        let mut name_tokens: Vec<(usize, String)> = Vec::new();
        let mut stream = names.token_stream(word);
        while let Some(token) = stream.next() {
            if name_tokens.last().map(|(at, _)| *at) != Some(token.position) {
                name_tokens.push((token.position, token.text.clone()));
            }
        }
        Word {
            positions: positions.into_iter().map(|(_, m, p)| (m, p)).collect(),
            names: name_tokens.into_iter().map(|(_, t)| t).collect(),
        }
    }

    fn held_by(&self, record: &Counted) -> bool {
        let in_text = |text: &HashMap<String, Vec<usize>>| match self.positions.as_slice() {
            [(main, parts)] => {
                text.contains_key(main) || (parts.len() >= 2 && in_a_row(text, parts))
            }
            many => in_a_row(
                text,
                &many
                    .iter()
                    .map(|(main, _)| main.clone())
                    .collect::<Vec<_>>(),
            ),
        };
        record.texts.iter().any(in_text)
            || (!self.names.is_empty() && record.names.iter().any(|n| in_a_row(n, &self.names)))
    }
}

fn index(records: &[Record]) -> Searcher {
    let schema = RaadSchema::new();
    let index = tantivy::Index::create_in_ram(schema.schema.clone());
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 50_000_000).unwrap();
    for (n, record) in records.iter().enumerate() {
        writer.add_document(schema.document(record)).unwrap();
        // Several segments, as a real index has.
        if n % 700 == 699 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    Searcher::from_index(index).unwrap()
}

/// Checks every query; returns (query, total) for the figures.
fn check(records: &[Record], queries: &[&str]) -> Vec<(String, usize)> {
    let searcher = index(records);
    let (mut dutch, mut names) = (dutch_analyzer(), names_analyzer());
    let counted: Vec<Counted> = records
        .iter()
        .map(|record| Counted::new(record, &mut dutch, &mut names))
        .collect();
    let mut figures = Vec::new();
    let mut wrong = Vec::new();
    for query in queries {
        let words: Vec<Word> = query
            .split_whitespace()
            .map(|word| Word::new(word, &mut dutch, &mut names))
            .collect();
        let expected: HashSet<&str> = records
            .iter()
            .zip(&counted)
            .filter(|(_, record)| words.iter().all(|word| word.held_by(record)))
            .map(|(record, _)| record.id.as_str())
            .collect();
        let results = searcher
            .search(&SearchRequest::new(*query).all().snippet_chars(0))
            .unwrap();
        let found: HashSet<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
        if results.total != expected.len() || found != expected {
            let missed: Vec<_> = expected.difference(&found).take(3).collect();
            let extra: Vec<_> = found.difference(&expected).take(3).collect();
            wrong.push(format!(
                "{query}: total {} but the text has {} (missed {missed:?}, extra {extra:?})",
                results.total,
                expected.len()
            ));
        }
        figures.push((query.to_string(), expected.len()));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    figures
}

#[test]
fn totals_equal_the_count_in_the_text_on_the_demo_corpus() {
    let records: Vec<Record> = raad_corpus::demo::demo_records().collect();
    let queries = [
        "fietspaden",
        "fietspad",
        "Dampoort",
        "werkoverleg",
        "overleg",
        "kinderopvang",
        "parkeren",
        "speelplein",
        "subsidie",
        "verkeersveiligheid",
        "wachtlijst",
        "bewoners",
        "zwembad",
        "sluikstort",
        "buurtwerking",
        "fietsenstalling",
        "schoolstraat",
        "deelfietsen",
        "stadsbestuur",
        "Damme",
        "fietspaden Dampoort",
        "kinderopvang wachtlijst",
        "parkeren bewoners",
        "zwembad renovatie",
        "speelplein zomer",
        "fietsenstalling station",
    ];
    let figures = check(&records, &queries);
    // The figures: 257 records hold a form of fietspad, 32 also Dampoort; no
    // record holds werkoverleg.
    let total = |query: &str| figures.iter().find(|(q, _)| q == query).unwrap().1;
    assert_eq!(total("fietspaden"), 257);
    assert_eq!(total("fietspaden Dampoort"), 32);
    assert_eq!(total("werkoverleg"), 0);
}

#[test]
fn totals_equal_the_count_in_the_text_on_parliament_records() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/dekamer-dev.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipped: {} is absent (a fresh clone has no ../shared)",
            path.display()
        );
        return;
    };
    let records: Vec<Record> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(records.len(), 1939);
    let queries = [
        "asielzoekers",
        "belastingen",
        "werkloosheid",
        "pensioenen",
        "terrorisme",
        "gevangenissen",
        "spoorwegen",
        "treinen",
        "fraude",
        "kinderbijslag",
        "verkeersveiligheid",
        "ziekenhuizen",
        "brandweer",
        "militairen",
        "asielzoekers opvang",
        "fiscale fraude",
        "treinen vertraging",
        "pensioen zelfstandigen",
    ];
    check(&records, &queries);
}
