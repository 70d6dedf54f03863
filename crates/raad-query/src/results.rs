//! What a search returns: [`SearchResults`], plain serde data ready for a table, JSON or CSV.

use std::collections::BTreeMap;
use std::ops::Range;

use raad_core::{Date, Facet, Record, Source, TopicSource};
use serde::{Deserialize, Serialize};

use crate::request::{Highlight, MatchMode};
use crate::suggest::Suggestion;
use crate::warning::Warning;

/// The answer to one [`crate::SearchRequest`].
///
/// Serializes as
/// `{"total":N,"matching":"all","hits":[…],"facets":{"party":[{"value":..,"count":..}],…},"took_ms":..}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SearchResults {
    /// How many records match (all of them, not only this page), in the set `matching` says.
    pub total: usize,
    /// Which set `total`, the facets and the hits are computed over: records matching every
    /// word (syntax mode, the default) or any word ([`MatchMode::Any`], and plain mode).
    pub matching: MatchMode,
    /// When no record matches every word of a query of several: the records nearest to it.
    /// `total` and the facets stay those of the exact set (0); the hits are then the nearest
    /// records, ranked, and `hits_from` says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nearest: Option<Nearest>,
    /// Where the hits come from: the matches, or the nearest records (see `nearest`).
    pub hits_from: HitsFrom,
    /// The requested page of hits, in the requested order.
    pub hits: Vec<Hit>,
    /// Counts per requested facet, over every match; each list is most frequent first
    /// (`year`: oldest first). Keyed alphabetically ([`Facet`]'s order); [`Facet::ALL`] is
    /// the order to show them in.
    pub facets: BTreeMap<Facet, Vec<FacetCount>>,
    /// What a reader should know about the request: filter values that match nothing in
    /// the index, with the closest values it holds. Left out of JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// Time spent searching, in milliseconds.
    pub took_ms: f64,
    /// "Did you mean …?": for query words in no record or in few, the term the index holds
    /// that was likely meant, names first (see [`Suggestion`]). The search ran as typed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}

/// Where the hits of a result come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum HitsFrom {
    /// The records the search matched.
    #[default]
    Matches,
    /// No record matched; these hold most of the query's words ([`Nearest`]).
    Nearest,
}

/// What is near a query that no record matches as a whole: the largest group of its words
/// that some records hold together, and the words no record shares with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Nearest {
    /// The query's words (clauses, as typed) that the nearest records all hold.
    pub words: Vec<String>,
    /// The words no record holds together with `words`.
    pub missing: Vec<String>,
    /// How many records hold every one of `words` (with the same filters).
    pub total: usize,
}

/// How one hit matched one query word: what `--explain` shows and JSON's `matched`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WordMatch {
    /// The query word (or phrase, prefix, fuzzy word) as typed.
    pub word: String,
    /// How the record matched it.
    pub how: MatchKind,
    /// What the record holds, as written there (`fietspaden`, `fiets paden`, `Coddens`).
    pub form: String,
}

/// The ways a record matches a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MatchKind {
    /// The word as typed (any case).
    Word,
    /// Another form of it: the same stem (`fietspaden` for `fietspad`).
    Stem,
    /// Inside a longer compound (`bedrijvenoverleg` for `overleg`).
    CompoundPart,
    /// The compound's parts as adjacent words (`fiets paden`, `werk-overleg`).
    Parts,
    /// The words of a phrase, in order.
    Phrase,
    /// A word starting with the prefix.
    Prefix,
    /// A word within a few typing errors.
    Fuzzy,
    /// A councillor, party or alderman name.
    Name,
    /// A synonym of the word from the synonym table (`lage-emissiezone` for `LEZ`); the
    /// record does not hold the word itself.
    Synonym,
}

