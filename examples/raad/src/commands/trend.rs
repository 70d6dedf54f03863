//! `raad trend`: matching records per period, as a table with bars, CSV, JSON or a chart.

use std::io::Write;

use anyhow::Context;
use raad_core::council::CouncilSettings;
use raad_core::legislature::Legislatures;
use raad_query::analytics::{Period, Trend, TrendOptions, TrendPeriod};
use raad_query::{Facet, SearchRequest};

use crate::chart::{self, ChartData, Series};
use crate::cli::{LangArg, PeriodArg, TrendArgs};
use crate::escape;
use crate::exit_codes::ExitCode;
use crate::matching;
use crate::messages::{self, thousands};
use crate::output::bars::bar;
use crate::output::export::{self, CsvOut};
use crate::terminal::Terminal;

/// Columns of the longest bar when stdout is not a terminal.
const BAR_COLUMNS: usize = 40;

/// Runs `raad trend`.
pub fn run(args: &TrendArgs, terminal: Terminal) -> anyhow::Result<ExitCode> {
    let request = matching::request(args.words.query.join(" "), &args.matching)?;
    let legislatures = match &args.legislatures {
        // A council's settings file: its terms.
        Some(path) if path.extension().is_some_and(|ext| ext == "toml") => {
            CouncilSettings::read(path)?
                .legislatures
                .ok_or_else(|| anyhow::anyhow!("{}: lists no legislatures", path.display()))?
        }
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Legislatures::parse(&text).map_err(|err| anyhow::anyhow!("{}:{err}", path.display()))?
        }
        None => Legislatures::ghent(),
    };
    let options = TrendOptions {
        by: period(args.by),
        split: args.split.map(|split| split.facet()),
        split_limit: Some(args.split_limit),
        legislatures,
    };
    let (dir, searcher) = matching::open(&args.location, &args.parties)?;
    let trend = searcher.trend(&request, &options)?;
    messages::search_warnings(&trend.warnings)?;
    if let Some(path) = &args.chart {
        chart::write_chart(path, &chart_data(&trend, &request, args.lang))?;
        messages::note(format!("chart written to {}", path.display()));
    }

    let provenance = matching::provenance(&request, &dir);
    export::write(
        &args.output,
        &args.provenance,
        &provenance,
        &trend,
        |csv| write_csv(csv, &trend),
        |out| write_table(out, &trend, &request, terminal),
    )?;
    Ok(if trend.total > 0 {
        ExitCode::Success
    } else {
        ExitCode::Partial
    })
}

fn period(by: PeriodArg) -> Period {
    match by {
        PeriodArg::Year => Period::Year,
        PeriodArg::Quarter => Period::Quarter,
        PeriodArg::Month => Period::Month,
        PeriodArg::Legislature => Period::Legislature,
    }
}

/// A column of the split: its name and how to read its count from a period.
type SplitColumn = (String, Box<dyn Fn(&TrendPeriod) -> u64>);

/// The columns of the split: its values, then "other" and "(none)" when any period has them.
fn split_columns(trend: &Trend) -> Vec<SplitColumn> {
    let mut columns: Vec<SplitColumn> = Vec::new();
    if trend.split.is_none() {
        return columns;
    }
    for (n, value) in trend.split_values.iter().enumerate() {
        columns.push((
            value.clone(),
            Box::new(move |p| p.split.get(n).copied().unwrap_or(0)),
        ));
    }
    if trend.periods.iter().any(|p| p.other > 0) {
        columns.push(("other".to_string(), Box::new(|p| p.other)));
    }
    if trend.periods.iter().any(|p| p.without_value > 0) {
        columns.push(("(none)".to_string(), Box::new(|p| p.without_value)));
    }
    columns
}

