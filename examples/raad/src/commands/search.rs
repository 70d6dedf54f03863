//! `raad search`: ranked hits, snippets and facet counts, as a table, JSON or CSV.

use std::io::{self, BufWriter, Write};

use raad_query::{Highlight, HitsFrom, SearchRequest, Searcher, Sort};

use crate::cli::{Format, SearchArgs, SortArg};
use crate::exit_codes::ExitCode;
use crate::index_location;
use crate::matching;
use crate::messages;
use crate::output;
use crate::output::csv::HitColumn;
use crate::output::provenance::{Provenance, Traced};
use crate::parties::load_parties;
use crate::synonyms::load_synonyms;
use crate::terminal::Terminal;

/// Runs `raad search`.
pub fn run(args: &SearchArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let format = args.output.format();
    anyhow::ensure!(
        args.columns.is_empty() || format == Format::Csv,
        "--columns chooses the columns of CSV output; add --format csv (or --excel)"
    );
    let request = request(args, terminal)?;
    let dir = index_location::for_reading(&args.location)?;
    let searcher = Searcher::open(&dir)?
        .with_parties(load_parties(&args.parties)?)
        .with_synonyms(load_synonyms(&args.synonyms)?);
    let mut results = searcher.search(&request)?;
    let provenance = Provenance::new(&request.text, &request.filters, results.matching, &dir);
    // Before the data: a filter value that matches nothing explains an empty result.
    let mut err = io::stderr().lock();
    for warning in &results.warnings {
        messages::search_warning(&mut err, warning)?;
    }
    drop(err);

    // The files first: a reader of stdout that stops early (`| head`) must not cost them.
    let style = args.output.csv_style();
    if let Some(path) = &args.facets_out {
        output::write_file(path, |out| {
            output::csv::write_facets(out, style, &results.facets)
        })?;
    }
    if let Some(path) = &args.provenance.provenance_out {
        provenance.write_csv(path, style)?;
    }
    if format == Format::Csv && args.facets && args.facets_out.is_none() {
        messages::note(messages::FACETS_NOT_IN_CSV);
    }
    if format == Format::Table && !args.facets {
        // Counted for --facets-out only.
        results.facets.clear();
    }

    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            let traced = Traced {
                provenance: &provenance,
                data: &results,
            };
            serde_json::to_writer(&mut out, &traced)?;
            writeln!(out)?;
        }
        Format::Csv => {
            let columns = match args.columns.as_slice() {
                [] => &HitColumn::DEFAULT[..],
                columns => columns,
            };
            output::csv::write_hits(&mut out, style, columns, &results.hits, |hit| {
                Ok(searcher.get(&hit.id)?.answer)
            })?
        }
        Format::Table => output::table::write_results(&mut out, &results, args.offset, terminal)?,
    }
    out.flush()?;
    // The table says it among the hits; CSV and JSON readers learn it on stderr too, so
    // nearest hits are never mistaken for matches.
    if results.hits_from == HitsFrom::Nearest && format != Format::Table {
        if let Some(nearest) = &results.nearest {
            messages::note(messages::nearest(nearest));
        }
    }
    drop(out);
    // Under the data, on stderr: the JSON carries them too, CSV only here.
    let mut err = io::stderr().lock();
    for suggestion in &results.suggestions {
        messages::suggestion(&mut err, suggestion, command_line(args, &suggestion.query))?;
    }
    Ok(if results.total > 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

/// The validated request: arguments checked here so that errors name the option.
fn request(args: &SearchArgs, terminal: Terminal) -> anyhow::Result<SearchRequest> {
    let mut request = matching::request(args.query.join(" "), &args.matching)?;
    request.sort = match args.sort {
        SortArg::Relevance => Sort::Relevance,
        SortArg::Newest => Sort::Newest,
        SortArg::Oldest => Sort::Oldest,
    };
    request.offset = args.offset;
    request.limit = match args.limit.as_str() {
        "all" => None,
        n => Some(
            n.parse::<usize>()
                .map_err(|_| anyhow::anyhow!("--limit takes a number or `all`, not `{n}`"))?,
        ),
    };
    let format = args.output.format();
    if args.facets || args.facets_out.is_some() || format == Format::Json {
        request = request.all_facets();
    }
    request.explain = args.explain || format == Format::Json;
    request.highlight = match format {
        Format::Table if terminal.color => Highlight::ansi(),
        Format::Table | Format::Csv => Highlight::none(),
        Format::Json => Highlight::html(),
    };
    Ok(request)
}

/// The command that runs `query` on the same index: `raad search [--index DIR] [--plain]
/// QUERY`, quoted for a POSIX shell. Filters and output options are the user's to add again.
fn command_line(args: &SearchArgs, query: &str) -> String {
    let mut line = String::from("raad search");
    if let Some(dir) = &args.location.index {
        line.push_str(" --index ");
        line.push_str(&shell_quoted(&dir.to_string_lossy()));
    }
    if args.matching.plain {
        line.push_str(" --plain");
    }
    if query.starts_with('-') {
        // An exclusion first would read as an option.
        line.push_str(" --");
    }
    line.push(' ');
    line.push_str(&shell_quoted(query));
    line
}

/// `text` as one shell word: as it is when it holds only characters no shell interprets,
/// else in single quotes.
fn shell_quoted(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.starts_with('-')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.,/:=+@%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_for_the_shell_when_needed() {
        assert_eq!(shell_quoted("Coddens"), "Coddens");
        assert_eq!(shell_quoted("Coddens fietspad"), "'Coddens fietspad'");
        assert_eq!(shell_quoted("-fiets"), "'-fiets'");
        assert_eq!(shell_quoted("d'Hondt"), "'d'\\''Hondt'");
    }
}