/// One matching record, with what a result list shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hit {
    /// The record's id as the council writes it.
    pub id: String,
    /// The record's council, in an index of several councils.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<String>,
    /// Relevance (higher is better); comparable only within one result list. 0 when the
    /// hits are sorted by date.
    pub score: f32,
    /// The meeting date.
    pub date: Option<Date>,
    /// The kind of record.
    pub kind: Option<String>,
    /// The subject.
    pub title: Option<String>,
    /// The asking councillors with their parties.
    pub councillors: Vec<HitCouncillor>,
    /// The responsible alderman.
    pub alderman: Option<String>,
    /// The record's topics.
    pub topics: Vec<String>,
    /// Where the topics came from: given in the input, or assigned by raad (rules, inferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_source: Option<TopicSource>,
    /// Whether the record has an answer (what `Filters::has_answer` filters on).
    #[serde(default)]
    pub answered: bool,
    /// The date of the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_date: Option<Date>,
    /// Where the record was read from (file and line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The best fragment of title, question or answer, matched words between the request's
    /// markers.
    pub snippet: String,
    /// The same fragment without markers, with the byte ranges of the matched words: for
    /// output that marks words its own way, or not at all (CSV).
    #[serde(skip)]
    pub fragment: Fragment,
    /// Why the record matched: per query word, how (filled when the request asks to
    /// explain, [`crate::SearchRequest::explain`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matched: Vec<WordMatch>,
}

/// An asking councillor as a hit shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HitCouncillor {
    /// The name as written.
    pub name: String,
    /// The canonical party.
    pub party: Option<String>,
}

impl From<raad_core::Councillor> for HitCouncillor {
    /// The name and canonical party of an asking councillor.
    fn from(councillor: raad_core::Councillor) -> HitCouncillor {
        HitCouncillor {
            name: councillor.name,
            party: councillor.party,
        }
    }
}

/// A snippet as plain text and the byte ranges of its matched words.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Fragment {
    /// The text, white space folded to single spaces.
    pub text: String,
    /// Byte ranges of matched words in `text`, in order, not overlapping.
    pub highlights: Vec<Range<usize>>,
}

impl Fragment {
    /// The text with each matched word between the markers.
    pub fn marked(&self, highlight: &Highlight) -> String {
        let mut out = String::with_capacity(self.text.len() + 8 * self.highlights.len());
        let mut at = 0;
        for range in &self.highlights {
            // Ranges out of order or off character boundaries are skipped, never a panic.
            let (Some(gap), Some(word)) =
                (self.text.get(at..range.start), self.text.get(range.clone()))
            else {
                continue;
            };
            out.push_str(gap);
            out.push_str(&highlight.before);
            out.push_str(word);
            out.push_str(&highlight.after);
            at = range.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The matched words, in order (each as it is written in the text).
    pub fn matched_words(&self) -> Vec<&str> {
        self.highlights
            .iter()
            .filter_map(|range| self.text.get(range.clone()))
            .collect()
    }
}

/// How many matches have one value of a facet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FacetCount {
    /// The value (a party, an alderman, a year, …).
    pub value: String,
    /// The number of matching records with that value.
    pub count: u64,
}

impl Hit {
    /// The hit for a record, without snippet.
    /// The id as users type it to pick this record: `Gent/2016_MV_00146` with a council,
    /// else the id alone (as [`Record::qualified_id`]).
    pub fn qualified_id(&self) -> String {
        match &self.council {
            Some(council) => format!("{council}/{}", self.id),
            None => self.id.clone(),
        }
    }

    pub(crate) fn from_record(record: Record, score: f32) -> Hit {
        Hit {
            id: record.id,
            council: record.council,
            score,
            date: record.date,
            kind: record.kind,
            title: record.title,
            councillors: record
                .councillors
                .into_iter()
                .map(HitCouncillor::from)
                .collect(),
            alderman: record.alderman,
            topics: record.topics,
            topic_source: record.topic_source,
            answered: record.answer.is_some(),
            answer_date: record.answer_date,
            source: record.source,
            snippet: String::new(),
            fragment: Fragment::default(),
            matched: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_ranges_with_any_markers() {
        let fragment = Fragment {
            text: "het fietspad aan de Vrijdagmarkt".to_string(),
            highlights: vec![4..12, 20..32],
        };
        assert_eq!(
            fragment.marked(&Highlight::html()),
            "het <mark>fietspad</mark> aan de <mark>Vrijdagmarkt</mark>"
        );
        assert_eq!(fragment.marked(&Highlight::none()), fragment.text);
        assert_eq!(fragment.matched_words(), ["fietspad", "Vrijdagmarkt"]);
    }
}
