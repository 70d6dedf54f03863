//! The analytics on nine records written for this test, every figure counted by hand.
//!
//! | id         | date       | title                        | asked by (party)         | alderman    | answered              |
//! |------------|------------|------------------------------|--------------------------|-------------|-----------------------|
//! | 2014_SV_1  | 2014-03-10 | Kinderopvang in Gentbrugge   | Coddens (Groen)          | Decruynaere | 2014-03-20, 10 days   |
//! | 2014_SV_2  | 2014-09-01 | Wachtlijsten kinderopvang    | De Wulf (N-VA)           | Decruynaere | 2014-10-21, 50 days   |
//! | 2016_SV_3  | 2016-02-15 | Kinderopvang en fietspaden   | Coddens, De Wulf         | Watteeuw    | 2016-02-25, 10 days   |
//! | 2016_SV_4  | 2016-11-30 | Fietspaden aan de Dampoort   | Peeters (Open Vld)       | Watteeuw    | no                    |
//! | 2017_SV_5  | 2017-01-05 | Subsidies voor kinderopvang  | De Wulf (N-VA)           | Decruynaere | 2017-01-03, before it |
//! | 2017_SV_6  | 2017-02-20 | Openingsuren kinderopvang    | Peeters (Open Vld)       | Decruynaere | no                    |
//! | 2013_MV_7  | 2013-05-13 | Parkeren aan het station     | De Wulf (N-VA)           | Watteeuw    | same day, 0 days      |
//! | 2016_SV_8  | 2016-06-01 | Kinderopvang in de zomer     | Coddens (Groen)          | none        | yes, date unknown     |
//! | 2015_SV_9  | none       | Kinderopvang voor baby's     | Peeters (Open Vld)       | Decruynaere | no                    |
//!
//! Figures are as of 2017-03-01 (tests never read the clock).

mod common;

use raad_core::{Councillor, Date, Facet, Record};
use raad_query::analytics::{batch_queries, AnswerOptions, OverdueOptions, Period, TrendOptions};
use raad_query::{SearchRequest, Searcher};

const DECRUYNAERE: &str = "Elke Decruynaere";
const WATTEEUW: &str = "Filip Watteeuw";

fn day(text: &str) -> Date {
    Date::parse_iso(text).unwrap()
}

fn record(
    id: &str,
    date: Option<&str>,
    title: &str,
    askers: &[(&str, &str)],
    alderman: Option<&str>,
    answer: Option<Option<&str>>,
) -> Record {
    let mut record = Record::new(id);
    record.date = date.map(day);
    record.title = Some(title.to_string());
    record.councillors = askers
        .iter()
        .map(|(name, party)| Councillor {
            name: name.to_string(),
            party: Some(party.to_string()),
            party_as_written: None,
        })
        .collect();
    record.alderman = alderman.map(str::to_string);
    if let Some(answer_date) = answer {
        record.answer = Some("Het college antwoordt.".to_string());
        record.answer_date = answer_date.map(day);
    }
    record
}

fn searcher() -> Searcher {
    let coddens = ("Anne Coddens", "Groen");
    let de_wulf = ("Robin De Wulf", "N-VA");
    let peeters = ("Els Peeters", "Open Vld");
    let records = [
        record(
            "2014_SV_1",
            Some("2014-03-10"),
            "Kinderopvang in Gentbrugge",
            &[coddens],
            Some(DECRUYNAERE),
            Some(Some("2014-03-20")),
        ),
        record(
            "2014_SV_2",
            Some("2014-09-01"),
            "Wachtlijsten kinderopvang",
            &[de_wulf],
            Some(DECRUYNAERE),
            Some(Some("2014-10-21")),
        ),
        record(
            "2016_SV_3",
            Some("2016-02-15"),
            "Kinderopvang en fietspaden",
            &[coddens, de_wulf],
            Some(WATTEEUW),
            Some(Some("2016-02-25")),
        ),
        record(
            "2016_SV_4",
            Some("2016-11-30"),
            "Fietspaden aan de Dampoort",
            &[peeters],
            Some(WATTEEUW),
            None,
        ),
        record(
            "2017_SV_5",
            Some("2017-01-05"),
            "Subsidies voor kinderopvang",
            &[de_wulf],
            Some(DECRUYNAERE),
            Some(Some("2017-01-03")),
        ),
        record(
            "2017_SV_6",
            Some("2017-02-20"),
            "Openingsuren kinderopvang",
            &[peeters],
            Some(DECRUYNAERE),
            None,
        ),
        record(
            "2013_MV_7",
            Some("2013-05-13"),
            "Parkeren aan het station",
            &[de_wulf],
            Some(WATTEEUW),
            Some(Some("2013-05-13")),
        ),
        record(
            "2016_SV_8",
            Some("2016-06-01"),
            "Kinderopvang in de zomer",
            &[coddens],
            None,
            Some(None),
        ),
        record(
            "2015_SV_9",
            None,
            "Kinderopvang voor baby's",
            &[peeters],
            Some(DECRUYNAERE),
            None,
        ),
    ];
    // Two segments, so every figure is merged across segments.
    Searcher::from_index(common::index_of(&records)).unwrap()
}

