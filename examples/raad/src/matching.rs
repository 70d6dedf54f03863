//! Which records a command reads: `raad search`'s filters and match options
//! ([`MatchArgs`]) turned into the library's request, checked so that errors name the option.

use std::path::{Path, PathBuf};

use raad_core::Date;
use raad_query::{AldermanScope, MatchMode, Mode, SearchRequest, Searcher};

use crate::cli::{IndexLocation, MatchArgs, PartyAliases};
use crate::index_location;
use crate::output::provenance::Provenance;
use crate::parties::load_parties;

/// The index `location` names (the demo index without one), opened to read party values
/// through the table `parties` gives; with its folder.
pub fn open(
    location: &IndexLocation,
    parties: &PartyAliases,
) -> anyhow::Result<(PathBuf, Searcher)> {
    let dir = index_location::for_reading(location)?;
    let searcher = Searcher::open(&dir)?.with_parties(load_parties(parties)?);
    Ok((dir, searcher))
}

/// Where figures of `request` on the index in `dir` come from, now.
pub fn provenance(request: &SearchRequest, dir: &Path) -> Provenance {
    Provenance::new(&request.text, &request.filters, mode(request), dir)
}

/// The request for `text` with the filters and match options of `args`.
pub fn request(text: String, args: &MatchArgs) -> anyhow::Result<SearchRequest> {
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
    request.filters.council = args.council.clone();
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
        .map(|date| date_bounds("--from", date).map(|(first, _)| first))
        .transpose()?;
    request.filters.date_to = args
        .to
        .as_deref()
        .map(|date| date_bounds("--to", date).map(|(_, last)| last))
        .transpose()?;
    if let (Some(from), Some(to)) = (request.filters.date_from, request.filters.date_to) {
        anyhow::ensure!(
            from <= to,
            "--to {} ends before --from {} starts",
            args.to.as_deref().unwrap_or_default().trim(),
            args.from.as_deref().unwrap_or_default().trim()
        );
    }
    if args.answered {
        request.filters.has_answer = Some(true);
    } else if args.unanswered {
        request.filters.has_answer = Some(false);
    }
    Ok(request)
}

/// Which records a request matches: plain words always match any word.
pub fn mode(request: &SearchRequest) -> MatchMode {
    match request.mode {
        Mode::Plain => MatchMode::Any,
        Mode::Syntax => request.match_mode,
    }
}

/// `--limit N|all`: a number, or `None` for all.
pub fn limit(text: &str) -> anyhow::Result<Option<usize>> {
    match text.trim() {
        "all" => Ok(None),
        n => n
            .parse::<usize>()
            .map(Some)
            .map_err(|_| anyhow::anyhow!("--limit takes a number or `all`, not `{n}`")),
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

/// The day of `--as-of DATE` (a whole day: 2026-12-01), or today.
pub fn as_of(text: Option<&str>) -> anyhow::Result<Date> {
    match text {
        None => Ok(Date::today()),
        Some(text) => Date::parse_iso(text.trim()).ok_or_else(|| {
            anyhow::anyhow!("--as-of takes a day as 2026-12-01, not `{}`", text.trim())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn as_of_takes_one_day() {
        assert_eq!(as_of(Some("2017-03-01")).unwrap().to_string(), "2017-03-01");
        let err = as_of(Some("2017-03")).unwrap_err().to_string();
        assert!(
            err.contains("--as-of") && err.contains("`2017-03`"),
            "{err}"
        );
    }
}
