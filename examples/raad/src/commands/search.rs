//! `raad search`: ranked hits, snippets and facet counts, as a table, JSON or CSV.

use std::io::{self, BufWriter, Write};

use raad_core::{Date, TopicSource};
use raad_query::{
    AldermanScope, Filters, Highlight, HitsFrom, MatchMode, Mode, SearchRequest, Searcher, Sort,
};

use crate::cli::{Format, SearchArgs, SortArg};
use crate::exit_codes::ExitCode;
use crate::index_location;
use crate::messages;
use crate::output;
use crate::parties::load_parties;
use crate::terminal::Terminal;

/// Runs `raad search`.
pub fn run(args: &SearchArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let request = request(args, terminal)?;
    let dir = index_location::for_reading(&args.location)?;
    let searcher = Searcher::open(&dir)?.with_parties(load_parties(&args.parties)?);
    let results = searcher.search(&request)?;
    // Before the data: a filter value that matches nothing explains an empty result.
    let mut err = io::stderr().lock();
    for warning in &results.warnings {
        messages::search_warning(&mut err, warning)?;
    }
    drop(err);

    let mut out = BufWriter::new(io::stdout().lock());
    match args.output.format() {
        Format::Json => {
            serde_json::to_writer(&mut out, &results)?;
            writeln!(out)?;
        }
        Format::Csv => output::csv::write_hits(&mut out, &results.hits)?,
        Format::Table => output::table::write_results(&mut out, &results, args.offset, terminal)?,
    }
    out.flush()?;
    // The table says it among the hits; CSV and JSON readers learn it on stderr too, so
    // nearest hits are never mistaken for matches.
    if results.hits_from == HitsFrom::Nearest && args.output.format() != Format::Table {
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
    let text = args.query.join(" ");
    let mut request = SearchRequest::new(text)
        .mode(if args.plain {
            Mode::Plain
        } else {
            Mode::Syntax
        })
        .match_mode(if args.any {
            MatchMode::Any
        } else {
            MatchMode::All
        });
    request.filters = filters(FilterOptions {
        party: &args.party,
        alderman: &args.alderman,
        involved: args.involved,
        councillor: &args.councillor,
        topic: &args.topic,
        topic_source: &args.topic_source,
        kind: &args.kind,
        from: args.from.as_deref(),
        to: args.to.as_deref(),
        answered: args.answered,
        unanswered: args.unanswered,
    })?;
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
    if args.facets || format == Format::Json {
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

/// The filter options of `raad search` (and of `raad watch add`, which keeps them).
pub struct FilterOptions<'a> {
    pub party: &'a [String],
    pub alderman: &'a [String],
    pub involved: bool,
    pub councillor: &'a [String],
    pub topic: &'a [String],
    pub topic_source: &'a [TopicSource],
    pub kind: &'a [String],
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub answered: bool,
    pub unanswered: bool,
}

/// The filters the options ask for, checked here so that errors name the option.
pub fn filters(options: FilterOptions<'_>) -> anyhow::Result<Filters> {
    let mut filters = Filters {
        party: options.party.to_vec(),
        alderman: options.alderman.to_vec(),
        councillor: options.councillor.to_vec(),
        topic: options.topic.to_vec(),
        topic_source: options.topic_source.to_vec(),
        kind: options.kind.to_vec(),
        ..Filters::default()
    };
    if options.involved {
        filters.alderman_scope = AldermanScope::ResponsibleOrInvolved;
    }
    filters.date_from = options
        .from
        .map(|date| date_bounds("--from", date).map(|(first, _)| first))
        .transpose()?;
    filters.date_to = options
        .to
        .map(|date| date_bounds("--to", date).map(|(_, last)| last))
        .transpose()?;
    if let (Some(from), Some(to)) = (filters.date_from, filters.date_to) {
        anyhow::ensure!(
            from <= to,
            "--to {} ends before --from {} starts",
            options.to.unwrap_or_default().trim(),
            options.from.unwrap_or_default().trim()
        );
    }
    if options.answered {
        filters.has_answer = Some(true);
    } else if options.unanswered {
        filters.has_answer = Some(false);
    }
    Ok(filters)
}

/// The command that runs `query` on the same index: `raad search [--index DIR] [--plain]
/// QUERY`, quoted for a POSIX shell. Filters and output options are the user's to add again.
fn command_line(args: &SearchArgs, query: &str) -> String {
    let mut line = String::from("raad search");
    if let Some(dir) = &args.location.index {
        line.push_str(" --index ");
        line.push_str(&shell_quoted(&dir.to_string_lossy()));
    }
    if args.plain {
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

/// The first and last day of a date option's value, read as the query language's `datum:`
/// reads it: `--from 2016-03` starts on 1 March, `--to 2016-03` ends on 31 March.
pub fn date_bounds(option: &str, text: &str) -> anyhow::Result<(Date, Date)> {
    let text = text.trim();
    raad_query::parse::date_bounds(text).ok_or_else(|| {
        anyhow::anyhow!("{option} takes a date as 2016, 2016-03 or 2016-03-01, not `{text}`")
    })
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

    #[test]
    fn years_months_and_days() {
        let bounds = |text: &str| {
            let (first, last) = date_bounds("--from", text).unwrap();
            (first.to_string(), last.to_string())
        };
        assert_eq!(bounds("2016"), ("2016-01-01".into(), "2016-12-31".into()));
        assert_eq!(
            bounds("2016-02"),
            ("2016-02-01".into(), "2016-02-29".into())
        );
        assert_eq!(
            bounds(" 2016-03-15 "),
            ("2016-03-15".into(), "2016-03-15".into())
        );
        let err = date_bounds("--to", "15/03/2016").unwrap_err().to_string();
        assert!(err.contains("--to") && err.contains("15/03/2016"), "{err}");
    }
}
