//! [`SearchParams`]: a search as URL parameters, the one reading shared by the page, the JSON
//! API and the CSV export, and written back into the links the page offers.

use raad_query::{
    parse::date_bounds, AldermanScope, Facet, Highlight, MatchMode, Mode, SearchRequest, Sort,
    TopicSource, DEFAULT_LIMIT,
};

use crate::lang::Lang;
use crate::limits::Limits;

/// A parameter that cannot be read, naming it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ParamError {
    /// A value the parameter does not take.
    #[error("parameter `{name}`: {message}")]
    Invalid { name: String, message: String },
    /// A parameter no endpoint reads (a typing mistake would otherwise go unnoticed).
    #[error("unknown parameter `{name}`; valid parameters are: {}", PARAMS.join(", "))]
    Unknown { name: String },
}

fn invalid(name: &str, message: impl Into<String>) -> ParamError {
    ParamError::Invalid {
        name: name.to_string(),
        message: message.into(),
    }
}

/// Every parameter a search reads.
pub(crate) const PARAMS: [&str; 22] = [
    "q",
    "mode",
    "match",
    "council",
    "party",
    "alderman",
    "involved",
    "councillor",
    "topic",
    "topic_source",
    "kind",
    "from",
    "to",
    "answered",
    "sort",
    "offset",
    "limit",
    "facets",
    "facet_limit",
    "markers",
    "excel",
    "lang",
];

/// The markers around matched words in API snippets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Markers {
    /// `<mark>` around matched words and the rest HTML-escaped: safe to insert in a page.
    #[default]
    Html,
    /// `**` around matched words, the text as it is.
    Markdown,
    /// The text as it is.
    None,
}

/// The filters with values a user adds one by one: facets on the page, repeated parameters in
/// URLs (`party=Groen&party=N-VA`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListFilter {
    Council,
    Party,
    Alderman,
    Councillor,
    Topic,
    Kind,
}

impl ListFilter {
    pub const ALL: [ListFilter; 6] = [
        ListFilter::Council,
        ListFilter::Party,
        ListFilter::Alderman,
        ListFilter::Councillor,
        ListFilter::Topic,
        ListFilter::Kind,
    ];

    /// The URL parameter.
    pub fn param(self) -> &'static str {
        self.facet().as_str()
    }

    /// The facet whose values it filters on.
    pub fn facet(self) -> Facet {
        match self {
            ListFilter::Council => Facet::Council,
            ListFilter::Party => Facet::Party,
            ListFilter::Alderman => Facet::Alderman,
            ListFilter::Councillor => Facet::Councillor,
            ListFilter::Topic => Facet::Topic,
            ListFilter::Kind => Facet::Kind,
        }
    }

    /// The filter of a facet, if the facet is one (the year is a date range instead).
    pub fn of_facet(facet: Facet) -> Option<ListFilter> {
        ListFilter::ALL.into_iter().find(|f| f.facet() == facet)
    }
}

/// A search as its URL parameters say it.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SearchParams {
    pub q: String,
    pub plain: bool,
    pub any: bool,
    /// Values per [`ListFilter`], in [`ListFilter::ALL`] order.
    pub lists: [Vec<String>; 6],
    pub involved: bool,
    pub topic_source: Vec<TopicSource>,
    /// `from` and `to` as typed (2016, 2016-03, 2016-03-15).
    pub from: Option<String>,
    pub to: Option<String>,
    pub answered: Option<bool>,
    pub sort: Sort,
    pub offset: usize,
    pub limit: Option<usize>,
    /// `None`: the endpoint's default.
    pub facets: Option<Vec<Facet>>,
    pub facet_limit: Option<usize>,
    pub markers: Markers,
    pub excel: bool,
    /// Asked for with `lang=`; otherwise the browser's language.
    pub lang: Option<Lang>,
}