fn as_of() -> Date {
    day("2017-03-01")
}

fn labels_and_counts(trend: &raad_query::analytics::Trend) -> Vec<(String, u64)> {
    trend
        .periods
        .iter()
        .map(|period| (period.label.clone(), period.count))
        .collect()
}

#[test]
fn a_trend_counts_per_year_with_the_empty_years_as_zeros() {
    let trend = searcher()
        .trend(
            &SearchRequest::new("kinderopvang"),
            &TrendOptions::default(),
        )
        .unwrap();
    assert_eq!(trend.total, 7);
    assert_eq!(trend.undated, 1);
    assert_eq!(
        labels_and_counts(&trend),
        common::pairs(&[
            ("2013", 0),
            ("2014", 2),
            ("2015", 0),
            ("2016", 2),
            ("2017", 2)
        ])
    );
    assert_eq!(trend.periods[1].first_day, day("2014-01-01"));
    assert_eq!(trend.periods[1].last_day, day("2014-12-31"));
}

#[test]
fn a_trend_splits_by_party_counting_a_record_for_each_of_its_parties() {
    let options = TrendOptions {
        split: Some(Facet::Party),
        ..TrendOptions::default()
    };
    let trend = searcher()
        .trend(&SearchRequest::new("kinderopvang"), &options)
        .unwrap();
    // Groen and N-VA tie at 3 and are ordered by name; the undated Open Vld record is in
    // no period.
    assert_eq!(trend.split_values, ["Groen", "N-VA", "Open Vld"]);
    assert_eq!(trend.split_totals, [3, 3, 1]);
    let splits: Vec<Vec<u64>> = trend.periods.iter().map(|p| p.split.clone()).collect();
    assert_eq!(
        splits,
        [
            vec![0, 0, 0],
            vec![1, 1, 0],
            vec![0, 0, 0],
            vec![2, 1, 0],
            vec![0, 1, 1]
        ]
    );

    let limited = TrendOptions {
        split_limit: Some(1),
        ..options
    };
    let trend = searcher()
        .trend(&SearchRequest::new("kinderopvang"), &limited)
        .unwrap();
    assert_eq!(trend.split_values, ["Groen"]);
    let other: Vec<u64> = trend.periods.iter().map(|p| p.other).collect();
    assert_eq!(other, [0, 1, 0, 1, 2]);
}

#[test]
fn a_trend_by_alderman_counts_records_without_one_apart() {
    let options = TrendOptions {
        split: Some(Facet::Alderman),
        ..TrendOptions::default()
    };
    let trend = searcher()
        .trend(&SearchRequest::new("kinderopvang"), &options)
        .unwrap();
    assert_eq!(trend.split_values, [DECRUYNAERE, WATTEEUW]);
    let without: Vec<u64> = trend.periods.iter().map(|p| p.without_value).collect();
    assert_eq!(without, [0, 0, 0, 1, 0]);
}

#[test]
fn a_trend_counts_per_quarter_month_and_legislature() {
    let searcher = searcher();
    let by = |by| TrendOptions {
        by,
        ..TrendOptions::default()
    };
    let quarters = searcher
        .trend(&SearchRequest::new("kinderopvang"), &by(Period::Quarter))
        .unwrap();
    // 2013-Q2 (the first record) to 2017-Q1 (the last).
    assert_eq!(quarters.periods.len(), 16);
    assert_eq!(quarters.periods[0].label, "2013-Q2");
    let nonzero: Vec<(String, u64)> = labels_and_counts(&quarters)
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .collect();
    assert_eq!(
        nonzero,
        common::pairs(&[
            ("2014-Q1", 1),
            ("2014-Q3", 1),
            ("2016-Q1", 1),
            ("2016-Q2", 1),
            ("2017-Q1", 2)
        ])
    );
    let months = searcher
        .trend(&SearchRequest::new(""), &by(Period::Month))
        .unwrap();
    assert_eq!(months.periods.len(), 46, "2013-05 to 2017-02");
    assert_eq!(months.total, 9);
    let terms = searcher
        .trend(&SearchRequest::new(""), &by(Period::Legislature))
        .unwrap();
    assert_eq!(
        labels_and_counts(&terms),
        common::pairs(&[("2013–2018", 8)])
    );
    assert_eq!(terms.undated, 1);
}

