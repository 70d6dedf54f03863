//! # Searching a raad index with filters and facets
//!
//! This example opens a raad index, searches it with a filter, and prints the hits with their
//! snippets and the facet counts, the way a program embedding raad would.
//!
//! ```text
//! cargo run -p raad-query --example search_with_facets                 # a small demo index
//! cargo run -p raad-query --example search_with_facets -- INDEX_DIR "fietspad -parking"
//! ```
//!
//! Without an index directory it first writes a small index of three records into a
//! temporary directory, as `raad index` would.

use std::error::Error;
use std::path::{Path, PathBuf};

use raad_core::analysis::register_analyzers;
use raad_core::index_meta::IndexMeta;
use raad_core::RaadSchema;
use raad_query::{
    AldermanScope, Councillor, Date, Facet, Highlight, Record, SearchRequest, Searcher, Sort,
};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let given_dir = args.next().map(PathBuf::from);
    let text = args
        .next()
        .unwrap_or_else(|| "fietspad OR kruispunt".to_string());

    // # Open the index
    //
    // `Searcher::open` checks the index's `raad.json`: an index written by another version of
    // raad is refused with a message that says how to rebuild it. The searcher is cheap to
    // share; put it in an `Arc` to search from several threads.
    let demo_dir = tempfile::tempdir()?;
    let dir = match given_dir {
        Some(dir) => dir,
        None => {
            write_demo_index(demo_dir.path())?;
            demo_dir.path().to_path_buf()
        }
    };
    let searcher = Searcher::open(&dir)?;
    println!("{} records in {}\n", searcher.num_records(), dir.display());

    // # Describe the search
    //
    // The text is read in the query language (words, "phrases", -exclusions, OR, field:value,
    // datum:2016..2018, prefix*, name~); `SearchRequest::plain` would read it as plain words.
    // Filters are separate from the text: here only records answered by alderman Watteeuw,
    // responsible or involved. Snippets mark matched words with the markers we choose.
    let request = SearchRequest::new(text.as_str())
        .alderman("Watteeuw")
        .alderman_scope(AldermanScope::ResponsibleOrInvolved)
        .sort(Sort::Relevance)
        .limit(5)
        .all_facets()
        .highlight(Highlight::new("[", "]"));

    // # Search
    //
    // A mistake in the query text comes back as an error with its column, never a panic.
    let results = match searcher.search(&request) {
        Ok(results) => results,
        Err(error) => {
            eprintln!("{text}\n{error}");
            return Ok(());
        }
    };

    // # Print the hits
    //
    // `total` counts every match; `hits` is only the requested page.
    println!(
        "{} of {} records for {text:?}",
        results.hits.len(),
        results.total
    );
    for hit in &results.hits {
        let date = hit.date.map(|date| date.to_string()).unwrap_or_default();
        println!(
            "\n{}  {date}  {}",
            hit.id,
            hit.title.as_deref().unwrap_or("")
        );
        println!("    {}", hit.snippet);
    }

    // # Print the facets
    //
    // Counts are over all matches. The alderman facet ignores the alderman filter (it shows
    // the other aldermen the matches would have), every other facet respects it.
    // The map is keyed by facet; `Facet::ALL` gives the order raad shows them in.
    for facet in Facet::ALL {
        let Some(counts) = results.facets.get(&facet) else {
            continue;
        };
        let line: Vec<String> = counts
            .iter()
            .map(|count| format!("{} ({})", count.value, count.count))
            .collect();
        println!("\n{facet}: {}", line.join(", "));
    }
    println!("\n{:.1} ms", results.took_ms);
    Ok(())
}

/// Writes a three-record index into `dir`, with the metadata `Searcher::open` checks.
fn write_demo_index(dir: &Path) -> Result<(), Box<dyn Error>> {
    let schema = RaadSchema::new();
    let index = tantivy::Index::create_in_dir(dir, schema.schema.clone())?;
    register_analyzers(index.tokenizers());
    let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
    let records = [
        (
            "2016_MV_00146",
            "2016-03-14",
            ("Anne Coddens", "Groen"),
            "Filip Watteeuw",
            "Gevaarlijk kruispunt aan de Vrijdagmarkt",
            "Het fietspad aan de Vrijdagmarkt is gevaarlijk. Wanneer wordt het kruispunt heraangelegd?",
        ),
        (
            "2018_MV_00011",
            "2018-01-15",
            ("Robin De Wulf", "N-VA"),
            "Filip Watteeuw",
            "Verlichting van fietspaden",
            "Veel fietspaden zijn 's avonds slecht verlicht. Komt er meer verlichting?",
        ),
        (
            "2020_MV_00280",
            "2020-03-09",
            ("Karel Vermeulen", "CD&V"),
            "Tine Heyse",
            "Gevaarlijke fietsroute naar school",
            "Het kruispunt aan de school is gevaarlijk voor fietsers.",
        ),
    ];
    for (id, date, (name, party), alderman, title, question) in records {
        let mut record = Record::new(id);
        record.kind = Some("mondelinge vraag".to_string());
        record.date = Some(date.parse::<Date>()?);
        record.councillors = vec![Councillor {
            name: name.to_string(),
            party: Some(party.to_string()),
            party_as_written: None,
        }];
        record.alderman = Some(alderman.to_string());
        record.topics = vec!["Mobiliteit".to_string()];
        record.title = Some(title.to_string());
        record.question = Some(question.to_string());
        writer.add_document(schema.document(&record))?;
    }
    writer.commit()?;
    IndexMeta::current().write(dir)?;
    Ok(())
}
