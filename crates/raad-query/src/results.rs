//! What a search returns: [`SearchResults`], plain serde data ready for a table, JSON or CSV.

use std::collections::BTreeMap;
use std::ops::Range;

use raad_core::{Date, Facet, Record, TopicSource};
use serde::{Deserialize, Serialize};

use crate::request::Highlight;
use crate::suggest::Suggestion;

/// The answer to one [`crate::SearchRequest`].
///
/// Serializes as
/// `{"total":N,"hits":[…],"facets":{"party":[{"value":..,"count":..}],…},"took_ms":..}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// How many records match (all of them, not only this page).
    pub total: usize,
    /// The requested page of hits, in the requested order.
    pub hits: Vec<Hit>,
    /// Counts per requested facet, over every match; each list is most frequent first
    /// (`year`: oldest first). Keyed alphabetically ([`Facet`]'s order); [`Facet::ALL`] is
    /// the order to show them in.
    pub facets: BTreeMap<Facet, Vec<FacetCount>>,
    /// Time spent searching, in milliseconds.
    pub took_ms: f64,
    /// "Did you mean …?": for query words in no record or in few, the term the index holds
    /// that was likely meant, names first (see [`Suggestion`]). The search ran as typed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
}

/// One matching record, with what a result list shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The record's id as the council writes it.
    pub id: String,
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
    /// The best fragment of title, question or answer, matched words between the request's
    /// markers.
    pub snippet: String,
    /// The same fragment without markers, with the byte ranges of the matched words: for
    /// output that marks words its own way, or not at all (CSV).
    #[serde(skip)]
    pub fragment: Fragment,
}

/// An asking councillor as a hit shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HitCouncillor {
    /// The name as written.
    pub name: String,
    /// The canonical party.
    pub party: Option<String>,
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
pub struct FacetCount {
    /// The value (a party, an alderman, a year, …).
    pub value: String,
    /// The number of matching records with that value.
    pub count: u64,
}

impl Hit {
    /// The hit for a record, without snippet.
    pub(crate) fn from_record(record: Record, score: f32) -> Hit {
        Hit {
            id: record.id,
            score,
            date: record.date,
            kind: record.kind,
            title: record.title,
            councillors: record
                .councillors
                .into_iter()
                .map(|councillor| HitCouncillor {
                    name: councillor.name,
                    party: councillor.party,
                })
                .collect(),
            alderman: record.alderman,
            topics: record.topics,
            topic_source: record.topic_source,
            snippet: String::new(),
            fragment: Fragment::default(),
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
