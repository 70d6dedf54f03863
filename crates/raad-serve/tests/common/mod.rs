//! A small index written by raad-index from records written here, and the app serving it.

use std::path::PathBuf;
use std::sync::Arc;

use raad_query::Searcher;
use raad_serve::{App, Limits};

/// Five records: four hold `fietspad` (two Groen, two N-VA), one of them hostile HTML; one
/// Vooruit record about parking.
pub const RECORDS: &str = r#"{"id": "2016_MV_00146", "kind": "mondelinge vraag", "date": "2016-03-07", "title": "Gevaarlijke fietspaden aan de Vrijdagmarkt", "councillors": [{"name": "Anne Coddens", "party": "Groen"}], "alderman": "Filip Watteeuw", "topics": ["mobiliteit"], "topic_source": "given", "question": "Wanneer wordt het fietspad aan de Vrijdagmarkt hersteld?", "answer": "Het fietspad wordt in april hersteld.\n\nDe werken duren twee weken.", "answer_date": "2016-03-21"}
{"id": "2016_MV_00150", "kind": "mondelinge vraag", "date": "2016-04-11", "title": "Fietspad aan het station", "councillors": [{"name": "Els Roegiers", "party": "N-VA"}], "alderman": "Filip Watteeuw", "topics": ["mobiliteit"], "topic_source": "given", "question": "Komt er een fietspad naast het station?"}
{"id": "2017_SV_00012", "kind": "schriftelijke vraag", "date": "2017-05-02", "title": "Fietspad in de Brugse Poort", "councillors": [{"name": "Els Roegiers", "party": "N-VA"}], "alderman": "Filip Watteeuw", "question": "Hoe breed wordt het nieuwe fietspad in de Brugse Poort?", "answer": "Twee meter.", "answer_date": "2017-06-30"}
{"id": "2017_MV_00031", "kind": "mondelinge vraag", "date": "2017-09-18", "title": "Parkeren aan de Korenmarkt", "councillors": [{"name": "Rudy Coddens", "party": "Vooruit"}], "alderman": "Sofie Bracke", "question": "Hoeveel parkeerplaatsen verdwijnen aan de Korenmarkt?"}
{"id": "2018_MV_00001", "kind": "mondelinge vraag", "date": "2018-01-15", "title": "<script>alert(1)</script> fietspad", "councillors": [{"name": "\"><img src=x onerror=alert(2)>", "party": "Groen"}], "alderman": "Filip Watteeuw", "question": "Is dit <b>vet</b> & \"veilig\"? Het fietspad <i>ook</i>.", "answer": "<script>alert(3)</script>"}
"#;

/// The index, kept as long as the value lives.
pub struct Fixture {
    dir: tempfile::TempDir,
    pub index: PathBuf,
}

impl Fixture {
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let records = dir.path().join("records");
        std::fs::create_dir(&records).unwrap();
        std::fs::write(records.join("records.jsonl"), RECORDS).unwrap();
        let index = dir.path().join("index");
        let fixture = Fixture { dir, index };
        fixture.index_records();
        fixture
    }

    /// Indexes the records folder again, as `raad index` does (upserts by id).
    pub fn index_records(&self) {
        raad_index::IndexerBuilder::new(&self.index)
            .threads(1)
            .memory_budget(20_000_000)
            .topic_rules(None)
            .infer_topics(false)
            .progress(Arc::new(raad_index::NoProgress))
            .build()
            .unwrap()
            .run(&[self.dir.path().join("records")])
            .unwrap();
    }

    /// Adds a file of records (JSON Lines) to the records folder.
    #[allow(dead_code)] // Not every test file adds records.
    pub fn add_records(&self, name: &str, lines: &str) {
        std::fs::write(self.dir.path().join("records").join(name), lines).unwrap();
    }

    pub fn app(&self) -> App {
        self.app_with(Limits::default())
    }

    pub fn app_with(&self, limits: Limits) -> App {
        App::with_limits(Searcher::open(&self.index).unwrap(), &self.index, limits)
    }
}
