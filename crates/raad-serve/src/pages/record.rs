//! The record page, `/records/{id}`: the whole record at a stable URL to cite, with the
//! answer delay, where its topics came from, and similar records.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{html, Markup};
use raad_query::{Facet, Hit, Record};

use crate::api::only_params;
use crate::error::ApiError;
use crate::lang::Lang;
use crate::pages::{error_page, layout, Ctx};
use crate::state::App;
use crate::urls::{lang_pair, record_json, record_page, with_query};

/// Similar records listed under a record.
const SIMILAR: usize = 5;

/// `GET /records/{id}`. An id written another way (`2016 mv 146`) redirects to the record's
/// own id, so that every record has one URL.
pub(crate) async fn page(
    State(app): State<App>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let asked = match asked_lang(query.as_deref()) {
        Ok(asked) => asked,
        Err(error) => return error_page(Ctx::new(None, &headers), error),
    };
    let ctx = Ctx::new(asked, &headers);
    let requested = id.clone();
    let found = app
        .read(move |searcher| {
            let record = searcher.get(&id)?;
            let similar = searcher.similar(&record.qualified_id(), SIMILAR)?;
            Ok((record, similar))
        })
        .await;
    match found {
        Ok((record, _)) if record.qualified_id() != requested => {
            Redirect::permanent(&record_page(&record.qualified_id(), asked)).into_response()
        }
        Ok((record, similar)) => {
            let title = record.title.clone().unwrap_or_else(|| record.id.clone());
            let path = format!("/records/{}", crate::urls::segment(&record.qualified_id()));
            let body = render(ctx, &record, &similar);
            layout::page(ctx, &title, &path, &[], body).into_response()
        }
        Err(error) => error_page(ctx, error),
    }
}

/// `lang` is the one parameter of a record page.
fn asked_lang(query: Option<&str>) -> Result<Option<Lang>, ApiError> {
    let mut asked = None;
    for (_, value) in only_params(query, &["lang"])? {
        asked = Some(Lang::from_code(&value).ok_or_else(|| {
            ApiError::from(crate::params::ParamError::Invalid {
                name: "lang".to_string(),
                message: "takes `nl` or `en`".to_string(),
            })
        })?);
    }
    Ok(asked)
}

fn render(ctx: Ctx, record: &Record, similar: &[Hit]) -> Markup {
    let t = ctx.texts();
    let delay = match (record.date, record.answer_date) {
        (Some(asked), Some(answered)) => {
            Some(answered.days_since_epoch() - asked.days_since_epoch())
        }
        _ => None,
    };
    let citation = record_page(&record.qualified_id(), None);
    html! {
        p.back { a href=(with_query("/", &lang_pair(ctx.asked))) { "← " (t.back_to_search) } }
        article.record {
            h1 { (record.title.as_deref().unwrap_or(t.untitled)) }
            dl.fields {
                @if let Some(council) = &record.council { dt { (t.facet(Facet::Council)) } dd { (council) } }
                dt { (t.id) } dd.id { (record.id) }
                @if let Some(kind) = &record.kind { dt { (t.kind) } dd { (kind) } }
                @if let Some(date) = record.date { dt { (t.date) } dd { time datetime=(date) { (ctx.lang.date(date)) } } }
                @if !record.councillors.is_empty() {
                    dt { (t.asked_by) }
                    dd {
                        @for (i, councillor) in record.councillors.iter().enumerate() {
                            @if i > 0 { ", " }
                            (councillor.name)
                            @if let Some(party) = &councillor.party { " (" (party) ")" }
                        }
                    }
                }
                @if let Some(alderman) = &record.alderman { dt { (t.alderman) } dd { (alderman) } }
                @if !record.involved_aldermen.is_empty() {
                    dt { (t.involved) } dd { (record.involved_aldermen.join(", ")) }
                }
                @if !record.topics.is_empty() {
                    dt { (t.topics) } dd { (record.topics.join(", ")) }
                }
                @if let Some(source) = record.topic_source {
                    dt { (t.topic_source) } dd { (t.topic_source_name(source)) }
                }
                @if let Some(confidence) = record.topic_confidence {
                    dt { (t.topic_confidence) } dd { (format!("{confidence:.2}")) }
                }
                dt { (t.answer_date) }
                dd {
                    @match record.answer_date {
                        Some(date) => time datetime=(date) { (ctx.lang.date(date)) },
                        None => (t.unanswered),
                    }
                }
                @if let Some(days) = delay {
                    dt { (t.answer_delay) } dd { (days) " " (t.days) }
                }
                @if let Some(source) = &record.source {
                    dt { (t.source) } dd.source { (source) }
                }
            }
            @if let Some(question) = &record.question {
                section.text { h2 { (t.question) } (paragraphs(question)) }
            }
            @if let Some(answer) = &record.answer {
                section.text { h2 { (t.answer) } (paragraphs(answer)) }
            }
            p.cite {
                (t.cite) ": " a href=(citation) { code { (citation) } }
                " · " a href=(record_json(&record.qualified_id())) type="application/json" { (t.as_json) }
            }
        }
        section.similar aria-labelledby="similar" {
            h2 #similar { (t.similar) }
            @if similar.is_empty() {
                p { (t.no_similar) }
            } @else {
                ul {
                    @for hit in similar {
                        li {
                            a href=(record_page(&hit.qualified_id(), ctx.asked)) { (hit.title.as_deref().unwrap_or(t.untitled)) }
                            " " span.meta {
                                @if let Some(date) = hit.date { (ctx.lang.date(date)) " · " }
                                (hit.id)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Text split at blank lines into paragraphs (single line breaks are kept by the style).
fn paragraphs(text: &str) -> Markup {
    html! {
        @for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p { (paragraph) }
        }
    }
}
