//! The record model: one council question with its answer, as plain serde data.
//!
//! The JSON field names are a public contract: they are what `raad parse --json` prints and
//! what the JSON importer reads (the shape of `dekamer-*.jsonl`).

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// One council record: a question of one or more councillors and, when there is one, the answer.
///
/// Optional fields are `None` (absent from JSON) rather than empty strings or placeholders such
/// as `"."`; lists may be empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Record {
    /// The record's number as the council writes it, e.g. `2016_MV_00146` or `NR. 217/14`.
    pub id: String,
    /// The council the record belongs to (`Gent`, `Antwerpen`), as the input or the folder's
    /// `raad.toml` names it; absent for an index of one council. With [`Record::id`] it makes
    /// the record's unique key ([`crate::council::record_key`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<String>,
    /// "mondelinge vraag", "schriftelijke vraag", or another kind kept as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The code inside the id (`MV`, `SV`, `MC`, …), when the id has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The date of the meeting (or of submission, for written questions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The subject, without the "Mondelinge vraag van raadslid …:" prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The councillors who asked the question, in the order the record lists them.
    #[serde(default)]
    pub councillors: Vec<Councillor>,
    /// The responsible alderman (schepen); `"Burgemeester"` when the mayor answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alderman: Option<String>,
    /// Other aldermen involved (`Betrokken:`).
    #[serde(default)]
    pub involved_aldermen: Vec<String>,
    /// Policy topics, the main one first (given in the input, or assigned at index time).
    #[serde(default)]
    pub topics: Vec<String>,
    /// Where [`Record::topics`] came from; absent when the record has no topics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_source: Option<TopicSource>,
    /// How sure an assigned main topic is, from 0 to 1: the share of the neighbours' vote
    /// for an inferred topic, the share of the keyword score for a topic by rules. Absent for
    /// topics given in the input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_confidence: Option<f32>,
    /// The question: the context (`Toelichting`) followed by the question proper (`Vraag`),
    /// paragraphs separated by a blank line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The answer, paragraphs separated by a blank line; `None` when not answered yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The date of the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_date: Option<Date>,
    /// Where the record was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl Record {
    /// A record with only its id set; every other field empty.
    pub fn new(id: impl Into<String>) -> Record {
        Record {
            id: id.into(),
            council: None,
            kind: None,
            code: None,
            date: None,
            title: None,
            councillors: Vec::new(),
            alderman: None,
            involved_aldermen: Vec::new(),
            topics: Vec::new(),
            topic_source: None,
            topic_confidence: None,
            question: None,
            answer: None,
            answer_date: None,
            source: None,
        }
    }
}

/// A councillor who asked a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Councillor {
    /// Full name as written, e.g. `Robin De Wulf`.
    pub name: String,
    /// Canonical party name, the one facets count on (e.g. `Vooruit` for `sp.a`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<String>,
    /// The party exactly as the record writes it (e.g. `sp.a`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_as_written: Option<String>,
}

/// The place a record was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Source {
    /// The file path as given to the parser.
    pub path: String,
    /// The 1-based line where the record starts.
    pub line: u32,
}

impl Record {
    /// The record's unique key in an index: its council's key and its id key
    /// ([`crate::council::record_key`]).
    pub fn key(&self) -> String {
        crate::council::record_key(self.council.as_deref(), &self.id)
    }

    /// The id as users type it to pick this record: `Gent/2016_MV_00146` when it has a
    /// council, else the id alone.
    pub fn qualified_id(&self) -> String {
        match &self.council {
            Some(council) => format!("{council}/{}", self.id),
            None => self.id.clone(),
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// Where a record's topics came from, so that an assigned label is never mistaken for the
/// council's own. Written in lower case in JSON and in the index (`topic_source:given`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum TopicSource {
    /// In the input: the council's (or the data provider's) own label.
    Given,
    /// Assigned by the keyword rules of a taxonomy ([`crate::topics::TopicRules`]).
    Rules,
    /// Inferred from the records with given topics that are most like this one.
    Inferred,
}

impl TopicSource {
    /// Every source, in the order of trust.
    pub const ALL: [TopicSource; 3] = [
        TopicSource::Given,
        TopicSource::Inferred,
        TopicSource::Rules,
    ];

    /// The lower-case name: `given`, `rules` or `inferred`.
    pub fn as_str(self) -> &'static str {
        match self {
            TopicSource::Given => "given",
            TopicSource::Rules => "rules",
            TopicSource::Inferred => "inferred",
        }
    }

    /// The source named `name` (any case), if there is one.
    pub fn from_name(name: &str) -> Option<TopicSource> {
        TopicSource::ALL
            .into_iter()
            .find(|source| source.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

impl std::fmt::Display for TopicSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
