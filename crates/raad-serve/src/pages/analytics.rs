//! The analytics on the page and in the API: the trend per period (`/trend`,
//! `/api/v1/trend`), answer statistics (`/answers`, `/api/v1/answers`), who asked most
//! (`/api/v1/top`) and overdue questions (`/api/v1/overdue`), over exactly the records a search
//! with the same parameters counts.
//!
//! Each takes the search's parameters (`q`, filters, `match`, `mode`) and a few of its own;
//! those are split off before the search's parameters are read, so a mistake in either names
//! the parameter.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use maud::{html, Markup};
use raad_query::analytics::{
    AnswerOptions, AnswerStats, Overdue, OverdueOptions, Period, TopValues, Trend, TrendOptions,
    DEFAULT_DEADLINE_DAYS, DEFAULT_EXAMPLES, DEFAULT_OVERDUE_DAYS,
};
use raad_query::{Date, Facet, Highlight, SearchRequest};

use crate::error::{ApiError, ErrorBody};
use crate::lang::Lang;
use crate::openapi::SearchQuery;
use crate::pages::{error_page, layout, Ctx};
use crate::params::{ParamError, SearchParams};
use crate::state::App;
use crate::urls::with_query;

/// The analytics pages in the navigation: path, Dutch label, English label.
pub(crate) const NAV: &[(&str, &str, &str)] = &[
    ("/trend", "Trend", "Trend"),
    ("/answers", "Antwoorden", "Answers"),
];

/// Split values a trend shows at most (the rest are added up as "other").
const SPLIT_VALUES: usize = 8;

/// The most split values one request may ask for.
const MAX_SPLIT_VALUES: usize = 50;

/// The analytics pages.
pub(crate) fn routes() -> Router<App> {
    Router::new()
        .route("/trend", get(trend_page))
        .route("/answers", get(answers_page))
}

/// The analytics endpoints, under `/api/v1`.
pub(crate) fn api_routes() -> Router<App> {
    Router::new()
        .route("/trend", get(trend_api))
        .route("/top", get(top_api))
        .route("/answers", get(answers_api))
        .route("/overdue", get(overdue_api))
}

/// A request's own parameters, split from the search's.
struct Own(Vec<(String, String)>);

impl Own {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_str())
    }

    fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, ParamError> {
        match self.get(name) {
            None | Some("") => Ok(default),
            Some(text) => text
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= max)
                .ok_or_else(|| invalid(name, format!("takes a number up to {max}"))),
        }
    }

    fn day(&self, name: &str) -> Result<Date, ParamError> {
        match self.get(name) {
            None | Some("") => Ok(Date::today()),
            Some(text) => {
                Date::parse_iso(text).ok_or_else(|| invalid(name, "takes a day as 2026-12-01"))
            }
        }
    }

    fn facet(&self, name: &str, default: Option<Facet>) -> Result<Option<Facet>, ParamError> {
        match self.get(name) {
            None | Some("") => Ok(default),
            Some("none") => Ok(None),
            Some(text) => text.parse::<Facet>().map(Some).map_err(|_| {
                invalid(
                    name,
                    "takes party, alderman, councillor, topic, kind, year or none",
                )
            }),
        }
    }

    fn period(&self) -> Result<Period, ParamError> {
        match self.get("by") {
            None | Some("") => Ok(Period::Year),
            Some(text) => text
                .parse::<Period>()
                .map_err(|_| invalid("by", "takes year, quarter, month or legislature")),
        }
    }
}

fn invalid(name: &str, message: impl Into<String>) -> ParamError {
    ParamError::Invalid {
        name: name.to_string(),
        message: message.into(),
    }
}

/// The search's parameters and the endpoint's own (`own`), read from one query string.
fn read(
    app: &App,
    query: Option<&str>,
    own: &[&str],
) -> Result<(SearchParams, SearchRequest, Own), ParamError> {
    let mut rest = form_urlencoded::Serializer::new(String::new());
    let mut mine = Vec::new();
    for (name, value) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if own.contains(&name.as_ref()) {
            mine.push((name.into_owned(), value.trim().to_string()));
        } else {
            rest.append_pair(&name, &value);
        }
    }
    let params = SearchParams::from_query(&rest.finish(), app.limits())?;
    let request = params.request(&[], Highlight::none());
    Ok((params, request, Own(mine)))
}

