//! The search page, `/`: the form, the exact count, facets, filter chips, hits, paging,
//! suggestions, warnings and downloads. Every control is a link or a form field.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};
use raad_query::{
    Facet, FacetCount, Highlight, Hit, HitsFrom, MatchMode, SearchResults, Sort, Warning,
};

use crate::error::ApiError;
use crate::lang::Texts;
use crate::marked::marked;
use crate::pages::{error_page, layout, Ctx};
use crate::params::{ListFilter, SearchParams};
use crate::state::App;
use crate::urls::{record_page, with_query};

/// Hits per page when the URL does not say.
const PAGE_SIZE: usize = 20;

/// Values shown per facet (the most frequent).
const FACET_VALUES: usize = 10;

/// `GET /`.
pub(crate) async fn page(
    State(app): State<App>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = match SearchParams::from_query(query.as_deref().unwrap_or(""), app.limits()) {
        Ok(params) => params,
        Err(error) => return error_page(Ctx::new(None, &headers), error.into()),
    };
    let ctx = Ctx::new(params.lang, &headers);
    let mut request = params.request(&Facet::ALL, Highlight::none());
    request.limit = Some(params.limit.unwrap_or(PAGE_SIZE));
    request.facet_limit = Some(params.facet_limit.unwrap_or(FACET_VALUES));
    let view = View {
        ctx,
        params: &params,
        limit: params.limit.unwrap_or(PAGE_SIZE),
        max_offset: app.limits().max_offset,
        max_query_chars: app.limits().max_query_chars,
    };
    match app.read(move |searcher| searcher.search(&request)).await {
        Ok(results) => view.render(Some(&results), None, StatusCode::OK),
        // A mistake in the query: the form again, with what to fix.
        Err(error) if error.status == StatusCode::BAD_REQUEST => {
            view.render(None, Some(&error), StatusCode::BAD_REQUEST)
        }
        Err(error) => error_page(ctx, error),
    }
}

/// One rendering of the page.
struct View<'a> {
    ctx: Ctx,
    params: &'a SearchParams,
    limit: usize,
    /// The deepest offset a request may ask for: no link leads past it.
    max_offset: usize,
    /// The longest query, for the search box.
    max_query_chars: usize,
}