/// `period,first_day,last_day,count[,value…]`: one row per period.
fn write_csv(writer: &mut CsvOut<'_>, trend: &Trend) -> anyhow::Result<()> {
    let columns = split_columns(trend);
    let mut header = vec![
        "period".to_string(),
        "first_day".to_string(),
        "last_day".to_string(),
        "count".to_string(),
    ];
    header.extend(columns.iter().map(|(name, _)| name.clone()));
    writer.write_record(&header)?;
    for period in &trend.periods {
        let mut row = vec![
            period.label.clone(),
            period.first_day.to_string(),
            period.last_day.to_string(),
            period.count.to_string(),
        ];
        row.extend(columns.iter().map(|(_, count)| count(period).to_string()));
        writer.write_record(&row)?;
    }
    Ok(())
}

fn write_table(
    out: &mut dyn Write,
    trend: &Trend,
    request: &SearchRequest,
    terminal: Terminal,
) -> anyhow::Result<()> {
    let subject = if request.text.trim().is_empty() {
        "all records".to_string()
    } else {
        format!("\"{}\"", escape::controls(request.text.trim(), false))
    };
    writeln!(
        out,
        "{subject}: {} {} per {}",
        thousands(trend.total as usize),
        if trend.total == 1 {
            "record"
        } else {
            "records"
        },
        trend.by
    )?;
    let label_width = trend
        .periods
        .iter()
        .map(|p| p.label.chars().count())
        .max()
        .unwrap_or(4);
    let count_width = trend
        .periods
        .iter()
        .map(|p| thousands(p.count as usize).len())
        .max()
        .unwrap_or(1);
    let columns = split_columns(trend);
    let split_width: usize = columns
        .iter()
        .map(|(name, _)| name.chars().count().max(5) + 2)
        .sum();
    let bar_width = match terminal.width {
        Some(width) => width
            .saturating_sub(label_width + count_width + split_width + 4)
            .clamp(10, 60),
        None => BAR_COLUMNS,
    };
    if !columns.is_empty() {
        write!(
            out,
            "{:label_width$}  {:bar_width$}  {:>count_width$}",
            "", "", ""
        )?;
        for (name, _) in &columns {
            let name = escape::controls(name, false);
            write!(out, "  {:>5}", name)?;
        }
        writeln!(out)?;
    }
    let max = trend.periods.iter().map(|p| p.count).max().unwrap_or(0);
    for period in &trend.periods {
        write!(
            out,
            "{:label_width$}  {:bar_width$}  {:>count_width$}",
            period.label,
            bar(period.count, max, bar_width),
            thousands(period.count as usize),
        )?;
        for (name, count) in &columns {
            let width = name.chars().count().max(5);
            write!(out, "  {:>width$}", thousands(count(period) as usize))?;
        }
        writeln!(out)?;
    }
    if trend.undated > 0 {
        writeln!(out, "without a date: {}", thousands(trend.undated as usize))?;
    }
    if trend.outside_periods > 0 {
        writeln!(
            out,
            "dated outside every legislature: {}",
            thousands(trend.outside_periods as usize)
        )?;
    }
    Ok(())
}

/// The words of a chart in one language.
struct Words {
    records: &'static str,
    period: fn(Period) -> &'static str,
    facet: fn(Facet) -> &'static str,
    per: &'static str,
    all: &'static str,
    index: &'static str,
    other: &'static str,
    none: &'static str,
    total: &'static str,
}

fn words(lang: LangArg) -> Words {
    match lang {
        LangArg::Nl => Words {
            records: "Aantal vragen",
            period: |by| match by {
                Period::Year => "jaar",
                Period::Quarter => "kwartaal",
                Period::Month => "maand",
                Period::Legislature => "legislatuur",
            },
            facet: |facet| match facet {
                Facet::Council => "gemeente",
                Facet::Party => "partij",
                Facet::Alderman => "schepen",
                Facet::Councillor => "raadslid",
                Facet::Topic => "thema",
                Facet::Kind => "soort",
                Facet::Year => "jaar",
            },
            per: "per",
            all: "alle vragen",
            index: "Index",
            other: "overige",
            none: "(geen)",
            total: "totaal",
        },
        LangArg::En => Words {
            records: "Records",
            period: |by| match by {
                Period::Year => "year",
                Period::Quarter => "quarter",
                Period::Month => "month",
                Period::Legislature => "legislature",
            },
            facet: Facet::as_str,
            per: "per",
            all: "all records",
            index: "Index",
            other: "other",
            none: "(none)",
            total: "total",
        },
    }
}