/// Which records a trend counts and how.
fn trend_options(own: &Own) -> Result<TrendOptions, ParamError> {
    Ok(TrendOptions {
        by: own.period()?,
        split: own.facet("split", None)?,
        split_limit: Some(own.number("split_limit", SPLIT_VALUES, MAX_SPLIT_VALUES)?),
        ..TrendOptions::default()
    })
}

fn answer_options(own: &Own) -> Result<AnswerOptions, ParamError> {
    Ok(AnswerOptions {
        by: own.facet("by", Some(Facet::Alderman))?,
        deadline_days: own.number("deadline", DEFAULT_DEADLINE_DAYS as usize, 3650)? as u32,
        as_of: own.day("as_of")?,
    })
}

const TREND_PARAMS: [&str; 3] = ["by", "split", "split_limit"];
const ANSWER_PARAMS: [&str; 3] = ["by", "deadline", "as_of"];

/// Matching records per period (`by`: year, quarter, month, legislature), split by a facet
/// (`split`), with empty periods as zeros; the search's parameters choose the records.
#[utoipa::path(get, path = "/api/v1/trend", params(SearchQuery, ("by" = Option<String>, Query, description = "year, quarter, month or legislature (default year)"), ("split" = Option<String>, Query, description = "party, alderman, councillor, topic, kind or none (default none)"), ("split_limit" = Option<String>, Query, description = "split values at most, the rest as other (default 8, at most 50)")), responses(
    (status = 200, description = "The figures", body = Trend),
    (status = 400, description = "A mistake in the query (with its column) or a parameter", body = ErrorBody),
    (status = 503, description = "The index is damaged", body = ErrorBody),
))]
pub(crate) async fn trend_api(
    State(app): State<App>,
    RawQuery(query): RawQuery,
) -> Result<Json<Trend>, ApiError> {
    let (_, request, own) = read(&app, query.as_deref(), &TREND_PARAMS)?;
    let options = trend_options(&own)?;
    Ok(Json(
        app.read(move |searcher| searcher.trend(&request, &options))
            .await?,
    ))
}

/// Who asked most: the values of `facet` (default councillor) among the matching records,
/// at most `limit` (default 10), each with `examples` ids.
#[utoipa::path(get, path = "/api/v1/top", params(SearchQuery, ("facet" = Option<String>, Query, description = "party, alderman, councillor, topic, kind or year (default councillor)"), ("limit" = Option<String>, Query, description = "values at most (default 10)"), ("examples" = Option<String>, Query, description = "example ids per value (default 3, at most 10)")), responses(
    (status = 200, description = "The figures", body = TopValues),
    (status = 400, description = "A mistake in the query (with its column) or a parameter", body = ErrorBody),
    (status = 503, description = "The index is damaged", body = ErrorBody),
))]
pub(crate) async fn top_api(
    State(app): State<App>,
    RawQuery(query): RawQuery,
) -> Result<Json<TopValues>, ApiError> {
    let (_, request, own) = read(&app, query.as_deref(), &["facet", "limit", "examples"])?;
    let facet = own
        .facet("facet", Some(Facet::Councillor))?
        .ok_or_else(|| {
            invalid(
                "facet",
                "takes party, alderman, councillor, topic, kind or year",
            )
        })?;
    let max = app.limits().max_limit;
    let limit = own.number("limit", 10.min(max), max)?;
    let examples = own.number("examples", DEFAULT_EXAMPLES, 10)?;
    Ok(Json(
        app.read(move |searcher| searcher.top_values(&request, facet, Some(limit), examples))
            .await?,
    ))
}

/// Answer statistics of the matching records per `by` (default alderman; `none` for one
/// group), with a `deadline` in days (30) as of `as_of` (today).
#[utoipa::path(get, path = "/api/v1/answers", params(SearchQuery, ("by" = Option<String>, Query, description = "party, alderman, councillor, topic, kind, year or none (default alderman)"), ("deadline" = Option<String>, Query, description = "days to answer (default 30)"), ("as_of" = Option<String>, Query, description = "the day the figures are as of, YYYY-MM-DD (default today)")), responses(
    (status = 200, description = "The figures", body = AnswerStats),
    (status = 400, description = "A mistake in the query (with its column) or a parameter", body = ErrorBody),
    (status = 503, description = "The index is damaged", body = ErrorBody),
))]
pub(crate) async fn answers_api(
    State(app): State<App>,
    RawQuery(query): RawQuery,
) -> Result<Json<AnswerStats>, ApiError> {
    let (_, request, own) = read(&app, query.as_deref(), &ANSWER_PARAMS)?;
    let options = answer_options(&own)?;
    Ok(Json(
        app.read(move |searcher| searcher.answer_stats(&request, &options))
            .await?,
    ))
}