impl View<'_> {
    fn t(&self) -> &'static Texts {
        self.ctx.texts()
    }

    fn render(
        &self,
        results: Option<&SearchResults>,
        error: Option<&ApiError>,
        status: StatusCode,
    ) -> Response {
        let t = self.t();
        let title = if self.params.q.is_empty() {
            t.title.to_string()
        } else {
            format!("{} — {}", self.params.q, t.title)
        };
        let mut pairs = self.params.search_pairs();
        if self.params.offset > 0 {
            pairs.push(("offset", self.params.offset.to_string()));
        }
        let body = html! {
            h1 { (t.title) }
            (self.form())
            @if let Some(error) = error {
                div.error role="alert" {
                    strong { (t.error) ": " }
                    (error.message)
                    @if let Some(column) = error.column { " (" (t.column) " " (column) ")" }
                }
            }
            (self.chips())
            @if let Some(results) = results {
                (self.notices(results))
                (self.results(results))
            }
        };
        (status, layout::page(self.ctx, &title, "/", &pairs, body)).into_response()
    }

    /// The URL of the search these parameters describe (first page).
    fn url(&self, params: &SearchParams) -> String {
        let mut pairs = params.search_pairs();
        pairs.extend(crate::urls::lang_pair(self.ctx.asked));
        with_query("/", &pairs)
    }

    fn form(&self) -> Markup {
        let t = self.t();
        let p = self.params;
        html! {
            form.search role="search" method="get" action="/" {
                div.query {
                    label for="q" { (t.search_label) }
                    div.row {
                        input #q type="search" name="q" value=(p.q)
                            maxlength=(self.max_query_chars) aria-describedby="q-help" autocomplete="off";
                        button type="submit" { (t.search_button) }
                    }
                    p #q-help .help { (t.search_help) }
                }
                div.options {
                    div.check {
                        input #any type="checkbox" name="match" value="any" checked[p.any];
                        label for="any" { (t.any_word) span.note { " — " (t.any_word_note) } }
                    }
                    div.field {
                        label for="from" { (t.date_from) }
                        input #from type="text" name="from" value=[p.from.as_deref()]
                            placeholder="2016" inputmode="numeric" size="10"
                            aria-describedby="date-help";
                    }
                    div.field {
                        label for="to" { (t.date_to) }
                        input #to type="text" name="to" value=[p.to.as_deref()]
                            placeholder="2018-06" inputmode="numeric" size="10"
                            aria-describedby="date-help";
                    }
                    p #date-help .help { (t.date_help) }
                    div.field {
                        label for="sort" { (t.sort_label) }
                        select #sort name="sort" {
                            @for (sort, value) in [(Sort::Relevance, "relevance"), (Sort::Newest, "newest"), (Sort::Oldest, "oldest")] {
                                option value=(value) selected[p.sort == sort] { (t.sort(sort)) }
                            }
                        }
                    }
                }
                // The filters chosen from facets stay when the query changes.
                @for filter in ListFilter::ALL {
                    @for value in p.list(filter) {
                        input type="hidden" name=(filter.param()) value=(value);
                    }
                }
                @for source in &p.topic_source {
                    input type="hidden" name="topic_source" value=(source.as_str());
                }
                @if p.involved { input type="hidden" name="involved" value="true"; }
                @if let Some(answered) = p.answered {
                    input type="hidden" name="answered" value=(answered);
                }
                @if p.plain { input type="hidden" name="mode" value="plain"; }
                @if let Some(lang) = self.ctx.asked {
                    input type="hidden" name="lang" value=(lang.code());
                }
            }
        }
    }

    /// The active filters, each a link that removes it.
    fn chips(&self) -> Markup {
        let t = self.t();
        let p = self.params;
        let mut chips: Vec<(String, String)> = Vec::new();
        for filter in ListFilter::ALL {
            for value in p.list(filter) {
                let mut without = p.clone();
                without.lists[filter as usize].retain(|v| v != value);
                chips.push((
                    format!("{}: {value}", t.facet(filter.facet())),
                    self.url(&without),
                ));
            }
        }
        if let Some(from) = &p.from {
            let without = SearchParams {
                from: None,
                ..p.clone()
            };
            chips.push((format!("{}: {from}", t.date_from), self.url(&without)));
        }
        if let Some(to) = &p.to {
            let without = SearchParams {
                to: None,
                ..p.clone()
            };
            chips.push((format!("{}: {to}", t.date_to), self.url(&without)));
        }
        for source in &p.topic_source {
            let mut without = p.clone();
            without.topic_source.retain(|s| s != source);
            chips.push((
                format!("{}: {}", t.topic_source, t.topic_source_name(*source)),
                self.url(&without),
            ));
        }
        if let Some(answered) = p.answered {
            let without = SearchParams {
                answered: None,
                ..p.clone()
            };
            let label = if answered { t.answer } else { t.unanswered };
            chips.push((label.to_string(), self.url(&without)));
        }
        if chips.is_empty() {
            return html! {};
        }
        let cleared = SearchParams {
            q: p.q.clone(),
            any: p.any,
            plain: p.plain,
            sort: p.sort,
            ..SearchParams::default()
        };
        html! {
            section.chips aria-label=(t.filters) {
                h2.visually-hidden { (t.filters) }
                ul {
                    @for (label, url) in &chips {
                        li {
                            a.chip href=(url) aria-label={ (t.remove_filter) ": " (label) } {
                                (label) span aria-hidden="true" { " ✕" }
                            }
                        }
                    }
                    @if chips.len() > 1 {
                        li { a href=(self.url(&cleared)) { (t.clear_filters) } }
                    }
                }
            }
        }
    }

    /// Did you mean, unknown filter values, nearest records.
    fn notices(&self, results: &SearchResults) -> Markup {
        let t = self.t();
        html! {
            @for suggestion in &results.suggestions {
                p.suggestion {
                    (t.did_you_mean) ": "
                    a href=(self.url(&SearchParams { q: suggestion.query.clone(), ..self.params.clone() })) {
                        (suggestion.term)
                    }
                    " (" (t.count(usize::try_from(suggestion.records).unwrap_or(usize::MAX))) ")?"
                }
            }
            @for warning in &results.warnings {
                @match warning {
                    Warning::UnknownFilterValue { facet, value, closest } => {
                        p.warning role="status" {
                            (t.facet(*facet)) " “" (value) "”: " (t.unknown_value)
                            @if !closest.is_empty() {
                                "; " (t.closest_values) ": "
                                @for (i, count) in closest.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    (self.replacement(*facet, value, count))
                                }
                            }
                            "."
                        }
                    }
                }
            }
            @if results.hits_from == HitsFrom::Nearest {
                @if let Some(nearest) = &results.nearest {
                    p.warning role="status" {
                        (t.nearest) " " (nearest.missing.join(", "))
                    }
                }
            }
        }
    }

    /// A closest value: a link that puts it in place of the unknown value when that value
    /// came from a facet filter, else the value as text.
    fn replacement(&self, facet: Facet, unknown: &str, count: &FacetCount) -> Markup {
        let label = html! { (count.value) " (" (count.count) ")" };
        let Some(filter) = ListFilter::of_facet(facet) else {
            return label;
        };
        if !self.params.list(filter).iter().any(|v| v == unknown) {
            return label;
        }
        let mut replaced = self.params.clone();
        let values = &mut replaced.lists[filter as usize];
        values.retain(|v| v != unknown);
        values.push(count.value.clone());
        html! { a href=(self.url(&replaced)) { (label) } }
    }

    fn results(&self, results: &SearchResults) -> Markup {
        let t = self.t();
        let any = results.matching == MatchMode::Any;
        html! {
            div.layout {
                section.results aria-labelledby="total" {
                    h2 #total .total {
                        (t.count(results.total))
                        @if any { " " span.note { "(" (t.any_word) ")" } }
                    }
                    (self.downloads())
                    @if !results.hits.is_empty() {
                        ol.hits start=(self.params.offset + 1) {
                            @for hit in &results.hits { li { (self.hit(hit)) } }
                        }
                    }
                    (self.paging(results))
                }
                (self.facets(results))
            }
        }
    }

    fn downloads(&self) -> Markup {
        let t = self.t();
        let pairs = self.params.search_pairs();
        let mut excel = pairs.clone();
        excel.push(("excel", "true".to_string()));
        let mut json = pairs.clone();
        json.push(("offset", self.params.offset.to_string()));
        json.push(("limit", self.limit.to_string()));
        html! {
            p.downloads {
                (t.download) ": "
                a href=(with_query("/api/v1/search.csv", &pairs)) download { (t.download_csv) }
                " · "
                a href=(with_query("/api/v1/search.csv", &excel)) download { (t.download_excel) }
                " · "
                a href=(with_query("/api/v1/search", &json)) type="application/json" { (t.download_json) }
            }
        }
    }

    fn hit(&self, hit: &Hit) -> Markup {
        let t = self.t();
        html! {
            article.hit {
                h3 {
                    a href=(record_page(&hit.qualified_id(), self.ctx.asked)) {
                        (hit.title.as_deref().unwrap_or(t.untitled))
                    }
                }
                p.meta {
                    @if let Some(date) = hit.date { time datetime=(date) { (self.ctx.lang.date(date)) } " · " }
                    @if let Some(kind) = &hit.kind { (kind) " · " }
                    @if let Some(council) = &hit.council { (council) " · " }
                    span.id { (hit.id) }
                }
                @if !hit.councillors.is_empty() {
                    p.people {
                        (t.asked_by) ": "
                        @for (i, councillor) in hit.councillors.iter().enumerate() {
                            @if i > 0 { ", " }
                            (councillor.name)
                            @if let Some(party) = &councillor.party { " (" (party) ")" }
                        }
                        @if let Some(alderman) = &hit.alderman {
                            " · " (t.alderman) ": " (alderman)
                        }
                    }
                } @else if let Some(alderman) = &hit.alderman {
                    p.people { (t.alderman) ": " (alderman) }
                }
                @if !hit.topics.is_empty() {
                    p.topics {
                        (t.topics) ": " (hit.topics.join(", "))
                        @if let Some(source) = hit.topic_source {
                            " " span.source { "(" (t.topic_source_name(source)) ")" }
                        }
                    }
                }
                @if !hit.fragment.text.is_empty() {
                    p.snippet { (marked(&hit.fragment)) }
                }
            }
        }
    }

    fn paging(&self, results: &SearchResults) -> Markup {
        let t = self.t();
        if results.hits_from == HitsFrom::Nearest || results.total <= self.limit {
            return html! {};
        }
        let limit = self.limit.max(1);
        let offset = self.params.offset;
        let pages = results.total.div_ceil(limit);
        let current = offset / limit + 1;
        let at = |offset: usize| {
            let mut pairs = self.params.search_pairs();
            if offset > 0 {
                pairs.push(("offset", offset.to_string()));
            }
            if self.params.limit.is_some() {
                pairs.push(("limit", limit.to_string()));
            }
            pairs.extend(crate::urls::lang_pair(self.ctx.asked));
            with_query("/", &pairs)
        };
        html! {
            nav.paging aria-label=(t.page) {
                @if offset > 0 {
                    a rel="prev" href=(at(offset.saturating_sub(limit))) { "← " (t.previous) }
                }
                span { (t.page) " " (current) " " (t.of) " " (pages) }
                @if offset + limit < results.total && offset + limit <= self.max_offset {
                    a rel="next" href=(at(offset + limit)) { (t.next) " →" }
                }
            }
        }
    }

    /// Every facet with its counts; each value a link that adds or removes it as a filter.
    fn facets(&self, results: &SearchResults) -> Markup {
        let t = self.t();
        html! {
            aside.facets aria-label=(t.filters) {
                h2.visually-hidden { (t.filters) }
                @for facet in Facet::ALL {
                    @if let Some(counts) = results.facets.get(&facet).filter(|c| !c.is_empty()) {
                        section.facet {
                            h3 { (t.facet(facet)) }
                            ul {
                                @for count in counts {
                                    @let (active, url) = self.toggle(facet, &count.value);
                                    li {
                                        a href=(url) class=[active.then_some("active")] aria-current=[active.then_some("true")] {
                                            span.box aria-hidden="true" { @if active { "☑" } @else { "☐" } }
                                            " " span.value { (count.value) }
                                            " " span.count { (count.count) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whether a facet value is an active filter, and the URL that toggles it.
    fn toggle(&self, facet: Facet, value: &str) -> (bool, String) {
        let mut next = self.params.clone();
        let active = match ListFilter::of_facet(facet) {
            Some(filter) => {
                let values = &mut next.lists[filter as usize];
                let before = values.len();
                values.retain(|v| !v.eq_ignore_ascii_case(value));
                let active = values.len() < before;
                if !active {
                    values.push(value.to_string());
                }
                active
            }
            None => {
                // The year is a date range of one year.
                let active =
                    next.from.as_deref() == Some(value) && next.to.as_deref() == Some(value);
                if active {
                    next.from = None;
                    next.to = None;
                } else {
                    next.from = Some(value.to_string());
                    next.to = Some(value.to_string());
                }
                active
            }
        };
        (active, self.url(&next))
    }
}
