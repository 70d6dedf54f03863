//! `raad search`: ranked hits, snippets and facet counts, as a table, JSON or CSV.

use std::io::{self, BufWriter, Write};

use raad_core::Date;
use raad_query::{AldermanScope, Highlight, Mode, SearchRequest, Searcher, Sort};

use crate::cli::{Format, SearchArgs, SortArg};
use crate::exit_codes::ExitCode;
use crate::index_location;
use crate::output;
use crate::terminal::Terminal;

/// Runs `raad search`.
pub fn run(args: &SearchArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let request = request(args, terminal)?;
    let dir = index_location::for_reading(&args.location)?;
    let searcher = Searcher::open(&dir)?;
    let results = searcher.search(&request)?;

    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer(&mut out, &results)?;
            writeln!(out)?;
        }
        Format::Csv => output::csv::write_hits(&mut out, &results.hits)?,
        Format::Table => output::table::write_results(&mut out, &results, args.offset, terminal)?,
    }
    out.flush()?;
    Ok(if results.total > 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

/// The validated request: arguments checked here so that errors name the option.
fn request(args: &SearchArgs, terminal: Terminal) -> anyhow::Result<SearchRequest> {
    let text = args.query.join(" ");
    let mut request = SearchRequest::new(text).mode(if args.plain {
        Mode::Plain
    } else {
        Mode::Syntax
    });
    request.filters.party = args.party.clone();
    request.filters.alderman = args.alderman.clone();
    if args.involved {
        request.filters.alderman_scope = AldermanScope::ResponsibleOrInvolved;
    }
    request.filters.councillor = args.councillor.clone();
    request.filters.topic = args.topic.clone();
    request.filters.topic_source = args.topic_source.clone();
    request.filters.kind = args.kind.clone();
    request.filters.date_from = args
        .from
        .as_deref()
        .map(|d| parse_date("--from", d, false))
        .transpose()?;
    request.filters.date_to = args
        .to
        .as_deref()
        .map(|d| parse_date("--to", d, true))
        .transpose()?;
    if args.answered {
        request.filters.has_answer = Some(true);
    } else if args.unanswered {
        request.filters.has_answer = Some(false);
    }
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
    if args.facets || args.format == Format::Json {
        request = request.all_facets();
    }
    request.highlight = match args.format {
        Format::Table if terminal.color => Highlight::ansi(),
        Format::Table | Format::Csv => Highlight::none(),
        Format::Json => Highlight::html(),
    };
    Ok(request)
}

/// A date as `YYYY-MM-DD`, or a year (`2016`: from its first or to its last day).
fn parse_date(option: &str, text: &str, end_of_year: bool) -> anyhow::Result<Date> {
    let text = text.trim();
    if let Some(date) = Date::parse_iso(text) {
        return Ok(date);
    }
    if let Ok(year) = text.parse::<i32>() {
        let date = if end_of_year {
            Date::from_ymd(year, 12, 31)
        } else {
            Date::from_ymd(year, 1, 1)
        };
        if let Some(date) = date {
            return Ok(date);
        }
    }
    anyhow::bail!("{option} takes a date as YYYY-MM-DD or a year, not `{text}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_years() {
        assert_eq!(
            parse_date("--from", "2016", false).unwrap().to_string(),
            "2016-01-01"
        );
        assert_eq!(
            parse_date("--to", "2016", true).unwrap().to_string(),
            "2016-12-31"
        );
        assert_eq!(
            parse_date("--to", "2016-03-15", true).unwrap().to_string(),
            "2016-03-15"
        );
        let err = parse_date("--from", "15/03/2016", false)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--from") && err.contains("15/03/2016"),
            "{err}"
        );
    }
}