/// Unanswered matching records older than `days` (60) as of `as_of` (today), oldest first, at
/// most `limit`.
#[utoipa::path(get, path = "/api/v1/overdue", params(SearchQuery, ("days" = Option<String>, Query, description = "unanswered for more than this many days (default 60)"), ("as_of" = Option<String>, Query, description = "the day counted from, YYYY-MM-DD (default today)"), ("limit" = Option<String>, Query, description = "records listed at most, the oldest (default and most: the search limit)")), responses(
    (status = 200, description = "The figures", body = Overdue),
    (status = 400, description = "A mistake in the query (with its column) or a parameter", body = ErrorBody),
    (status = 503, description = "The index is damaged", body = ErrorBody),
))]
pub(crate) async fn overdue_api(
    State(app): State<App>,
    RawQuery(query): RawQuery,
) -> Result<Json<Overdue>, ApiError> {
    let (_, request, own) = read(&app, query.as_deref(), &["days", "as_of", "limit"])?;
    let max = app.limits().max_limit;
    let options = OverdueOptions {
        days: own.number("days", DEFAULT_OVERDUE_DAYS as usize, 36_500)? as u32,
        as_of: own.day("as_of")?,
        limit: Some(own.number("limit", max, max)?),
    };
    Ok(Json(
        app.read(move |searcher| searcher.overdue(&request, &options))
            .await?,
    ))
}

/// Dutch or English.
fn say(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::Nl {
        nl
    } else {
        en
    }
}

fn facet_name(lang: Lang, facet: Facet) -> &'static str {
    match facet {
        Facet::Council => say(lang, "gemeente", "council"),
        Facet::Party => say(lang, "partij", "party"),
        Facet::Alderman => say(lang, "schepen", "alderman"),
        Facet::Councillor => say(lang, "raadslid", "councillor"),
        Facet::Topic => say(lang, "thema", "topic"),
        Facet::Kind => say(lang, "soort", "kind"),
        Facet::Year => say(lang, "jaar", "year"),
    }
}

fn period_name(lang: Lang, period: Period) -> &'static str {
    match period {
        Period::Year => say(lang, "jaar", "year"),
        Period::Quarter => say(lang, "kwartaal", "quarter"),
        Period::Month => say(lang, "maand", "month"),
        Period::Legislature => say(lang, "legislatuur", "legislature"),
    }
}

/// The search box of an analytics page, with its own options, keeping the other filters.
fn form(ctx: Ctx, action: &str, params: &SearchParams, own: &Own, options: Markup) -> Markup {
    let t = ctx.texts();
    html! {
        form.search method="get" action=(action) role="search" {
            label for="q" { (t.search_label) }
            input #q type="search" name="q" value=(params.q);
            (options)
            @for (name, value) in params.search_pairs() {
                @if name != "q" {
                    input type="hidden" name=(name) value=(value);
                }
            }
            @for (name, value) in &own.0 {
                @if !["by", "split", "deadline", "as_of"].contains(&name.as_str()) {
                    input type="hidden" name=(name) value=(value);
                }
            }
            @if let Some(lang) = ctx.asked {
                input type="hidden" name="lang" value=(lang.code());
            }
            button type="submit" { (t.search_button) }
        }
    }
}

fn select(id: &str, label: &str, chosen: &str, choices: &[(&'static str, &'static str)]) -> Markup {
    html! {
        label for=(id) { (label) }
        select #(id) name=(id) {
            @for (value, shown) in choices {
                option value=(value) selected[*value == chosen] { (shown) }
            }
        }
    }
}

