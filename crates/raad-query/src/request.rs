//! What to search for: [`SearchRequest`] and its parts, plain data with defaults.

use raad_core::{Date, Facet, TopicSource};
use serde::{Deserialize, Serialize};

/// How the query text is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The query language: words, `"phrases"`, `-exclusions`, `OR`/`OF`, `field:value`,
    /// `datum:2016..2018`, `prefix*`, `name~`. Malformed text is an error with its column.
    #[default]
    Syntax,
    /// Only words: punctuation is not syntax, every word is OR'ed and ranked. Never fails;
    /// for pasted text and for the relevance harness.
    Plain,
}

/// Which records a syntax-mode search matches: the set that totals, facets, date sorts,
/// pages and exports are computed over. Ranking inside the set is the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MatchMode {
    /// Records that match every query word (and phrase, and field filter); `OR`/`OF` widen
    /// explicitly. A word matches its inflections and compounds that contain it; a compound
    /// query word matches the compound, a longer compound holding it, or its parts as
    /// adjacent words (`fiets paden`), never one part alone. The figure to publish.
    #[default]
    All,
    /// Records that match any query word or any part of a compound query word, those with
    /// every word ranked first: for discovery. Plain mode always matches this way.
    Any,
}

/// The order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (BM25). A query without words (only filters) lists newest first.
    #[default]
    Relevance,
    /// Latest meeting date first; records without a date last.
    Newest,
    /// Earliest meeting date first; records without a date last.
    Oldest,
}

/// Which aldermen an alderman filter looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AldermanScope {
    /// Only the responsible alderman (the one who answers).
    #[default]
    Responsible,
    /// The responsible alderman or any involved one (`Betrokken:`).
    ResponsibleOrInvolved,
}

/// The markers put around matched words in snippets, chosen by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// Written before each matched word.
    pub before: String,
    /// Written after each matched word.
    pub after: String,
}

impl Highlight {
    /// Markers for a caller-chosen pair.
    pub fn new(before: impl Into<String>, after: impl Into<String>) -> Highlight {
        Highlight {
            before: before.into(),
            after: after.into(),
        }
    }

    /// No markers: snippets are plain text.
    pub fn none() -> Highlight {
        Highlight::new("", "")
    }

    /// `<mark>` … `</mark>` for HTML.
    pub fn html() -> Highlight {
        Highlight::new("<mark>", "</mark>")
    }

    /// `**` … `**` for Markdown.
    pub fn markdown() -> Highlight {
        Highlight::new("**", "**")
    }

    /// Bold yellow on a terminal (ANSI escape codes).
    pub fn ansi() -> Highlight {
        Highlight::new("\u{1b}[1;33m", "\u{1b}[0m")
    }
}

impl Default for Highlight {
    /// Markdown's `**`, readable both on a terminal without colour and in JSON.
    fn default() -> Highlight {
        Highlight::markdown()
    }
}

/// Filters on record fields. Several values of one filter are OR'ed; different filters are
/// AND'ed. Values are matched leniently: case, accents and punctuation are ignored, and each
/// word typed may be the start of a word of the value (`nva` → `N-VA`, `watteeuw` →
/// `Filip Watteeuw`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// The council of the record (an index of several councils).
    pub council: Vec<String>,
    /// Party of an asking councillor.
    pub party: Vec<String>,
    /// Alderman, looked for as `alderman_scope` says.
    pub alderman: Vec<String>,
    /// Which aldermen the alderman filter looks at.
    pub alderman_scope: AldermanScope,
    /// An asking councillor.
    pub councillor: Vec<String>,
    /// A topic of the record.
    pub topic: Vec<String>,
    /// Where the record's topics came from.
    pub topic_source: Vec<TopicSource>,
    /// The kind of record ("mondelinge vraag", "schriftelijke vraag", …).
    pub kind: Vec<String>,
    /// Meeting date on or after this day.
    pub date_from: Option<Date>,
    /// Meeting date on or before this day.
    pub date_to: Option<Date>,
    /// Only answered (`Some(true)`) or unanswered (`Some(false)`) records.
    pub has_answer: Option<bool>,
}

impl Filters {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        *self
            == Filters {
                alderman_scope: self.alderman_scope,
                ..Filters::default()
            }
    }
}

/// Snippet length when the request does not say.
pub const DEFAULT_SNIPPET_CHARS: usize = 200;

/// Hits per page when the request does not say.
pub const DEFAULT_LIMIT: usize = 10;

/// One search: the text, how to read it, filters, order, page, facets and snippets.
///
/// Start from [`SearchRequest::new`] (syntax mode) or [`SearchRequest::plain`] and set fields
/// or chain the setters:
///
/// ```
/// use raad_query::{Facet, SearchRequest, Sort};
/// let request = SearchRequest::new("fietspad -parking")
///     .party("Groen")
///     .sort(Sort::Newest)
///     .limit(20)
///     .facets([Facet::Party, Facet::Year]);
/// assert_eq!(request.filters.party, ["Groen"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// The query text; empty matches every record.
    pub text: String,
    /// How the text is read.
    pub mode: Mode,
    /// Which records match in syntax mode (plain mode always matches any word).
    #[serde(rename = "match")]
    pub match_mode: MatchMode,
    /// Fill [`Hit::matched`](crate::Hit::matched): why each hit matched.
    pub explain: bool,
    /// Filters besides the text.
    pub filters: Filters,
    /// The order of the hits.
    pub sort: Sort,
    /// Hits skipped before the first returned.
    pub offset: usize,
    /// Hits returned at most; `None` returns every match.
    pub limit: Option<usize>,
    /// Facets to count; results list them in [`Facet::ALL`] order, each once.
    pub facets: Vec<Facet>,
    /// Values per facet at most (the most frequent); `None` returns every value.
    pub facet_limit: Option<usize>,
    /// Snippet length in characters; 0 leaves snippets empty (and saves their cost).
    pub snippet_chars: usize,
    /// The markers around matched words in snippets.
    pub highlight: Highlight,
}