#[test]
fn a_trend_keeps_to_the_date_filters() {
    let request = SearchRequest::new("kinderopvang").date_from(day("2015-01-01"));
    let trend = searcher()
        .trend(&request, &TrendOptions::default())
        .unwrap();
    assert_eq!(
        labels_and_counts(&trend),
        common::pairs(&[("2015", 0), ("2016", 2), ("2017", 2)])
    );
    assert_eq!(trend.total, 4);
}

#[test]
fn top_values_count_shares_dates_and_examples() {
    let top = searcher()
        .top_values(&SearchRequest::new("kinderopvang"), Facet::Party, None, 3)
        .unwrap();
    assert_eq!(top.total, 7);
    assert_eq!(top.distinct, 3);
    let values: Vec<(&str, u64)> = top
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(values, [("Groen", 3), ("N-VA", 3), ("Open Vld", 2)]);
    let groen = &top.values[0];
    assert!((groen.share - 3.0 / 7.0).abs() < 1e-9);
    assert_eq!(groen.first_date, Some(day("2014-03-10")));
    assert_eq!(groen.last_date, Some(day("2016-06-01")));
    assert_eq!(groen.examples, ["2016_SV_8", "2016_SV_3", "2014_SV_1"]);
    // The undated record comes after the dated one.
    assert_eq!(top.values[2].examples, ["2017_SV_6", "2015_SV_9"]);

    let aldermen = searcher()
        .top_values(
            &SearchRequest::new("kinderopvang"),
            Facet::Alderman,
            Some(1),
            1,
        )
        .unwrap();
    assert_eq!(aldermen.values.len(), 1);
    assert_eq!(
        (aldermen.values[0].value.as_str(), aldermen.values[0].count),
        (DECRUYNAERE, 5)
    );
    assert_eq!(aldermen.values[0].examples, ["2017_SV_6"]);
    assert_eq!(aldermen.distinct, 2);
    assert_eq!(aldermen.without_value, 1);
}

#[test]
fn answer_statistics_per_alderman() {
    let options = AnswerOptions {
        by: Some(Facet::Alderman),
        deadline_days: 30,
        as_of: as_of(),
    };
    let stats = searcher()
        .answer_stats(&SearchRequest::new(""), &options)
        .unwrap();
    let all = &stats.all;
    assert_eq!(
        (all.asked, all.answered, all.unanswered, all.overdue),
        (9, 6, 3, 1)
    );
    assert_eq!((all.answered_undated, all.answer_before_question), (1, 1));
    // Delays 0, 10, 10, 50: the early answer and the undated one are left out.
    assert_eq!(all.median_days, Some(10.0));
    assert_eq!(all.p90_days, Some(50.0));
    // Due: four answered with a delay and one overdue; three of them within 30 days.
    assert_eq!(all.within_deadline, 3);
    assert_eq!(all.within_deadline_share, Some(0.6));

    let groups: Vec<Option<&str>> = stats.groups.iter().map(|g| g.value.as_deref()).collect();
    assert_eq!(groups, [Some(DECRUYNAERE), Some(WATTEEUW), None]);
    let decruynaere = &stats.groups[0];
    assert_eq!(
        (
            decruynaere.asked,
            decruynaere.answered,
            decruynaere.unanswered,
            decruynaere.overdue
        ),
        (5, 3, 2, 0)
    );
    assert_eq!(decruynaere.median_days, Some(30.0));
    assert_eq!(decruynaere.p90_days, Some(50.0));
    assert_eq!(decruynaere.within_deadline_share, Some(0.5));
    let watteeuw = &stats.groups[1];
    assert_eq!(
        (watteeuw.asked, watteeuw.overdue, watteeuw.within_deadline),
        (3, 1, 2)
    );
    assert_eq!(watteeuw.median_days, Some(5.0));
    assert_eq!(watteeuw.within_deadline_share, Some(2.0 / 3.0));
    let without = &stats.groups[2];
    assert_eq!((without.asked, without.answered_undated), (1, 1));
    assert_eq!(
        (without.median_days, without.within_deadline_share),
        (None, None)
    );

    assert_eq!(stats.answer_before_question.len(), 1);
    let early = &stats.answer_before_question[0];
    assert_eq!(early.id, "2017_SV_5");
    assert_eq!(early.answer_date, Some(day("2017-01-03")));
    assert_eq!(early.alderman.as_deref(), Some(DECRUYNAERE));
}