/// URL parameters as name and value.
type Pairs = Vec<(&'static str, String)>;

/// The search's pairs (without its order) for links to the search, and the same with the
/// page's own parameters `names` for links to this page and its JSON.
fn link_pairs(params: &SearchParams, own: &Own, names: &[&'static str]) -> (Pairs, Pairs) {
    let mut pairs = params.search_pairs();
    pairs.retain(|(name, _)| *name != "sort");
    let mut own_pairs = pairs.clone();
    for (name, value) in &own.0 {
        if let Some(name) = names.iter().find(|n| **n == name.as_str()) {
            own_pairs.push((name, value.clone()));
        }
    }
    (pairs, own_pairs)
}

/// `/trend`: the trend as a table, a bar per period (a `meter`: no script, no style from
/// the data), the split values as columns.
pub(crate) async fn trend_page(
    State(app): State<App>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let (params, request, own) = match read(&app, query.as_deref(), &TREND_PARAMS) {
        Ok(read) => read,
        Err(error) => return error_page(Ctx::new(None, &headers), error.into()),
    };
    let ctx = Ctx::new(params.lang, &headers);
    let options = match trend_options(&own) {
        Ok(options) => options,
        Err(error) => return error_page(ctx, error.into()),
    };
    let trend = match app
        .read(move |searcher| searcher.trend(&request, &options))
        .await
    {
        Ok(trend) => trend,
        Err(error) => return error_page(ctx, error),
    };
    let lang = ctx.lang;
    let by = own.get("by").unwrap_or("year");
    let split = own.get("split").unwrap_or("none");
    let choices_by: [(&str, &str); 4] = [
        ("year", period_name(lang, Period::Year)),
        ("quarter", period_name(lang, Period::Quarter)),
        ("month", period_name(lang, Period::Month)),
        ("legislature", period_name(lang, Period::Legislature)),
    ];
    let choices_split: [(&str, &str); 6] = [
        ("none", say(lang, "niet opsplitsen", "no split")),
        ("party", facet_name(lang, Facet::Party)),
        ("alderman", facet_name(lang, Facet::Alderman)),
        ("councillor", facet_name(lang, Facet::Councillor)),
        ("topic", facet_name(lang, Facet::Topic)),
        ("kind", facet_name(lang, Facet::Kind)),
    ];
    let options = html! {
        (select("by", say(lang, "Per", "Per"), by, &choices_by))
        (select("split", say(lang, "Opgesplitst per", "Split by"), split, &choices_split))
    };
    let (pairs, own_pairs) = link_pairs(&params, &own, &TREND_PARAMS);
    let max = trend.periods.iter().map(|p| p.count).max().unwrap_or(0);
    let title = say(lang, "Trend", "Trend");
    let body = html! {
        h1 { (title) }
        (form(ctx, "/trend", &params, &own, options))
        p.total role="status" {
            strong { (trend.total) } " "
            (if trend.total == 1 { ctx.texts().record } else { ctx.texts().records })
            " · " a href=(with_query("/", &pairs)) { (say(lang, "toon ze", "show them")) }
            " · " a href=(with_query("/api/v1/trend", &own_pairs)) { "JSON" }
        }
        table.trend {
            caption { (say(lang, "Aantal vragen per ", "Records per ")) (period_name(lang, trend.by)) }
            thead {
                tr {
                    th scope="col" { (period_name(lang, trend.by)) }
                    th scope="col" { (say(lang, "aantal", "records")) }
                    th scope="col" { span.visually-hidden { (say(lang, "balk", "bar")) } }
                    @for value in &trend.split_values { th scope="col" { (value) } }
                    @if trend.periods.iter().any(|p| p.other > 0) { th scope="col" { (say(lang, "overige", "other")) } }
                }
            }
            tbody {
                @for period in &trend.periods {
                    tr {
                        th scope="row" { (period.label) }
                        td.num { (period.count) }
                        td { meter min="0" max=(max.max(1)) value=(period.count) { (period.count) } }
                        @for count in &period.split { td.num { (count) } }
                        @if trend.periods.iter().any(|p| p.other > 0) { td.num { (period.other) } }
                    }
                }
            }
        }
        @if trend.undated > 0 {
            p { (say(lang, "Zonder datum: ", "Without a date: ")) (trend.undated) }
        }
        @for warning in &trend.warnings {
            @let raad_query::Warning::UnknownFilterValue { facet, value, .. } = warning;
            p.warning role="alert" { (ctx.texts().unknown_value) " " (facet_name(lang, *facet)) ": " (value) }
        }
    };
    (
        StatusCode::OK,
        layout::page(ctx, title, "/trend", &own_pairs, body),
    )
        .into_response()
}

/// `/answers`: answer statistics per alderman (or party, topic, kind).
pub(crate) async fn answers_page(
    State(app): State<App>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let (params, request, own) = match read(&app, query.as_deref(), &ANSWER_PARAMS) {
        Ok(read) => read,
        Err(error) => return error_page(Ctx::new(None, &headers), error.into()),
    };
    let ctx = Ctx::new(params.lang, &headers);
    let options = match answer_options(&own) {
        Ok(options) => options,
        Err(error) => return error_page(ctx, error.into()),
    };
    let stats = match app
        .read(move |searcher| searcher.answer_stats(&request, &options))
        .await
    {
        Ok(stats) => stats,
        Err(error) => return error_page(ctx, error),
    };
    let lang = ctx.lang;
    let by = own.get("by").unwrap_or("alderman");
    let choices: [(&str, &str); 6] = [
        ("alderman", facet_name(lang, Facet::Alderman)),
        ("party", facet_name(lang, Facet::Party)),
        ("topic", facet_name(lang, Facet::Topic)),
        ("kind", facet_name(lang, Facet::Kind)),
        ("councillor", facet_name(lang, Facet::Councillor)),
        ("none", say(lang, "alles samen", "all together")),
    ];
    let deadline = stats.deadline_days.to_string();
    let options = html! {
        (select("by", say(lang, "Per", "By"), by, &choices))
        label for="deadline" { (say(lang, "Termijn (dagen)", "Deadline (days)")) }
        input #deadline type="number" name="deadline" min="0" max="3650" value=(deadline);
    };
    let (_, own_pairs) = link_pairs(&params, &own, &ANSWER_PARAMS);
    let title = say(lang, "Antwoorden", "Answers");
    let days = |value: Option<f64>| value.map(|v| format!("{v}")).unwrap_or("–".into());
    let share = |value: Option<f64>| {
        value
            .map(|v| format!("{:.0}%", v * 100.0))
            .unwrap_or("–".into())
    };
    let row = |name: &str, group: &raad_query::analytics::AnswerGroup| {
        html! {
            tr {
                th scope="row" { (name) }
                td.num { (group.asked) }
                td.num { (group.answered) }
                td.num { (group.unanswered) }
                td.num { (group.overdue) }
                td.num { (days(group.median_days)) }
                td.num { (days(group.p90_days)) }
                td.num { (share(group.within_deadline_share)) }
            }
        }
    };
    let body = html! {
        h1 { (title) }
        (form(ctx, "/answers", &params, &own, options))
        p role="status" {
            (say(lang, "Stand op ", "As of ")) (lang.date(stats.as_of))
            (say(lang, ", termijn ", ", deadline ")) (stats.deadline_days) (say(lang, " dagen", " days"))
            " · " a href=(with_query("/api/v1/answers", &own_pairs)) { "JSON" }
        }
        table.answers {
            caption {
                (say(lang, "Op tijd: het deel van de vragen die beantwoord moesten zijn (beantwoord, of onbeantwoord na de termijn) dat binnen de termijn beantwoord is.",
                    "On time: the share of the questions that were due (answered, or unanswered past the deadline) answered within the deadline."))
            }
            thead {
                tr {
                    th scope="col" { (stats.by.map_or(say(lang, "groep", "group"), |by| facet_name(lang, by))) }
                    th scope="col" { (say(lang, "gesteld", "asked")) }
                    th scope="col" { (say(lang, "beantwoord", "answered")) }
                    th scope="col" { (say(lang, "onbeantwoord", "unanswered")) }
                    th scope="col" { (say(lang, "te laat", "overdue")) }
                    th scope="col" { (say(lang, "mediaan (dagen)", "median (days)")) }
                    th scope="col" { (say(lang, "p90 (dagen)", "p90 (days)")) }
                    th scope="col" { (say(lang, "op tijd", "on time")) }
                }
            }
            tbody {
                @for group in &stats.groups {
                    (row(group.value.as_deref().unwrap_or(say(lang, "(geen)", "(none)")), group))
                }
                (row(say(lang, "alle", "all"), &stats.all))
            }
        }
        @if !stats.answer_before_question.is_empty() {
            h2 { (say(lang, "Antwoord gedateerd vóór de vraag (apart geteld)", "Answer dated before the question (counted apart)")) }
            ul {
                @for early in &stats.answer_before_question {
                    li { a href=(with_query(format!("/records/{}", early.id), &crate::urls::lang_pair(ctx.asked))) { (early.id) } }
                }
            }
        }
    };
    (
        StatusCode::OK,
        layout::page(ctx, title, "/answers", &own_pairs, body),
    )
        .into_response()
}