impl Default for SearchRequest {
    fn default() -> SearchRequest {
        SearchRequest {
            text: String::new(),
            mode: Mode::Syntax,
            match_mode: MatchMode::All,
            explain: false,
            filters: Filters::default(),
            sort: Sort::Relevance,
            offset: 0,
            limit: Some(DEFAULT_LIMIT),
            facets: Vec::new(),
            facet_limit: None,
            snippet_chars: DEFAULT_SNIPPET_CHARS,
            highlight: Highlight::default(),
        }
    }
}

impl SearchRequest {
    /// A request for `text` in the query language, first page of ten.
    pub fn new(text: impl Into<String>) -> SearchRequest {
        SearchRequest {
            text: text.into(),
            ..SearchRequest::default()
        }
    }

    /// A request for `text` as plain words (never fails), first page of ten.
    pub fn plain(text: impl Into<String>) -> SearchRequest {
        SearchRequest {
            text: text.into(),
            mode: Mode::Plain,
            ..SearchRequest::default()
        }
    }

    /// Sets the mode.
    #[must_use]
    pub fn mode(mut self, mode: Mode) -> SearchRequest {
        self.mode = mode;
        self
    }

    /// Sets which records match (syntax mode).
    #[must_use]
    pub fn match_mode(mut self, match_mode: MatchMode) -> SearchRequest {
        self.match_mode = match_mode;
        self
    }

    /// Says per hit which query words it matched, and how ([`Hit::matched`](crate::Hit::matched)).
    #[must_use]
    pub fn explain(mut self, explain: bool) -> SearchRequest {
        self.explain = explain;
        self
    }

    /// Adds a council to the council filter.
    #[must_use]
    pub fn council(mut self, council: impl Into<String>) -> SearchRequest {
        self.filters.council.push(council.into());
        self
    }

    /// Adds a party to the party filter.
    #[must_use]
    pub fn party(mut self, party: impl Into<String>) -> SearchRequest {
        self.filters.party.push(party.into());
        self
    }

    /// Adds an alderman to the alderman filter.
    #[must_use]
    pub fn alderman(mut self, alderman: impl Into<String>) -> SearchRequest {
        self.filters.alderman.push(alderman.into());
        self
    }

    /// Sets which aldermen the alderman filter looks at.
    #[must_use]
    pub fn alderman_scope(mut self, scope: AldermanScope) -> SearchRequest {
        self.filters.alderman_scope = scope;
        self
    }

    /// Adds a councillor to the councillor filter.
    #[must_use]
    pub fn councillor(mut self, councillor: impl Into<String>) -> SearchRequest {
        self.filters.councillor.push(councillor.into());
        self
    }

    /// Adds a topic to the topic filter.
    #[must_use]
    pub fn topic(mut self, topic: impl Into<String>) -> SearchRequest {
        self.filters.topic.push(topic.into());
        self
    }

    /// Adds a source to the topic-source filter: only records whose topics came from it
    /// (e.g. [`TopicSource::Given`], the council's own labels).
    #[must_use]
    pub fn topic_source(mut self, source: TopicSource) -> SearchRequest {
        self.filters.topic_source.push(source);
        self
    }

    /// Adds a kind to the kind filter.
    #[must_use]
    pub fn kind(mut self, kind: impl Into<String>) -> SearchRequest {
        self.filters.kind.push(kind.into());
        self
    }

    /// Keeps records dated on or after `day`.
    #[must_use]
    pub fn date_from(mut self, day: Date) -> SearchRequest {
        self.filters.date_from = Some(day);
        self
    }

    /// Keeps records dated on or before `day`.
    #[must_use]
    pub fn date_to(mut self, day: Date) -> SearchRequest {
        self.filters.date_to = Some(day);
        self
    }

    /// Keeps only answered (`true`) or unanswered (`false`) records.
    #[must_use]
    pub fn has_answer(mut self, answered: bool) -> SearchRequest {
        self.filters.has_answer = Some(answered);
        self
    }

    /// Sets the order of the hits.
    #[must_use]
    pub fn sort(mut self, sort: Sort) -> SearchRequest {
        self.sort = sort;
        self
    }

    /// Skips the first `offset` hits.
    #[must_use]
    pub fn offset(mut self, offset: usize) -> SearchRequest {
        self.offset = offset;
        self
    }

    /// Returns at most `limit` hits.
    #[must_use]
    pub fn limit(mut self, limit: usize) -> SearchRequest {
        self.limit = Some(limit);
        self
    }

    /// Returns every hit (after the offset).
    #[must_use]
    pub fn all(mut self) -> SearchRequest {
        self.limit = None;
        self
    }

    /// Counts these facets.
    #[must_use]
    pub fn facets(mut self, facets: impl IntoIterator<Item = Facet>) -> SearchRequest {
        self.facets = facets.into_iter().collect();
        self
    }

    /// Counts every facet.
    #[must_use]
    pub fn all_facets(self) -> SearchRequest {
        self.facets(Facet::ALL)
    }

    /// Sets the snippet length in characters (0: no snippets).
    #[must_use]
    pub fn snippet_chars(mut self, chars: usize) -> SearchRequest {
        self.snippet_chars = chars;
        self
    }

    /// Sets the markers around matched words in snippets.
    #[must_use]
    pub fn highlight(mut self, highlight: Highlight) -> SearchRequest {
        self.highlight = highlight;
        self
    }
}