#[test]
fn a_longer_deadline_changes_the_shares_not_the_delays() {
    let options = AnswerOptions {
        by: None,
        deadline_days: 60,
        as_of: as_of(),
    };
    let stats = searcher()
        .answer_stats(&SearchRequest::new(""), &options)
        .unwrap();
    assert!(stats.groups.is_empty());
    // 2016_SV_4 is 91 days old: still overdue; all four delays are within 60 days.
    assert_eq!((stats.all.within_deadline, stats.all.overdue), (4, 1));
    assert_eq!(stats.all.within_deadline_share, Some(0.8));
    assert_eq!(stats.all.median_days, Some(10.0));
}

#[test]
fn overdue_lists_unanswered_questions_oldest_first() {
    let searcher = searcher();
    let options = |days| OverdueOptions {
        days,
        as_of: as_of(),
        limit: None,
    };
    let overdue = searcher
        .overdue(&SearchRequest::new(""), &options(60))
        .unwrap();
    assert_eq!(overdue.total, 1);
    let record = &overdue.records[0];
    assert_eq!((record.id.as_str(), record.days_open), ("2016_SV_4", 91));
    assert_eq!(record.alderman.as_deref(), Some(WATTEEUW));
    assert_eq!(record.councillors[0].party.as_deref(), Some("Open Vld"));

    let recent = searcher
        .overdue(&SearchRequest::new(""), &options(5))
        .unwrap();
    let ids: Vec<&str> = recent.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["2016_SV_4", "2017_SV_6"],
        "the undated 2015_SV_9 is never overdue"
    );

    let decruynaere = SearchRequest::new("").alderman("Decruynaere");
    let theirs = searcher.overdue(&decruynaere, &options(5)).unwrap();
    let ids: Vec<&str> = theirs.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["2017_SV_6"]);

    let first = searcher
        .overdue(
            &SearchRequest::new(""),
            &OverdueOptions {
                limit: Some(1),
                ..options(5)
            },
        )
        .unwrap();
    assert_eq!((first.total, first.records.len()), (2, 1));
}

#[test]
fn a_batch_gives_each_line_its_total_years_and_parties() {
    let list =
        "# namen en onderwerpen\nkinderopvang\nfietspaden\n\nCoddens  # raadslid\nonbekend:veld\n";
    let queries = batch_queries(list);
    let batch = searcher()
        .batch(&queries, &SearchRequest::default())
        .unwrap();
    assert_eq!(batch.years, ["2013", "2014", "2015", "2016", "2017"]);
    let rows: Vec<(usize, &str, u64, Vec<u64>)> = batch
        .rows
        .iter()
        .map(|row| (row.line, row.query.as_str(), row.total, row.years.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (2, "kinderopvang", 7, vec![0, 2, 0, 2, 2]),
            (3, "fietspaden", 2, vec![0, 0, 0, 2, 0]),
            (5, "Coddens", 3, vec![0, 1, 0, 2, 0]),
            (6, "onbekend:veld", 0, vec![0, 0, 0, 0, 0]),
        ]
    );
    let parties: Vec<(&str, u64)> = batch.rows[1]
        .parties
        .iter()
        .map(|p| (p.value.as_str(), p.count))
        .collect();
    assert_eq!(parties, [("Groen", 1), ("N-VA", 1), ("Open Vld", 1)]);
    let error = batch.rows[3].error.as_deref().unwrap();
    assert!(error.contains("onbekend"), "{error}");
}

#[test]
fn analytics_count_exactly_what_search_totals() {
    let searcher = searcher();
    for text in [
        "kinderopvang",
        "fietspaden",
        "kinderopvang -fietspaden",
        "partij:Groen",
        "",
    ] {
        let request = SearchRequest::new(text);
        let total = searcher.search(&request).unwrap().total as u64;
        let trend = searcher.trend(&request, &TrendOptions::default()).unwrap();
        let stats = searcher
            .answer_stats(
                &request,
                &AnswerOptions {
                    as_of: as_of(),
                    ..AnswerOptions::default()
                },
            )
            .unwrap();
        let top = searcher.top_values(&request, Facet::Kind, None, 0).unwrap();
        assert_eq!(trend.total, total, "{text}");
        assert_eq!(
            trend.periods.iter().map(|p| p.count).sum::<u64>() + trend.undated,
            total
        );
        assert_eq!(stats.all.asked, total, "{text}");
        assert_eq!(top.total, total, "{text}");
    }
}

#[test]
fn unknown_filter_values_are_warned_about() {
    let request = SearchRequest::new("kinderopvang").party("Groene");
    let trend = searcher()
        .trend(&request, &TrendOptions::default())
        .unwrap();
    assert_eq!(trend.total, 0);
    assert_eq!(trend.warnings.len(), 1);
}
