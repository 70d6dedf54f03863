//! Filters: field filters and dates written in the query text, and the request's filters,
//! one query per filter so that facet counting can leave one out.
//!
//! A text clause that is one facet's filter and nothing else (`party:Groen`, `partij:groen OR
//! partij:cd&v`) is the same filter as the request's (`--party Groen`): it joins the
//! request's facet filters (see [`facet_clause`]), so the facet counts ignore it as they
//! ignore the request's. Any other field clause (`party:Groen OR fiets`, `-party:Groen`)
//! is a plain condition on the matches.

use std::ops::Bound;

use raad_core::document::{facet, to_datetime};
use raad_core::party::PartyTable;
use raad_core::{Date, Facet, RaadSchema, TopicSource};
use tantivy::query::{AllQuery, EmptyQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::compose::any_of;
use super::{Planner, TextPlan};
use crate::error::Result;
use crate::facet_counter::FacetFilter;
use crate::facet_values::{resolve, TypedFilter};
use crate::key_queries::{id_filter, topic_source_query};
use crate::parse::{Clause, Item, QueryField};
use crate::request::{AldermanScope, Filters};
use crate::warning::Warning;

/// A facet filter written in the query text: its facet and the values typed (any of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextFacetFilter {
    /// The facet.
    pub facet: Facet,
    /// The values as typed.
    pub values: Vec<String>,
}

/// The facet filter a kept clause is, when it is one facet's filter and nothing else: every
/// alternative a `field:value` of the same facet field (party, alderman, councillor, topic
/// or kind).
pub(super) fn facet_clause(clause: &Clause) -> Option<TextFacetFilter> {
    if clause.excluded {
        return None;
    }
    let mut filter: Option<TextFacetFilter> = None;
    for item in &clause.alternatives {
        let Item::Field { field, value } = item else {
            return None;
        };
        let item_facet = match field {
            QueryField::Council => Facet::Council,
            QueryField::Party => Facet::Party,
            QueryField::Alderman => Facet::Alderman,
            QueryField::Councillor => Facet::Councillor,
            QueryField::Topic => Facet::Topic,
            QueryField::Kind => Facet::Kind,
            QueryField::Id | QueryField::TopicSource => return None,
        };
        match &mut filter {
            Some(filter) if filter.facet != item_facet => return None,
            Some(filter) => filter.values.push(value.clone()),
            None => {
                filter = Some(TextFacetFilter {
                    facet: item_facet,
                    values: vec![value.clone()],
                })
            }
        }
    }
    filter
}

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
                    return Ok(Box::new(id_filter(self.schema, value)));
                }
                if *field == QueryField::TopicSource {
                    let sources: Vec<TopicSource> =
                        TopicSource::from_name(value).into_iter().collect();
                    return Ok(topic_source_filter(self.schema, &sources));
                }
                let (facet, field) = match field {
                    QueryField::Council => (Facet::Council, self.schema.council),
                    QueryField::Party => (Facet::Party, self.schema.party),
                    QueryField::Alderman => {
                        (Facet::Alderman, alderman_field(self.schema, alderman_scope))
                    }
                    QueryField::Councillor => (Facet::Councillor, self.schema.councillor),
                    QueryField::Topic => (Facet::Topic, self.schema.topic),
                    QueryField::Kind | QueryField::Id | QueryField::TopicSource => {
                        (Facet::Kind, self.schema.kind)
                    }
                };
                let typed = TypedFilter {
                    facet,
                    field,
                    typed: std::slice::from_ref(value),
                };
                let resolved = resolve(self.searcher, self.parties, &typed)?;
                self.warnings.extend(resolved.warnings);
                Ok(resolved_facet_filter(field, &resolved.values))
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

/// The request's filters and the facet filters of the query text as queries, one per
/// filter, so facet counting can leave one out.
///
/// A facet may have two filters, one from the text and one from the request (`party:Groen`
/// with `--party N-VA`): a record must pass both, and the facet's counts ignore both, as
/// they ignore one (they count over the matches of every other filter; see
/// [`crate::facet_counter`]).
pub(crate) struct FilterQueries {
    /// Filters that belong to a facet: (facet, query).
    pub by_facet: Vec<(Facet, Box<dyn Query>)>,
    /// The same filters as facet values, for checking them while counting facets.
    pub facet_filters: Vec<FacetFilter>,
    /// Filters no facet ignores (dates, answered).
    pub other: Vec<Box<dyn Query>>,
    /// Filter values, of the text or of the request, that match no value in the index:
    /// the text's first, each (facet, value) once.
    pub warnings: Vec<Warning>,
}

impl FilterQueries {
    /// The filters of `filters` and of the text's facet filters in `plan`; the plan's
    /// warnings (filter values of other field clauses) come first in `warnings`.
    pub fn build(
        searcher: &Searcher,
        schema: &RaadSchema,
        parties: &PartyTable,
        filters: &Filters,
        plan: &TextPlan,
    ) -> Result<FilterQueries> {
        let field_of = |filter_facet: Facet| match filter_facet {
            Facet::Alderman => alderman_field(schema, filters.alderman_scope),
            other => schema.facet_field(other),
        };
        // (facet, values): the text's facet filters, then the request's.
        let text_filters = plan
            .facet_filters
            .iter()
            .map(|filter| (filter.facet, &filter.values));
        let request_filters = [
            (Facet::Council, &filters.council),
            (Facet::Party, &filters.party),
            (Facet::Alderman, &filters.alderman),
            (Facet::Councillor, &filters.councillor),
            (Facet::Topic, &filters.topic),
            (Facet::Kind, &filters.kind),
        ];
        let mut by_facet = Vec::new();
        let mut facet_filters = Vec::new();
        let mut warnings = plan.warnings.clone();
        for (filter_facet, values) in text_filters.chain(request_filters) {
            if values.is_empty() {
                continue;
            }
            let field = field_of(filter_facet);
            let typed = TypedFilter {
                facet: filter_facet,
                field,
                typed: values,
            };
            let resolved = resolve(searcher, parties, &typed)?;
            for warning in resolved.warnings {
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
            }
            let resolved = resolved.values;
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
            warnings,
        })
    }
}
