//! Queries combined: unions, intersections, boosts, filters that do not score, and the whole
//! query of a search.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

use super::{FilterQueries, TextPlan};

pub(super) fn term_query(field: Field, text: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    )
}

pub(super) fn boosted(query: Box<dyn Query>, boost: Score) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

pub(super) fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    match queries.len() {
        0 => Box::new(EmptyQuery),
        1 => queries.remove(0),
        _ => Box::new(BooleanQuery::new(
            queries.into_iter().map(|q| (Occur::Should, q)).collect(),
        )),
    }
}

/// A filter never changes scores: it only keeps or drops records.
pub(crate) fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// The whole query: the text plan and every filter.
pub(crate) fn assemble(plan: &TextPlan, filters: &FilterQueries) -> Box<dyn Query> {
    assemble_with(plan, filters, true)
}

/// The text plan and the filters that belong to no facet: what [`crate::facet_counter`]
/// counts over, checking the facet filters itself.
pub(crate) fn assemble_without_facet_filters(
    plan: &TextPlan,
    filters: &FilterQueries,
) -> Box<dyn Query> {
    assemble_with(plan, filters, false)
}

/// The whole query with `scored` in place of the plan's ranked queries (the nearest records'
/// query, see [`crate::nearest`]).
pub(crate) fn assemble_scored(
    plan: &TextPlan,
    filters: &FilterQueries,
    scored: Box<dyn Query>,
) -> Box<dyn Query> {
    assemble_parts(plan, filters, true, Some(scored.as_ref()))
}

fn assemble_with(plan: &TextPlan, filters: &FilterQueries, facet_filters: bool) -> Box<dyn Query> {
    assemble_parts(plan, filters, facet_filters, plan.scored.as_deref())
}

fn assemble_parts(
    plan: &TextPlan,
    filters: &FilterQueries,
    facet_filters: bool,
    scored: Option<&dyn Query>,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let filter_queries = filters
        .by_facet
        .iter()
        .filter(|_| facet_filters)
        .map(|(_, query)| query)
        .chain(&filters.other)
        .chain(&plan.must);
    for query in filter_queries {
        clauses.push((Occur::Must, unscored(query.box_clone())));
    }
    for query in &plan.must_not {
        clauses.push((Occur::MustNot, query.box_clone()));
    }
    match scored {
        Some(scored) if clauses.is_empty() => scored.box_clone(),
        Some(scored) => {
            clauses.push((Occur::Must, scored.box_clone()));
            Box::new(BooleanQuery::new(clauses))
        }
        None => {
            if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
    }
}
