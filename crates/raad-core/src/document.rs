//! Record → tantivy document: the only place that fills index fields from record fields.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHashSet;
use tantivy::schema::Facet;
use tantivy::{DateTime, TantivyDocument};

use crate::analysis::{PreAnalyzed, SECTION_MARKER};
use crate::date::Date;
use crate::id::id_key;
use crate::record::Record;
use crate::schema::RaadSchema;

impl RaadSchema {
    /// The tantivy document for a record.
    pub fn document(&self, record: &Record) -> TantivyDocument {
        self.document_analyzed(record, None)
    }

    /// The tantivy document for a record whose `body` was analyzed already (by
    /// [`crate::topics::analyze_for_index`]): the index takes `body`'s tokens as they are
    /// instead of analyzing [`body_text`] again. With `None`, the same as
    /// [`RaadSchema::document`].
    pub fn document_analyzed(
        &self,
        record: &Record,
        body: Option<&PreAnalyzed>,
    ) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_text(self.id, record.key());
        // Without a council the key is the id key already: a single council's index pays
        // for no second term per record.
        if let Some(council) = &record.council {
            doc.add_text(self.plain_id, id_key(&record.id));
            doc.add_facet(self.council, facet(council));
        }
        if let Some(code) = &record.code {
            doc.add_text(self.code, code.to_ascii_uppercase());
        }
        let json = serde_json::to_string(record).expect("a Record always serializes");
        doc.add_text(self.record, json);

        match body {
            Some(body) => doc.add_text(self.body, body.as_str()),
            None => {
                if let Some(body) = body_text(record) {
                    doc.add_text(self.body, body);
                }
            }
        }

        // Each name once: a party as written is mostly the canonical name again, and the
        // repeat would only add tokens (a tenth of all indexed tokens on generated records).
        // A set, not a list searched per name: a record with thousands of names stays linear.
        let mut names = String::new();
        let mut pushed: FxHashSet<AsciiCaseless<'_>> = FxHashSet::default();
        let mut push_name = |name| {
            if !pushed.insert(AsciiCaseless(name)) {
                return;
            }
            names.push_str(name);
            names.push('\n');
        };
        for councillor in &record.councillors {
            push_name(&councillor.name);
            if let Some(party) = &councillor.party {
                push_name(party);
            }
            if let Some(written) = &councillor.party_as_written {
                push_name(written);
            }
        }
        for alderman in record.alderman.iter().chain(&record.involved_aldermen) {
            push_name(alderman);
        }
        if !names.is_empty() {
            doc.add_text(self.names, names);
        }

        if let Some(date) = record.date {
            doc.add_date(self.date, to_datetime(date));
            doc.add_facet(self.year, Facet::from_path([date.year().to_string()]));
        }
        if let Some(answer_date) = record.answer_date {
            doc.add_date(self.answer_date, to_datetime(answer_date));
            if let Some(date) = record.date {
                let delay = answer_date.days_since_epoch() - date.days_since_epoch();
                doc.add_i64(self.answer_delay_days, delay);
            }
        }
        doc.add_bool(self.has_answer, record.answer.is_some());
        if let Some(source) = &record.source {
            doc.add_text(self.source_path, &source.path);
        }

        for councillor in &record.councillors {
            doc.add_facet(self.councillor, facet(&councillor.name));
            if let Some(party) = &councillor.party {
                doc.add_facet(self.party, facet(party));
            }
        }
        if let Some(alderman) = &record.alderman {
            doc.add_facet(self.alderman, facet(alderman));
        }
        for alderman in record.alderman.iter().chain(&record.involved_aldermen) {
            doc.add_facet(self.aldermen_any, facet(alderman));
        }
        for topic in &record.topics {
            doc.add_facet(self.topic, facet(topic));
        }
        if let Some(source) = record.topic_source {
            doc.add_text(self.topic_source, source.as_str());
        }
        if let Some(kind) = &record.kind {
            doc.add_facet(self.kind, facet(kind));
        }
        doc
    }
}

/// A name compared and hashed without regard to ASCII case, so that a set finds `N-VA` and
/// `n-va` equal without lower-casing a copy of every name.
struct AsciiCaseless<'a>(&'a str);

impl PartialEq for AsciiCaseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for AsciiCaseless<'_> {}

impl Hash for AsciiCaseless<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for byte in self.0.bytes() {
            state.write_u8(byte.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

/// What comes between title and question, and between question and answer, in `body`: the
/// section marker on a line of its own.
pub const BODY_SEPARATOR: &str = "\n\u{1F}\n";

/// The text of `body`: title, question and answer in this order, always with both separators
/// (an absent section is empty), so that the two section markers say where the question and the
/// answer begin (raad-query scores title and question matches from the positions between
/// them). A section marker inside a text becomes a space. `None` for a record without any of the
/// three.
pub fn body_text(record: &Record) -> Option<String> {
    let sections = [&record.title, &record.question, &record.answer];
    if sections.iter().all(|section| section.is_none()) {
        return None;
    }
    let length: usize = sections
        .iter()
        .flat_map(|section| section.as_deref())
        .map(str::len)
        .sum();
    let mut body = String::with_capacity(length + 2 * BODY_SEPARATOR.len());
    for (i, section) in sections.into_iter().enumerate() {
        if i > 0 {
            body.push_str(BODY_SEPARATOR);
        }
        if let Some(text) = section {
            if text.contains(SECTION_MARKER) {
                body.push_str(&text.replace(SECTION_MARKER, " "));
            } else {
                body.push_str(text);
            }
        }
    }
    Some(body)
}

/// The one-level facet `/<value>`; a `/` inside the value stays part of the value.
pub fn facet(value: &str) -> Facet {
    Facet::from_path([value])
}

/// Midnight UTC of a date, the form date fields are indexed in.
///
/// A date outside [`Date::FIRST_INDEXED`]..=[`Date::LAST_INDEXED`] (which no record has: parsing
/// rejects them) becomes the day just outside that span, so that a range bound such as
/// `--from 2263` or `--to 1000` keeps its meaning (no record) instead of overflowing tantivy's
/// nanosecond timestamp and wrapping around to match every record.
pub fn to_datetime(date: Date) -> DateTime {
    let days = date.days_since_epoch().clamp(
        Date::FIRST_INDEXED.days_since_epoch() - 1,
        Date::LAST_INDEXED.days_since_epoch() + 1,
    );
    DateTime::from_timestamp_secs(days * 86_400)
}
