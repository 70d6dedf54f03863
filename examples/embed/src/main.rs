//! # Searching a raad index from your own program
//!
//! A walk-through of embedding raad: open an index, search it with a filter, print the hits
//! and the facet counts. raad-query is the only raad crate this program depends on: the
//! searcher, requests and results, and the record types they carry ([`Date`], [`Facet`],
//! [`TopicSource`], …) all come from it.
//!
//! ```text
//! raad index --index my-index records/        # any index the raad binary wrote
//! cargo run -p raad-embed -- my-index fietspad "gevaarlijk kruispunt"
//! ```

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use raad_query::{Date, Facet, Highlight, SearchRequest, Searcher, TopicSource};

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: embed INDEX_DIR [QUERY...]");
        return ExitCode::from(2);
    };
    let words: Vec<String> = args.map(|arg| arg.to_string_lossy().into_owned()).collect();
    let text = if words.is_empty() {
        "fietspad".to_string()
    } else {
        words.join(" ")
    };
    match run(&dir, &text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("embed: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, text: &str) -> Result<(), Box<dyn Error>> {
    // # Open the index
    //
    // `Searcher::open` refuses a folder without an index, and an index written by another
    // version of raad, each with an error that says so. Checking the folder first lets this
    // program say what it expected in its own words.
    if !dir.is_dir() {
        return Err(format!(
            "{} is not a folder; give the folder of a raad index (built by `raad index`)",
            dir.display()
        )
        .into());
    }
    let searcher = Searcher::open(dir)?;
    println!("{} records in {}", searcher.num_records(), dir.display());

    // # Describe the search
    //
    // The text is read in raad's query language (words, "phrases", -exclusions, OR,
    // field:value, datum:2016..2018, prefix*, name~). Filters stand beside the text: here only
    // answered records from 2016 on. Facets are named by the `Facet` enum, so a misspelt
    // facet does not compile; `facet_limit` keeps the five most frequent values of each.
    let since: Date = "2016-01-01".parse()?;
    let mut request = SearchRequest::new(text)
        .date_from(since)
        .has_answer(true)
        .limit(5)
        .facets([Facet::Party, Facet::Topic, Facet::Year])
        .highlight(Highlight::new("[", "]"));
    request.facet_limit = Some(5);

    // # Search
    //
    // A mistake in the query text is an error with its column, never a panic: point at it.
    let results = match searcher.search(&request) {
        Ok(results) => results,
        Err(error) => {
            if let Some(column) = error.column() {
                eprintln!("  {text}\n  {:>column$}", "^");
            }
            return Err(error.into());
        }
    };

    // # The hits
    //
    // `total` counts every match; `hits` holds only the requested page, best first.
    println!(
        "\n{} of {} answered records since {since} for {text:?}",
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
        if !hit.topics.is_empty() {
            // A topic raad assigned is never shown as the council's own.
            let source = match hit.topic_source {
                Some(TopicSource::Given) | None => "",
                Some(TopicSource::Rules) => " (assigned by rules)",
                Some(TopicSource::Inferred) => " (inferred)",
            };
            println!("    topics: {}{source}", hit.topics.join(", "));
        }
        println!("    {}", hit.snippet);
    }

    // # The facet counts
    //
    // Counts are over every match, not only the page. The map is keyed by `Facet`;
    // `Facet::ALL` is the order raad shows them in.
    for facet in Facet::ALL {
        let Some(counts) = results.facets.get(&facet) else {
            continue;
        };
        let values: Vec<String> = counts
            .iter()
            .map(|count| format!("{} ({})", count.value, count.count))
            .collect();
        println!("\n{facet}: {}", values.join(", "));
    }
    Ok(())
}
