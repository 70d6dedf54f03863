//! `Snapshot`: the reads the indexer's topic inference does, over one commit.

use raad_core::analysis::register_analyzers;
use raad_core::{RaadSchema, Record, TopicSource};
use raad_query::{Searcher, Snapshot};
use tantivy::Index;

/// Words of the records' titles: each record uses six of them, so every word is in a few dozen
/// records, common enough for a like-query and rare enough to tell records apart.
const WORDS: [&str; 40] = [
    "fietspad",
    "parkeren",
    "school",
    "subsidie",
    "brandweer",
    "zwembad",
    "bibliotheek",
    "verlichting",
    "afval",
    "container",
    "markt",
    "haven",
    "trein",
    "tram",
    "bus",
    "kermis",
    "museum",
    "theater",
    "park",
    "boom",
    "riolering",
    "wegenwerken",
    "camera",
    "politie",
    "jeugd",
    "sport",
    "vereniging",
    "woning",
    "huurprijs",
    "energie",
    "zonnepaneel",
    "warmtenet",
    "klimaat",
    "water",
    "brug",
    "kanaal",
    "plein",
    "station",
    "begraafplaats",
    "kinderopvang",
];

/// 300 records; those for which `labelled` holds have a given topic.
fn index_of(labelled: impl Fn(usize) -> bool) -> Index {
    let schema = RaadSchema::new();
    let index = Index::create_in_ram(schema.schema.clone());
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for n in 0..300 {
        let mut record = Record::new(format!("2020_MV_{n:05}"));
        let title: Vec<&str> = (0..6)
            .map(|j| WORDS[(n * 7 + j * 3) % WORDS.len()])
            .collect();
        record.title = Some(title.join(" "));
        if labelled(n) {
            record.topics = vec![format!("onderwerp {}", n % 5)];
            record.topic_source = Some(TopicSource::Given);
        }
        writer.add_document(schema.document(&record)).unwrap();
        if n == 150 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    index
}

/// The `k` labelled records most like record `id`, found the slow way: every record ranked by
/// `Searcher::similar` (the same likeness), the labelled ones kept.
fn by_brute_force(index: &Index, snapshot: &Snapshot, id: &str, k: usize) -> Vec<(String, f32)> {
    let labelled: Vec<String> = snapshot
        .topic_source_records(TopicSource::Given)
        .unwrap()
        .iter()
        .map(|address| snapshot.record(address).unwrap().id)
        .collect();
    Searcher::from_index(index.clone())
        .unwrap()
        .similar(id, 300)
        .unwrap()
        .into_iter()
        .filter(|hit| labelled.contains(&hit.id))
        .take(k)
        .map(|hit| (hit.id, hit.score))
        .collect()
}

fn most_like(snapshot: &Snapshot, id: &str, k: usize) -> Vec<(String, f32)> {
    let among = snapshot.topic_source_records(TopicSource::Given).unwrap();
    let address = *snapshot.addresses_of(id).unwrap().iter().next().unwrap();
    let record = snapshot.record(address).unwrap();
    snapshot
        .most_like(&record, k, &among, |address| {
            snapshot.record(*address).unwrap().id
        })
        .unwrap()
        .into_iter()
        .map(|(score, address)| (snapshot.record(address).unwrap().id, score))
        .collect()
}

fn assert_same(found: &[(String, f32)], expected: &[(String, f32)]) {
    assert_eq!(
        found.len(),
        expected.len(),
        "{found:?} against {expected:?}"
    );
    for ((id, score), (expected_id, expected_score)) in found.iter().zip(expected) {
        assert_eq!(id, expected_id, "{found:?} against {expected:?}");
        assert!(
            (score - expected_score).abs() < 1e-4,
            "{score} against {expected_score}"
        );
    }
}

#[test]
fn most_like_finds_the_best_labelled_records_when_they_are_common() {
    // A third labelled: the unrestricted like-query's top holds enough of them.
    let index = index_of(|n| n % 3 == 0);
    let snapshot = Snapshot::of(&index).unwrap();
    assert_eq!(snapshot.num_records(), 300);
    assert_eq!(
        snapshot.count_topic_source(TopicSource::Given).unwrap(),
        100
    );
    for id in ["2020_MV_00001", "2020_MV_00077", "2020_MV_00299"] {
        for k in [1, 5, 20] {
            let found = most_like(&snapshot, id, k);
            assert_eq!(found.len(), k, "{id}");
            assert_same(&found, &by_brute_force(&index, &snapshot, id, k));
        }
    }
}

#[test]
fn most_like_finds_the_best_labelled_records_when_they_are_rare() {
    // One labelled record of 300: the search restricted to it decides.
    let index = index_of(|n| n == 10);
    let snapshot = Snapshot::of(&index).unwrap();
    assert_eq!(snapshot.count_topic_source(TopicSource::Given).unwrap(), 1);
    // Records 21 and 39 share words with record 10, record 50 has all of them, 1 none.
    for (id, found) in [
        ("2020_MV_00021", 1),
        ("2020_MV_00039", 1),
        ("2020_MV_00050", 1),
        ("2020_MV_00001", 0),
    ] {
        let nearest = most_like(&snapshot, id, 1);
        assert_eq!(nearest.len(), found, "{id}");
        assert_same(&nearest, &by_brute_force(&index, &snapshot, id, 1));
    }
    assert_eq!(
        most_like(&snapshot, "2020_MV_00050", 1)[0].0,
        "2020_MV_00010"
    );
    assert!(most_like(&snapshot, "2020_MV_00050", 0).is_empty());
}

#[test]
fn records_read_back_by_address_and_by_id() {
    let index = index_of(|n| n < 3);
    let snapshot = Snapshot::of(&index).unwrap();
    let addresses = snapshot.addresses();
    assert_eq!(addresses.len(), 300);
    let found = snapshot.addresses_of("2020 mv 7").unwrap();
    assert_eq!(found.len(), 1);
    let record = snapshot.record(*found.iter().next().unwrap()).unwrap();
    assert_eq!(record.id, "2020_MV_00007");
    assert!(snapshot.addresses_of("2020_MV_99999").unwrap().is_empty());
    let labelled = snapshot.topic_source_records(TopicSource::Given).unwrap();
    assert_eq!((labelled.len(), labelled.source()), (3, TopicSource::Given));
    assert!(addresses.iter().filter(|a| labelled.contains(a)).count() == 3);
}