impl SearchParams {
    /// Reads a query string (without the `?`), checking each value against `limits`.
    pub fn from_query(query: &str, limits: &Limits) -> Result<SearchParams, ParamError> {
        let mut params = SearchParams::default();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            params.set(&name, value.trim(), limits)?;
        }
        if params.q.chars().count() > limits.max_query_chars {
            return Err(invalid(
                "q",
                format!(
                    "the query is longer than {} characters",
                    limits.max_query_chars
                ),
            ));
        }
        // Both dates are read now, so that a mistake is an error on every endpoint.
        let (from, to) = params.dates()?;
        if let (Some(from), Some(to)) = (from, to) {
            if from > to {
                return Err(invalid("to", "ends before `from` starts"));
            }
        }
        Ok(params)
    }

    fn set(&mut self, name: &str, value: &str, limits: &Limits) -> Result<(), ParamError> {
        match name {
            "q" => self.q = value.to_string(),
            "mode" => {
                self.plain = match value {
                    "syntax" | "" => false,
                    "plain" => true,
                    _ => return Err(invalid(name, "takes `syntax` or `plain`")),
                }
            }
            "match" => {
                self.any = match value {
                    "all" | "" => false,
                    "any" => true,
                    _ => return Err(invalid(name, "takes `all` or `any`")),
                }
            }
            "involved" => self.involved = boolean(name, value)?,
            "topic_source" => {
                if !value.is_empty() {
                    let source = TopicSource::from_name(value)
                        .ok_or_else(|| invalid(name, "takes `given`, `inferred` or `rules`"))?;
                    self.topic_source.push(source);
                }
            }
            "from" => self.from = Some(value.to_string()).filter(|v| !v.is_empty()),
            "to" => self.to = Some(value.to_string()).filter(|v| !v.is_empty()),
            "answered" => {
                self.answered = match value {
                    "" => None,
                    _ => Some(boolean(name, value)?),
                }
            }
            "sort" => {
                self.sort = match value {
                    "relevance" | "" => Sort::Relevance,
                    "newest" => Sort::Newest,
                    "oldest" => Sort::Oldest,
                    _ => return Err(invalid(name, "takes `relevance`, `newest` or `oldest`")),
                }
            }
            "offset" => self.offset = number(name, value, limits.max_offset)?,
            "limit" => self.limit = Some(number(name, value, limits.max_limit)?),
            "facets" => {
                self.facets = Some(match value {
                    "all" => Facet::ALL.to_vec(),
                    "none" | "" => Vec::new(),
                    list => list
                        .split(',')
                        .map(|name_| {
                            Facet::from_name(name_).ok_or_else(|| {
                                invalid(
                                    name,
                                    format!(
                                        "`{}` is not a facet; use all, none or a list of: {}",
                                        name_.trim(),
                                        Facet::ALL.map(Facet::as_str).join(", ")
                                    ),
                                )
                            })
                        })
                        .collect::<Result<_, _>>()?,
                })
            }
            "facet_limit" => {
                self.facet_limit = Some(number(name, value, limits.max_facet_limit)?);
            }
            "markers" => {
                self.markers = match value {
                    "html" | "" => Markers::Html,
                    "markdown" => Markers::Markdown,
                    "none" => Markers::None,
                    _ => return Err(invalid(name, "takes `html`, `markdown` or `none`")),
                }
            }
            "excel" => self.excel = boolean(name, value)?,
            "lang" => {
                self.lang = match value {
                    "" => None,
                    code => Some(
                        Lang::from_code(code).ok_or_else(|| invalid(name, "takes `nl` or `en`"))?,
                    ),
                }
            }
            other => match ListFilter::ALL.into_iter().find(|f| f.param() == other) {
                Some(filter) => {
                    if !value.is_empty() && !self.list(filter).iter().any(|v| v == value) {
                        self.lists[filter as usize].push(value.to_string());
                    }
                }
                None => {
                    return Err(ParamError::Unknown {
                        name: other.to_string(),
                    })
                }
            },
        }
        Ok(())
    }

    /// The values of one list filter.
    pub fn list(&self, filter: ListFilter) -> &[String] {
        &self.lists[filter as usize]
    }

    /// The first and last day of `from` and `to`, read as the query language reads dates.
    pub fn dates(
        &self,
    ) -> Result<(Option<raad_query::Date>, Option<raad_query::Date>), ParamError> {
        let read = |name: &str, text: &Option<String>, last: bool| {
            text.as_deref()
                .map(|text| {
                    date_bounds(text)
                        .map(|(first, end)| if last { end } else { first })
                        .ok_or_else(|| invalid(name, "takes a date as 2016, 2016-03 or 2016-03-15"))
                })
                .transpose()
        };
        Ok((
            read("from", &self.from, false)?,
            read("to", &self.to, true)?,
        ))
    }

    /// The library's request. `default_facets` is what an endpoint counts when `facets` is not
    /// given; `highlight` the markers the library puts in snippets.
    pub fn request(&self, default_facets: &[Facet], highlight: Highlight) -> SearchRequest {
        let mut request = SearchRequest::new(self.q.clone())
            .mode(if self.plain {
                Mode::Plain
            } else {
                Mode::Syntax
            })
            .match_mode(if self.any {
                MatchMode::Any
            } else {
                MatchMode::All
            })
            .sort(self.sort)
            .offset(self.offset)
            .limit(self.limit.unwrap_or(DEFAULT_LIMIT))
            .facets(
                self.facets
                    .clone()
                    .unwrap_or_else(|| default_facets.to_vec()),
            )
            .highlight(highlight);
        let filters = &mut request.filters;
        filters.council = self.list(ListFilter::Council).to_vec();
        filters.party = self.list(ListFilter::Party).to_vec();
        filters.alderman = self.list(ListFilter::Alderman).to_vec();
        filters.councillor = self.list(ListFilter::Councillor).to_vec();
        filters.topic = self.list(ListFilter::Topic).to_vec();
        filters.kind = self.list(ListFilter::Kind).to_vec();
        filters.topic_source = self.topic_source.clone();
        if self.involved {
            filters.alderman_scope = AldermanScope::ResponsibleOrInvolved;
        }
        // Checked when the parameters were read.
        if let Ok((from, to)) = self.dates() {
            filters.date_from = from;
            filters.date_to = to;
        }
        filters.has_answer = self.answered;
        request.facet_limit = self.facet_limit;
        request
    }

    /// The parameters that choose the records and their order, as URL pairs (no paging, no
    /// output options): what links to other pages of the same result carry.
    pub fn search_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        if self.plain {
            pairs.push(("mode", "plain".to_string()));
        }
        if self.any {
            pairs.push(("match", "any".to_string()));
        }
        for filter in ListFilter::ALL {
            for value in self.list(filter) {
                pairs.push((filter.param(), value.clone()));
            }
        }
        if self.involved {
            pairs.push(("involved", "true".to_string()));
        }
        for source in &self.topic_source {
            pairs.push(("topic_source", source.as_str().to_string()));
        }
        if let Some(from) = &self.from {
            pairs.push(("from", from.clone()));
        }
        if let Some(to) = &self.to {
            pairs.push(("to", to.clone()));
        }
        if let Some(answered) = self.answered {
            pairs.push(("answered", answered.to_string()));
        }
        match self.sort {
            Sort::Relevance => {}
            Sort::Newest => pairs.push(("sort", "newest".to_string())),
            Sort::Oldest => pairs.push(("sort", "oldest".to_string())),
        }
        pairs
    }
}

