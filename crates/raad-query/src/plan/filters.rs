//! Filters: field filters and dates written in the query text, and the request's filters,
//! one query per filter so that facet counting can leave one out.

use std::ops::Bound;

use raad_core::document::{facet, to_datetime};
use raad_core::id::id_key;
use raad_core::{Date, Facet, RaadSchema, TopicSource};
use tantivy::query::{AllQuery, EmptyQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::compose::any_of;
use super::Planner;
use crate::error::Result;
use crate::facet_counter::FacetFilter;
use crate::facet_values::resolve;
use crate::key_queries::topic_source_query;
use crate::parse::{Item, QueryField};
use crate::request::{AldermanScope, Filters};

impl Planner<'_> {
    /// A field filter or date range written in the text.
    pub(super) fn field_item(
        &mut self,
        item: &Item,
        alderman_scope: AldermanScope,
    ) -> Result<Box<dyn Query>> {
        match item {
            Item::Field { field, value } => {
                if *field == QueryField::Id {
                    return Ok(Box::new(TermQuery::new(
                        Term::from_field_text(self.schema.id, &id_key(value)),
                        IndexRecordOption::Basic,
                    )));
                }
                if *field == QueryField::TopicSource {
                    let sources: Vec<TopicSource> =
                        TopicSource::from_name(value).into_iter().collect();
                    return Ok(topic_source_filter(self.schema, &sources));
                }
                let facet_field = match field {
                    QueryField::Party => self.schema.party,
                    QueryField::Alderman => alderman_field(self.schema, alderman_scope),
                    QueryField::Councillor => self.schema.councillor,
                    QueryField::Topic => self.schema.topic,
                    QueryField::Kind | QueryField::Id | QueryField::TopicSource => self.schema.kind,
                };
                facet_filter(self.searcher, facet_field, std::slice::from_ref(value))
            }
            Item::DateRange { from, to } => Ok(date_filter(self.schema, *from, *to)),
            _ => Ok(Box::new(EmptyQuery)),
        }
    }
}

fn alderman_field(schema: &RaadSchema, scope: AldermanScope) -> Field {
    match scope {
        AldermanScope::Responsible => schema.alderman,
        AldermanScope::ResponsibleOrInvolved => schema.aldermen_any,
    }
}

/// Records with one of the values (resolved leniently against the values in the index).
fn facet_filter(searcher: &Searcher, field: Field, values: &[String]) -> Result<Box<dyn Query>> {
    let resolved = resolve(searcher, field, values)?;
    Ok(resolved_facet_filter(field, &resolved))
}

/// Records with one of the values as they are in the index.
fn resolved_facet_filter(field: Field, resolved: &[String]) -> Box<dyn Query> {
    any_of(
        resolved
            .iter()
            .map(|value| {
                Box::new(TermQuery::new(
                    Term::from_facet(field, &facet(value)),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            })
            .collect(),
    )
}

/// Records whose topics came from one of `sources`.
fn topic_source_filter(schema: &RaadSchema, sources: &[TopicSource]) -> Box<dyn Query> {
    any_of(
        sources
            .iter()
            .map(|&source| Box::new(topic_source_query(schema, source)) as Box<dyn Query>)
            .collect(),
    )
}

fn date_filter(schema: &RaadSchema, from: Option<Date>, to: Option<Date>) -> Box<dyn Query> {
    let bound = |date: Option<Date>| match date {
        Some(date) => Bound::Included(Term::from_field_date_for_search(
            schema.date,
            to_datetime(date),
        )),
        None => Bound::Unbounded,
    };
    if from.is_none() && to.is_none() {
        return Box::new(AllQuery);
    }
    Box::new(RangeQuery::new(bound(from), bound(to)))
}

/// The request's filters as queries, one per filter, so facet counting can leave one out.
pub(crate) struct FilterQueries {
    /// Filters that belong to a facet: (facet, query).
    pub by_facet: Vec<(Facet, Box<dyn Query>)>,
    /// The same filters as facet values, for checking them while counting facets.
    pub facet_filters: Vec<FacetFilter>,
    /// Filters no facet ignores (dates, answered).
    pub other: Vec<Box<dyn Query>>,
}

impl FilterQueries {
    pub fn build(
        searcher: &Searcher,
        schema: &RaadSchema,
        filters: &Filters,
    ) -> Result<FilterQueries> {
        let mut by_facet = Vec::new();
        // (facet, the field its filter reads, values)
        let facets: [(Facet, Field, &Vec<String>); 5] = [
            (Facet::Party, schema.party, &filters.party),
            (
                Facet::Alderman,
                alderman_field(schema, filters.alderman_scope),
                &filters.alderman,
            ),
            (Facet::Councillor, schema.councillor, &filters.councillor),
            (Facet::Topic, schema.topic, &filters.topic),
            (Facet::Kind, schema.kind, &filters.kind),
        ];
        let mut facet_filters = Vec::new();
        for (filter_facet, field, values) in facets {
            if !values.is_empty() {
                let resolved = resolve(searcher, field, values)?;
                by_facet.push((filter_facet, resolved_facet_filter(field, &resolved)));
                let mut matching = 0;
                for value in &resolved {
                    matching += searcher.doc_freq(&Term::from_facet(field, &facet(value)))?;
                }
                let share = matching as f64 / searcher.num_docs().max(1) as f64;
                facet_filters.push(FacetFilter {
                    facet: filter_facet,
                    field,
                    values: resolved,
                    share: share.min(1.0),
                });
            }
        }
        let mut other = Vec::new();
        if filters.date_from.is_some() || filters.date_to.is_some() {
            other.push(date_filter(schema, filters.date_from, filters.date_to));
        }
        if !filters.topic_source.is_empty() {
            other.push(topic_source_filter(schema, &filters.topic_source));
        }
        if let Some(answered) = filters.has_answer {
            other.push(Box::new(TermQuery::new(
                Term::from_field_bool(schema.has_answer, answered),
                IndexRecordOption::Basic,
            )) as Box<dyn Query>);
        }
        Ok(FilterQueries {
            by_facet,
            facet_filters,
            other,
        })
    }
}
