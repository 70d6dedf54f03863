//! Any text, in either mode, gives results or an error: never a panic.

mod common;

use proptest::prelude::*;
use raad_query::{HitsFrom, Mode, QueryError, SearchRequest};

/// Text rich in the characters the query language gives meaning to.
fn query_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("-".to_string()),
        Just("*".to_string()),
        Just("~".to_string()),
        Just(":".to_string()),
        Just("..".to_string()),
        Just(" OR ".to_string()),
        Just(" OF ".to_string()),
        Just("partij:".to_string()),
        Just("datum:".to_string()),
        Just("id:".to_string()),
        Just(" ".to_string()),
        Just("fiets".to_string()),
        Just("2016".to_string()),
        Just("é".to_string()),
        "[a-z]{1,6}".prop_map(String::from),
        "\\PC{1,3}".prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn syntax_mode_answers_or_errs_with_a_column(text in query_text()) {
        let searcher = common::searcher();
        match searcher.search(&SearchRequest::new(text.as_str()).all_facets()) {
            Ok(results) => match (results.hits_from, &results.nearest) {
                (HitsFrom::Matches, _) => prop_assert!(results.hits.len() <= results.total),
                (HitsFrom::Nearest, Some(nearest)) => {
                    prop_assert_eq!(results.total, 0);
                    prop_assert!(results.hits.len() <= nearest.total);
                }
                (HitsFrom::Nearest, None) => prop_assert!(false, "nearest hits without nearest"),
            },
            Err(error @ (QueryError::Syntax { .. } | QueryError::UnknownField { .. })) => {
                let column = error.column().unwrap();
                prop_assert!(column >= 1 && column <= text.chars().count() + 1, "{error}");
            }
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
    }

    #[test]
    fn plain_mode_never_fails(text in query_text()) {
        let searcher = common::searcher();
        let results = searcher.search(&SearchRequest::new(text.as_str()).mode(Mode::Plain));
        prop_assert!(results.is_ok(), "{results:?}");
    }

    #[test]
    fn any_unicode_never_panics(text in "\\PC{0,40}") {
        let searcher = common::searcher();
        let _ = searcher.search(&SearchRequest::new(text.as_str()));
        prop_assert!(searcher.search(&SearchRequest::plain(text.as_str())).is_ok());
    }

    #[test]
    fn analytics_count_what_search_totals_or_err_like_it(text in query_text()) {
        use raad_query::analytics::{AnswerOptions, TrendOptions};
        use raad_query::Facet;
        let searcher = common::searcher();
        let request = SearchRequest::new(text.as_str());
        let options = TrendOptions { split: Some(Facet::Party), ..TrendOptions::default() };
        match (searcher.search(&request), searcher.trend(&request, &options)) {
            (Ok(results), Ok(trend)) => {
                prop_assert_eq!(trend.total, results.total as u64);
                let counted: u64 = trend.periods.iter().map(|p| p.count).sum();
                prop_assert_eq!(counted + trend.undated + trend.outside_periods, trend.total);
                let stats = searcher.answer_stats(&request, &AnswerOptions::default()).unwrap();
                prop_assert_eq!(stats.all.asked, trend.total);
            }
            (Err(search), Err(trend)) => prop_assert_eq!(search.to_string(), trend.to_string()),
            (search, trend) => prop_assert!(false, "search {search:?}, trend {trend:?}"),
        }
    }
}