fn boolean(name: &str, value: &str) -> Result<bool, ParamError> {
    match value {
        "true" | "1" | "on" | "yes" => Ok(true),
        "false" | "0" | "off" | "no" | "" => Ok(false),
        _ => Err(invalid(name, "takes `true` or `false`")),
    }
}

fn number(name: &str, value: &str, max: usize) -> Result<usize, ParamError> {
    let n: usize = value
        .parse()
        .map_err(|_| invalid(name, format!("takes a number, not `{value}`")))?;
    if n > max {
        return Err(invalid(name, format!("is at most {max}")));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(query: &str) -> Result<SearchParams, ParamError> {
        SearchParams::from_query(query, &Limits::default())
    }

    #[test]
    fn repeated_filters_and_options_read_back_as_pairs() {
        let params =
            read("q=fietspad&party=Groen&party=N-VA&match=any&sort=newest&from=2016").unwrap();
        assert_eq!(params.list(ListFilter::Party), ["Groen", "N-VA"]);
        let request = params.request(&[], Highlight::none());
        assert_eq!(request.filters.party, ["Groen", "N-VA"]);
        assert_eq!(request.match_mode, MatchMode::Any);
        assert_eq!(request.filters.date_from.unwrap().to_string(), "2016-01-01");
        assert_eq!(
            params.search_pairs(),
            [
                ("q", "fietspad".to_string()),
                ("match", "any".to_string()),
                ("party", "Groen".to_string()),
                ("party", "N-VA".to_string()),
                ("from", "2016".to_string()),
                ("sort", "newest".to_string()),
            ]
        );
    }

    #[test]
    fn mistakes_name_the_parameter() {
        let message = |query: &str| read(query).unwrap_err().to_string();
        assert_eq!(message("limit=101"), "parameter `limit`: is at most 100");
        assert_eq!(
            message("sort=best"),
            "parameter `sort`: takes `relevance`, `newest` or `oldest`"
        );
        assert_eq!(
            message("from=2017&to=2016"),
            "parameter `to`: ends before `from` starts"
        );
        assert!(message("partij=Groen").starts_with("unknown parameter `partij`"));
        assert_eq!(
            message("from=15/03/2016"),
            "parameter `from`: takes a date as 2016, 2016-03 or 2016-03-15"
        );
    }
}