/// The chart of a trend: titled with the query and its filters, the index in the footnote.
fn chart_data(trend: &Trend, request: &SearchRequest, lang: LangArg) -> ChartData {
    let words = words(lang);
    let subject = if request.text.trim().is_empty() {
        words.all.to_string()
    } else {
        request.text.trim().to_string()
    };
    let mut title = format!("{subject} — {} {}", words.per, (words.period)(trend.by));
    if let Some(split) = trend.split {
        title.push_str(&format!(", {} {}", words.per, (words.facet)(split)));
    }
    let filters = filter_words(request);
    if !filters.is_empty() {
        title.push_str(&format!(" ({filters})"));
    }
    let mut series: Vec<Series> = if trend.split.is_some() {
        let mut series: Vec<Series> = trend
            .split_values
            .iter()
            .enumerate()
            .map(|(n, value)| Series {
                name: value.clone(),
                counts: trend
                    .periods
                    .iter()
                    .map(|p| p.split.get(n).copied().unwrap_or(0))
                    .collect(),
            })
            .collect();
        if trend.periods.iter().any(|p| p.other > 0) {
            series.push(Series {
                name: words.other.to_string(),
                counts: trend.periods.iter().map(|p| p.other).collect(),
            });
        }
        if trend.periods.iter().any(|p| p.without_value > 0) {
            series.push(Series {
                name: words.none.to_string(),
                counts: trend.periods.iter().map(|p| p.without_value).collect(),
            });
        }
        series
    } else {
        Vec::new()
    };
    if series.is_empty() {
        series.push(Series {
            name: words.total.to_string(),
            counts: trend.periods.iter().map(|p| p.count).collect(),
        });
    }
    let span = match (trend.index_first_date, trend.index_last_date) {
        (Some(first), Some(last)) => format!("{first} – {last}, "),
        _ => String::new(),
    };
    let records = thousands(trend.index_records as usize);
    let footnote = match lang {
        LangArg::Nl => format!(
            "{}: {span}{} vragen · {} treffers · raad",
            words.index,
            records.replace(',', "."),
            thousands(trend.total as usize).replace(',', ".")
        ),
        LangArg::En => format!(
            "{}: {span}{records} records · {} matches · raad",
            words.index,
            thousands(trend.total as usize)
        ),
    };
    let mut x_label = (words.period)(trend.by).to_string();
    if let Some(first) = x_label.get(..1) {
        x_label = first.to_uppercase() + &x_label[1..];
    }
    ChartData {
        title,
        periods: trend.periods.iter().map(|p| p.label.clone()).collect(),
        series,
        x_label,
        y_label: words.records.to_string(),
        footnote,
    }
}

/// The request's filters in a few words: `partij Groen, 2016–2018`.
fn filter_words(request: &SearchRequest) -> String {
    let filters = &request.filters;
    let mut parts = Vec::new();
    for (name, values) in [
        ("council", &filters.council),
        ("party", &filters.party),
        ("alderman", &filters.alderman),
        ("councillor", &filters.councillor),
        ("topic", &filters.topic),
        ("kind", &filters.kind),
    ] {
        if !values.is_empty() {
            parts.push(format!("{name}: {}", values.join(" / ")));
        }
    }
    match (filters.date_from, filters.date_to) {
        (Some(from), Some(to)) => parts.push(format!("{from} – {to}")),
        (Some(from), None) => parts.push(format!("≥ {from}")),
        (None, Some(to)) => parts.push(format!("≤ {to}")),
        (None, None) => {}
    }
    match filters.has_answer {
        Some(true) => parts.push("answered".to_string()),
        Some(false) => parts.push("unanswered".to_string()),
        None => {}
    }
    parts.join(", ")
}
